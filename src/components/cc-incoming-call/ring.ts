/**
 * A ring that reaches the user. One ringtone per page at a time (shared by every copy of the
 * bundle), stopped on every terminal event by whoever started it. The sound is the page's
 * `ringtone` URL, or a two-tone ring synthesised with Web Audio, so a page rings without hosting a
 * sound. Browsers block sound until the page has had a user gesture: the first gesture anywhere
 * unlocks it, and while it is still blocked the ring falls back to what needs no permission: a
 * flashing document title, `navigator.vibrate` where it exists, a system notification when the
 * tab is hidden and the page opted in, and `cc-ringtone-blocked` so the page can react.
 */
import { audioContext, globals, type PageRing, type Ring } from './unlock.js';

/** Plays the two-tone ring (440 + 480 Hz, 1.2 s on, 1.8 s off) until stopped; resolves false if sound is blocked. */
async function synthesised(): Promise<Ring | null> {
  const context = audioContext();
  if (!context) return null;
  // A context the browser will not start yet may never settle its resume(): give it a moment, then fall back.
  await Promise.race([context.resume().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 400))]);
  if (context.state !== 'running') return null;
  const burst = () => {
    const gain = context.createGain();
    const t = context.currentTime;
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(0.12, t + 0.05);
    gain.gain.setValueAtTime(0.12, t + 1.15);
    gain.gain.linearRampToValueAtTime(0, t + 1.2);
    gain.connect(context.destination);
    for (const frequency of [440, 480]) {
      const tone = context.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(t);
      tone.stop(t + 1.2);
    }
  };
  burst();
  const timer = setInterval(burst, 3000);
  return { stop: () => clearInterval(timer) };
}

async function fromUrl(url: string): Promise<Ring | null> {
  const audio = new Audio(url);
  audio.loop = true;
  const stop = () => {
    audio.pause();
    audio.removeAttribute('src');
    audio.load();
  };
  try {
    await audio.play();
    return { stop };
  } catch {
    stop();
    return null;
  }
}

export interface RingOptions {
  /** The page's ringtone URL (already checked), or null for the synthesised ring. */
  url: string | null;
  /** "Bob Brown is calling", for the title and the notification. */
  text: string;
  /** Where `cc-ringtone-blocked` is dispatched from. */
  host: HTMLElement;
  sessionId: string;
}

/** Starts ringing, replacing any ring already going; returns its stop. */
export function ring({ url, text, host, sessionId }: RingOptions): () => void {
  const g = globals();
  const going = g.current;
  if (going?.sessionId === sessionId) {
    going.users++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--going.users === 0) going.stop();
    };
  }
  going?.stop();
  let stopped = false;
  let sound: Ring | null = null;
  const title = document.title;
  let flash: ReturnType<typeof setInterval> | null = null;
  let notification: Notification | null = null;
  const fallback = () => {
    if (stopped) return;
    host.dispatchEvent(new CustomEvent('cc-ringtone-blocked', { detail: { sessionId }, bubbles: true, composed: true }));
    globalThis.navigator?.vibrate?.([400, 200, 400, 1000, 400, 200, 400]);
  };
  // The title flashes while the tab is hidden, or while sound is blocked: visible from another tab.
  flash = setInterval(() => {
    if (!document.hidden && sound) return void (document.title = title);
    document.title = document.title === text ? title : text;
  }, 1000);
  if (document.hidden && globalThis.Notification?.permission === 'granted') {
    try {
      notification = new Notification(text, { tag: `cc-call-${sessionId}`, requireInteraction: true });
      notification.onclick = () => globalThis.focus();
    } catch {
      // Some browsers only allow notifications from a service worker.
    }
  }
  void (url ? fromUrl(url) : synthesised()).then((started) => {
    if (stopped) return started?.stop();
    sound = started;
    if (!sound) fallback();
  });
  const current: PageRing = {
    sessionId,
    users: 1,
    stop() {
      if (stopped) return;
      stopped = true;
      sound?.stop();
      if (flash) clearInterval(flash);
      document.title = title;
      notification?.close();
      globalThis.navigator?.vibrate?.(0);
      if (g.current === current) g.current = null;
    },
  };
  g.current = current;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--current.users <= 0) current.stop();
  };
}
