/**
 * Leaving the page mid-call asks first. While a call is live (placing, ringing out, connecting, in
 * the call), `beforeunload` shows the browser's own leave confirmation; with no live call there is
 * no listener at all (the page stays eligible for the back/forward cache).
 *
 * The calls SDK (Jitsi's library inside it) leaves the conference on `beforeunload` by itself, so
 * a person who chooses to stay would still lose the call. Our listener captures on `window`, which
 * runs before the SDK's, and stops the event from reaching it; if the person does leave, the SDK's
 * `unload` handler and the store's `pagehide` still end the call. In-page navigations (Turbo,
 * htmx) fire no `beforeunload`, so they never ask.
 */
import type { CallState } from '../store/types.js';

/** Whether leaving now would end a call the user placed, is answering or is in. */
export function callAtStake({ call }: CallState): boolean {
  if (!call || call.phase === 'ended') return false;
  // An incoming call still ringing goes on ringing in the user's other tabs and devices.
  return !(call.direction === 'incoming' && call.phase === 'ringing');
}

interface Watched {
  readonly state: CallState;
  subscribe(listener: (state: CallState) => void): () => void;
}

const GUARD = Symbol.for('cc-call-elements.leave-guard');
type Slot = Record<symbol, (() => void) | undefined>;

/**
 * Asks before the page is left while `store` has a call at stake; replaces the guard an earlier
 * configure() set (by any copy of the bundle). `confirm: false` only removes it.
 */
export function guardLeaving(store: Watched, confirm: boolean): void {
  const slot = globalThis as unknown as Slot;
  slot[GUARD]?.();
  slot[GUARD] = undefined;
  if (!confirm || typeof window === 'undefined') return;
  const ask = (event: BeforeUnloadEvent): void => {
    event.stopImmediatePropagation();
    event.preventDefault();
    // Older Chromium shows the dialog only with a return value.
    event.returnValue = '';
  };
  let listening = false;
  const follow = (state: CallState): void => {
    const want = callAtStake(state);
    if (want === listening) return;
    listening = want;
    if (want) window.addEventListener('beforeunload', ask, { capture: true });
    else window.removeEventListener('beforeunload', ask, { capture: true });
  };
  const unsubscribe = store.subscribe(follow);
  follow(store.state);
  slot[GUARD] = () => {
    unsubscribe();
    window.removeEventListener('beforeunload', ask, { capture: true });
  };
}
