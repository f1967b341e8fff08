import { html, nothing, type PropertyValues } from 'lit';
import { CcElement } from '../shared/cc-element.js';
import { define } from '../shared/host.js';
import { getStages } from '../../page/stages.js';
import type { AudioOutputDevice, InCallCommand, StageHost } from '../../store/ports.js';
import { StoreController } from '../../store/controller.js';
import { stagedCall } from '../../store/selectors.js';
import type { CallSnapshot, EndReason } from '../../core/types.js';
import type { StringKey } from '../../core/strings.js';
import type { CcEvent } from '../../core/events.js';
import { avatar, avatarStyles } from '../shared/avatar.js';
import { deepActiveElement } from '../shared/focus.js';
import { closeIcon, endIcon } from '../shared/control-icons.js';
import { callIcon } from '../shared/icon-directive.js';
import { callStageStyles } from './cc-call-stage.styles.js';

/** What the stage shows: its `state` property, and the custom state of the same name for styling (`:state(active)`). */
export type StageState = 'idle' | 'calling' | 'connecting' | 'active' | 'ended';

const OUTCOME: Record<EndReason, StringKey> = {
  rejected: 'outcomeRejected',
  busy: 'outcomeBusy',
  unanswered: 'outcomeUnanswered',
  'remote-ended': 'outcomeRemoteEnded',
  'hung-up': 'outcomeHungUp',
  left: 'outcomeLeft',
  cancelled: 'outcomeCancelled',
  declined: 'outcomeDeclined',
  elsewhere: 'outcomeElsewhere',
  timeout: 'outcomeTimeout',
  failed: 'outcomeFailed',
};

function stageState(call: CallSnapshot | null): StageState {
  if (!call) return 'idle';
  switch (call.phase) {
    case 'requesting':
    case 'ringing':
    case 'accepting':
      return call.kind === 'meeting' ? 'connecting' : 'calling';
    case 'connecting':
      return 'connecting';
    case 'active':
      return 'active';
    case 'ended':
      return 'ended';
  }
}

/**
 * @summary Where a call lives: "Calling {name}…", the call session itself, and how it ended.
 *
 * The calls SDK renders into a light-DOM child (`slot="session"`) that the
 * stage creates, so the SDK's own global styles apply. In `overlay` mode
 * (default) it is a modal dialog over the page while a call is outgoing or
 * running; in `inline` mode it stays in the flow. Esc closes the outcome
 * ("Declined", "Call failed"…) but never ends or cancels a call. Without any
 * stage on the page, one overlay stage is added for each call (on `<html>`, after `<body>`, so a
 * site that swaps `<body>` on navigation keeps the call).
 *
 * In a call it shows one row with the avatar, the name and the elapsed time ("Video call · 00:42",
 * with the participants in a meeting), the session, and one End call (1:1) or Leave (meeting): the
 * session's own end button is hidden. Its methods (`muteAudio`, `pauseVideo`, `switchCamera`,
 * `getAudioOutputDevices`, `setAudioOutputDevice`, `switchToVideoCall`) drive the session through
 * the calls SDK, and the session's reports come out as events, so a page can draw its own controls.
 * Focus never falls to the page: it moves to the stage's main button when the control that had it
 * goes (Accept, Join, End call turned into Close, a session control the outcome hides), and goes back
 * to what opened the call when it closes.
 *
 * @tagname cc-call-stage
 * @fires cc-call-request - Cancelable, bubbles, composed. Call again was pressed after Declined, Busy, No answer, a failure or the end of a 1:1 call you made; `preventDefault()` stops it. Detail: `{ target, callType, kind }`.
 * @fires cc-participants-changed - Bubbles, composed. Everyone in the session now. Detail: `{ participants }`.
 * @fires cc-participant-joined - Bubbles, composed. Detail: `{ participant }`.
 * @fires cc-participant-left - Bubbles, composed. Detail: `{ participant }`.
 * @fires cc-participant-muted - Bubbles, composed. Detail: `{ participant, muted }`.
 * @fires cc-audio-devices-changed - Bubbles, composed. Detail: `{ audioOutput }`.
 * @fires cc-call-switched-to-video - Bubbles, composed. The voice call became a video call.
 * @fires cc-screen-share - Bubbles, composed. Detail: `{ active }`.
 * @slot session - Created by the stage; the calls SDK renders the session here.
 * @slot actions - Extra controls next to End call / Leave.
 * @csspart panel - The stage's surface.
 * @csspart header - Avatar, title and status.
 * @csspart avatar - The other party's avatar.
 * @csspart title - Who the call is with.
 * @csspart status - "Calling…", "Ringing…", "Connecting…", the elapsed time, the outcome.
 * @csspart body - Holds the session or the calling / outcome view.
 * @csspart people - In a meeting: who is in it ("2 in the meeting: Alice Adams, Bob Brown").
 * @csspart detail - Why a call failed (e.g. the camera is blocked), under the outcome.
 * @csspart actions - The buttons row.
 * @csspart cancel - Cancel (outgoing, not yet answered).
 * @csspart end - End call (1:1) or Leave (meeting).
 * @csspart close - Closes the outcome view.
 * @csspart again - Call again, after a 1:1 call you made was declined, busy, not answered, failed or ended.
 * @cssstate idle - No call to show (an overlay stage is then hidden): `cc-call-stage:state(idle)`.
 * @cssstate calling - An outgoing call not yet answered ("Calling…", "Ringing…").
 * @cssstate connecting - Answered or joining; the session is starting.
 * @cssstate active - In the call: the session shows.
 * @cssstate ended - The outcome ("Declined", "Call ended"…).
 * @cssstate overlay - In `overlay` mode (the default).
 * @cssstate inline - In `inline` mode.
 * @cssprop --cc-call-stage-bg - Stage background.
 * @cssprop --cc-call-stage-color - Stage text colour.
 * @cssprop --cc-call-stage-backdrop - Overlay backdrop.
 * @cssprop --cc-call-stage-end-bg - End call / Leave / Cancel background (default: `--cc-color-danger`).
 * @cssprop --cc-call-stage-close-bg - Close button background.
 * @cssprop --cc-call-stage-min-height - Minimum height in inline mode.
 * @cssprop --cc-call-stage-session-height - Minimum height of the session area in inline mode (default: the smaller of 70vh and 360px).
 * @cssprop --cc-call-stage-avatar-size - Avatar size while calling.
 * @cssprop --cc-z-index - Stacking order of the overlay.
 */
export class CcCallStage extends CcElement implements StageHost {
  static override styles = [CcElement.styles, avatarStyles, callStageStyles];

  static override properties = {
    mode: {},
    state: { attribute: false },
  };

  /** `overlay` (default): a modal dialog over the page during a call. `inline`: part of the page layout. */
  mode: 'overlay' | 'inline' = 'overlay';

  /**
   * What is shown now: `idle`, `calling`, `connecting`, `active` or `ended`, also the custom state of that name.
   * @readonly
   */
  state: StageState = 'idle';

  // Incoming ringing belongs to <cc-incoming-call>; the stage takes over once the call is answered.
  #call = new StoreController(this, stagedCall);
  #unregister: (() => void) | null = null;
  #session: HTMLElement | null = null;
  #returnFocus: HTMLElement | null = null;
  #announcement = '';
  /** When the call became active (ms), for the elapsed time; its ticker. */
  #since = 0;
  /** Who is in the session, from its `cc-participants-changed` events: shown in a meeting. */
  #people: string[] = [];
  #ticker: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unregister = getStages().register(this);
    this.addEventListener('cc-participants-changed', this.#onParticipants);
    // Back in the page after a move (Turbo's data-turbo-permanent takes a kept stage out with the old <body>).
    this.#tick(this.state === 'active');
    this.#resumeMedia();
  }

  /** Moved with `moveBefore()` (htmx's `hx-preserve` does): the session and its media carry on, nothing to redo. */
  connectedMoveCallback(): void {
    // Defining it keeps the browser from calling disconnectedCallback and connectedCallback for a move.
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('cc-participants-changed', this.#onParticipants);
    this.#unregister?.();
    this.#unregister = null;
    this.#tick(false);
  }

  /**
   * The browser pauses a page's media when it leaves the document; a stage that was only moved plays
   * its session's again (the calls SDK's videos and audio all autoplay).
   */
  #resumeMedia(): void {
    if (this.state !== 'active' && this.state !== 'connecting') return;
    for (const media of this.#session?.querySelectorAll<HTMLMediaElement>('video, audio') ?? []) {
      if (media.paused && media.autoplay) void media.play().catch(() => undefined);
    }
  }

  /** The element the calls SDK renders into; the stage owns it. */
  async sessionContainer(): Promise<HTMLElement> {
    if (!this.#session || this.#session.parentElement !== this) {
      this.#session = document.createElement('div');
      this.#session.slot = 'session';
      this.#session.setAttribute('data-cc-session', '');
      this.append(this.#session);
    }
    await this.updateComplete;
    return this.#session;
  }

  /** Mutes (or, with `false`, unmutes) the microphone in the running call. Rejects with a `CcError` (`no-session`) when none runs. */
  muteAudio(muted = true): Promise<void> {
    return this.#inCall({ type: 'mute-audio', on: muted });
  }

  /** Pauses (or, with `false`, resumes) the camera in the running call. Rejects with `no-session` when none runs. */
  pauseVideo(paused = true): Promise<void> {
    return this.#inCall({ type: 'pause-video', on: paused });
  }

  /** Switches to the next camera (front and back on a phone). Rejects with `no-session` when no call runs. */
  switchCamera(): Promise<void> {
    return this.#inCall({ type: 'switch-camera' });
  }

  /** The audio outputs (speakers, headsets) the call can play through. Rejects with `no-session` when no call runs. */
  getAudioOutputDevices(): Promise<AudioOutputDevice[]> {
    return this.#call.store.inCall({ type: 'audio-outputs' }).then((list) => list ?? []);
  }

  /**
   * Plays the call through the audio output `deviceId` (from `getAudioOutputDevices()`). Rejects with `no-session` when no call
   * runs, and with `in-call-failed` for an id that list does not have (the call goes on).
   */
  setAudioOutputDevice(deviceId: string): Promise<void> {
    return this.#inCall({ type: 'set-audio-output', deviceId: String(deviceId) });
  }

  /** Turns the running voice call into a video call (the stage then reads "Video call"). Rejects with `no-session` when no call runs. */
  switchToVideoCall(): Promise<void> {
    return this.#inCall({ type: 'switch-to-video' });
  }

  #inCall(command: InCallCommand): Promise<void> {
    return this.#call.store.inCall(command).then(() => undefined);
  }

  /** Scrolls the stage into view and focuses its main control (a meeting card's Return). */
  reveal(): void {
    this.scrollIntoView?.({ block: 'nearest' });
    this.#primary()?.focus();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const call = this.#call.value;
    const next = stageState(call);
    if (next !== this.state) this.#announcement = this.#announce(next, call);
    if (next === 'active' && this.state !== 'active') this.#since = Date.now();
    if (next !== 'active' && next !== 'connecting') this.#people = [];
    this.#tick(next === 'active');
    this.state = next;
    this.showStates(this.mode === 'overlay' || this.mode === 'inline' ? [next, this.mode] : [next]);
  }

  #onParticipants = (event: CcEvent<'cc-participants-changed'>): void => {
    this.#people = event.detail.participants.map((p) => p.name);
    this.requestUpdate();
  };

  #tick(on: boolean): void {
    if (on && !this.#ticker) this.#ticker = setInterval(() => this.requestUpdate(), 1000);
    if (!on && this.#ticker) {
      clearInterval(this.#ticker);
      this.#ticker = null;
    }
  }

  #announce(state: StageState, call: CallSnapshot | null): string {
    const name = call?.peer.name ?? '';
    if (state === 'calling') return this.t('announceCalling', { name });
    if (state === 'active') return this.t('announceConnected');
    if (state === 'ended' && call?.reason) return [this.t(OUTCOME[call.reason]), call.error?.message].filter(Boolean).join('. ');
    return '';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!changed.has('state')) return;
    const previous = changed.get('state') as StageState | undefined;
    const visible = this.state !== 'idle';
    if (visible && (previous === undefined || previous === 'idle')) {
      // What to give focus back to once the call is over: what the ringing dialog handed over, or what had it.
      const back = getStages().takeFocus() ?? deepActiveElement();
      this.#returnFocus = back && back !== document.body && !this.#holds(back) ? back : null;
    }
    if (visible) {
      if (this.#focusLost()) this.#primary()?.focus();
      return;
    }
    if (previous && previous !== 'idle') {
      const back = this.#returnFocus;
      this.#returnFocus = null;
      if (!this.#focusLost()) return;
      if (back?.isConnected) back.focus();
      // Inline, with nothing to go back to: the stage itself keeps focus rather than the page's <body>.
      else if (this.mode === 'inline') this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
    }
  }

  /** Whether `element` is one of the stage's own nodes, or inside the session it hosts. */
  #holds(element: Element): boolean {
    return this.shadowRoot!.contains(element) || this.contains(element);
  }

  /**
   * Focus has nowhere sensible to be: on `<body>` (the control that had it was replaced or removed:
   * Accept, Join, End call turned into Close), on a session control the stage no longer shows, or, in
   * overlay mode, anywhere outside the modal stage.
   */
  #focusLost(): boolean {
    const active = deepActiveElement();
    if (!active || active === document.body) return true;
    const inSession = !!this.#session?.contains(active);
    if (inSession) return this.state !== 'active' && this.state !== 'connecting';
    if (this.shadowRoot!.contains(active)) return false;
    return this.mode === 'overlay' && this.state !== 'idle';
  }

  /** The button a keyboard user most likely wants now: Cancel, End call / Leave, Call again, Close. */
  #primary(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.actions [data-primary], .actions button');
  }

  #onKeydown = (event: KeyboardEvent): void => {
    // Esc closes the outcome, never a call: ending one takes End call, Leave or Cancel.
    if (event.key === 'Escape' && this.state === 'ended') return this.#dispatch('dismiss');
    if (event.key !== 'Tab' || this.mode !== 'overlay') return;
    // Keep focus inside the call while it is modal: the session's own controls, then the stage's buttons, round again.
    const focusables = [...this.#sessionFocusables(), ...this.renderRoot.querySelectorAll<HTMLElement>('button')];
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (!first || !last) return;
    const index = focusables.indexOf(deepActiveElement()!);
    const wrapTo =
      index === -1
        ? event.shiftKey
          ? last
          : first
        : event.shiftKey
          ? index === 0
            ? last
            : null
          : index === focusables.length - 1
            ? first
            : null;
    if (!wrapTo) return; // between two of our own controls: the browser's order is right
    event.preventDefault();
    wrapTo.focus();
  };

  /** What a keyboard user can reach inside the session the calls SDK rendered (not inside its iframes, if any). */
  #sessionFocusables(): HTMLElement[] {
    if (this.state !== 'active' && this.state !== 'connecting') return [];
    const candidates = this.#session?.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]') ?? [];
    return [...candidates].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
  }

  #dispatch(type: 'cancel' | 'hang-up' | 'dismiss'): void {
    this.#call.store.dispatch({ type });
  }

  /** Busy, No answer, Declined, Call ended: the same call once more, announced like a call button's. */
  #callAgain(call: CallSnapshot): void {
    const target = call.peer;
    if (!this.emit('cc-call-request', { target, callType: call.type, kind: 'direct' }, { cancelable: true })) return;
    this.#call.store.dispatch({ type: 'call', target, callType: call.type });
  }

  /** "3 in the meeting: Alice Adams, Bob Brown, Carol Chen", or just the count before the names are known. */
  #peopleText(call: CallSnapshot): string {
    const count = String(this.#people.length || (call.othersInSession ?? 0) + 1);
    if (!this.#people.length) return this.t('participants', { count });
    return this.t('participantsList', { count, names: this.#people.join(', ') });
  }

  #elapsed(): string {
    const total = Math.max(0, Math.floor((Date.now() - this.#since) / 1000));
    const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
    const two = (n: number) => String(n).padStart(2, '0');
    return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
  }

  #status(call: CallSnapshot): string {
    switch (this.state) {
      case 'calling':
        return this.t(call.phase === 'ringing' ? 'ringing' : call.phase === 'requesting' ? 'dialling' : 'connecting');
      case 'connecting':
        return this.t('connecting');
      case 'active': {
        const kind = call.kind === 'meeting' ? this.t('inMeeting') : this.t(call.type === 'audio' ? 'voiceCall' : 'videoCall');
        return `${kind} · ${this.#elapsed()}`;
      }
      case 'ended':
        return call.reason ? this.t(OUTCOME[call.reason]) : '';
      default:
        return '';
    }
  }

  #actions(call: CallSnapshot) {
    if (this.state === 'calling') {
      return html`<button class="end" part="cancel" type="button" @click=${() => this.#dispatch('cancel')}>
        ${endIcon}${this.t('cancel')}
      </button>`;
    }
    if (this.state === 'connecting' || this.state === 'active') {
      return html`<button class="end" part="end" type="button" @click=${() => this.#dispatch('hang-up')}>
        ${endIcon}${this.t(call.kind === 'meeting' ? 'leave' : 'endCall')}
      </button>`;
    }
    const again = call.direction === 'outgoing' && call.kind === 'direct' && AGAIN.has(call.reason!);
    // After an unanswered call, calling again is the likely next step; after a finished one, closing is.
    const againFirst = again && !ENDED.has(call.reason!);
    return html`<button class="close" part="close" type="button" @click=${() => this.#dispatch('dismiss')}>
        ${closeIcon}${this.t('close')}</button
      >${
        again
          ? html`<button
              class="again"
              part="again"
              type="button"
              ?data-primary=${againFirst}
              @click=${() => this.#callAgain(call)}
            >
              ${callIcon(call.type)}${this.t('callAgain')}
            </button>`
          : nothing
      }`;
  }

  override render() {
    const call = this.#call.value;
    const live = html`<div class="visually-hidden" role="status" aria-live="polite">${this.#announcement}</div>`;
    if (this.state === 'idle' || !call) {
      return html`${live}${
        this.mode === 'inline'
          ? html`<div class="panel" part="panel" tabindex="-1"><p class="idle-text">${this.t('noCall')}</p></div>`
          : nothing
      }<slot name="session" hidden></slot>`;
    }
    const panel = html`<div
      class="panel"
      part="panel"
      tabindex="-1"
      role=${this.mode === 'overlay' ? 'dialog' : 'region'}
      aria-modal=${this.mode === 'overlay' ? 'true' : nothing}
      aria-labelledby="title"
      aria-describedby="status"
      @keydown=${this.#onKeydown}
    >
      <div class="header" part="header">
        ${avatar(call.peer)}
        <div class="titles">
          <h2 class="title" id="title" part="title"><bdi>${call.peer.name}</bdi></h2>
          <p class="status" id="status" part="status">${this.#status(call)}</p>
          ${
            call.kind === 'meeting' && this.state === 'active' && (this.#people.length || call.othersInSession !== null)
              ? html`<p class="people" part="people">${this.#peopleText(call)}</p>`
              : nothing
          }
        </div>
      </div>
      <div class="body" part="body">
        ${this.state === 'ended' && call.error ? html`<p class="detail" part="detail">${call.error.message}</p>` : nothing}
        <div class="session"><slot name="session"></slot></div>
      </div>
      <div class="actions" part="actions">${this.#actions(call)}<slot name="actions"></slot></div>
    </div>`;
    return html`${live}${this.mode === 'overlay' ? html`<div class="backdrop">${panel}</div>` : panel}`;
  }
}

/** A 1:1 call that ran and ended: someone who just hung up may well want to call back. */
const ENDED = new Set<EndReason>(['hung-up', 'remote-ended']);
/** Outcomes after which calling the same person again makes sense. */
const AGAIN = new Set<EndReason>(['rejected', 'busy', 'unanswered', 'failed', ...ENDED]);

define('cc-call-stage', CcCallStage);

declare global {
  interface HTMLElementTagNameMap {
    'cc-call-stage': CcCallStage;
  }
}
