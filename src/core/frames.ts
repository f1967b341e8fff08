/** The page's frames, for work that must wait until what a person is waiting for has painted. */

/**
 * The latest `afterPaint` waits for a frame. A hidden page paints none, so there the wait is short.
 * A visible one paints unless the browser throttles it (an iframe out of view), and on a slow or busy
 * device its frames can take longer than 100 ms: a short timer there would start the work before
 * the very frame it waits for (a thousand call buttons catching up inside a ringing dialog's first frames).
 */
const HIDDEN_FALLBACK_MS = 100;
const VISIBLE_FALLBACK_MS = 1000;

/** Runs `then` once, after the next frame has painted, or after the fallback above without one. */
export function afterPaint(then: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    then();
  };
  requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, document.visibilityState === 'hidden' ? HIDDEN_FALLBACK_MS : VISIBLE_FALLBACK_MS);
}
