import { LitElement, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import type { CcEventDetails, CcEventName } from '../../core/events.js';
import { onStringsChange, type StringKey, type Strings } from '../../core/strings.js';
import { emitFrom, HostStates, localeOf, translate } from './host.js';
import { hostStyles } from './host-styles.js';

/**
 * Thin base of the three Lit elements (the stage, the ringing dialog, the meeting card; the call
 * button renders by hand with the same helpers, shared/host.ts): typed intent events, the string
 * table and the host styles they share. Holds no call state: that lives in the store.
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

  static override styles: CSSResultGroup = hostStyles;

  /** Overrides some of this element's strings (see `setStrings` for the whole page). */
  strings?: Partial<Strings>;

  #unsubscribeStrings: (() => void) | null = null;
  #states = new HostStates(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribeStrings = onStringsChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribeStrings?.();
    this.#unsubscribeStrings = null;
  }

  /** Shows `names` as the host's custom states (CSS `:state(name)`) and drops the others. */
  protected showStates(names: readonly string[]): void {
    this.#states.show(names);
  }

  /** The language this element speaks: its closest `lang` attribute, else the page's. */
  protected get locale(): string {
    return localeOf(this);
  }

  /** A string from the table in this element's language, placeholders filled with plain text. */
  protected t(key: StringKey, values?: Record<string, string>): string {
    return translate(this, this.strings, key, values);
  }

  /**
   * Dispatches a bubbling, composed CustomEvent from this element.
   * Returns false when a listener called `preventDefault()` on a cancelable one.
   */
  protected emit<K extends CcEventName>(name: K, detail: CcEventDetails[K], options: { cancelable?: boolean } = {}): boolean {
    return emitFrom(this, name, detail, options);
  }
}
