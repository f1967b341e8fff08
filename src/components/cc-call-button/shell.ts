import type { CallType } from '../../core/types.js';
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

function element(name: string, attributes: Record<string, string>, ...children: Node[]): HTMLElement {
  const made = document.createElement(name);
  for (const [attribute, value] of Object.entries(attributes)) made.setAttribute(attribute, value);
  made.append(...children);
  return made;
}

/** Made with DOM calls, not parsed from markup: a page's Trusted Types policy lets only lit parse HTML. */
function shellFor(type: CallType): DocumentFragment {
  let shell = shells.get(type);
  if (!shell) {
    shell = document.createDocumentFragment();
    shell.append(
      element(
        'button',
        { part: 'button', type: 'button', 'aria-disabled': 'false', 'aria-describedby': 'reason' },
        element('span', { part: 'icon' }, createCallIcon(type)),
        element('span', { part: 'label' }, document.createElement('slot')),
      ),
      // `hidden` while calling works, not visually hidden: still the button's description
      // (aria-describedby reads hidden elements), and its text changes without any layout.
      element('span', { id: 'reason', part: 'reason', hidden: '' }),
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
      slot: button.querySelector('slot')!,
      reason: fragment.lastElementChild as HTMLElement,
      type,
    },
  };
}
