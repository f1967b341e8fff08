/**
 * The one call store of a page: it holds the machine's state, hands each
 * effect to the effect table, and feeds results back in. Kept on `globalThis`
 * under a registered symbol so that two copies of the bundle on one page (two
 * CMS plugins) share one store and one SDK listener.
 */
import type { LifecycleDetails } from '../core/events.js';
import { runEffect, type EffectContext, type StoreSettings } from './effects.js';
import { initialState, isLive, transition } from './machine.js';
import { linkPage, loadJoins, type PageLinks } from './page.js';
import { CcError } from '../core/errors.js';
import { pageShared } from '../core/shared.js';
import type { AudioOutputDevice, CallBackend, InCallCommand, SessionPlace } from './ports.js';
import type { CallState, MachineEvent } from './types.js';
import { selectView, type CallView } from './view.js';

export type { StoreSettings };

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
    const { state, effects } = transition(this.#state, event, {
      now: Math.floor(Date.now() / 1000),
      announceMeetingEnd: this.#settings.announceMeetingEnd,
    });
    if (state !== this.#state) {
      this.#state = state;
      this.dispatchEvent(new Event('change'));
    }
    for (const effect of effects) runEffect(effect, this.#context);
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
    this.#detach();
    this.#backend = backend;
    this.#settings = settings;
    this.#unlisten = backend.listen((event) => this.dispatch(event));
    this.#page = linkPage(
      (uid, sessionId) => uid === this.#state.user?.id && this.dispatch({ type: 'handled-elsewhere', sessionId }),
      this.#onPageHide,
    );
    this.dispatch({ type: 'restore-joins', joinedAt: loadJoins() });
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
    const backend = this.#backend;
    this.dispatch({ type: 'reset', reconfiguring });
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
