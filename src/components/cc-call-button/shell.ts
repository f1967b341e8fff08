import type { CallType } from '../../core/types.js';
import { makeElement } from '../shared/dom.js';
import { createCallIcon } from '../shared/icons.js';

/** The nodes a render sets. */
export interface Shell {
  button: HTMLButtonElement;
  icon: HTMLElement;
  slot: HTMLSlotElement;
  reason: HTMLElement;
  type: CallType;
}

/** The shadow DOM of each type of button, made once and cloned for every button. */
const shells = new Map<CallType, DocumentFragment>();

/** Made with DOM calls (dom.ts), not parsed from markup. */
function shellFor(type: CallType): DocumentFragment {
  let shell = shells.get(type);
  if (!shell) {
    shell = document.createDocumentFragment();
    shell.append(
      makeElement('button', { part: 'button', type: 'button', 'aria-disabled': 'false', 'aria-describedby': 'reason' }, [
        makeElement('span', { part: 'icon' }, [createCallIcon(type)]),
        // The slot is the label itself, not wrapped in one: an element less to style and lay out
        // in each of a thousand buttons. It has a box of its own (the styles give it display: block).
        makeElement('slot', { part: 'label' }),
      ]),
      // `hidden` while calling works, not visually hidden: still the button's description
      // (aria-describedby reads hidden elements), and its text changes without any layout.
      makeElement('span', { id: 'reason', part: 'reason', hidden: '' }),
    );
    shells.set(type, shell);
  }
  return shell;
}

/** A new copy of the shadow DOM of a button of `type`, and the nodes in it that a render sets. */
export function cloneShell(type: CallType): { fragment: DocumentFragment; shell: Shell } {
  const fragment = shellFor(type).cloneNode(true) as DocumentFragment;
  const button = fragment.firstElementChild as HTMLButtonElement;
  return {
    fragment,
    shell: {
      button,
      icon: button.firstElementChild as HTMLElement,
      slot: button.lastElementChild as HTMLSlotElement,
      reason: fragment.lastElementChild as HTMLElement,
      type,
    },
  };
}
