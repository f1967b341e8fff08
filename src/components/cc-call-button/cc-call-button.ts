import { css, html, nothing, type CSSResult, type PropertyValues } from 'lit';
import { CcElement, define } from '../shared/cc-element.js';
import { cleanId, cleanText } from '../../core/clean.js';
import { unavailableReason } from '../../store/selectors.js';
import { getStore } from '../../store/store.js';
import type { CallType, Party } from '../../core/types.js';
import type { StringKey } from '../../core/strings.js';
import { phoneIcon, videoIcon } from '../shared/icons.js';
import { warmUpOnIntent } from '../shared/warm-up.js';
import { availabilityFor, follow, type Availability } from './availability.js';
import { callButtonStyles } from './cc-call-button.styles.js';

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
 */
export class CcCallButton extends CcElement {
  // One stylesheet, not two: each shadow root's sheets cost the style engine work, a thousand times over.
  static override styles = css`${CcElement.styles as CSSResult}${callButtonStyles}`;

  static override properties = {
    uid: {},
    guid: {},
    callType: { attribute: 'call-type' },
    name: {},
    label: {},
    ring: { type: Boolean },
  };

  /** The user to call. */
  uid?: string;

  /** The group to call: starts a meeting, or rings the group with `ring`. */
  guid?: string;

  /** `video` (default) or `audio`. */
  callType: CallType = 'video';

  /** Display name of the callee or group: in the button's accessible name, and "Calling {name}…" before the SDK answers. */
  name?: string;

  /** Overrides the button's text and accessible name. */
  label?: string;

  /** With `guid`: ring the group through `initiateCall` instead of starting a meeting. */
  ring = false;

  /** What the last render showed; undefined before the first. */
  #shown?: Availability;
  #unfollow: (() => void) | null = null;

  constructor() {
    super();
    warmUpOnIntent(this, 'button');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unfollow = follow(this);
    if (this.#shown !== undefined && this.#shown !== unavailableReason(getStore().state)) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow?.();
    this.#unfollow = null;
  }

  /**
   * Renders now with the store as it is (availability.ts calls it after a paint, while idle, or on focus).
   * @internal
   */
  catchUp(): void {
    this.requestUpdate();
    if (this.isConnected) this.performUpdate();
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

  #onClick = (): void => {
    const target = this.#target();
    if (!target) {
      this.emit('cc-error', { code: 'no-target', message: '<cc-call-button> needs a uid or a guid to call.' });
      return;
    }
    if (this.callType && this.#type() !== this.callType) {
      this.emit('cc-error', { code: 'config-invalid', message: '<cc-call-button> call-type must be "video" or "audio".' });
      return;
    }
    // Checked against the store itself, not the last render, so a double click starts one call.
    if (unavailableReason(getStore().state)) return;
    const callType = this.#type();
    const kind = this.#kind();
    if (!this.emit('cc-call-request', { target, callType, kind }, { cancelable: true })) return;
    getStore().dispatch(kind === 'meeting' ? { type: 'start-meeting', group: target, callType } : { type: 'call', target, callType });
  };

  /** Whether the page slotted its own text, which then names the button as it is. */
  #slotted = false;

  #onSlotChange = (event: Event): void => {
    this.#slotted = (event.target as HTMLSlotElement).assignedNodes().some((node) => node.textContent?.trim());
    this.requestUpdate();
  };

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.showStates([this.#type()]);
  }

  override render() {
    const reasonKey = (this.#shown = availabilityFor(this));
    const reason = reasonKey ? this.t(reasonKey) : null;
    const shownReason = reasonKey === 'unavailable' || reasonKey === 'reconnecting';
    // Shown only while calling is down. Otherwise `hidden`, not visually hidden: still the button's
    // description (aria-describedby reads hidden elements), and its text changes without any layout.
    const text = this.label || this.t(this.#labelKey());
    const who = cleanText(this.name);
    // A contact list would otherwise hold many buttons all named "Start video call".
    const named = who && !this.label && !this.#slotted ? this.t('actionFor', { action: text, name: who }) : nothing;
    return html`<button
        part="button"
        type="button"
        aria-label=${named}
        aria-disabled=${reason ? 'true' : 'false'}
        aria-describedby="reason"
        @click=${this.#onClick}
      >
        <span part="icon">${this.#type() === 'audio' ? phoneIcon : videoIcon}</span>
        <span part="label"><slot @slotchange=${this.#onSlotChange}>${text}</slot></span>
      </button>
      <span id="reason" part="reason" ?hidden=${!shownReason}>${reason ?? ''}</span>`;
  }
}

define('cc-call-button', CcCallButton);

declare global {
  interface HTMLElementTagNameMap {
    'cc-call-button': CcCallButton;
  }
}
