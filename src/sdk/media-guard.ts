/**
 * Keeps a session's camera, microphone and screen share from outliving it.
 *
 * Calls SDK 4.2.6 opens the camera for a switch to video, and a screen to share, without waiting.
 * When the camera answers after the session ended, the SDK connects again to a conference named
 * "Conference" (and logs that name as invalid), leaves the camera on, and the page's next call
 * never joins; a screen picked after the user left would join the session by itself and share it.
 * So every media request (getUserMedia, getDisplayMedia) made while a session runs belongs to that
 * session; one that answers after the session ended is stopped and fails with an `AbortError`,
 * which the SDK takes as "no camera" or "no screen". Requests made while no session runs are the
 * page's and pass untouched.
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
type Method = 'getUserMedia' | 'getDisplayMedia';
/** The methods wrapped now, each with how to put the page's own back. */
const wrapped = new Map<Method, () => void>();

function aborted(): DOMException {
  return new DOMException('The call ended before the camera, microphone or screen opened.', 'AbortError');
}

type MediaRequest = (constraints?: MediaStreamConstraints | DisplayMediaStreamOptions) => Promise<MediaStream>;

async function request(media: MediaDevices, open: MediaRequest, constraints?: MediaStreamConstraints): Promise<MediaStream> {
  const session = owner;
  if (!session) return open.call(media, constraints);
  if (session.ended) throw aborted();
  pending++;
  try {
    const stream = await open.call(media, constraints);
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

/** Wraps `media[method]`; returns how to put it back. */
function wrap(media: MediaDevices, method: Method): () => void {
  const open = media[method] as MediaRequest;
  const ownProperty = Object.prototype.hasOwnProperty.call(media, method);
  const guarded = (constraints?: MediaStreamConstraints) => request(media, open, constraints);
  media[method] = guarded;
  return () => {
    // Wrapped again by someone else (lib-jitsi-meet's RTCStats does): ours stays in their chain and
    // passes requests through while no call runs. The next call wraps again, over theirs.
    if (media[method] !== guarded) return;
    if (ownProperty) media[method] = open;
    else delete (media as Partial<MediaDevices>)[method];
  };
}

function wrapAll(media: MediaDevices): void {
  for (const method of ['getUserMedia', 'getDisplayMedia'] as const) {
    if (!wrapped.has(method) && typeof media[method] === 'function') wrapped.set(method, wrap(media, method));
  }
}

/** Once the owner has ended and nothing is pending, the page gets its own methods back. */
function settle(): void {
  if (pending > 0 || !owner?.ended) return;
  clearTimeout(lingering);
  lingering = setTimeout(() => {
    if (pending > 0 || !owner?.ended) return;
    owner = undefined;
    for (const unwrap of wrapped.values()) unwrap();
    wrapped.clear();
  }, LINGER_MS);
}

/**
 * Makes the media requests from now on belong to a new session, until `release()`:
 * call it when the session starts to end, before the SDK is asked to end it.
 */
export function guardSessionMedia(): { release(): void } {
  const media = globalThis.navigator?.mediaDevices;
  if (typeof media?.getUserMedia !== 'function') return { release: () => undefined };
  const session: GuardedSession = { ended: false };
  clearTimeout(lingering);
  owner = session;
  wrapAll(media);
  return {
    release() {
      if (session.ended) return;
      session.ended = true;
      settle();
    },
  };
}
