/** The ringing dialog's arrival on screen. */

/**
 * Starts `element`'s pending animations (a dialog's fade-in) on the next frame, the first that
 * paints it, by the page's own clock. Left pending, a composited animation starts when the
 * compositor reports back, which on a busy page (a thousand call buttons) comes a frame or two
 * late: until then the page sees the element at its first keyframe (opacity 0), and the fade-in
 * starts from whenever that report arrives.
 */
export function startAnimationsOnNextFrame(element: Element): void {
  requestAnimationFrame(() => {
    if (!element.isConnected) return;
    for (const animation of element.getAnimations()) {
      if (animation.pending && animation.startTime === null) animation.startTime = document.timeline.currentTime;
    }
  });
}
