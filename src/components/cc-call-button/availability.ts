import { unavailableReason } from '../../store/selectors.js';
import { getStore } from '../../store/store.js';

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
let scheduled = false;
/** Documents with the one focus listener that serves every button in them. */
const focusWatched = new WeakSet<Document>();

/** The latest the on-screen buttons catch up when no frame comes (a hidden or occluded page). */
const CATCH_UP_MS = 100;
/** The latest the off-screen ones catch up on a page that is never idle. */
const IDLE_TIMEOUT_MS = 1000;
/**
 * Work per idle slice: a slice stays well under a frame, so the page never freezes. The count
 * matters as much as the time: each button caught up costs the browser style, layout and paint
 * work in the next frame (a disabled button is drawn translucent), far more than its render.
 */
const SLICE_MS = 8;
const SLICE_BUTTONS = 40;

const idle: (work: (deadline?: IdleDeadline) => void) => void =
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
 * not one each. When it changes (a call rings or ends, calling connects or drops), the buttons on
 * screen catch up right after the frame that carries the change has painted (a ringing dialog
 * paints first); the others catch up a few at a time while the page is idle, or as soon as one
 * takes focus. So a ring costs the same on a page with one button as on a page with a thousand.
 */
export function follow(button: AvailabilityFollower): () => void {
  following.add(button);
  if (!focusWatched.has(button.ownerDocument)) {
    focusWatched.add(button.ownerDocument);
    button.ownerDocument.addEventListener('focusin', onFocus, { capture: true });
  }
  if (!unsubscribe) {
    shown = unavailableReason(getStore().state);
    unsubscribe = getStore().subscribe(onChange);
  }
  return () => {
    following.delete(button);
    behind.delete(button);
    if (following.size === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
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
  if (scheduled) return;
  scheduled = true;
  let done = false;
  const afterPaint = () => {
    if (done) return;
    done = true;
    scheduled = false;
    catchUpOnScreen();
    if (behind.size) idle(catchUpSlice);
  };
  requestAnimationFrame(() => setTimeout(afterPaint));
  setTimeout(afterPaint, CATCH_UP_MS);
}

/** The buttons a person can see catch up at once: layout is clean right after a paint. */
function catchUpOnScreen(): void {
  const width = innerWidth;
  const height = innerHeight;
  const onScreen = [...behind].filter((button) => {
    const box = button.getBoundingClientRect();
    if (!box.width && !box.height) return false;
    return box.bottom > 0 && box.top < height && box.right > 0 && box.left < width;
  });
  for (const button of onScreen) catchUpNow(button);
}

function catchUpSlice(deadline?: IdleDeadline): void {
  const until = performance.now() + Math.min(SLICE_MS, deadline && !deadline.didTimeout ? deadline.timeRemaining() : SLICE_MS);
  let count = 0;
  for (const button of behind) {
    catchUpNow(button);
    if (++count >= SLICE_BUTTONS || performance.now() >= until) break;
  }
  if (behind.size) idle(catchUpSlice);
}
