import type { CcEventDetails, CcEventName } from '../../core/events.js';
import { format, resolveStrings, type StringKey, type Strings } from '../../core/strings.js';

/**
 * What every element does as a host, whether it renders with Lit or by hand (the call button, of
 * which a page may hold a thousand): speak the page's language, dispatch its events, show its states.
 */

/**
 * `HTMLElement`, or a plain class where there is none (Node, rendering a page on the server), so a
 * hand-rendered element's module still imports there, as lit's do.
 */
export const BaseElement: typeof HTMLElement = typeof HTMLElement === 'undefined' ? (class {} as typeof HTMLElement) : HTMLElement;

/** The language `host` speaks: its closest `lang` attribute, else the page's. */
export function localeOf(host: Element): string {
  return host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || '';
}

/** The string table in `host`'s language, its own overrides first. */
export function stringsFor(host: Element, own: Partial<Strings> | undefined): Strings {
  return resolveStrings(own, localeOf(host));
}

/** A string from the table in `host`'s language, its own overrides first, placeholders filled with plain text. */
export function translate(host: Element, own: Partial<Strings> | undefined, key: StringKey, values?: Record<string, string>): string {
  return format(stringsFor(host, own)[key], values);
}

/**
 * Dispatches a bubbling, composed CustomEvent from `host`.
 * Returns false when a listener called `preventDefault()` on a cancelable one.
 */
export function emitFrom<K extends CcEventName>(
  host: HTMLElement,
  name: K,
  detail: CcEventDetails[K],
  options: { cancelable?: boolean } = {},
): boolean {
  return host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
}

/**
 * A host's custom states (CSS `:state(name)`). The elements never write an attribute the page did
 * not set, so server-rendered markup hydrates unchanged.
 */
export class HostStates {
  readonly #host: HTMLElement;
  #internals: ElementInternals | null = null;
  /** The states last shown, so a render that changes none touches nothing. */
  #shown: string | null = null;

  constructor(host: HTMLElement) {
    this.#host = host;
  }

  /** Shows `names` and drops the others. */
  show(names: readonly string[]): void {
    const key = names.join(' ');
    if (key === this.#shown) return;
    this.#shown = key;
    try {
      const first = !this.#internals;
      this.#internals ??= this.#host.attachInternals();
      const states: CustomStateSet | undefined = this.#internals.states;
      if (!states) return;
      // A new element has no states to drop: a thousand first renders skip reading the set.
      if (!first) for (const name of [...states]) if (!names.includes(name)) states.delete(name);
      // Only what changes: even re-adding a state it has makes the browser restyle the element.
      for (const name of names) if (!states.has(name)) states.add(name);
    } catch {
      // A browser without custom states (Chrome before 125 wants `--name`): the default look stays.
    }
  }
}

/** Defines a tag once, so a second copy of the bundle on the page is harmless; a no-op outside browsers. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements !== 'undefined' && !customElements.get(tag)) customElements.define(tag, element);
}
