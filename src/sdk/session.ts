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

export function isV5(calls: CallsNamespace): boolean {
  return typeof calls.joinSession === 'function' && typeof calls.leaveSession === 'function';
}

export async function runSession(calls: CallsNamespace, request: SessionRequest, sink: SessionSink): Promise<RunningSession> {
  if (isV5(calls)) return runV5(calls, request, sink);
  if (typeof calls.startSession === 'function' && calls.CallSettingsBuilder && calls.OngoingCallListener) {
    return runV4(calls, request, sink);
  }
  throw new CcError('calls-sdk-failed', 'The calls SDK has neither joinSession (v5) nor startSession (v4).');
}

async function runV4(calls: CallsNamespace, request: SessionRequest, sink: SessionSink): Promise<RunningSession> {
  let open = true;
  // The v4 listener cannot be removed, so it goes quiet once the session is over.
  const signal: SessionSink = (s) => open && sink(s);
  const listener = new calls.OngoingCallListener!({
    onUserListUpdated: (users) => signal({ type: 'session-participants', others: othersIn(users, request.localUid) }),
    onCallEndButtonPressed: () => signal({ type: 'session-end-pressed' }),
    onCallEnded: () => signal({ type: 'session-ended' }),
    onSessionTimeout: () => signal({ type: 'session-timeout' }),
    onError: (error) => signal({ type: 'session-error', error: toErrorInfo('session-failed', error) }),
  });
  const builder = new calls.CallSettingsBuilder!()
    .enableDefaultLayout(true)
    .setIsAudioOnlyCall(request.callType === 'audio')
    .setCallListener(listener);
  request.customize?.({ version: 4, builder, sessionId: request.sessionId, callType: request.callType, kind: request.kind });
  await calls.startSession!(request.token, builder.build(), request.container);
  return {
    async end() {
      if (!open) return;
      open = false;
      await calls.endSession!();
    },
  };
}

async function runV5(calls: CallsNamespace, request: SessionRequest, sink: SessionSink): Promise<RunningSession> {
  let others = 0;
  const participants = (next: number) => {
    others = Math.max(0, next);
    sink({ type: 'session-participants', others });
  };
  const on = (name: string, handler: (payload?: unknown) => void) => {
    try {
      const off = calls.addEventListener!(name, handler);
      return typeof off === 'function' ? off : () => undefined;
    } catch {
      return () => undefined; // an event this SDK build does not know
    }
  };
  const unsubscribe = [
    on('onLeaveSessionButtonClicked', () => sink({ type: 'session-end-pressed' })),
    on('onSessionLeft', () => sink({ type: 'session-left' })),
    on('onSessionTimedOut', () => sink({ type: 'session-timeout' })),
    on('onParticipantJoined', () => participants(others + 1)),
    on('onParticipantListChanged', (list) => participants(othersIn(list, request.localUid))),
    on('onParticipantLeft', () => {
      participants(others - 1);
      // v5 has no onCallEnded: in a 1:1 call the peer leaving ends it, as the v4 SDK would.
      if (request.kind === 'direct' && others === 0) sink({ type: 'session-ended' });
    }),
  ];
  const off = () => unsubscribe.splice(0).forEach((fn) => fn());
  const settings: SessionSettingsV5 = {
    sessionType: request.callType === 'audio' ? 'VOICE' : 'VIDEO',
    startAudioMuted: false,
    startVideoPaused: false,
    hideLeaveSessionButton: false,
  };
  request.customize?.({ version: 5, settings, sessionId: request.sessionId, callType: request.callType, kind: request.kind });
  try {
    await calls.joinSession!(request.token, settings, request.container);
  } catch (error) {
    off();
    throw error;
  }
  let open = true;
  return {
    async end() {
      if (!open) return;
      open = false;
      off();
      await calls.leaveSession!();
    },
  };
}
