import { html, nothing, type PropertyValues } from 'lit';
import { CcElement, define } from '../../cc-element.js';
import { getStages } from '../../stages.js';
import type { StageHost } from '../../store/ports.js';
import { StoreController } from '../../store/controller.js';
import { stagedCall } from '../../store/selectors.js';
import type { CallSnapshot, EndReason } from '../../store/types.js';
import type { StringKey } from '../../strings.js';
import { avatar, avatarStyles } from '../shared/avatar.js';
import { deepActiveElement } from '../shared/focus.js';
import { closeIcon, endIcon } from '../shared/icons.js';
import { callStageStyles } from './cc-call-stage.styles.js';

/** What the stage shows, reflected as the `state` attribute for styling. */
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
 * stage on the page, one overlay stage is added to `<body>` for each call.
 *
 * @tagname cc-call-stage
 * @slot session - Created by the stage; the calls SDK renders the session here.
 * @slot actions - Extra controls next to End call / Leave.
 * @csspart panel - The stage's surface.
 * @csspart header - Avatar, title and status.
 * @csspart avatar - The other party's avatar.
 * @csspart title - Who the call is with.
 * @csspart status - "Calling…", "Connecting…", the outcome.
 * @csspart body - Holds the session or the calling / outcome view.
 * @csspart detail - Why a call failed (e.g. the camera is blocked), under the outcome.
 * @csspart actions - The buttons row.
 * @csspart cancel - Cancel (outgoing, not yet answered).
 * @csspart end - End call (1:1) or Leave (meeting).
 * @csspart close - Closes the outcome view.
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
    mode: { reflect: true },
    state: { reflect: true },
  };

  /** `overlay` (default): a modal dialog over the page during a call. `inline`: part of the page layout. */
  mode: 'overlay' | 'inline' = 'overlay';

  /** What is shown now (reflected; read-only for users). */
  state: StageState = 'idle';

  // Incoming ringing belongs to <cc-incoming-call>; the stage takes over once the call is answered.
  #call = new StoreController(this, stagedCall);
  #unregister: (() => void) | null = null;
  #session: HTMLElement | null = null;
  #returnFocus: HTMLElement | null = null;
  #announcement = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unregister = getStages().register(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unregister?.();
    this.#unregister = null;
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

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const call = this.#call.value;
    const next = stageState(call);
    if (next !== this.state) this.#announcement = this.#announce(next, call);
    this.state = next;
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
      // Taken in either mode, so a hand-over an inline stage had no use for is not applied to a later call.
      const returnFocus = getStages().takeFocus() ?? deepActiveElement();
      if (this.mode === 'overlay') this.#returnFocus = returnFocus;
    }
    // On opening, and when the button that had focus is replaced (End call by Close): focus stays in the dialog.
    if (visible && this.mode === 'overlay' && !this.shadowRoot!.activeElement && !this.contains(document.activeElement)) {
      this.renderRoot.querySelector<HTMLElement>('.actions button')?.focus();
    }
    if (!visible && previous && previous !== 'idle') {
      if (this.#returnFocus?.isConnected) this.#returnFocus.focus();
      this.#returnFocus = null;
    }
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
    const candidates = this.#session?.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]') ?? [];
    return [...candidates].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
  }

  #dispatch(type: 'cancel' | 'hang-up' | 'dismiss'): void {
    this.#call.store.dispatch({ type });
  }

  #status(call: CallSnapshot): string {
    switch (this.state) {
      case 'calling':
        return call.phase === 'ringing' ? this.t('ringing') : this.t('connecting');
      case 'connecting':
        return this.t('connecting');
      case 'active':
        return call.kind === 'meeting' ? this.t('inMeeting') : this.t(call.type === 'audio' ? 'voiceCall' : 'videoCall');
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
    return html`<button class="close" part="close" type="button" @click=${() => this.#dispatch('dismiss')}>
      ${closeIcon}${this.t('close')}
    </button>`;
  }

  override render() {
    const call = this.#call.value;
    const live = html`<div class="visually-hidden" role="status" aria-live="polite">${this.#announcement}</div>`;
    if (this.state === 'idle' || !call) {
      return html`${live}${
        this.mode === 'inline' ? html`<div class="panel" part="panel"><p class="idle-text">${this.t('noCall')}</p></div>` : nothing
      }<slot name="session" hidden></slot>`;
    }
    const title = this.state === 'calling' ? this.t('calling', { name: call.peer.name }) : call.peer.name;
    const showHero = this.state !== 'active' && this.state !== 'connecting';
    const panel = html`<div
      class="panel"
      part="panel"
      role=${this.mode === 'overlay' ? 'dialog' : 'region'}
      aria-modal=${this.mode === 'overlay' ? 'true' : nothing}
      aria-labelledby="title"
      aria-describedby="status"
      @keydown=${this.#onKeydown}
    >
      <div class="header" part="header">
        ${showHero ? nothing : avatar(call.peer)}
        <div class="titles">
          <h2 class="title" id="title" part="title"><bdi>${title}</bdi></h2>
          <p class="status" id="status" part="status">${this.#status(call)}</p>
        </div>
      </div>
      <div class="body" part="body">
        ${
          showHero
            ? html`<div class="hero">
              ${avatar(call.peer)}
              ${this.state === 'ended' ? html`<span class="outcome">${this.#status(call)}</span>` : nothing}
              ${this.state === 'ended' && call.error ? html`<p class="detail" part="detail">${call.error.message}</p>` : nothing}
            </div>`
            : nothing
        }
        <div class="session"><slot name="session"></slot></div>
      </div>
      <div class="actions" part="actions">${this.#actions(call)}<slot name="actions"></slot></div>
    </div>`;
    return html`${live}${this.mode === 'overlay' ? html`<div class="backdrop">${panel}</div>` : panel}`;
  }
}

define('cc-call-stage', CcCallStage);

declare global {
  interface HTMLElementTagNameMap {
    'cc-call-stage': CcCallStage;
  }
}
