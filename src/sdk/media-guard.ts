/**
 * Keeps a session's camera and microphone from outliving it.
 *
 * Calls SDK 4.2.6 opens the camera for a switch to video without waiting for it. When the camera
 * answers after the session ended, the SDK connects again to a conference named "Conference"
 * (and logs that name as invalid), leaves the camera on, and the page's next call never joins.
 * So every camera or microphone request made while a session runs belongs to that session; one
 * that answers after the session ended is stopped and fails with an `AbortError`, which the SDK
 * takes as "no camera". Requests made while no session runs are the page's and pass untouched.
 */

interface GuardedSession {
  ended: boolean;
}

/**
 * How long an ended session still owns new requests: the SDK retries a failed request (audio and
 * video, then audio, then video) from its error handlers, a few tasks later.
 */
const LINGER_MS = 1000;

/** The session whose requests they are: the running one, or one that ended less than LINGER_MS ago. */
let owner: GuardedSession | undefined;
let pending = 0;
let lingering: ReturnType<typeof setTimeout> | undefined;
/** Puts the page's own getUserMedia back; unset while it is not wrapped. */
let unwrap: (() => void) | undefined;

function aborted(): DOMException {
  return new DOMException('The call ended before the camera or microphone opened.', 'AbortError');
}

async function request(
  media: MediaDevices,
  getUserMedia: MediaDevices['getUserMedia'],
  constraints?: MediaStreamConstraints,
): Promise<MediaStream> {
  const session = owner;
  if (!session) return getUserMedia.call(media, constraints);
  if (session.ended) throw aborted();
  pending++;
  try {
    const stream = await getUserMedia.call(media, constraints);
    if (session.ended) {
      for (const track of stream.getTracks()) track.stop();
      throw aborted();
    }
    return stream;
  } finally {
    pending--;
    settle();
  }
}

function wrap(media: MediaDevices): void {
  if (unwrap) return;
  const getUserMedia = media.getUserMedia;
  const ownProperty = Object.prototype.hasOwnProperty.call(media, 'getUserMedia');
  const guarded = (constraints?: MediaStreamConstraints) => request(media, getUserMedia, constraints);
  media.getUserMedia = guarded;
  unwrap = () => {
    unwrap = undefined;
    // Wrapped again by someone else: ours stays in their chain and passes requests through.
    if (media.getUserMedia !== guarded) return;
    if (ownProperty) media.getUserMedia = getUserMedia;
    else delete (media as Partial<MediaDevices>).getUserMedia;
  };
}

/** Once the owner has ended and nothing is pending, the page gets its getUserMedia back. */
function settle(): void {
  if (pending > 0 || !owner?.ended) return;
  clearTimeout(lingering);
  lingering = setTimeout(() => {
    if (pending > 0 || !owner?.ended) return;
    owner = undefined;
    unwrap?.();
  }, LINGER_MS);
}

/**
 * Makes the camera and microphone requests from now on belong to a new session, until `release()`:
 * call it when the session starts to end, before the SDK is asked to end it.
 */
export function guardSessionMedia(): { release(): void } {
  const media = globalThis.navigator?.mediaDevices;
  if (typeof media?.getUserMedia !== 'function') return { release: () => undefined };
  const session: GuardedSession = { ended: false };
  clearTimeout(lingering);
  owner = session;
  wrap(media);
  return {
    release() {
      if (session.ended) return;
      session.ended = true;
      settle();
    },
  };
}
