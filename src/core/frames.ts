/** The page's frames, for work that must wait until what a person is waiting for has painted. */

/** The latest `afterPaint` waits when no frame comes (a hidden or occluded page paints none). */
const FRAME_FALLBACK_MS = 100;

/** Runs `then` once, after the next frame has painted, or after FRAME_FALLBACK_MS without one. */
export function afterPaint(then: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    then();
  };
  requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, FRAME_FALLBACK_MS);
}
