import { adoptStyles, css } from '@lit/reactive-element/css-tag.js';
import { cleanId, cleanText } from '../../core/clean.js';
import { format, onStringsChange, type StringKey, type Strings } from '../../core/strings.js';
import type { CallType, Party } from '../../core/types.js';
import { unavailableReason } from '../../store/selectors.js';
import { getStore } from '../../store/store.js';
import { BaseElement, define, emitFrom, HostStates, stringsFor } from '../shared/host.js';
import { hostStyles } from '../shared/host-styles.js';
import { warmUpOnIntent } from '../shared/warm-up.js';
import { availabilityFor, follow, unfollow } from './availability.js';
import { callButtonStyles } from './cc-call-button.styles.js';
import { cloneShell, setAttribute, setText, showLook, type Look, type Shell } from './shell.js';

// One stylesheet, not two: each shadow root's sheets cost the style engine work, a thousand times over.
const styles = css`${hostStyles}${callButtonStyles}`;

/** The attributes a page may write, and the property each sets. */
const ATTRIBUTE_PROPERTIES = {
  uid: 'uid',
  guid: 'guid',
  'call-type': 'callType',
  name: 'name',
  label: 'label',
  ring: 'ring',
} as const;
type AttributeName = keyof typeof ATTRIBUTE_PROPERTIES;

interface Properties {
  uid?: string;
  guid?: string;
  callType: CallType;
  name?: string;
  label?: string;
  ring: boolean;
  strings?: Partial<Strings>;
}
/** Every property, the attributes' and `strings`. */
const PROPERTY_NAMES = [...Object.values(ATTRIBUTE_PROPERTIES), 'strings'] as const;

/**
 * @summary One button that starts a 1:1 voice or video call, or a group meeting.
 *
 * With `uid` it rings that user. With `guid` it starts a meeting in that group
 * (announced to the members, who join from a card or notice), or with `ring`,
 * rings the group through the call listener instead. It stays focusable but
 * `aria-disabled` while calling is unavailable, connecting or reconnecting, or a call is ringing or running,
 * and says why. With `name`, its accessible name says whom it calls
 * ("Start video call, Bob Brown"), so a list of them can be told apart.
 *
 * Not a Lit element: a contact list holds a thousand of them, so it renders by hand, cloning a
 * shell made and filled once per look (shell.ts) and setting what differs. It keeps a Lit element's contract: properties that render
 * on the next microtask, `requestUpdate()` and `updateComplete`.
 *
 * @tagname cc-call-button
 * @fires cc-call-request - Cancelable, bubbles, composed. Before a call or meeting starts; `preventDefault()` stops it. Detail: `{ target, callType, kind }`.
 * @fires cc-error - Bubbles, composed. `{ code: 'no-target' }` when clicked with neither a valid `uid` nor `guid`; `{ code: 'config-invalid' }` when `call-type` is neither `video` nor `audio`.
 * @slot - Replaces the button's text (its accessible name then comes from this content).
 * @csspart button - The native button.
 * @csspart icon - The phone or camera icon.
 * @csspart label - The text.
 * @csspart reason - Why calling is not available (shown under the button when it is not, and while it reconnects; otherwise read to screen readers only).
 * @cssstate video - A video-call button (the default), whether from the `call-type` attribute or the `callType` property.
 * @cssstate audio - A voice-call button: `cc-call-button:state(audio)`.
 * @cssprop --cc-call-button-bg - Button background (default: `--cc-color-primary`).
 * @cssprop --cc-call-button-audio-bg - Background of voice-call buttons (default: `--cc-color-success`).
 * @cssprop --cc-call-button-color - Button text colour.
 * @cssprop --cc-font-family - Font of every element (default: the system UI font).
 * @cssprop --cc-color-primary - Video calls, Join, links.
 * @cssprop --cc-color-on-primary - Text on the primary colour.
 * @cssprop --cc-color-success - Voice calls, Accept.
 * @cssprop --cc-color-muted - Secondary text colour (why calling is not available).
 * @cssprop --cc-radius - Corner radius.
 * @cssprop --cc-focus-ring - The focus ring's `box-shadow`.
 */
export class CcCallButton extends BaseElement {
  static readonly observedAttributes = Object.keys(ATTRIBUTE_PROPERTIES);

  /** The buttons due to render, all in one microtask: a page adding a thousand schedules one, not a thousand. */
  static #due = new Set<CcCallButton>();
  /** That microtask; null when no button is due. */
  static #rendered: Promise<boolean> | null = null;

  /** The connected buttons, which one strings listener re-renders when the page's strings or language change. */
  static #connected = new Set<CcCallButton>();
  static #unsubscribeStrings: (() => void) | null = null;

  // Listeners shared by every button (no function per button): `this` is the node listened on.
  static #onClick(this: HTMLButtonElement): void {
    CcCallButton.#hostOf(this).#click();
  }

  static #onSlotChange(this: HTMLSlotElement): void {
    CcCallButton.#hostOf(this).#slotChanged(this);
  }

  static #hostOf(node: Node): CcCallButton {
    return (node.getRootNode() as ShadowRoot).host as CcCallButton;
  }

  static #renderDue(): boolean {
    CcCallButton.#rendered = null;
    const due = [...CcCallButton.#due];
    CcCallButton.#due.clear();
    for (const button of due) {
      try {
        if (button.isConnected || button.#shell) button.#render();
      } catch (error) {
        reportError(error); // one button's failure is not every button's
      }
    }
    return true;
  }

  #properties: Properties = { callType: 'video', ring: false };
  #shell: Shell | null = null;
  #states = new HostStates(this);
  /** Whether the page slotted its own text, which then names the button as it is. */
  #slotted = false;

  constructor() {
    super();
    adoptStyles(this.attachShadow({ mode: 'open' }), [styles]);
    // The default type's state while not yet on the page, where setting it restyles nothing.
    this.#states.show(['video']);
    warmUpOnIntent(this, 'button');
    // Properties a framework set before this element was defined live on the instance, hiding the
    // accessors: take them over.
    for (const name of PROPERTY_NAMES) {
      if (Object.hasOwn(this, name)) {
        const value = this[name] as never;
        delete (this as Partial<Properties>)[name];
        this[name] = value;
      }
    }
  }

  /**
   * The user to call.
   * @attr uid
   */
  get uid(): string | undefined {
    return this.#properties.uid;
  }
  set uid(value: string | undefined) {
    this.#set('uid', value);
  }

  /**
   * The group to call: starts a meeting, or rings the group with `ring`.
   * @attr guid
   */
  get guid(): string | undefined {
    return this.#properties.guid;
  }
  set guid(value: string | undefined) {
    this.#set('guid', value);
  }

  /**
   * `video` (default) or `audio`.
   * @attr call-type
   * @default 'video'
   */
  get callType(): CallType {
    return this.#properties.callType;
  }
  set callType(value: CallType) {
    this.#set('callType', value);
  }

  /**
   * Display name of the callee or group: in the button's accessible name, and "Calling {name}…" before the SDK answers.
   * @attr name
   */
  get name(): string | undefined {
    return this.#properties.name;
  }
  set name(value: string | undefined) {
    this.#set('name', value);
  }

  /**
   * Overrides the button's text and accessible name.
   * @attr label
   */
  get label(): string | undefined {
    return this.#properties.label;
  }
  set label(value: string | undefined) {
    this.#set('label', value);
  }

  /**
   * With `guid`: ring the group through `initiateCall` instead of starting a meeting.
   * @attr ring
   * @default false
   */
  get ring(): boolean {
    return this.#properties.ring;
  }
  set ring(value: boolean) {
    this.#set('ring', value);
  }

  /** Overrides some of this element's strings (see `setStrings` for the whole page). */
  get strings(): Partial<Strings> | undefined {
    return this.#properties.strings;
  }
  set strings(value: Partial<Strings> | undefined) {
    this.#set('strings', value);
  }

  /** Resolves (with true) once the element shows its latest properties, as a Lit element's does. */
  get updateComplete(): Promise<boolean> {
    return (CcCallButton.#due.has(this) && CcCallButton.#rendered) || Promise.resolve(true);
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    const property = ATTRIBUTE_PROPERTIES[name as AttributeName];
    if (property === 'ring') this.ring = value !== null;
    else if (property === 'callType') this.callType = (value ?? undefined) as CallType;
    else this[property] = value ?? undefined;
  }

  connectedCallback(): void {
    follow(this);
    CcCallButton.#connected.add(this);
    CcCallButton.#unsubscribeStrings ??= onStringsChange(() => CcCallButton.#connected.forEach((button) => button.requestUpdate()));
    // On the next microtask, as a Lit element's first render: what the script that defined it does
    // next (a config block says "Connecting…") is in it.
    this.#schedule();
  }

  disconnectedCallback(): void {
    unfollow(this);
    CcCallButton.#connected.delete(this);
    if (!CcCallButton.#connected.size) {
      CcCallButton.#unsubscribeStrings?.();
      CcCallButton.#unsubscribeStrings = null;
    }
  }

  /** Renders on the next microtask, once however many properties change before it. */
  requestUpdate(): void {
    if (this.isConnected || this.#shell) this.#schedule(); // else connecting renders it
  }

  /**
   * Renders now with the store as it is (availability.ts calls it after a paint, while idle, or on focus).
   * @internal
   */
  catchUp(): void {
    CcCallButton.#due.delete(this);
    if (this.isConnected) this.#render();
  }

  #schedule(): void {
    CcCallButton.#due.add(this);
    CcCallButton.#rendered ??= Promise.resolve().then(CcCallButton.#renderDue);
  }

  #set<K extends keyof Properties>(key: K, value: Properties[K]): void {
    if (this.#properties[key] === value) return;
    this.#properties[key] = value;
    this.requestUpdate();
  }

  #kind(): 'direct' | 'meeting' {
    return this.guid && !this.uid && !this.ring ? 'meeting' : 'direct';
  }

  #type(): CallType {
    return this.callType === 'audio' ? 'audio' : 'video';
  }

  #target(): Party | null {
    const uid = cleanId(this.uid);
    const guid = cleanId(this.guid);
    const id = uid ?? guid;
    if (!id) return null;
    return { kind: uid ? 'user' : 'group', id, name: cleanText(this.name) || id, avatar: null };
  }

  #labelKey(): StringKey {
    const audio = this.#type() === 'audio';
    if (this.guid && !this.uid) {
      if (this.ring) return audio ? 'ringVoiceGroup' : 'ringVideoGroup';
      return audio ? 'startVoiceMeeting' : 'startVideoMeeting';
    }
    return audio ? 'startVoiceCall' : 'startVideoCall';
  }

  #click(): void {
    const target = this.#target();
    if (!target) {
      emitFrom(this, 'cc-error', { code: 'no-target', message: '<cc-call-button> needs a uid or a guid to call.' });
      return;
    }
    if (this.callType && this.#type() !== this.callType) {
      emitFrom(this, 'cc-error', { code: 'config-invalid', message: '<cc-call-button> call-type must be "video" or "audio".' });
      return;
    }
    // Checked against the store itself, not the last render, so a double click starts one call.
    if (unavailableReason(getStore().state)) return;
    const callType = this.#type();
    const kind = this.#kind();
    if (!emitFrom(this, 'cc-call-request', { target, callType, kind }, { cancelable: true })) return;
    getStore().dispatch(kind === 'meeting' ? { type: 'start-meeting', group: target, callType } : { type: 'call', target, callType });
  }

  #slotChanged(slot: HTMLSlotElement): void {
    const slotted = slot.assignedNodes().some((node) => node.textContent?.trim());
    // Chrome also reports a change of the fallback text (the label this element renders).
    if (slotted === this.#slotted) return;
    this.#slotted = slotted;
    this.requestUpdate();
  }

  #render(): void {
    const type = this.#type();
    const reasonKey = availabilityFor(this);
    const strings = stringsFor(this, this.strings);
    // What buttons of this type show alike; a page's own `label` is this button's alone.
    // `type: type`, not shorthand: the manifest analyzer reads the shorthand as a module variable.
    const look: Look = {
      type: type,
      label: strings[this.#labelKey()],
      reason: reasonKey ? strings[reasonKey] : '',
      // Shown only while calling is down; otherwise the button's description alone.
      reasonShown: reasonKey === 'unavailable' || reasonKey === 'reconnecting',
    };
    const text = this.label || look.label;
    this.#states.show([type]);
    let fragment: DocumentFragment | null = null;
    if (this.#shell) {
      showLook(this.#shell, look);
    } else {
      // The first render clones a shell that already shows the look: a thousand first renders
      // then set the accessible name each, not eight nodes' attributes and text.
      ({ fragment, shell: this.#shell } = cloneShell(look));
      this.#shell.button.addEventListener('click', CcCallButton.#onClick);
      this.#shell.slot.addEventListener('slotchange', CcCallButton.#onSlotChange);
    }
    if (text !== look.label || !fragment) setText(this.#shell.slot, text);
    const who = cleanText(this.name);
    // A contact list would otherwise hold many buttons all named "Start video call".
    const named = who && !this.label && !this.#slotted ? format(strings.actionFor, { action: text, name: who }) : null;
    setAttribute(this.#shell.button, 'aria-label', named);
    // Into the shadow root once filled in: a slot's fallback text set there would fire a slotchange
    // (in Chrome), a thousand events for nothing on a contact list.
    if (fragment) this.shadowRoot!.append(fragment);
  }
}

define('cc-call-button', CcCallButton);

declare global {
  interface HTMLElementTagNameMap {
    'cc-call-button': CcCallButton;
  }
}
