/**
 * The one call store of a page. It holds the machine's state, runs the
 * machine's effects through the backend, and feeds their results back in.
 * Kept on `globalThis` under a registered symbol so that two copies of the
 * bundle on one page (two CMS plugins) share one store and one SDK listener.
 */
import { CcError, toErrorInfo, type CcErrorCode } from '../errors.js';
import { initialState, isLive, transition } from './machine.js';
import type { CallBackend, SessionSignal, StageHost } from './ports.js';
import { openTabChannel, type TabChannel } from './tabs.js';
import type { CallState, Effect, LifecycleDetails, MachineEvent } from './types.js';

export interface StoreSettings {
  /** How long an outcome the user did not cause (declined, busy, no answer, ended) stays on screen, in ms. */
  outcomeMs: number;
  /** Send a `meeting_ended` message when the last participant leaves a meeting. */
  announceMeetingEnd: boolean;
  /** Upper bound for one SDK call, in ms, so nothing waits forever. */
  sdkTimeoutMs: number;
  /** How long a call rings before the caller's SDK gives up, in ms (the configured `ringTimeout`). */
  ringTimeoutMs: number;
}

const DEFAULT_SETTINGS: StoreSettings = { outcomeMs: 2500, announceMeetingEnd: true, sdkTimeoutMs: 20000, ringTimeoutMs: 45000 };

/**
 * An incoming call still ringing this long after the caller's ring timeout can no longer be live:
 * its "unanswered" or cancel was lost (our connection dropped meanwhile). The margin covers a ring
 * that reached us late and the caller's SDK answering its own timer late.
 */
export const RING_EXPIRY_MARGIN_MS = 8000;

const JOINS_KEY = 'cc-call-elements:joined-sessions';

/**
 * How long hanging up waits for endCall before it ends the session anyway. endCall is a
 * network round trip; the camera must not stay on for a whole sdkTimeout when it is slow.
 */
const END_CALL_GRACE_MS = 1500;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CcError('sdk-timeout', `${what} did not answer within ${ms / 1000} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class CallStore extends EventTarget {
  #state: CallState = initialState;
  #backend: CallBackend | null = null;
  #unlisten: (() => void) | null = null;
  #tabs: TabChannel | null = null;
  #queue: MachineEvent[] = [];
  #dispatching = false;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #inFlight = new Set<Promise<void>>();
  /** How many sessions have been handed to the backend; each start ends whatever session ran before it. */
  #sessionStarts = 0;
  #stages: StageHost[] = [];
  #stageFactory: (() => StageHost) | null = null;
  settings: StoreSettings = { ...DEFAULT_SETTINGS };

  get state(): CallState {
    return this.#state;
  }

  get backend(): CallBackend | null {
    return this.#backend;
  }

  /** Calls `listener` after every state change; returns the unsubscribe. */
  subscribe(listener: (state: CallState) => void): () => void {
    const handler = () => listener(this.#state);
    this.addEventListener('change', handler);
    return () => this.removeEventListener('change', handler);
  }

  /** Feeds one event to the machine. Re-entrant calls are queued, so effects always see a settled state. */
  dispatch(event: MachineEvent): void {
    this.#queue.push(event);
    if (this.#dispatching) return;
    this.#dispatching = true;
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) this.#step(next);
    } finally {
      this.#dispatching = false;
    }
  }

  #step(event: MachineEvent): void {
    const { state, effects } = transition(this.#state, event, {
      now: Math.floor(Date.now() / 1000),
      announceMeetingEnd: this.settings.announceMeetingEnd,
    });
    if (state !== this.#state) {
      this.#state = state;
      this.dispatchEvent(new Event('change'));
    }
    const sdkEffects: Effect[] = [];
    for (const effect of effects) {
      if (effect.type === 'emit') this.#emit(effect.name, effect.detail);
      else if (effect.type === 'show-outcome') this.#later(this.settings.outcomeMs, { type: 'outcome-shown', callId: effect.callId });
      else if (effect.type === 'save-joins') saveJoins(effect.joinedAt);
      else if (effect.type === 'expire-ringing') {
        this.#later(this.settings.ringTimeoutMs + RING_EXPIRY_MARGIN_MS, { type: 'ring-expired', callId: effect.callId });
      }
      else sdkEffects.push(effect);
    }
    // One batch runs in order (endCall before clearActiveCall before endSession); batches run side by side.
    if (sdkEffects.length) this.#track(this.#runInOrder(sdkEffects));
  }

  /** Keeps `work` in the set that reset() lets finish before it lets go of the SDK. */
  #track(work: Promise<void>): Promise<void> {
    const tracked = work.finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
    return tracked;
  }

  #emit<K extends keyof LifecycleDetails>(name: K, detail: LifecycleDetails[K]): void {
    if (name === 'cc-error') console.error(`[cc-call-elements] ${(detail as LifecycleDetails['cc-error']).code}: ${(detail as LifecycleDetails['cc-error']).message}`);
    if (typeof document === 'undefined') return;
    document.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  #later(ms: number, event: MachineEvent): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.dispatch(event);
    }, ms);
    this.#timers.add(timer);
  }

  async #runInOrder(effects: Effect[]): Promise<void> {
    const sessionStarts = this.#sessionStarts;
    for (const effect of effects) {
      // A hang-up's end-session can wait up to END_CALL_GRACE_MS behind endCall. If a newer call started
      // its session meanwhile, that start already ended this batch's session; ending "the" session now
      // would take down the new one.
      if (effect.type === 'end-session' && this.#sessionStarts !== sessionStarts) continue;
      await this.#run(effect);
    }
  }

  /**
   * The page is going away: a call placed from here is cancelled so the callee stops ringing, and a
   * running call is ended or left (best effort: the network may not get there). An incoming call
   * keeps ringing, for the user's other tabs and devices to answer.
   */
  #onPageHide = (): void => {
    const { call } = this.#state;
    if (!isLive(call) || (call.direction === 'incoming' && call.phase === 'ringing')) return;
    this.dispatch({ type: 'hang-up' });
  };

  /** An incoming call answered or declined here must stop ringing in the user's other tabs. */
  #announceHandled(sessionId: string): void {
    const uid = this.#state.user?.id;
    if (uid) this.#tabs?.announce({ uid, sessionId });
  }

  #fail(code: CcErrorCode, error: unknown): void {
    this.#emit('cc-error', toErrorInfo(code, error));
  }

  async #run(effect: Effect): Promise<void> {
    const backend = this.#backend;
    if (!backend) return;
    const limit = <T>(promise: Promise<T>, what: string) => withTimeout(promise, this.settings.sdkTimeoutMs, what);
    switch (effect.type) {
      case 'initiate':
        try {
          await backend.checkMedia(effect.callType);
          const sessionId = await limit(backend.initiate(effect.receiverId, effect.receiverType, effect.callType), 'initiateCall');
          this.dispatch({ type: 'initiated', callId: effect.callId, sessionId });
        } catch (error) {
          this.dispatch({ type: 'initiate-failed', callId: effect.callId, error: toErrorInfo('initiate-failed', error) });
        }
        return;
      case 'accept':
        try {
          await backend.checkMedia(this.#state.call?.type ?? 'video');
          await limit(backend.accept(effect.sessionId), 'acceptCall');
          this.#announceHandled(effect.sessionId);
          this.dispatch({ type: 'accepted', callId: effect.callId, sessionId: effect.sessionId });
        } catch (error) {
          this.dispatch({ type: 'accept-failed', callId: effect.callId, sessionId: effect.sessionId, error: toErrorInfo('accept-failed', error) });
        }
        return;
      case 'reject':
        if (effect.status !== 'cancelled') this.#announceHandled(effect.sessionId);
        return limit(backend.reject(effect.sessionId, effect.status), 'rejectCall').catch((e) => this.#fail('reject-failed', e));
      case 'end-call': {
        const ending = this.#track(limit(backend.endCall(effect.sessionId), 'endCall').catch((e) => this.#fail('end-failed', e)));
        await Promise.race([ending, delay(END_CALL_GRACE_MS)]);
        return;
      }
      case 'clear-active-call':
        try {
          backend.clearActiveCall();
        } catch (error) {
          this.#fail('end-failed', error);
        }
        return;
      case 'announce-meeting':
        try {
          await backend.checkMedia(effect.callType);
          await limit(backend.announceMeeting(effect.guid, effect.callType), 'sendCustomMessage');
          this.dispatch({ type: 'meeting-announced', callId: effect.callId, guid: effect.guid });
        } catch (error) {
          this.dispatch({ type: 'announce-failed', callId: effect.callId, error: toErrorInfo('meeting-send-failed', error) });
        }
        return;
      case 'announce-meeting-ended':
        return limit(backend.announceMeetingEnded(effect.guid, effect.sessionId), 'sendCustomMessage').catch((e) =>
          this.#fail('meeting-send-failed', e),
        );
      case 'start-session': {
        const { callId } = effect;
        const sink = (signal: SessionSignal) => this.dispatch({ ...signal, callId } as MachineEvent);
        try {
          await backend.checkMedia(effect.callType);
          const container = await this.#sessionContainer();
          this.#sessionStarts++;
          await limit(backend.startSession({ ...effect, container }, sink), 'starting the call session');
          this.dispatch({ type: 'session-started', callId });
        } catch (error) {
          this.dispatch({ type: 'session-failed', callId, error: toErrorInfo('session-failed', error) });
        }
        return;
      }
      case 'end-session':
        return limit(backend.endSession(), 'ending the call session').catch((e) => this.#fail('session-failed', e));
    }
  }

  // ── wiring ──────────────────────────────────────────────────────

  /** Connects a logged-in backend: one call listener and one message listener for the whole page. */
  attach(backend: CallBackend): void {
    this.#unlistenBackend();
    this.#backend = backend;
    this.#unlisten = backend.listen((event) => this.dispatch(event));
    this.#tabs = openTabChannel(({ uid, sessionId }) => {
      if (uid === this.#state.user?.id) this.dispatch({ type: 'handled-elsewhere', sessionId });
    });
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
    this.dispatch({ type: 'restore-joins', joinedAt: loadJoins() });
  }

  #unlistenBackend(): void {
    this.#unlisten?.();
    this.#unlisten = null;
    this.#tabs?.close();
    this.#tabs = null;
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
  }

  /**
   * Ends any call, removes the SDK listeners and forgets the backend.
   * The page is back to "not configured".
   */
  async reset(): Promise<void> {
    const backend = this.#backend;
    this.dispatch({ type: 'reset' });
    this.#unlistenBackend();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    // Let the teardown of a live call (endCall, end of session) reach the SDK before letting go of it.
    await Promise.allSettled([...this.#inFlight]);
    this.#backend = null;
    await backend?.dispose().catch(() => undefined);
  }

  /** A stage announces itself; the first one connected hosts sessions. */
  registerStage(stage: StageHost): () => void {
    this.#stages.push(stage);
    return () => {
      this.#stages = this.#stages.filter((s) => s !== stage);
    };
  }

  /** Whether any `<cc-call-stage>` is connected. */
  get hasStage(): boolean {
    return this.#stages.length > 0;
  }

  /** Supplies a stage when a session starts and none is on the page (set by the elements module). */
  setStageFactory(factory: () => StageHost): void {
    this.#stageFactory = factory;
  }

  #sessionContainer(): Promise<HTMLElement> {
    const stage = this.#stages[0] ?? this.#stageFactory?.();
    if (!stage) return Promise.reject(new CcError('session-failed', 'No <cc-call-stage> is available to show the call.'));
    return stage.sessionContainer();
  }
}

function loadJoins(): Record<string, number[]> {
  try {
    const raw = globalThis.localStorage?.getItem(JOINS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object') return {};
    const joins: Record<string, number[]> = {};
    for (const [sessionId, times] of Object.entries(parsed)) {
      if (Array.isArray(times)) joins[sessionId] = times.filter((t): t is number => typeof t === 'number');
    }
    return joins;
  } catch {
    return {};
  }
}

function saveJoins(joinedAt: Record<string, number[]>): void {
  try {
    globalThis.localStorage?.setItem(JOINS_KEY, JSON.stringify(joinedAt));
  } catch {
    // Storage may be full or blocked (private mode, sandboxed iframe); joins then last for this page only.
  }
}

const STORE_KEY = Symbol.for('cc-call-elements.store');

/** The page's one store, shared by every copy of the bundle. */
export function getStore(): CallStore {
  const slot = globalThis as unknown as Record<symbol, CallStore | undefined>;
  return (slot[STORE_KEY] ??= new CallStore());
}
