import type { CcErrorInfo } from '../core/errors.js';
import type { LifecycleDetails } from '../core/events.js';

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

export interface CallState {
  /**
   * `configuring` from the moment configure() is called (or the page's config block is found);
   * `reconnecting` while a configured tab has lost its chat connection and cannot ring (it comes
   * back to `ready` by itself).
   */
  status: 'unconfigured' | 'configuring' | 'ready' | 'reconnecting' | 'unavailable';
  /** Why status is 'unavailable'. */
  error: CcErrorInfo | null;
  user: Party | null;
  call: CallSnapshot | null;
  nextCallId: number;
  /** Meetings announced to this user that await a Join/Dismiss in the notice, newest last. */
  notices: MeetingInfo[];
  /** Per session id, the newest `meeting_ended` timestamp seen (unix seconds). */
  meetingsEndedAt: Record<string, number>;
  /** Per session id, when this browser joined it (unix seconds), newest last. */
  joinedAt: Record<string, number[]>;
  /**
   * Session ids of this page's finished outgoing calls, newest last (bounded). A late
   * "accepted" for one of them is hung up; one for any other session (a call placed
   * from another tab or device of this user) is none of this page's business.
   */
  finishedOutgoing: string[];
  /**
   * The session of an incoming call the user declined while acceptCall was still in flight. If
   * that accept then fails, the caller is still ringing and gets the decline after all.
   */
  declinedWhileAccepting: string | null;
  /**
   * An answer to our call that came before initiateCall told us its session id: the callee's SDK
   * can answer "busy" at once, and that push may overtake initiateCall's own response.
   */
  earlyAnswer: { type: 'outgoing-accepted'; sessionId: string } | { type: 'outgoing-rejected'; sessionId: string; status: string } | null;
  /** The last incoming call that stopped ringing unanswered (the caller gave up, or it timed out), for the "missed" announcement. */
  missed: { callId: number; caller: Party } | null;
}

/** What the user asks for, through the elements. */
export type Intent =
  | { type: 'call'; target: Party; callType: CallType }
  | { type: 'start-meeting'; group: Party; callType: CallType }
  | { type: 'join-meeting'; meeting: MeetingInfo }
  | { type: 'cancel' }
  | { type: 'accept' }
  | { type: 'decline' }
  | { type: 'hang-up' }
  | { type: 'dismiss' }
  | { type: 'dismiss-notice'; sessionId: string }
  /** The user is about to call or join (pointer or focus on a call button or Join): get the session ready. */
  | { type: 'warm-up' };

export type SessionEventType =
  'session-started' | 'session-joined' | 'session-end-pressed' | 'session-ended' | 'session-left' | 'session-timeout';

/** Everything the machine reacts to. */
export type MachineEvent =
  | Intent
  | { type: 'configuring' }
  | { type: 'configured'; user: Party }
  | { type: 'configure-failed'; error: CcErrorInfo }
  /** `reconfiguring`: configure() is on its way again, so the page keeps saying "Connecting…". */
  | { type: 'reset'; reconfiguring?: boolean }
  // the chat SDK's connection
  | { type: 'connection-lost' }
  | { type: 'connection-restored' }
  | { type: 'restore-joins'; joinedAt: Record<string, number[]> }
  // results of effects
  | { type: 'initiated'; callId: number; sessionId: string }
  | { type: 'initiate-failed'; callId: number; error: CcErrorInfo }
  | { type: 'meeting-announced'; callId: number; guid: string }
  | { type: 'announce-failed'; callId: number; error: CcErrorInfo }
  | { type: 'accepted'; callId: number; sessionId: string }
  | { type: 'accept-failed'; callId: number; sessionId: string; error: CcErrorInfo }
  | { type: 'session-failed'; callId: number; error: CcErrorInfo }
  | { type: 'outcome-shown'; callId: number }
  | { type: 'ring-expired'; callId: number }
  // the chat SDK's listeners
  | { type: 'incoming-call'; sessionId: string; kind: CallKind; callType: CallType; peer: Party; initiator: Party }
  | { type: 'outgoing-accepted'; sessionId: string }
  | { type: 'outgoing-rejected'; sessionId: string; status: string }
  | { type: 'incoming-cancelled'; sessionId: string; status: string }
  | { type: 'call-ended-message'; sessionId: string }
  | { type: 'handled-elsewhere'; sessionId: string }
  /** What the cloud says a rung group call's status is now (its `ongoing` never reaches the other members' listeners). */
  | { type: 'call-status'; sessionId: string; status: string }
  | { type: 'meeting-message'; meeting: MeetingInfo; raw: unknown }
  | { type: 'meeting-ended-message'; sessionId: string; sentAt: number }
  /** Meetings from the chat history: each one with no later `meeting_ended` is offered as if just announced. */
  | ({ type: 'meeting-history' } & MeetingHistory)
  // the calls SDK's session
  | { type: SessionEventType; callId: number }
  | { type: 'session-error'; callId: number; error: CcErrorInfo }
  | { type: 'session-participants'; callId: number; others: number }
  /** The voice call became a video call (either side switched). */
  | { type: 'session-switched-to-video'; callId: number }
  /** The SDK reported an error while an in-call method ran: that method failed, the session goes on. */
  | { type: 'in-call-error'; callId: number; error: CcErrorInfo };

/** What the machine asks the outside world to do. */
export type Effect =
  | { type: 'initiate'; callId: number; receiverId: string; receiverType: 'user' | 'group'; callType: CallType }
  | { type: 'accept'; callId: number; sessionId: string; callType: CallType }
  /** `quiet`: a follow-up whose own failure is not news (the call may already be gone). */
  | { type: 'reject'; sessionId: string; status: 'rejected' | 'cancelled' | 'busy'; quiet?: boolean }
  | { type: 'end-call'; sessionId: string }
  /**
   * A 1:1 session ended by itself (the other side left it): unless the other side's `ended` arrives
   * within a short grace, end the call on the cloud from here, then clear the SDK's active call.
   */
  | { type: 'close-call'; sessionId: string }
  /** A rung group call rings here: ask the cloud how it stands, since another member's answer is never pushed to us. */
  | { type: 'watch-ringing'; sessionId: string; guid: string }
  /** With `sessionId`: only while the SDK's active call is still that call (a stale call's undoing never clears a newer one). */
  | { type: 'clear-active-call'; sessionId?: string }
  /** This tab answered or declined `sessionId`: the user's other tabs stop ringing for it. */
  | { type: 'tell-tabs'; sessionId: string }
  | { type: 'announce-meeting'; callId: number; guid: string; callType: CallType }
  | { type: 'announce-meeting-ended'; guid: string; sessionId: string }
  | { type: 'start-session'; callId: number; sessionId: string; callType: CallType; kind: CallKind }
  /** Ends the session started for `callId`, and only that one. */
  | { type: 'end-session'; callId: number }
  | { type: 'show-outcome'; callId: number }
  /** Stop an incoming call ringing by itself once it cannot be live any more (a lost cancel). */
  | { type: 'expire-ringing'; callId: number }
  /** A session may start soon: load the calls SDK and the session code now, while nobody waits. */
  | { type: 'prepare-session' }
  | { type: 'save-joins'; joinedAt: Record<string, number[]> }
  | { [K in keyof LifecycleDetails]: { type: 'emit'; name: K; detail: LifecycleDetails[K] } }[keyof LifecycleDetails];

export interface Transition {
  state: CallState;
  effects: Effect[];
}
