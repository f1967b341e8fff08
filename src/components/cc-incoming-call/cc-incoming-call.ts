import { html, nothing, type PropertyValues } from 'lit';
import { CcElement } from '../shared/cc-element.js';
import { define } from '../shared/host.js';
import { safeUrl } from '../../core/clean.js';
import { dialogConnected } from '../../page/dialogs.js';
import { getStages } from '../../page/stages.js';
import { isLive } from '../../store/state.js';
import { StoreController } from '../../store/controller.js';
import { currentNotice, ringingCall } from '../../store/selectors.js';
import type { CallSnapshot, MeetingInfo } from '../../core/types.js';
import { avatar, avatarStyles } from '../shared/avatar.js';
import { deepActiveElement } from '../shared/focus.js';
import { closeIcon, endIcon } from '../shared/control-icons.js';
import { callIcon } from '../shared/icon-directive.js';
import { startAnimationsOnNextFrame } from './arrival.js';
import { incomingCallStyles } from './cc-incoming-call.styles.js';
import { unlockOnGesture } from './unlock.js';

/** What the element shows: its `state` property, and the custom state of the same name for styling (`:state(ringing)`). */
export type IncomingState = 'idle' | 'ringing' | 'accepting' | 'notice';

interface View {
  call: CallSnapshot | null;
  notice: MeetingInfo | null;
}

/**
 * @summary Rings: who is calling, with large Accept and Decline buttons. Optionally, a notice for new group meetings.
 *
 * An `alertdialog` that takes focus (on Accept) when a call rings, and gives it
 * back when the ringing stops (after Accept, once the call is over); Esc
 * declines. A second incoming call while the user is ringing or in a call is
 * answered "busy" by the store and never shown.
 * One per page is enough: without any, the bundle adds one (on `<html>`, after
 * `<body>`) while a call rings. With `meetings`, a group meeting announced to the user shows a
 * non-modal notice with Join and Dismiss.
 *
 * @tagname cc-incoming-call
 * @fires cc-ringtone-blocked - Bubbles, composed. The browser blocked the ring's sound (no user gesture on the page yet): the dialog pulses, the title flashes, the device vibrates where it can. Detail: `{ sessionId }`.
 * @fires cc-meeting-join-request - Cancelable, bubbles, composed. Join was pressed on the meeting notice; `preventDefault()` stops it. Detail: `{ meeting }`.
 * @slot avatar - Replaces the caller's avatar.
 * @slot actions - Extra controls beside Decline and Accept.
 * @csspart dialog - The ringing panel (`role="alertdialog"`).
 * @csspart avatar - The caller's avatar, with the pulse around it.
 * @csspart title - The caller's name.
 * @csspart subtitle - "Incoming video call", or who is calling which group.
 * @csspart actions - The buttons row.
 * @csspart decline - The Decline button.
 * @csspart accept - The Accept button.
 * @csspart notice - The meeting notice.
 * @csspart notice-text - "{name} started a video meeting in {group}".
 * @csspart join - Join on the meeting notice.
 * @csspart dismiss - Dismiss on the meeting notice.
 * @cssstate idle - Nothing to show: `cc-incoming-call:state(idle)`.
 * @cssstate ringing - A call rings: the dialog shows.
 * @cssstate accepting - Accept was pressed; the call is being answered.
 * @cssstate notice - The meeting notice shows.
 * @cssprop --cc-incoming-call-bg - Panel background.
 * @cssprop --cc-incoming-call-color - Panel text colour.
 * @cssprop --cc-incoming-call-accept-bg - Accept background (default: `--cc-color-success`).
 * @cssprop --cc-incoming-call-join-bg - Join background on the meeting notice (default: `--cc-color-primary`, like the meeting card's Join).
 * @cssprop --cc-incoming-call-decline-bg - Decline background (default: `--cc-color-danger`).
 * @cssprop --cc-incoming-call-avatar-size - Caller avatar size.
 * @cssprop --cc-incoming-call-pulse - Colour of the ringing pulse.
 * @cssprop --cc-incoming-call-inset - Distance from the top of the viewport.
 * @cssprop --cc-z-index - Stacking order.
 */
export class CcIncomingCall extends CcElement {
  static override styles = [CcElement.styles, avatarStyles, incomingCallStyles];

  static override properties = {
    ringtone: {},
    silent: { type: Boolean },
    notify: { type: Boolean },
    meetings: { type: Boolean },
    state: { attribute: false },
  };

  /** URL of a sound to loop while ringing (http, https or relative). Without it, a built-in two-tone ring is synthesised. */
  ringtone?: string;

  /** No sound at all while ringing (the pulse, the title and `cc-ringtone-blocked` still tell the user). */
  silent = false;

  /**
   * Opt-in: asks for permission to notify on the first user gesture on the page, and shows a system
   * notification when a call rings while the tab is hidden.
   */
  notify = false;

  /** Also show a notice, with Join and Dismiss, when a group meeting is announced to the user. */
  meetings = false;

  /**
   * What is shown now: `idle`, `ringing`, `accepting` or `notice`, also the custom state of that name.
   * @readonly
   */
  state: IncomingState = 'idle';

  #call = new StoreController(this, ringingCall);
  #notices = new StoreController(this, currentNotice);
  #missed = new StoreController(this, (s) => s.missed);
  #stopRing: (() => void) | null = null;
  #returnFocus: HTMLElement | null = null;
  #lastRinging: CallSnapshot | null = null;
  #announcement = '';

  override connectedCallback(): void {
    super.connectedCallback();
    dialogConnected(true); // the automatic dialog counts the page's own (page/surfaces.ts)
    document.addEventListener('keydown', this.#onDocumentKeydown);
    // Browsers allow sound only after a gesture: the first one anywhere unlocks the ring.
    unlockOnGesture(this.notify);
  }

  /** Moved with `moveBefore()` (htmx's `hx-preserve` does): it keeps ringing as it was. */
  connectedMoveCallback(): void {
    // Defining it keeps the browser from calling disconnectedCallback and connectedCallback for a move.
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    dialogConnected(false);
    document.removeEventListener('keydown', this.#onDocumentKeydown);
    this.#stopRingtone();
  }

  #view(): View {
    const notice = this.meetings ? this.#notices.value : null;
    return { call: this.#call.value, notice };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const { call, notice } = this.#view();
    const next: IncomingState = call ? (call.phase === 'accepting' ? 'accepting' : 'ringing') : notice ? 'notice' : 'idle';
    let announcement: string | null = null;
    const missed = this.#missed.value;
    // The caller gave up or nobody answered: say who was missed (not after Decline, or an answer in another tab).
    if (missed && missed.callId === this.#lastRinging?.id && !call) announcement = this.t('announceMissed', { name: missed.caller.name });
    if (call && call.id !== this.#lastRinging?.id) {
      announcement = this.t('announceIncoming', { name: call.initiator?.name ?? call.peer.name });
    } else if (next === 'notice' && notice && this.state !== 'notice') {
      announcement = this.t('announceMeeting', { name: notice.sender.name, group: notice.group.name });
    }
    // Cleared on any other change, so the same words next time are a change a screen reader reads again.
    if (announcement !== null) this.#announcement = announcement;
    else if (next !== this.state) this.#announcement = '';
    this.#lastRinging = call;
    this.state = next;
    this.showStates([next]);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const call = this.#call.value;
    if (this.state === 'ringing' && call) this.#startRingtone(call);
    else this.#stopRingtone();
    if (!changed.has('state')) return;
    const previous = changed.get('state') as IncomingState | undefined;
    // The panel's fade-in keeps time from the frame that first paints it, however busy the page.
    const panel = this.renderRoot.querySelector('.dialog, .notice');
    if (panel) startAnimationsOnNextFrame(panel);
    if (this.state === 'ringing' && previous !== 'accepting') {
      this.#returnFocus ??= deepActiveElement();
      this.renderRoot.querySelector<HTMLElement>('[part="accept"]')?.focus();
    }
    // Accepted: the stage opens as this dialog closes, and gives focus back when the call is over.
    if (this.state === 'accepting') getStages().handOverFocus(this.#returnFocus);
    if ((this.state === 'idle' || this.state === 'notice') && (previous === 'ringing' || previous === 'accepting')) {
      // After Decline or a missed call, give focus back here.
      if (!isLive(this.#call.store.state.call)) {
        getStages().handOverFocus(null);
        if (this.#returnFocus?.isConnected) this.#returnFocus.focus();
      }
      this.#returnFocus = null;
    }
  }

  #startRingtone(call: CallSnapshot): void {
    if (this.#stopRing || this.silent) return;
    const caller = call.initiator ?? call.peer;
    const options = {
      // The page's own ringtone may be relative (it is the site's, not another user's).
      url: safeUrl(this.ringtone, true) ?? null,
      text: this.t('announceIncoming', { name: caller.name }),
      host: this,
      sessionId: call.sessionId ?? '',
    };
    // The ring's code loads when a call first rings; a stop that comes first wins.
    let stop: (() => void) | null = null;
    let stopped = false;
    this.#stopRing = () => {
      stopped = true;
      stop?.();
    };
    void import('./ring.js').then(({ ring }) => {
      if (!stopped) stop = ring(options);
    });
  }

  #stopRingtone(): void {
    this.#stopRing?.();
    this.#stopRing = null;
  }

  #onDocumentKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || this.state === 'idle' || this.state === 'notice' || event.defaultPrevented) return;
    // Esc declines from inside the dialog, or when nothing else on the page has focus.
    const active = deepActiveElement();
    if (active && active !== document.body && !this.shadowRoot?.contains(active) && !this.contains(active)) return;
    event.preventDefault();
    this.#call.store.dispatch({ type: 'decline' });
  };

  /** Tab stays in the dialog while it rings: past Accept back to Decline, and the other way round. */
  #trapTab = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab') return;
    const decline = this.renderRoot.querySelector<HTMLElement>('[part="decline"]');
    const accept = this.renderRoot.querySelector<HTMLElement>('[part="accept"]');
    const active = deepActiveElement();
    const wrapTo = event.shiftKey ? (active === decline ? accept : null) : active === accept ? decline : null;
    if (!wrapTo) return;
    event.preventDefault();
    wrapTo.focus();
  };

  #accept = (): void => this.#call.store.dispatch({ type: 'accept' });
  #decline = (): void => this.#call.store.dispatch({ type: 'decline' });

  #join(meeting: MeetingInfo): void {
    if (!this.emit('cc-meeting-join-request', { meeting }, { cancelable: true })) return;
    // The notice goes as the stage opens: the stage takes focus, and has nothing here to give it back to.
    getStages().handOverFocus(null);
    this.#call.store.dispatch({ type: 'join-meeting', meeting });
  }

  #dismiss(meeting: MeetingInfo): void {
    this.#call.store.dispatch({ type: 'dismiss-notice', sessionId: meeting.sessionId });
  }

  #ringing(call: CallSnapshot) {
    const audio = call.type === 'audio';
    const caller = call.initiator ?? call.peer;
    const group = call.peer.kind === 'group';
    const subtitle = group
      ? this.t('groupCalling', { caller: caller.name, group: call.peer.name })
      : this.t(audio ? 'incomingVoiceCall' : 'incomingVideoCall');
    const accepting = call.phase === 'accepting';
    return html`<div
      class="dialog"
      part="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="title"
      aria-describedby="subtitle"
      @keydown=${this.#trapTab}
    >
      <div class="pulse"><slot name="avatar">${avatar(caller)}</slot></div>
      <div class="titles">
        <h2 class="title" id="title" part="title"><bdi>${caller.name}</bdi></h2>
        <p class="subtitle" id="subtitle" part="subtitle">
          ${callIcon(audio ? 'audio' : 'video')}<span>${accepting ? this.t('connecting') : subtitle}</span>
        </p>
      </div>
      <div class="actions" part="actions">
        <button class="decline" part="decline" type="button" aria-label=${this.t('declineCall', { name: caller.name })} @click=${this.#decline}>
          <span class="disc">${endIcon}</span><span class="label">${this.t('decline')}</span>
        </button>
        <slot name="actions"></slot>
        <button
          class="accept"
          part="accept"
          type="button"
          aria-label=${this.t(audio ? 'acceptVoiceCall' : 'acceptVideoCall', { name: caller.name })}
          aria-disabled=${accepting ? 'true' : 'false'}
          @click=${this.#accept}
        >
          <span class="disc">${callIcon(audio ? 'audio' : 'video')}</span><span class="label">${this.t('accept')}</span>
        </button>
      </div>
    </div>`;
  }

  #notice(meeting: MeetingInfo) {
    const audio = meeting.type === 'audio';
    const text = this.t(audio ? 'voiceMeetingStarted' : 'meetingStarted', { name: meeting.sender.name, group: meeting.group.name });
    // A labelled region: a landmark, so a screen reader user can jump to it wherever it appears.
    return html`<div class="notice" part="notice" role="region" aria-labelledby="notice-text">
      <div class="notice-head">
        ${avatar(meeting.sender)}
        <p class="notice-text" id="notice-text" part="notice-text"><bdi>${text}</bdi></p>
      </div>
      <div class="notice-actions">
        <button class="dismiss" part="dismiss" type="button" @click=${() => this.#dismiss(meeting)}>
          ${closeIcon}${this.t('dismiss')}
        </button>
        <button class="join" part="join" type="button" aria-label=${this.t(audio ? 'joinVoiceMeeting' : 'joinVideoMeeting')} @click=${() => this.#join(meeting)}>
          ${callIcon(audio ? 'audio' : 'video')}${this.t('join')}
        </button>
      </div>
    </div>`;
  }

  override render() {
    const { call, notice } = this.#view();
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this.#announcement}</div>
      ${call ? this.#ringing(call) : notice ? this.#notice(notice) : nothing}`;
  }
}

define('cc-incoming-call', CcIncomingCall);

declare global {
  interface HTMLElementTagNameMap {
    'cc-incoming-call': CcIncomingCall;
  }
}
