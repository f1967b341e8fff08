import { html, nothing, type PropertyValues } from 'lit';
import { CcElement } from '../shared/cc-element.js';
import { define } from '../shared/host.js';
import { callTypeOf, cleanId, cleanSeconds, cleanText } from '../../core/clean.js';
import { meetingFromMessage } from '../../core/messages.js';
import { getStages } from '../../page/stages.js';
import { StoreController } from '../../store/controller.js';
import { meetingCardView, shallowEqual, type MeetingCardState } from '../../store/selectors.js';
import type { CallType, MeetingInfo } from '../../core/types.js';
import type { StringKey } from '../../core/strings.js';
import { callIcon } from '../shared/icon-directive.js';
import { formatTime } from '../shared/time.js';
import { warmUpOnIntent } from '../shared/warm-up.js';
import { meetingCardStyles } from './cc-meeting-card.styles.js';

/** What the card shows: its `state` property, and the custom state of the same name for styling (`:state(ended)`). */
export type { MeetingCardState };

/**
 * @summary One group meeting as a chat's message list shows it: who started it, where, when, and Join.
 *
 * Give it the meeting announcement itself (`.message`, a CometChat
 * `CustomMessage` of type `meeting`, ours or one from CometChat's UI kits),
 * or describe it with attributes. Its state is live: "In meeting" while this
 * user is in that session, "Ended" once a `meeting_ended` message newer than
 * the announcement has been seen. Joining late is normal. A message without a
 * usable session id shows "This meeting can't be joined". Join stays
 * focusable but `aria-disabled` while calling is unavailable or the user is in
 * another call, and says why. It needs no other element on the page.
 *
 * @tagname cc-meeting-card
 * @fires cc-meeting-join-request - Cancelable, bubbles, composed. Join was pressed; `preventDefault()` stops it. Detail: `{ meeting }`.
 * @slot actions - Extra controls next to Join.
 * @csspart card - The card's surface (an `article`).
 * @csspart icon - The camera or phone icon.
 * @csspart text - Holds title, meta and time.
 * @csspart title - "Video meeting" or "Voice meeting".
 * @csspart meta - "Started by {name} in {group}".
 * @csspart time - When it was announced (a `time` element).
 * @csspart actions - The row with the status, Join and the `actions` slot.
 * @csspart status - "In meeting", "Ended" or "This meeting can't be joined".
 * @csspart join - The Join button.
 * @csspart return - While the user is in this meeting: brings the call's stage into view and focuses it.
 * @csspart leave - While the user is in this meeting: leaves it.
 * @cssstate joinable - The meeting can be joined: `cc-meeting-card:state(joinable)`.
 * @cssstate in-meeting - This user is in the meeting.
 * @cssstate ended - The meeting has ended.
 * @cssstate invalid - The message names no meeting that can be joined.
 * @cssprop --cc-meeting-card-bg - Card background (default: `--cc-color-surface`).
 * @cssprop --cc-meeting-card-color - Card text colour.
 * @cssprop --cc-meeting-card-border - Card border colour (default: `--cc-color-border`).
 * @cssprop --cc-meeting-card-max-width - Widest the card grows (default: 360px).
 * @cssprop --cc-meeting-card-icon-bg - Icon background (default: primary for video, success for voice).
 * @cssprop --cc-meeting-card-icon-color - Icon colour.
 * @cssprop --cc-meeting-card-join-bg - Join background (default: `--cc-color-primary`).
 * @cssprop --cc-meeting-card-join-color - Join text colour.
 */
export class CcMeetingCard extends CcElement {
  static override styles = [CcElement.styles, meetingCardStyles];

  static override properties = {
    message: { attribute: false },
    guid: {},
    sessionId: { attribute: 'session-id' },
    callType: { attribute: 'call-type' },
    senderName: { attribute: 'sender-name' },
    groupName: { attribute: 'group-name' },
    sentAt: { attribute: 'sent-at', type: Number },
    state: { attribute: false },
  };

  /** The meeting announcement (a CometChat `CustomMessage`). When set, it wins over the attributes. */
  message?: unknown;

  /** The group the meeting is in. */
  guid?: string;

  /** The session to join (default: `guid`, as CometChat's kits do). */
  sessionId?: string;

  /** `video` (default) or `audio`. */
  callType: CallType = 'video';

  /** Who started the meeting. */
  senderName?: string;

  /** The group's display name (default: `guid`). */
  groupName?: string;

  /** When the meeting was announced, in unix seconds. */
  sentAt?: number;

  /**
   * What the card shows: `joinable`, `in-meeting`, `ended` or `invalid`, also the custom state of that name.
   * @readonly
   */
  state: MeetingCardState = 'invalid';

  // Declared before the controller: its selector reads it from the start.
  #meeting: MeetingInfo | null = null;
  #store = new StoreController(this, (s) => meetingCardView(s, this.#meeting), { equals: shallowEqual, afterPaint: true });

  constructor() {
    super();
    warmUpOnIntent(this, 'join');
  }

  /** The meeting Join joins, or null when there is nothing joinable. */
  get meeting(): MeetingInfo | null {
    return this.#meeting;
  }

  #read(): MeetingInfo | null {
    if (this.message !== undefined && this.message !== null) return meetingFromMessage(this.message);
    const guid = cleanId(this.guid);
    const sessionId = cleanId(this.sessionId) ?? guid;
    if (!sessionId) return null;
    const group = guid ?? sessionId;
    return {
      sessionId,
      guid: group,
      type: callTypeOf(this.callType),
      group: { kind: 'group', id: group, name: cleanText(this.groupName) || cleanText(group), avatar: null },
      sender: { kind: 'user', id: '', name: cleanText(this.senderName), avatar: null },
      sentAt: cleanSeconds(this.sentAt),
    };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const inputs = ['message', 'guid', 'sessionId', 'callType', 'senderName', 'groupName', 'sentAt'];
    if (!this.hasUpdated || inputs.some((key) => changed.has(key))) {
      this.#meeting = this.#read();
      this.#store.refresh();
    }
    this.state = this.#store.value.state;
    this.showStates([this.state]);
  }

  #onJoin = (): void => {
    // Checked against the store itself, not the last render, so a double click joins once.
    const meeting = this.#meeting;
    const { state, reason } = meetingCardView(this.#store.store.state, meeting);
    if (!meeting || state !== 'joinable' || reason) return;
    if (!this.emit('cc-meeting-join-request', { meeting }, { cancelable: true })) return;
    this.#store.store.dispatch({ type: 'join-meeting', meeting });
  };

  /** Set by Leave: once Leave is gone, focus goes to Join rather than falling to the page. */
  #refocus = false;

  #onLeave = (): void => {
    this.#refocus = true;
    this.#store.store.dispatch({ type: 'hang-up' });
  };

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.#refocus || this.state === 'in-meeting') return;
    this.#refocus = false;
    this.renderRoot.querySelector<HTMLElement>('[part="join"]')?.focus();
  }

  /** A translated sentence with each value isolated in a `<bdi>`, so a name in another script cannot reorder it. */
  #sentence(key: StringKey, values: Record<string, string>) {
    return this.t(key)
      .split(/\{(\w+)\}/)
      .map((part, i) => (i % 2 ? html`<bdi>${Object.hasOwn(values, part) ? values[part] : ''}</bdi>` : part));
  }

  #meta(meeting: MeetingInfo | null) {
    const name = meeting?.sender.name ?? '';
    const group = meeting?.group.name ?? '';
    if (name) return this.#sentence(group ? 'startedByIn' : 'startedBy', { name, group });
    return group ? html`<bdi>${group}</bdi>` : nothing;
  }

  #time(sentAt: number) {
    if (!sentAt) return nothing;
    const date = new Date(sentAt * 1000);
    if (Number.isNaN(date.getTime())) return nothing;
    const sameDay = date.toDateString() === new Date().toDateString();
    const locale = this.locale;
    return html`<time part="time" datetime=${date.toISOString()} title=${formatTime(date, locale, 'full')}>
      ${formatTime(date, locale, sameDay ? 'time' : 'date-time')}
    </time>`;
  }

  #status(): string {
    switch (this.state) {
      case 'in-meeting':
        return this.t('inMeeting');
      case 'ended':
        return this.t('meetingEnded');
      case 'invalid':
        return this.t('meetingCannotJoin');
      default:
        return '';
    }
  }

  override render() {
    const meeting = this.#meeting;
    const audio = (meeting?.type ?? callTypeOf(this.callType)) === 'audio';
    const disabled = this.#store.value.reason !== null;
    return html`<article class="card" part="card" aria-labelledby="title meta">
      <span class=${audio ? 'icon audio' : 'icon'} part="icon">${callIcon(audio ? 'audio' : 'video')}</span>
      <div class="text" part="text">
        <p class="title" id="title" part="title">${this.t(audio ? 'voiceMeeting' : 'videoMeeting')}</p>
        <p class="meta" id="meta" part="meta">${this.#meta(meeting)}</p>
        ${this.#time(meeting?.sentAt ?? 0)}
      </div>
      <div class="actions" part="actions">
        <span class="status" id="status" part="status">${this.#status()}</span>
        ${
          this.state === 'joinable'
            ? html`<button
              class="join"
              part="join"
              type="button"
              aria-label=${this.t(audio ? 'joinVoiceMeeting' : 'joinVideoMeeting')}
              aria-disabled=${disabled ? 'true' : 'false'}
              aria-describedby="status reason"
              @click=${this.#onJoin}
            >
              ${this.t('join')}
            </button>`
            : nothing
        }
        ${
          // In the meeting: what the user can do, never a dead Join.
          this.state === 'in-meeting'
            ? html`<button class="return" part="return" type="button" @click=${() => getStages().reveal()}>
                ${this.t('returnToCall')}
              </button>
              <button class="leave" part="leave" type="button" @click=${this.#onLeave}>
                ${this.t('leave')}
              </button>`
            : nothing
        }
        <slot name="actions"></slot>
      </div>
      <span id="reason" class="visually-hidden">${this.#store.value.reason ? this.t(this.#store.value.reason) : ''}</span>
    </article>`;
  }
}

define('cc-meeting-card', CcMeetingCard);

declare global {
  interface HTMLElementTagNameMap {
    'cc-meeting-card': CcMeetingCard;
  }
}
