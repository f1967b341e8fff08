/**
 * The one call store of a page: it holds the machine's state, hands each
 * effect to the effect table, and feeds results back in. The machine and its effects (rules.ts)
 * load once calling starts being configured; before that only "configuring" and "failed" can
 * happen (state.ts), and any other event waits for them. Kept on `globalThis`
 * under a registered symbol so that two copies of the bundle on one page (two
 * CMS plugins) share one store and one SDK listener.
 */
import type { LifecycleDetails } from '../core/events.js';
import type { EffectContext, StoreSettings } from './effects.js';
import type { PageLinks } from './page.js';
import { initialState, isLive, statusRules } from './state.js';
import { CcError, describeError } from '../core/errors.js';
import { pageShared } from '../core/shared.js';
import type { AudioOutputDevice, CallBackend, InCallCommand, SessionPlace } from './ports.js';
import type { CallState, Effect, MachineEvent } from './types.js';
import { selectView, type CallView } from './view.js';

export type { StoreSettings };

type CallRules = typeof import('./rules.js');

/** Until configure() attaches a backend with its settings; nothing times out or shows an outcome before. */
const UNCONFIGURED: StoreSettings = { outcomeMs: 0, announceMeetingEnd: false, ringTimeoutMs: 0 };

const NO_STAGE = 'No <cc-call-stage> is available to show the call.';

export class CallStore extends EventTarget {
  #state: CallState = initialState;
  #backend: CallBackend | null = null;
  #unlisten: (() => void) | null = null;
  #page: PageLinks | null = null;
  #queue: MachineEvent[] = [];
  #dispatching = false;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #inFlight = new Set<Promise<unknown>>();
  #settings: StoreSettings = UNCONFIGURED;
  #rules: CallRules | null = null;
  #rulesLoading: Promise<CallRules> | null = null;
  /** Events that came before the call rules, in order. */
  #waiting: MachineEvent[] = [];
  readonly #importRules: () => Promise<CallRules>;

  /** `importRules`: how the call rules arrive (their chunk; a test may hand in its own). */
  constructor(importRules: () => Promise<CallRules> = () => import('./rules.js')) {
    super();
    this.#importRules = importRules;
  }
  #stages: SessionPlace | null = null;
  #view: CallView | null = null;

  get state(): CallState {
    return this.#state;
  }

  /** What a page may read of the state (view.ts); the same object until something in it changes. */
  get view(): CallView {
    return (this.#view = selectView(this.#state, this.#view));
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
    const rules = this.#rules;
    if (!rules && event.type === 'configuring') void this.loadRules().catch(() => undefined);
    const early = rules || this.#waiting.length ? undefined : statusRules[event.type as keyof typeof statusRules];
    if (!rules && !early) {
      this.#waiting.push(event);
      void this.loadRules().catch(() => undefined);
      return;
    }
    const { state, effects } = rules
      ? rules.transition(this.#state, event, {
          now: Math.floor(Date.now() / 1000),
          announceMeetingEnd: this.#settings.announceMeetingEnd,
        })
      : early!(this.#state, event as never, { now: 0, announceMeetingEnd: false });
    if (state !== this.#state) {
      this.#state = state;
      this.dispatchEvent(new Event('change'));
    }
    for (const effect of effects) this.#run(effect, rules);
  }

  /** Before the call rules, the only effect there can be is telling the page. */
  #run(effect: Effect, rules: CallRules | null): void {
    if (rules) rules.runEffect(effect, this.#context);
    else if (effect.type === 'emit') this.#emit(effect.name, effect.detail);
  }

  /**
   * The call rules (rules.ts), loaded once; events that waited for them run in order. If they
   * cannot load (offline), calling is unavailable and says why; the next event tries again.
   */
  loadRules(): Promise<CallRules> {
    return (this.#rulesLoading ??= this.#importRules().then(
      (rules) => {
        this.#rules = rules;
        for (const event of this.#waiting.splice(0)) this.dispatch(event);
        return rules;
      },
      (cause: unknown) => {
        this.#rulesLoading = null;
        this.#waiting.length = 0;
        const error = new CcError('sdk-init-failed', `The call code could not be loaded: ${describeError(cause)}`, cause);
        this.dispatch({ type: 'configure-failed', error: { code: error.code, message: error.message } });
        throw error;
      },
    ));
  }

  #context: EffectContext = {
    backend: () => this.#backend,
    settings: () => this.#settings,
    dispatch: (event) => this.dispatch(event),
    emit: (name, detail) => this.#emit(name, detail),
    later: (ms, event) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.dispatch(event);
      }, ms);
      this.#timers.add(timer);
    },
    track: (work) => {
      const tracked = work.finally(() => this.#inFlight.delete(tracked));
      this.#inFlight.add(tracked);
    },
    tellTabs: (sessionId) => {
      const uid = this.#state.user?.id;
      if (uid) this.#page?.tellTabs(uid, sessionId);
    },
    sessionContainer: () => (this.#stages ? this.#stages.sessionContainer() : Promise.reject(new Error(NO_STAGE))),
  };

  #emit<K extends keyof LifecycleDetails>(name: K, detail: LifecycleDetails[K]): void {
    if (name === 'cc-error') {
      const { code, message } = detail as LifecycleDetails['cc-error'];
      console.error(`[cc-call-elements] ${code}: ${message}`);
    }
    if (typeof document === 'undefined') return;
    document.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /**
   * Where sessions render: the page's stage registry (page/stages.ts) hands itself over as it is
   * made, so the store never imports the page layer above it.
   */
  useStages(stages: SessionPlace): void {
    this.#stages = stages;
  }

  /** Connects a logged-in backend: one call listener and one message listener for the whole page. */
  attach(backend: CallBackend, settings: StoreSettings): void {
    const rules = this.#rules;
    if (!rules) throw new CcError('sdk-init-failed', 'The call code has not loaded: await loadRules() before attach().');
    this.#detach();
    this.#backend = backend;
    this.#settings = settings;
    this.#unlisten = backend.listen((event) => this.dispatch(event));
    this.#page = rules.linkPage(
      (uid, sessionId) => uid === this.#state.user?.id && this.dispatch({ type: 'handled-elsewhere', sessionId }),
      this.#onPageHide,
    );
    this.dispatch({ type: 'restore-joins', joinedAt: rules.loadJoins() });
    this.dispatch({ type: 'restore-dismissals', dismissedAt: rules.loadDismissals(backend.user.id) });
  }

  #detach(): void {
    this.#unlisten?.();
    this.#unlisten = null;
    this.#page?.close();
    this.#page = null;
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

  /** Runs an in-call method on the running session (the stage's mute, switch camera…); rejects with `no-session` without one. */
  inCall(command: InCallCommand): Promise<AudioOutputDevice[] | void> {
    const backend = this.#backend;
    if (!backend || this.#state.call?.phase !== 'active') {
      return Promise.reject(new CcError('no-session', 'No call session is running.'));
    }
    return backend.inCall(command);
  }

  /**
   * Ends any call, removes the SDK listeners and forgets the backend. The page is back to "not
   * configured", or still "configuring" with `reconfiguring` (configure() again: it then keeps the
   * login, which the next configuration reuses or replaces, so the user's other tabs stay signed in).
   */
  async reset({ reconfiguring = false }: { reconfiguring?: boolean } = {}): Promise<void> {
    // A rule of its own (a live call ends the way the user would end it). Without the call rules
    // (they could not load) there is no call and no backend, so nothing to reset.
    const rules = await this.loadRules().catch(() => null);
    const backend = this.#backend;
    if (rules) this.dispatch({ type: 'reset', reconfiguring });
    this.#detach();
    this.#clearTimers();
    // Let the teardown of a live call (endCall, end of session) reach the SDK before letting go of it,
    // and late answers come in: a call placed just before the reset is cancelled through this backend.
    // Each piece of work is bounded in time; what the last one started is waited for too.
    while (this.#inFlight.size) await Promise.allSettled([...this.#inFlight]);
    this.#clearTimers();
    this.#backend = null;
    await backend?.dispose({ keepLogin: reconfiguring }).catch(() => undefined);
  }

  #clearTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

/** The page's one store, shared by every copy of the bundle. */
export function getStore(): CallStore {
  return pageShared('store', () => new CallStore());
}

/**
 * The page's call state (read-only): what the elements show, without the machine's bookkeeping.
 * The same object until something in it changes. Changes come only through the elements and configure().
 */
export function callState(): CallView {
  return getStore().view;
}

/** Calls `listener` with the call state each time it changes; returns the unsubscribe. */
export function subscribeToCalls(listener: (state: CallView) => void): () => void {
  const store = getStore();
  let last = store.view;
  return store.subscribe(() => {
    const view = store.view;
    if (view === last) return;
    last = view;
    listener(view);
  });
}
