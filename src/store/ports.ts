import type { CallKind, CallType, Party } from '../core/types.js';
import type { MachineEvent, SessionEventType } from './types.js';
import type { CcErrorInfo } from '../core/errors.js';

/** What a running session reports; the store tags each with the call it belongs to. */
export type SessionSignal =
  | { type: Exclude<SessionEventType, 'session-started'> }
  | { type: 'session-error'; error: CcErrorInfo }
  | { type: 'session-participants'; others: number }
  | { type: 'session-switched-to-video' }
  | { type: 'in-call-error'; error: CcErrorInfo };

export type SessionSink = (signal: SessionSignal) => void;

/** What a page can do in a running session, through `<cc-call-stage>`'s methods. */
export type InCallCommand =
  | { type: 'mute-audio'; on: boolean }
  | { type: 'pause-video'; on: boolean }
  | { type: 'switch-camera' }
  | { type: 'audio-outputs' }
  | { type: 'set-audio-output'; deviceId: string }
  | { type: 'switch-to-video' };

/** An audio output the session can play through. */
export interface AudioOutputDevice {
  deviceId: string;
  label: string;
}

/** A session to start for call `callId`, rendered in the element `container()` resolves with. */
export interface SessionStart {
  callId: number;
  sessionId: string;
  callType: CallType;
  kind: CallKind;
  container: () => Promise<HTMLElement>;
}

/**
 * What the store needs from the SDK side. `sdk/adapter.ts` implements it over
 * CometChat (real or emulated); the store never touches an SDK directly. Every
 * method is bounded in time; one that gives up rejects with an `SdkTimeout`
 * whose `late` still carries the SDK's answer.
 */
export interface CallBackend {
  /** The logged-in user. */
  readonly user: Party;
  /**
   * Registers the one call listener and the one message listener, then reads the recent meeting
   * messages in the user's groups and feeds them as one `meeting-history` event; returns the
   * listeners' removal (after which the history is dropped).
   */
  listen(sink: (event: MachineEvent) => void): () => void;
  /** Places a call (after checking the camera and microphone); resolves with its session id. */
  initiate(receiverId: string, receiverType: 'user' | 'group', callType: CallType): Promise<string>;
  /** Accepts a ringing call (after checking the camera and microphone). */
  accept(sessionId: string, callType: CallType): Promise<void>;
  reject(sessionId: string, status: 'rejected' | 'cancelled' | 'busy'): Promise<void>;
  endCall(sessionId: string): Promise<void>;
  /**
   * The session of 1:1 call `sessionId` ended by itself: waits a short grace for the other side's
   * `ended`; without one, ends the call on the cloud. Then clears the SDK's active call.
   */
  closeCall(sessionId: string): Promise<void>;
  /**
   * While the rung group call `sessionId` rings here, asks the cloud now and then how it stands,
   * for at most `forMs`, and reports a status other than `initiated` to `sink` (once).
   */
  watchRinging(sessionId: string, guid: string, forMs: number, sink: (event: MachineEvent) => void): void;
  /** With `sessionId`, only while that call is still the SDK's active call. */
  clearActiveCall(sessionId?: string): Promise<void>;
  /** Sends the `meeting` message to the group (after checking the camera and microphone). */
  announceMeeting(guid: string, callType: CallType): Promise<void>;
  announceMeetingEnded(guid: string, sessionId: string): Promise<void>;
  /**
   * Loads the calls SDK and the session code ahead of a session, at the next idle moment, so that
   * Accept does not wait for them (once per page; a failure is retried by the start itself).
   */
  prepareSession(): void;
  /** Generates a token and starts (v4) or joins (v5) the session; resolves once the SDK call returned. */
  startSession(request: SessionStart, sink: SessionSink): Promise<void>;
  /** Runs an in-call method on the running session; rejects with `no-session` when none runs. */
  inCall(command: InCallCommand): Promise<AudioOutputDevice[] | void>;
  /** Ends (v4) or leaves (v5) the session started for `callId`, if it is still the one running. */
  endSession(callId: number): Promise<void>;
  /** Ends any session and, unless `keepLogin`, logs out if configure() logged in; removes nothing it did not add. */
  dispose(options?: { keepLogin?: boolean }): Promise<void>;
}

/** Where the store gets a session's container: the page's stage registry. */
export interface SessionPlace {
  /** Resolves with the element the next session renders into; rejects when the page has no stage. */
  sessionContainer(): Promise<HTMLElement>;
}

/** A `<cc-call-stage>` as the store sees it: somewhere to put a session. */
export interface StageHost {
  /** Resolves with the element the calls SDK renders into. */
  sessionContainer(): Promise<HTMLElement>;
  /** Scrolls the stage into view and focuses its main control. */
  reveal(): void;
}
