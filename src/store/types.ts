import type { CcErrorInfo } from '../core/errors.js';
import type { LifecycleDetails } from '../core/events.js';
import type { CallKind, CallSnapshot, CallType, MeetingHistory, MeetingInfo, Party } from '../core/types.js';

// The shared shapes live on the ground floor; re-exported so the store's modules read them from one place.
export type {
  CallKind,
  CallPhase,
  CallSnapshot,
  CallType,
  Direction,
  EndReason,
  MeetingHistory,
  MeetingInfo,
  Party,
} from '../core/types.js';

export interface CallState {
  /**
   * `configuring` from the moment configure() is called (or the page's config block is found);
   * `reconnecting` while a configured tab has lost its chat connection and cannot ring (it comes
   * back to `ready` by itself).
   */
  status: 'unconfigured' | 'configuring' | 'ready' | 'reconnecting' | 'unavailable';
  /** Why status is 'unavailable'. */
  error: CcErrorInfo | null;
  /**
   * Why no call can be shown on this page whatever the status (the stage, the dialog and the card
   * cannot load): calling stays unavailable, and no call starts or rings here. Outlives a reset.
   */
  blocked: CcErrorInfo | null;
  user: Party | null;
  call: CallSnapshot | null;
  nextCallId: number;
  /** Meetings announced to this user that await a Join/Dismiss in the notice, newest last. */
  notices: MeetingInfo[];
  /** Per session id, the newest `meeting_ended` timestamp seen (unix seconds). */
  meetingsEndedAt: Record<string, number>;
  /** Per session id, when this browser joined it (unix seconds), newest last. */
  joinedAt: Record<string, number[]>;
  /** Per session id, when the newest announcement this user dismissed in this browser was sent (unix seconds): a reload does not offer it again. */
  dismissedAt: Record<string, number>;
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
  /** The elements that show a call cannot load on this page (page/csp-check.ts). */
  /** The page's CSP keeps calls from being shown (lit's policy) or connected (the calls SDK): sticky. */
  | { type: 'calling-blocked'; error: CcErrorInfo }
  /** `reconfiguring`: configure() is on its way again, so the page keeps saying "Connecting…". */
  | { type: 'reset'; reconfiguring?: boolean }
  // the chat SDK's connection
  | { type: 'connection-lost' }
  | { type: 'connection-restored' }
  | { type: 'restore-joins'; joinedAt: Record<string, number[]> }
  | { type: 'restore-dismissals'; dismissedAt: Record<string, number> }
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
  | { type: 'save-dismissals'; uid: string; dismissedAt: Record<string, number> }
  | { [K in keyof LifecycleDetails]: { type: 'emit'; name: K; detail: LifecycleDetails[K] } }[keyof LifecycleDetails];

export interface Transition {
  state: CallState;
  effects: Effect[];
}

export interface MachineOptions {
  /** Unix seconds; injected so the machine stays pure. */
  now: number;
  /** Send `meeting_ended` when the last participant leaves. */
  announceMeetingEnd: boolean;
}

/** The machine's rule for each event type. */
export type Handlers = {
  [K in MachineEvent['type']]: (state: CallState, event: Extract<MachineEvent, { type: K }>, options: MachineOptions) => Transition;
};
