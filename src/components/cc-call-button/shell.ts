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

/** What the buttons of a contact list show alike: all of a render but a button's own label and name. */
export interface Look {
  type: CallType;
  /** The button's text from the string table (the slot's fallback). */
  label: string;
  /** Why calling is not available, or ''. */
  reason: string;
  /** Whether the reason is shown under the button, not only read as its description. */
  reasonShown: boolean;
}

/**
 * The shadow DOM of each look, made and filled once, cloned for every button that has it: a
 * thousand first renders then write one attribute each, not eight. Few looks exist at a time (two
 * types, the page's languages, calling's availability); the cap bounds a page of many string tables.
 */
const shells = new Map<string, DocumentFragment>();
const MAX_SHELLS = 16;

/** Made with DOM calls (dom.ts), not parsed from markup. */
function shellFor(look: Look): DocumentFragment {
  const key = JSON.stringify(look);
  let fragment = shells.get(key);
  if (!fragment) {
    fragment = document.createDocumentFragment();
    fragment.append(
      makeElement('button', { part: 'button', type: 'button', 'aria-disabled': 'false', 'aria-describedby': 'reason' }, [
        makeElement('span', { part: 'icon' }, [createCallIcon(look.type)]),
        // The slot is the label itself, not wrapped in one: an element less to style and lay out
        // in each of a thousand buttons. It has a box of its own (the styles give it display: block).
        makeElement('slot', { part: 'label' }),
      ]),
      // `hidden` while calling works, not visually hidden: still the button's description
      // (aria-describedby reads hidden elements), and its text changes without any layout.
      makeElement('span', { id: 'reason', part: 'reason', hidden: '' }),
    );
    const shell = nodesOf(fragment, look.type);
    showLook(shell, look);
    setText(shell.slot, look.label);
    if (shells.size >= MAX_SHELLS) shells.clear();
    shells.set(key, fragment);
  }
  return fragment;
}

function nodesOf(fragment: DocumentFragment, type: CallType): Shell {
  const button = fragment.firstElementChild as HTMLButtonElement;
  return {
    button,
    icon: button.firstElementChild as HTMLElement,
    slot: button.lastElementChild as HTMLSlotElement,
    reason: fragment.lastElementChild as HTMLElement,
    type,
  };
}

/** A new copy of the shadow DOM of a button with `look`, and the nodes in it that a render sets. */
export function cloneShell(look: Look): { fragment: DocumentFragment; shell: Shell } {
  const fragment = shellFor(look).cloneNode(true) as DocumentFragment;
  return { fragment, shell: nodesOf(fragment, look.type) };
}

/** Brings `shell` to `look`, but for its label (a button's own or the look's), touching only what differs. */
export function showLook(shell: Shell, look: Look): void {
  if (shell.type !== look.type) {
    shell.icon.replaceChildren(createCallIcon(look.type));
    shell.type = look.type;
  }
  setAttribute(shell.button, 'aria-disabled', look.reason ? 'true' : 'false');
  if (shell.reason.hidden === look.reasonShown) shell.reason.hidden = !look.reasonShown;
  setText(shell.reason, look.reason);
}

/** Sets (or with null removes) an attribute only when it changes: every write restyles. */
export function setAttribute(element: Element, name: string, value: string | null): void {
  if (element.getAttribute(name) === value) return;
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

/** Sets an element's text only when it changes. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
