import type { CcErrorInfo } from '../errors.js';
import type { CallKind, CallType, MachineEvent, Party, SessionEventType } from './types.js';

/** What a running session reports; the store tags each with the call it belongs to. */
export type SessionSignal =
  | { type: Exclude<SessionEventType, 'session-started'> }
  | { type: 'session-error'; error: CcErrorInfo }
  | { type: 'session-participants'; others: number };

export type SessionSink = (signal: SessionSignal) => void;

/**
 * What the store needs from the SDK side. `sdk/adapter.ts` implements it over
 * CometChat (real or emulated); the store never touches an SDK directly.
 */
export interface CallBackend {
  /** The logged-in user. */
  readonly user: Party;
  /** Registers the one call listener and the one message listener; returns their removal. */
  listen(sink: (event: MachineEvent) => void): () => void;
  initiate(receiverId: string, receiverType: 'user' | 'group', callType: CallType): Promise<string>;
  accept(sessionId: string): Promise<void>;
  reject(sessionId: string, status: 'rejected' | 'cancelled' | 'busy'): Promise<void>;
  endCall(sessionId: string): Promise<void>;
  clearActiveCall(): void;
  announceMeeting(guid: string, callType: CallType): Promise<void>;
  announceMeetingEnded(guid: string, sessionId: string): Promise<void>;
  /** Rejects with a `media-denied` CcError when the browser has already refused the camera or microphone. */
  checkMedia(callType: CallType): Promise<void>;
  /** Generates a token and starts (v4) or joins (v5) the session inside `container`; resolves once it runs. */
  startSession(
    request: { sessionId: string; callType: CallType; kind: CallKind; container: HTMLElement },
    sink: SessionSink,
  ): Promise<void>;
  /** Ends (v4) or leaves (v5) the running session, releasing camera and microphone. */
  endSession(): Promise<void>;
  /** Logs out if configure() logged in; removes nothing it did not add. */
  dispose(): Promise<void>;
}

/** A `<cc-call-stage>` as the store sees it: somewhere to put a session. */
export interface StageHost {
  /** Resolves with the element the calls SDK renders into. */
  sessionContainer(): Promise<HTMLElement>;
}
