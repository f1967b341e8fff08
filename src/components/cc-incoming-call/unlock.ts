/**
 * What the ring shares page-wide, and the first-gesture unlock: loaded with the elements, because
 * the gesture must be caught before a call rings. The ring itself (./ring.ts) loads when one rings.
 */
import { pageShared } from '../../core/shared.js';

export interface Ring {
  stop(): void;
}

export interface PageRing extends Ring {
  sessionId: string;
  /** How many elements ring for it: two `<cc-incoming-call>` on a page share one ring. */
  users: number;
}

interface RingGlobals {
  current: PageRing | null;
  context: AudioContext | null;
  unlocking: boolean;
}

export function globals(): RingGlobals {
  return pageShared<RingGlobals>('ring', () => ({ current: null, context: null, unlocking: false }));
}

export function audioContext(): AudioContext | null {
  const g = globals();
  const Context = globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!g.context && Context) g.context = new Context();
  return g.context;
}

/** On the first gesture anywhere on the page, unlock sound (Safari needs it inside the gesture); `notify` also asks to notify. */
export function unlockOnGesture(notify: boolean): void {
  const g = globals();
  if (g.unlocking || typeof document === 'undefined') return;
  g.unlocking = true;
  const unlock = () => {
    document.removeEventListener('pointerdown', unlock, true);
    document.removeEventListener('keydown', unlock, true);
    void audioContext()
      ?.resume()
      .catch(() => undefined);
    if (notify && globalThis.Notification?.permission === 'default') void Notification.requestPermission().catch(() => undefined);
  };
  document.addEventListener('pointerdown', unlock, true);
  document.addEventListener('keydown', unlock, true);
}
