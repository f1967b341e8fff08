import { unavailableReason } from '../../store/selectors.js';
import { getStore } from '../../store/store.js';
import { afterPaint } from '../../core/frames.js';

/** Why calling is unavailable (a string key), or null: all a call button shows of the call state. */
export type Availability = ReturnType<typeof unavailableReason>;

/** A button that follows calling's availability: `catchUp()` renders it as the store is now. */
export interface AvailabilityFollower extends Element {
  catchUp(): void;
}

/** Buttons showing an older availability than the store's. */
const behind = new Set<AvailabilityFollower>();
const following = new Set<AvailabilityFollower>();
let shown: Availability = null;
let unsubscribe: (() => void) | null = null;
/** Bumped by every change of availability: a catch-up under way for an older one starts over. */
let generation = 0;
/** Documents with the one focus listener that serves every button in them. */
const focusWatched = new WeakSet<Document>();

/**
 * Frames the page paints before any button catches up: the change's own frame (a ringing dialog
 * appears, at the start of its fade-in) and the next (the dialog seen), so the buttons never delay
 * what a person is waiting for.
 */
const FRAMES_FIRST = 4;
/** The latest the off-screen buttons catch up on a page that is never idle. */
const IDLE_TIMEOUT_MS = 1000;
/**
 * Work per slice. The count matters more than the time: each button that catches up costs the
 * browser style, layout and paint work in the next frame (a disabled button is drawn translucent),
 * far more than its render; 25 keep that frame well under the 50 ms of a long task.
 */
const SLICE_MS = 8;
const SLICE_BUTTONS = 25;

const whenIdle: (work: (deadline?: IdleDeadline) => void) => void =
  typeof requestIdleCallback === 'function'
    ? (work) => requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS })
    : (work) => setTimeout(work, 16);

/**
 * Whether calling is available, for `button`'s render: the store as it is now. Rendering marks the
 * button as caught up.
 */
export function availabilityFor(button: AvailabilityFollower): Availability {
  behind.delete(button);
  return unavailableReason(getStore().state);
}

/**
 * Every call button follows calling's availability through one store subscription for the page,
 * not one each. When it changes (a call rings or ends, calling connects or drops), the buttons wait
 * until the change itself is on screen (a ringing dialog has painted and begun to fade in); then
 * the ones on screen catch up a few per frame, and the others while the page is idle, or as soon
 * as one takes focus. No frame carries more than a slice of them, so a ring costs the same on a
 * page with one button as on a page with a thousand, and the page never freezes.
 */
export function follow(button: AvailabilityFollower): void {
  following.add(button);
  if (!focusWatched.has(button.ownerDocument)) {
    focusWatched.add(button.ownerDocument);
    button.ownerDocument.addEventListener('focusin', onFocus, { capture: true });
  }
  if (!unsubscribe) {
    shown = unavailableReason(getStore().state);
    unsubscribe = getStore().subscribe(onChange);
  }
}

/** `button` left the page: it follows nothing until it is back. */
export function unfollow(button: AvailabilityFollower): void {
  following.delete(button);
  behind.delete(button);
  if (following.size === 0) {
    unsubscribe?.();
    unsubscribe = null;
  }
}

/** Renders `button` now if it shows an older availability (it takes focus, or a screen reader reaches it). */
function catchUpNow(button: AvailabilityFollower): void {
  if (behind.delete(button)) button.catchUp();
}

/** A keyboard or screen reader user who reaches a button that has not caught up yet hears it as it is now. */
function onFocus(event: Event): void {
  if (!behind.size) return;
  for (const node of event.composedPath()) if (behind.has(node as AvailabilityFollower)) catchUpNow(node as AvailabilityFollower);
}

function onChange(): void {
  const next = unavailableReason(getStore().state);
  if (next === shown) return;
  shown = next;
  for (const button of following) behind.add(button);
  const current = ++generation;
  let frames = 0;
  const waitForChangeOnScreen = () => {
    if (current !== generation) return;
    if (++frames < FRAMES_FIRST) afterPaint(waitForChangeOnScreen);
    else catchUpInSlices(current);
  };
  afterPaint(waitForChangeOnScreen);
}

/** Whether `button` is laid out within the viewport (layout is clean right after a paint). */
function isOnScreen(button: Element): boolean {
  const box = button.getBoundingClientRect();
  if (!box.width && !box.height) return false;
  return box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
}

/** The buttons a person can see first, a slice a frame; then the rest, a slice at a time while the page is idle. */
function catchUpInSlices(current: number): void {
  const onScreen = [...behind].filter(isOnScreen);
  const slice = (): void => {
    if (current !== generation) return;
    const until = performance.now() + SLICE_MS;
    for (let count = 0; count < SLICE_BUTTONS && performance.now() < until; count++) {
      const button = onScreen.shift() ?? behind.values().next().value;
      if (!button) break;
      catchUpNow(button);
    }
    if (!behind.size) return;
    if (onScreen.length) afterPaint(slice);
    else whenIdle(slice);
  };
  slice();
}
