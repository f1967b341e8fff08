/**
 * Runs one call session on either generation of the calls SDK, chosen by
 * feature detection: v5 has `joinSession`, v4 has `startSession`.
 * Both report the same signals to the store.
 */
import { CcError, toErrorInfo } from '../core/errors.js';
import type { SessionInfoDetails } from '../core/events.js';
import type { AudioOutputDevice, InCallCommand, SessionSink } from '../store/ports.js';
import type { CallKind, CallType } from '../core/types.js';
import { guardSessionMedia } from './media-guard.js';
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
  /** Ends (v4) or leaves (v5) the session, silences its listeners, and stops a camera that opens after (media-guard.ts). */
  end(): Promise<void>;
  /** Runs an in-call method of the calls SDK on this session. */
  control(command: InCallCommand): Promise<AudioOutputDevice[] | void>;
}

/** A participant as the session events describe them. */
function who(user: unknown): { uid: string; name: string } {
  const u = (user ?? {}) as SessionParticipant;
  const uid = typeof u.uid === 'string' ? u.uid : '';
  return { uid, name: typeof u.name === 'string' && u.name ? u.name : uid };
}

function everyone(list: unknown): Array<{ uid: string; name: string }> {
  return Array.isArray(list) ? list.filter(Boolean).map(who) : [];
}

/**
 * Tells the page what the session reports, as documented DOM events dispatched from the session's
 * element inside `<cc-call-stage>`: they bubble through the stage to `document`.
 */
function reporter(container: HTMLElement, isOpen: () => boolean) {
  return <K extends keyof SessionInfoDetails>(name: K, detail: SessionInfoDetails[K]) => {
    if (isOpen()) container.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  };
}

function outputs(devices: unknown): AudioOutputDevice[] {
  const list = Array.isArray(devices) ? devices : [];
  return list
    .filter((d): d is { deviceId: string; label?: string } => typeof d?.deviceId === 'string')
    .map((d) => ({ deviceId: d.deviceId, label: typeof d.label === 'string' ? d.label : '' }));
}

/** The calls SDK's in-call methods, by their real names (4.2.6: `muteAudio(bool)` and `unMuteAudio()`, `pauseVideo(bool)` and `resumeVideo()`). */
async function control(calls: CallsNamespace, command: InCallCommand): Promise<AudioOutputDevice[] | void> {
  const missing = (name: string) => new CcError('in-call-failed', `This calls SDK has no ${name}().`);
  const run = (name: keyof CallsNamespace, ...args: unknown[]): unknown => {
    const method = calls[name] as ((...a: unknown[]) => unknown) | undefined;
    if (typeof method !== 'function') throw missing(name);
    return method.apply(calls, args);
  };
  try {
    switch (command.type) {
      case 'mute-audio':
        await (command.on || !calls.unMuteAudio ? run('muteAudio', command.on) : run('unMuteAudio'));
        return;
      case 'pause-video':
        await (command.on || !calls.resumeVideo ? run('pauseVideo', command.on) : run('resumeVideo'));
        return;
      case 'switch-camera':
        await run('switchCamera');
        return;
      case 'audio-outputs':
        return outputs(await run('getAudioOutputDevices'));
      case 'set-audio-output': {
        // The SDK (4.2.6) takes any id, fails inside and reports it through onError: check it here first.
        const known = outputs(await run('getAudioOutputDevices')).some((d) => d.deviceId === command.deviceId);
        if (!command.deviceId || !known) {
          throw new CcError(
            'in-call-failed',
            `There is no audio output "${command.deviceId}": use one that getAudioOutputDevices() lists.`,
          );
        }
        await run('setAudioOutputDevice', command.deviceId);
        return;
      }
      case 'switch-to-video':
        await run('switchToVideoCall');
        return;
    }
  } catch (error) {
    throw error instanceof CcError ? error : new CcError('in-call-failed', `${command.type} failed: ${String(error)}`, error);
  }
}

/**
 * How long after an in-call method settles an error the SDK reports still belongs to it: the
 * calls SDK (4.2.6) resolves first and reports a failure inside (a device lookup) through onError.
 */
const IN_CALL_ERROR_WINDOW_MS = 2000;

/**
 * Runs in-call methods and tells whether an SDK error report now belongs to one of them: such an
 * error fails that method, not the session.
 */
function inCallTracker(calls: CallsNamespace) {
  let running = 0;
  let quietUntil = 0;
  return {
    busy: () => running > 0 || Date.now() < quietUntil,
    async control(command: InCallCommand): Promise<AudioOutputDevice[] | void> {
      running++;
      try {
        return await control(calls, command);
      } finally {
        running--;
        quietUntil = Date.now() + IN_CALL_ERROR_WINDOW_MS;
      }
    },
  };
}

/** v4's onUserMuted reports `{ muted: user, mutedBy: user }`; a plain user is taken as it is. */
function mutedUser(event: unknown): unknown {
  const e = event as { muted?: unknown } | null;
  return e && typeof e.muted === 'object' ? e.muted : event;
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
  const report = reporter(request.container, () => open);
  const inCall = inCallTracker(calls);
  const media = guardSessionMedia();
  const listener = new calls.OngoingCallListener!({
    onUserJoined: (user) => {
      joined();
      report('cc-participant-joined', { participant: who(user) });
    },
    onUserLeft: (user) => report('cc-participant-left', { participant: who(user) }),
    onUserListUpdated: (users) => {
      joined();
      signal({ type: 'session-participants', others: othersIn(users, request.localUid) });
      report('cc-participants-changed', { participants: everyone(users) });
    },
    onUserMuted: (event) => report('cc-participant-muted', { participant: who(mutedUser(event)), muted: true }),
    onUserUnMuted: (event) => report('cc-participant-muted', { participant: who(mutedUser(event)), muted: false }),
    onMediaDeviceListUpdated: (devices) =>
      report('cc-audio-devices-changed', { audioOutput: outputs((devices as { audioOutputDevices?: unknown })?.audioOutputDevices) }),
    onCallSwitchedToVideo: () => {
      signal({ type: 'session-switched-to-video' });
      report('cc-call-switched-to-video', {});
    },
    onScreenShareStarted: () => report('cc-screen-share', { active: true }),
    onScreenShareStopped: () => report('cc-screen-share', { active: false }),
    onCallEndButtonPressed: () => signal({ type: 'session-end-pressed' }),
    onCallEnded: () => {
      media.release();
      signal({ type: 'session-ended' });
    },
    onSessionTimeout: () => signal({ type: 'session-timeout' }),
    onError: (error) =>
      inCall.busy()
        ? signal({ type: 'in-call-error', error: toErrorInfo('in-call-failed', error) })
        : signal({ type: 'session-error', error: toErrorInfo('session-failed', error) }),
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
    media.release();
    await releaseFailedStart(() => calls.endSession!());
    throw error;
  }
  return {
    async end() {
      if (!open) return;
      open = false;
      media.release();
      await calls.endSession!();
    },
    control: (command) => inCall.control(command),
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
  const report = reporter(request.container, () => open);
  const media = guardSessionMedia();
  const unsubscribe = [
    on('onSessionJoined', joined),
    on('onParticipantJoined', (user) => report('cc-participant-joined', { participant: who(user) })),
    on('onParticipantLeft', (user) => report('cc-participant-left', { participant: who(user) })),
    on('onParticipantListChanged', (list) => report('cc-participants-changed', { participants: everyone(list) })),
    on('onParticipantAudioMuted', (user) => report('cc-participant-muted', { participant: who(user), muted: true })),
    on('onParticipantAudioUnmuted', (user) => report('cc-participant-muted', { participant: who(user), muted: false })),
    on('onAudioOutputDevicesChanged', (list) => report('cc-audio-devices-changed', { audioOutput: outputs(list) })),
    on('onCallSwitchedToVideo', () => {
      signal({ type: 'session-switched-to-video' });
      report('cc-call-switched-to-video', {});
    }),
    on('onScreenShareStarted', () => report('cc-screen-share', { active: true })),
    on('onScreenShareStopped', () => report('cc-screen-share', { active: false })),
    on('onLeaveSessionButtonClicked', () => signal({ type: 'session-end-pressed' })),
    on('onSessionLeft', () => {
      media.release();
      signal({ type: 'session-left' });
    }),
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
    media.release();
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
    control: (command) => control(calls, command),
  };
}
