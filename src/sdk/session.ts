/**
 * Runs one call session on either generation of the calls SDK, chosen by
 * feature detection: v5 has `joinSession`, v4 has `startSession`.
 * Both report the same signals to the store.
 */
import { CcError, toErrorInfo } from '../errors.js';
import type { SessionSink } from '../store/ports.js';
import type { CallKind, CallType } from '../store/types.js';
import type { CallSettingsBuilderV4, CallsNamespace, SessionParticipant, SessionSettingsV5 } from './types.js';

/** What the host's `callSettings` hook receives, once per session, before it starts. */
export type CallSettingsContext =
  | { version: 4; builder: CallSettingsBuilderV4; sessionId: string; callType: CallType; kind: CallKind }
  | { version: 5; settings: SessionSettingsV5; sessionId: string; callType: CallType; kind: CallKind };

export interface SessionRequest {
  sessionId: string;
  callType: CallType;
  kind: CallKind;
  container: HTMLElement;
  token: string;
  localUid: string;
  customize?: ((context: CallSettingsContext) => void) | undefined;
}

export interface RunningSession {
  /** Ends (v4) or leaves (v5) the session and silences its listeners. */
  end(): Promise<void>;
}

function othersIn(users: unknown, localUid: string): number {
  if (!Array.isArray(users)) return 0;
  return (users as SessionParticipant[]).filter((u) => u && !u.isLocalUser && u.uid !== localUid).length;
}

/** Ends whatever session the calls SDK holds, through its one global end (v4) or leave (v5). */
export async function endAnySession(calls: CallsNamespace): Promise<void> {
  await releaseFailedStart(() => (isV5(calls) ? calls.leaveSession!() : calls.endSession?.()));
}

export function isV5(calls: CallsNamespace): boolean {
  return typeof calls.joinSession === 'function' && typeof calls.leaveSession === 'function';
}

/**
 * A start can fail after the SDK opened the camera and microphone (a connection that never came
 * up): end it anyway, so a failed call never leaves them on. Its own failure is not news.
 */
async function releaseFailedStart(end: () => unknown): Promise<void> {
  try {
    await end();
  } catch {
    // Nothing was running, or it is already gone.
  }
}

export async function runSession(calls: CallsNamespace, request: SessionRequest, sink: SessionSink): Promise<RunningSession> {
  if (isV5(calls)) return runV5(calls, request, sink);
  if (typeof calls.startSession === 'function' && calls.CallSettingsBuilder && calls.OngoingCallListener) {
    return runV4(calls, request, sink);
  }
  throw new CcError('calls-sdk-failed', 'The calls SDK has neither joinSession (v5) nor startSession (v4).');
}

/** Signals `session-joined` once: the session is live when the SDK reports we are in the conference, not when its start call returns. */
function joinOnce(signal: SessionSink): () => void {
  let joined = false;
  return () => {
    if (joined) return;
    joined = true;
    signal({ type: 'session-joined' });
  };
}

async function runV4(calls: CallsNamespace, request: SessionRequest, sink: SessionSink): Promise<RunningSession> {
  let open = true;
  // The v4 listener cannot be removed, so it goes quiet once the session is over.
  const signal: SessionSink = (s) => open && sink(s);
  // v4 has no "you joined" event (onYouJoined is typed but never fired by 4.2.6): its first user
  // list, which it sends once the conference has us, is that signal.
  const joined = joinOnce(signal);
  const listener = new calls.OngoingCallListener!({
    onUserJoined: () => joined(),
    onUserListUpdated: (users) => {
      joined();
      signal({ type: 'session-participants', others: othersIn(users, request.localUid) });
    },
    onCallEndButtonPressed: () => signal({ type: 'session-end-pressed' }),
    onCallEnded: () => signal({ type: 'session-ended' }),
    onSessionTimeout: () => signal({ type: 'session-timeout' }),
    onError: (error) => signal({ type: 'session-error', error: toErrorInfo('session-failed', error) }),
  });
  const builder = new calls.CallSettingsBuilder!()
    .enableDefaultLayout(true)
    .setIsAudioOnlyCall(request.callType === 'audio')
    // One end control in a call: the stage's End call / Leave. The session's own would be a second one.
    .showEndCallButton(false)
    .setCallListener(listener);
  request.customize?.({ version: 4, builder, sessionId: request.sessionId, callType: request.callType, kind: request.kind });
  try {
    await calls.startSession!(request.token, builder.build(), request.container);
  } catch (error) {
    open = false;
    await releaseFailedStart(() => calls.endSession!());
    throw error;
  }
  return {
    async end() {
      if (!open) return;
      open = false;
      await calls.endSession!();
    },
  };
}

async function runV5(calls: CallsNamespace, request: SessionRequest, sink: SessionSink): Promise<RunningSession> {
  let open = true;
  // Unsubscribing is the main guard; this one covers a build whose addEventListener returns no unsubscribe.
  const signal: SessionSink = (s) => open && sink(s);
  let others = 0;
  // A whole list is the truth. Joined/left may arrive before or after it, so they only count while none came.
  let listed = false;
  const count = (next: number) => {
    others = Math.max(0, next);
    signal({ type: 'session-participants', others });
  };
  // v5 has no onCallEnded: in a 1:1 call the peer leaving ends it, as the v4 SDK would.
  const endIfAlone = () => request.kind === 'direct' && others === 0 && signal({ type: 'session-ended' });
  const on = (name: string, handler: (payload?: unknown) => void) => {
    try {
      const off = calls.addEventListener!(name, handler);
      return typeof off === 'function' ? off : () => undefined;
    } catch {
      return () => undefined; // an event this SDK build does not know
    }
  };
  const joined = joinOnce(signal);
  const unsubscribe = [
    on('onSessionJoined', joined),
    on('onLeaveSessionButtonClicked', () => signal({ type: 'session-end-pressed' })),
    on('onSessionLeft', () => signal({ type: 'session-left' })),
    on('onSessionTimedOut', () => signal({ type: 'session-timeout' })),
    on('onParticipantJoined', () => listed || count(others + 1)),
    on('onParticipantListChanged', (list) => {
      if (!Array.isArray(list)) return;
      joined();
      const before = others;
      listed = true;
      count(othersIn(list, request.localUid));
      if (before > 0) endIfAlone();
    }),
    on('onParticipantLeft', () => {
      if (listed) return;
      count(others - 1);
      endIfAlone();
    }),
  ];
  const off = () => {
    open = false;
    unsubscribe.splice(0).forEach((fn) => fn());
  };
  const settings: SessionSettingsV5 = {
    sessionType: request.callType === 'audio' ? 'VOICE' : 'VIDEO',
    startAudioMuted: false,
    startVideoPaused: false,
    // One end control in a call: the stage's End call / Leave. The session's own would be a second one.
    hideLeaveSessionButton: true,
  };
  request.customize?.({ version: 5, settings, sessionId: request.sessionId, callType: request.callType, kind: request.kind });
  try {
    await calls.joinSession!(request.token, settings, request.container);
  } catch (error) {
    off();
    await releaseFailedStart(() => calls.leaveSession!());
    throw error;
  }
  let ended = false;
  return {
    async end() {
      if (ended) return;
      ended = true;
      // Silenced first: the onSessionLeft this leave causes is not news to the store.
      off();
      await calls.leaveSession!();
    },
  };
}
