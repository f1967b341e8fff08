import { LitElement, css, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import type { CcEventDetails, CcEventName } from '../../core/events.js';
import { format, onStringsChange, resolveStrings, type StringKey, type Strings } from '../../core/strings.js';

/**
 * Thin base of the four elements: typed intent events, the string table and
 * the host styles they share. Holds no call state: that lives in the store.
 *
 * @cssprop --cc-font-family - Font of every element (default: the system UI font).
 * @cssprop --cc-color-text - Text colour.
 * @cssprop --cc-color-muted - Secondary text colour.
 * @cssprop --cc-color-surface - Card and panel background.
 * @cssprop --cc-color-border - Borders and dividers.
 * @cssprop --cc-color-primary - Video calls, Join, links.
 * @cssprop --cc-color-on-primary - Text on the primary colour.
 * @cssprop --cc-color-success - Voice calls, Accept.
 * @cssprop --cc-color-danger - Decline, End call, Leave.
 * @cssprop --cc-radius - Corner radius.
 * @cssprop --cc-focus-ring - The focus ring's `box-shadow`.
 * @cssprop --cc-avatar-size - Avatar size.
 * @cssprop --cc-avatar-bg - Background behind initials.
 * @cssprop --cc-avatar-color - Colour of initials.
 */
export class CcElement extends LitElement {
  // Reactive properties are declared in `static properties`, here and in every element (with
  // `useDefineForClassFields: false`, so class fields do not shadow Lit's accessors).
  static override properties: PropertyDeclarations = {
    strings: { attribute: false },
  };

  static override styles: CSSResultGroup = css`
    :host {
      box-sizing: border-box;
      font-family: var(--cc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
      color: var(--cc-color-text, #1d2433);
      --_surface: var(--cc-color-surface, #ffffff);
      --_text: var(--cc-color-text, #1d2433);
      --_muted: var(--cc-color-muted, #5b6475);
      --_line: var(--cc-color-border, #dfe3ec);
      --_primary: var(--cc-color-primary, #3b5bdb);
      --_on-primary: var(--cc-color-on-primary, #ffffff);
      --_success: var(--cc-color-success, #1a7f37);
      --_danger: var(--cc-color-danger, #c92a2a);
      --_radius: var(--cc-radius, 12px);
      --_focus: var(--cc-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_primary) 45%, transparent));
    }
    @media (prefers-color-scheme: dark) {
      :host {
        color: var(--cc-color-text, #e8ebf2);
        --_surface: var(--cc-color-surface, #1a1e28);
        --_text: var(--cc-color-text, #e8ebf2);
        --_muted: var(--cc-color-muted, #a3abbb);
        --_line: var(--cc-color-border, #2f3646);
        --_primary: var(--cc-color-primary, #748ffc);
        --_on-primary: var(--cc-color-on-primary, #0b1020);
        /* White text on these keeps 4.5:1 (WCAG AA) on the dark surfaces too. */
        --_success: var(--cc-color-success, #1f7a35);
        --_danger: var(--cc-color-danger, #c92a2a);
      }
    }
    :host([hidden]) {
      display: none !important;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    button {
      font: inherit;
      cursor: pointer;
      border: 0;
      border-radius: var(--_radius);
      min-block-size: 44px;
      max-inline-size: 100%;
      overflow-wrap: anywhere;
      padding-block: 0.55em;
      padding-inline: 1em;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.5em;
      transition: filter 120ms ease, transform 120ms ease;
    }
    @media (forced-colors: active) {
      button {
        border: 1px solid;
      }
    }
    button:focus-visible {
      outline: none;
      box-shadow: var(--_focus);
    }
    button:hover:not([aria-disabled='true']):not(:disabled) {
      filter: brightness(1.08);
    }
    button:active:not([aria-disabled='true']):not(:disabled) {
      transform: scale(0.98);
    }
    button[aria-disabled='true'],
    button:disabled {
      cursor: not-allowed;
      opacity: 0.55;
    }
    /* Not clipped (the icons stay inside their box anyway): a clip is one more paint property per
       icon, and the browser's per-frame layering work grows with them on a page of many buttons. */
    svg {
      inline-size: 1.25em;
      block-size: 1.25em;
      flex: none;
      overflow: visible;
    }
    /* Text in the page's language, or the English fallback on a right-to-left page without a translation:
       each paragraph takes the direction of its own words, so English never reads back to front. */
    p,
    h2 {
      unicode-bidi: plaintext;
    }
    .visually-hidden {
      position: absolute !important;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation: none !important;
        transition: none !important;
      }
    }
  `;

  /** Overrides some of this element's strings (see `setStrings` for the whole page). */
  strings?: Partial<Strings>;

  #unsubscribeStrings: (() => void) | null = null;
  #internals: ElementInternals | null = null;
  /** The states last shown, so a render that changes none touches nothing. */
  #statesShown: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribeStrings = onStringsChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribeStrings?.();
    this.#unsubscribeStrings = null;
  }

  /**
   * Shows `names` as the host's custom states (CSS `:state(name)`) and drops the others. The elements
   * never write an attribute the page did not set, so server-rendered markup hydrates unchanged.
   */
  protected showStates(names: readonly string[]): void {
    const key = names.join(' ');
    if (key === this.#statesShown) return;
    this.#statesShown = key;
    try {
      this.#internals ??= this.attachInternals();
      const states: CustomStateSet | undefined = this.#internals.states;
      if (!states) return;
      for (const name of [...states]) if (!names.includes(name)) states.delete(name);
      // Only what changes: even re-adding a state it has makes the browser restyle the element.
      for (const name of names) if (!states.has(name)) states.add(name);
    } catch {
      // A browser without custom states (Chrome before 125 wants `--name`): the default look stays.
    }
  }

  /** The language this element speaks: its closest `lang` attribute, else the page's. */
  protected get locale(): string {
    return this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || '';
  }

  /** A string from the table in this element's language, placeholders filled with plain text. */
  protected t(key: StringKey, values?: Record<string, string>): string {
    return format(resolveStrings(this.strings, this.locale)[key], values);
  }

  /**
   * Dispatches a bubbling, composed CustomEvent from this element.
   * Returns false when a listener called `preventDefault()` on a cancelable one.
   */
  protected emit<K extends CcEventName>(name: K, detail: CcEventDetails[K], options: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }
}

/** Defines a tag once, so a second copy of the bundle on the page is harmless; a no-op outside browsers. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements !== 'undefined' && !customElements.get(tag)) customElements.define(tag, element);
}
