/**
 * The shapes every layer shares: calls, parties, meetings. The ground floor (src/core/) imports
 * nothing outside it, so the store, the SDK adapter, the events table and the elements all point
 * down to these.
 */
import type { CcErrorInfo } from './errors.js';

export type CallType = 'audio' | 'video';

/** `direct`: rings through the call listener (1:1, or opt-in group ringing). `meeting`: a group session anyone may join. */
export type CallKind = 'direct' | 'meeting';

export type Direction = 'outgoing' | 'incoming';

/** A user or group as the UI shows it. Strings are already bounded and the avatar URL checked. */
export interface Party {
  kind: 'user' | 'group';
  id: string;
  name: string;
  /** An http(s) URL, or null. */
  avatar: string | null;
}

export type CallPhase =
  /** Outgoing: initiateCall or the meeting announcement is in flight. */
  | 'requesting'
  /** Outgoing: waiting for the callee. Incoming: the user is being asked. */
  | 'ringing'
  /** Incoming: acceptCall is in flight. */
  | 'accepting'
  /** Token generation and session start are in flight. */
  | 'connecting'
  /** The session is running. */
  | 'active'
  /** Over; kept briefly so the UI can show why. */
  | 'ended';

export type EndReason =
  /** The local user ended an answered call. */
  | 'hung-up'
  /** The local user left a meeting. */
  | 'left'
  /** The other side ended the call. */
  | 'remote-ended'
  /** The caller cancelled before it was answered. */
  | 'cancelled'
  /** The local user declined an incoming call. */
  | 'declined'
  /** Answered or declined elsewhere: in another tab of this user or, for a rung group, by another member. */
  | 'elsewhere'
  /** The callee declined an outgoing call. */
  | 'rejected'
  /** The callee was busy. */
  | 'busy'
  /** Nobody answered before the ring timeout. */
  | 'unanswered'
  /** The session ended itself after being idle. */
  | 'timeout'
  /** Something failed; a `cc-error` says what. */
  | 'failed';

export interface CallSnapshot {
  /** Local sequence number; async results for an older id are stale. */
  id: number;
  kind: CallKind;
  direction: Direction;
  type: CallType;
  /** Null until initiateCall resolves. For meetings, the group GUID. */
  sessionId: string | null;
  /** The other user for direct calls; the group for meetings and group ringing. */
  peer: Party;
  /** For incoming group ringing and meetings: who started it. */
  initiator: Party | null;
  phase: CallPhase;
  reason: EndReason | null;
  /** What went wrong when `reason` is `failed` (also sent as `cc-error`), so the stage can say so. */
  error: CcErrorInfo | null;
  /** Other participants in the session, from its last user-list update; null until known. */
  othersInSession: number | null;
}

/** A meeting announcement seen by this page. */
export interface MeetingInfo {
  sessionId: string;
  guid: string;
  type: CallType;
  group: Party;
  sender: Party;
  /** Unix seconds. */
  sentAt: number;
}

/** Meeting messages read from the chat history (after a reload, or a page's own fetch). */
export interface MeetingHistory {
  /** Announcements, with the SDK's message for `cc-meeting-received`. */
  meetings: Array<{ meeting: MeetingInfo; raw: unknown }>;
  /** `meeting_ended` messages: which session ended, and when (unix seconds). */
  ends: Array<{ sessionId: string; sentAt: number }>;
}
