import type { CallKind, CallType, MachineEvent, Party } from './types.js';

/** Session events the backend reports while a session runs. */
export type SessionSink = (event: MachineEvent) => void;

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
  /** Generates a token and starts (v4) or joins (v5) the session inside `container`. */
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
