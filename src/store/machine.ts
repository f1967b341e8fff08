/**
 * The call state machine: (state, event) → (next state, effects).
 *
 * Pure: no SDK, no DOM, no timers. The store runs the effects through the
 * backend and feeds their results back in as events, so every race (a cancel
 * crossing an accept, a second ring, a late SDK answer) is decided here, in
 * one place, and unit-tested without a browser API. Which call an event
 * belongs to is decided by call id (results of effects) or session id (the
 * SDK's listeners); the guards in state.ts narrow to that call or to null.
 * With the store's effects and page links, it is the call rules (rules.ts): the script-tag
 * bundle loads them as a chunk of their own once calling is being configured.
 */
import type { CcErrorInfo } from '../core/errors.js';
import { ownValue } from '../core/clean.js';
import type { CallSnapshot, EndReason, MeetingInfo } from '../core/types.js';
import { callForSession, currentCall, error, initialState, isInSession, isLive, isMeetingEnded, stay, statusRules } from './state.js';
import type { CallState, Effect, Handlers, MachineEvent, MachineOptions, Transition } from './types.js';

/** How many finished outgoing session ids are remembered for late accepts. */
const MAX_FINISHED_OUTGOING = 20;
/** At most this many join timestamps are kept per session, newest last. */
const MAX_JOINS_PER_SESSION = 20;

const REJECT_REASONS: Record<string, EndReason> = { rejected: 'rejected', busy: 'busy', unanswered: 'unanswered', cancelled: 'cancelled' };

function withCall(state: CallState, call: CallSnapshot | null): CallState {
  return { ...state, call };
}

function rememberOutgoing(state: CallState, sessionId: string | null): CallState {
  if (!sessionId) return state;
  const finishedOutgoing = [...state.finishedOutgoing.filter((id) => id !== sessionId), sessionId].slice(-MAX_FINISHED_OUTGOING);
  return { ...state, finishedOutgoing };
}

function rememberJoin(state: CallState, sessionId: string, now: number): { state: CallState; effect: Effect } {
  const previous = ownValue(state.joinedAt, sessionId) ?? [];
  const joinedAt = { ...state.joinedAt, [sessionId]: [...previous, now].slice(-MAX_JOINS_PER_SESSION) };
  return { state: { ...state, joinedAt }, effect: { type: 'save-joins', joinedAt } };
}

function newCall(
  state: CallState,
  fields: Omit<CallSnapshot, 'id' | 'reason' | 'error' | 'othersInSession'>,
): { state: CallState; call: CallSnapshot } {
  const call: CallSnapshot = { ...fields, id: state.nextCallId, reason: null, error: null, othersInSession: null };
  return { state: { ...state, call, nextCallId: state.nextCallId + 1, earlyAnswer: null }, call };
}

function refuseNewCall(state: CallState): Transition | null {
  if (state.blocked) return stay(state, [error(state.blocked)]);
  if (state.status === 'reconnecting') {
    return stay(state, [error({ code: 'connection-lost', message: 'Calling is not available: reconnecting to CometChat.' })]);
  }
  if (state.status !== 'ready' || !state.user) {
    return stay(state, [error({ code: 'not-configured', message: 'Calling is not available: configure() has not completed.' })]);
  }
  if (isLive(state.call)) return stay(state, [error({ code: 'call-in-progress', message: 'A call is already ringing or running.' })]);
  return null;
}

/**
 * Ends `call`. Outcomes stay on screen briefly (`show-outcome`), for the one who hung up too;
 * a Cancel or Decline closes at once. An incoming call
 * that stopped ringing unanswered is remembered as missed.
 */
function finish(
  from: CallState,
  call: CallSnapshot,
  reason: EndReason,
  effects: Effect[],
  showOutcome: boolean,
  failure: CcErrorInfo | null = null,
): Transition {
  let state = call.direction === 'outgoing' && call.kind === 'direct' ? rememberOutgoing(from, call.sessionId) : from;
  const rang = call.direction === 'incoming' && (call.phase === 'ringing' || call.phase === 'accepting');
  const rangUnanswered = rang && (reason === 'cancelled' || reason === 'unanswered');
  if (rangUnanswered) state = { ...state, missed: { callId: call.id, caller: call.initiator ?? call.peer } };
  const ended: Effect = { type: 'emit', name: 'cc-call-ended', detail: { sessionId: call.sessionId, kind: call.kind, reason } };
  if (!showOutcome) return { state: withCall(state, null), effects: [...effects, ended] };
  return {
    state: withCall(state, { ...call, phase: 'ended', reason, error: failure }),
    effects: [...effects, ended, { type: 'show-outcome', callId: call.id }],
  };
}

/** Everything it takes to drop out of a running or connecting session from our side, by kind. */
function teardown(call: CallSnapshot, announceEnd: boolean): Effect[] {
  const endSession: Effect = { type: 'end-session', callId: call.id };
  if (call.kind === 'meeting') {
    // The starter going before the session reported anyone else is also the last one out.
    const starterAlone = call.direction === 'outgoing' && call.phase === 'connecting' && !call.othersInSession;
    const lastOut = (call.phase === 'active' && call.othersInSession === 0) || starterAlone;
    return announceEnd && lastOut
      ? [endSession, { type: 'announce-meeting-ended', guid: call.peer.id, sessionId: call.sessionId! }]
      : [endSession];
  }
  const effects: Effect[] = call.sessionId ? [{ type: 'end-call', sessionId: call.sessionId }] : [];
  return [...effects, { type: 'clear-active-call' }, endSession];
}

/** Leaves a meeting; the last one out also marks it ended here, since our own message never comes back to us. */
function leaveMeeting(
  state: CallState,
  call: CallSnapshot,
  reason: EndReason,
  announceMeetingEnd: boolean,
  now: number,
  showOutcome: boolean,
): Transition {
  const effects = teardown(call, announceMeetingEnd);
  return finish(endedIfAnnounced(state, call, effects, now), call, reason, effects, showOutcome);
}

/** The meeting marked ended here when we announce its end: our own message never comes back to us. */
function endedIfAnnounced(state: CallState, call: CallSnapshot, effects: Effect[], now: number): CallState {
  const announced = effects.some((e) => e.type === 'announce-meeting-ended');
  return announced ? { ...state, meetingsEndedAt: { ...state.meetingsEndedAt, [call.sessionId!]: now } } : state;
}

/** Stops the callee ringing for a call this page placed, and lets the SDK forget it. */
function cancelPlaced(sessionId: string): Effect[] {
  return [{ type: 'reject', sessionId, status: 'cancelled' }, { type: 'clear-active-call' }];
}

/**
 * The user gets out of `call`, whatever its phase: Cancel, Decline, End call and Leave all come
 * here, and so do the session's own end button and a reset.
 */
function leave(state: CallState, call: CallSnapshot, options: MachineOptions): Transition {
  if (call.kind === 'meeting' && call.direction === 'incoming' && call.phase === 'ringing')
    return finish(state, call, 'declined', [], false);
  // The one who hangs up is told too ("Call ended", "You left the meeting"), once there was a call to end.
  const wasInCall = call.phase === 'active';
  if (call.kind === 'meeting') return leaveMeeting(state, call, 'left', options.announceMeetingEnd, options.now, wasInCall);
  if (call.direction === 'outgoing') {
    // Before initiateCall answers, close at once; its late answer is then stale and gets cancelled.
    if (call.phase === 'requesting') return finish(state, call, 'cancelled', [], false);
    if (call.phase === 'ringing') {
      return finish(state, call, 'cancelled', cancelPlaced(call.sessionId!), false);
    }
  } else if (call.phase === 'accepting') {
    // Changing one's mind while acceptCall is still in flight: its late answer is hung up properly,
    // and if it fails, the decline is sent then.
    return finish({ ...state, declinedWhileAccepting: call.sessionId }, call, 'declined', [], false);
  } else if (call.phase === 'ringing') {
    const sessionId = call.sessionId!;
    return finish(
      state,
      call,
      'declined',
      [
        { type: 'reject', sessionId, status: 'rejected' },
        { type: 'tell-tabs', sessionId },
      ],
      false,
    );
  }
  return finish(state, call, 'hung-up', teardown(call, false), wasInCall);
}

/** Whenever a call may soon need a session (it rings, or the user reaches for a call button). */
const PREPARE: Effect = { type: 'prepare-session' };

function startSession(call: CallSnapshot): Effect {
  return { type: 'start-session', callId: call.id, sessionId: call.sessionId!, callType: call.type, kind: call.kind };
}

/** Both sides of a 1:1 call, once it is accepted: say so, and start the session. */
function connectAccepted(state: CallState, call: CallSnapshot, sessionId: string, effects: Effect[] = []): Transition {
  const connecting: CallSnapshot = { ...call, phase: 'connecting' };
  return {
    state: withCall(state, connecting),
    effects: [
      ...effects,
      { type: 'emit', name: 'cc-call-accepted', detail: { sessionId, kind: connecting.kind } },
      startSession(connecting),
    ],
  };
}

/** Whether our own 1:1 call is placed but initiateCall has not told us its session id yet. */
function awaitingSessionId(state: CallState): boolean {
  const call = state.call;
  return isLive(call) && call.direction === 'outgoing' && call.kind === 'direct' && call.phase === 'requesting';
}

/**
 * After a failed acceptCall, the SDK's active call is cleared, unless the accept only timed out: it
 * may still go through, and the SDK's endCall that must then hang it up ends only its active call.
 */
function keepActiveCall(failure: CcErrorInfo): Effect[] {
  return failure.code === 'sdk-timeout' ? [] : [{ type: 'clear-active-call' }];
}

/**
 * The call the SDK accepted is no longer wanted (cancelled, declined, given up): end it properly. A late
 * answer may come when a newer call is the SDK's active call: clear the active call only if it is this one.
 */
function hangUpStale(state: CallState, sessionId: string): Transition {
  return stay(state, [
    { type: 'end-call', sessionId },
    { type: 'clear-active-call', sessionId },
  ]);
}

/**
 * An incoming call still ringing here reached a status that ends it (`ended`, `ongoing` by another
 * member of a rung group, `rejected`, `cancelled`…): stop ringing at once. A 1:1 call its caller
 * ended or cancelled was missed; a group call another member answered or declined was taken elsewhere.
 */
function stopRinging(state: CallState, call: CallSnapshot, status: string): Transition {
  const toGroup = call.peer.kind === 'group';
  const reason: EndReason = status === 'unanswered' ? 'unanswered' : status === 'cancelled' || !toGroup ? 'cancelled' : 'elsewhere';
  return finish(state, call, reason, [], false);
}

// ── handlers, by section ─────────────────────────────────────────────

/** initiateCall or the meeting announcement failed: the call is over, and the outcome says why. */
function requestFailed(state: CallState, { callId, error: failure }: { callId: number; error: CcErrorInfo }): Transition {
  const call = currentCall(state, callId);
  return call ? finish(state, call, 'failed', [error(failure)], true, failure) : stay(state);
}

/**
 * The session could not start, or broke: drop out of it, and say why. A meeting that fails with
 * nobody else in it (its starter's, before anyone joined) is over: its announcement went out, so
 * its end goes out too, or every card and notice would offer it for hours.
 */
function sessionFailed(
  state: CallState,
  { callId, error: failure }: { callId: number; error: CcErrorInfo },
  options: MachineOptions,
): Transition {
  const call = currentCall(state, callId);
  if (!call) return stay(state);
  const effects = teardown(call, call.kind === 'meeting' && options.announceMeetingEnd);
  return finish(endedIfAnnounced(state, call, effects, options.now), call, 'failed', [...effects, error(failure)], true, failure);
}

/**
 * The page's CSP keeps calls from being shown or connected here: calling stays unavailable, said
 * once. Neither a call ringing here nor one this page places could connect: the one ringing stops
 * unanswered (the user's other devices still ring), the one placed is cancelled, a meeting is left as
 * Leave would. A call past ringing fails as its session starts, and says so then.
 */
function callingBlocked(state: CallState, failure: CcErrorInfo, options: MachineOptions): Transition {
  if (state.blocked) return stay(state);
  const blocked = { ...state, blocked: failure };
  const call = state.call;
  if (!isLive(call)) return stay(blocked, [error(failure)]);
  if (call.phase !== 'ringing' && call.phase !== 'requesting') return stay(blocked);
  if (call.kind === 'meeting') {
    const left = leave(blocked, call, options);
    return { state: left.state, effects: [...left.effects, error(failure)] };
  }
  if (call.direction === 'incoming') return finish(blocked, call, 'failed', [error(failure)], true, failure);
  const cancel = call.phase === 'ringing' ? cancelPlaced(call.sessionId!) : [];
  return finish(blocked, call, 'failed', [...cancel, error(failure)], true, failure);
}

/** The session's own end button, or the session left by itself: as if the user pressed ours. */
function sessionLeft(state: CallState, { callId }: { callId: number }, options: MachineOptions): Transition {
  const call = currentCall(state, callId);
  return call ? leave(state, call, options) : stay(state);
}

const configuration: Pick<
  Handlers,
  | 'configuring'
  | 'configured'
  | 'configure-failed'
  | 'calling-blocked'
  | 'reset'
  | 'restore-joins'
  | 'restore-dismissals'
  | 'connection-lost'
  | 'connection-restored'
> = {
  ...statusRules,
  configured: (state, { user }) => stay({ ...state, status: 'ready', error: null, user }),
  'calling-blocked': (state, { error: failure }, options) => callingBlocked(state, failure, options),
  reset: (state, { reconfiguring }, options) => {
    // A live call ends the way the user ending it would: cancel, decline, hang up or leave.
    const left = isLive(state.call) ? leave(state, state.call, { ...options, announceMeetingEnd: false }) : stay(state);
    const effects = left.effects;
    // What a late answer to the ended call still needs (a decline while accepting, a cancelled call) outlives the reset.
    const { declinedWhileAccepting, finishedOutgoing } = left.state;
    const next: CallState = {
      ...initialState,
      status: reconfiguring ? 'configuring' : 'unconfigured',
      nextCallId: state.nextCallId,
      joinedAt: state.joinedAt,
      dismissedAt: state.dismissedAt,
      blocked: state.blocked,
      declinedWhileAccepting,
      finishedOutgoing,
    };
    return stay(
      next,
      effects.filter((e) => e.type !== 'show-outcome'),
    );
  },
  'restore-joins': (state, { joinedAt }) => stay({ ...state, joinedAt: { ...joinedAt, ...state.joinedAt } }),
  'restore-dismissals': (state, { dismissedAt }) => stay({ ...state, dismissedAt: { ...dismissedAt, ...state.dismissedAt } }),
  // A call already running goes on (its session does not need the chat socket); new ones wait.
  'connection-lost': (state) => stay(state.status === 'ready' ? { ...state, status: 'reconnecting' } : state),
  'connection-restored': (state) => stay(state.status === 'reconnecting' ? { ...state, status: 'ready' } : state),
};

const intents: Pick<
  Handlers,
  'call' | 'start-meeting' | 'join-meeting' | 'cancel' | 'accept' | 'decline' | 'hang-up' | 'dismiss' | 'dismiss-notice' | 'warm-up'
> = {
  call: (state, { target, callType }) => {
    const refusal = refuseNewCall(state);
    if (refusal) return refusal;
    const { state: next, call } = newCall(state, {
      kind: 'direct',
      direction: 'outgoing',
      type: callType,
      sessionId: null,
      peer: target,
      initiator: state.user,
      phase: 'requesting',
    });
    return stay(next, [{ type: 'initiate', callId: call.id, receiverId: target.id, receiverType: target.kind, callType }, PREPARE]);
  },
  'start-meeting': (state, { group, callType }) => {
    const refusal = refuseNewCall(state);
    if (refusal) return refusal;
    const { state: next, call } = newCall(state, {
      kind: 'meeting',
      direction: 'outgoing',
      type: callType,
      sessionId: group.id,
      peer: group,
      initiator: state.user,
      phase: 'requesting',
    });
    return stay(next, [{ type: 'announce-meeting', callId: call.id, guid: group.id, callType }, PREPARE]);
  },
  'join-meeting': (state, { meeting }) => {
    if (isInSession(state, meeting.sessionId, 'meeting')) return stay(state);
    const refusal = refuseNewCall(state);
    if (refusal) return refusal;
    const { state: next, call } = newCall(state, {
      kind: 'meeting',
      direction: 'incoming',
      type: meeting.type,
      sessionId: meeting.sessionId,
      peer: meeting.group,
      initiator: meeting.sender,
      phase: 'connecting',
    });
    const notices = next.notices.filter((n) => n.sessionId !== meeting.sessionId);
    return stay({ ...next, notices }, [startSession(call)]);
  },
  cancel: (state, _event, options) => {
    const call = state.call;
    if (!isLive(call) || call.direction !== 'outgoing' || call.kind !== 'direct') return stay(state);
    return leave(state, call, options);
  },
  accept: (state) => {
    const call = state.call;
    if (!isLive(call) || call.direction !== 'incoming' || call.phase !== 'ringing' || call.kind !== 'direct') return stay(state);
    return stay(withCall(state, { ...call, phase: 'accepting' }), [
      { type: 'accept', callId: call.id, sessionId: call.sessionId!, callType: call.type },
    ]);
  },
  decline: (state, _event, options) => {
    const call = state.call;
    if (!isLive(call) || call.direction !== 'incoming' || (call.phase !== 'ringing' && call.phase !== 'accepting')) return stay(state);
    return leave(state, call, options);
  },
  'hang-up': (state, _event, options) => (isLive(state.call) ? leave(state, state.call, options) : stay(state)),
  dismiss: (state) => (state.call?.phase === 'ended' ? stay(withCall(state, null)) : stay(state)),
  'dismiss-notice': (state, { sessionId }) => {
    const notice = state.notices.find((n) => n.sessionId === sessionId);
    const notices = state.notices.filter((n) => n.sessionId !== sessionId);
    if (!notice) return stay({ ...state, notices });
    // Remembered across reloads, so the chat history does not offer this announcement again.
    const dismissedAt = { ...state.dismissedAt, [sessionId]: notice.sentAt };
    const uid = state.user?.id;
    return stay({ ...state, notices, dismissedAt }, uid ? [{ type: 'save-dismissals', uid, dismissedAt }] : []);
  },
  'warm-up': (state) => stay(state, state.status === 'ready' ? [PREPARE] : []),
};

/** What the SDK answered to our own requests (and the store's timers), by call id. */
const results: Pick<
  Handlers,
  | 'initiated'
  | 'initiate-failed'
  | 'meeting-announced'
  | 'announce-failed'
  | 'accepted'
  | 'accept-failed'
  | 'outcome-shown'
  | 'ring-expired'
> = {
  initiated: (state, { callId, sessionId }, options) => {
    const call = currentCall(state, callId);
    if (!call) {
      // The call was abandoned while initiateCall was in flight: make sure the callee stops ringing.
      return stay(rememberOutgoing(state, sessionId), cancelPlaced(sessionId));
    }
    const ringing = withCall({ ...state, earlyAnswer: null }, { ...call, sessionId, phase: 'ringing' });
    const effects: Effect[] = [{ type: 'emit', name: 'cc-call-outgoing', detail: { sessionId, callType: call.type, callee: call.peer } }];
    // The callee answered before initiateCall did: apply that answer now.
    const early = state.earlyAnswer?.sessionId === sessionId ? state.earlyAnswer : null;
    if (!early) return stay(ringing, effects);
    const answered =
      early.type === 'outgoing-accepted'
        ? listeners['outgoing-accepted'](ringing, early, options)
        : listeners['outgoing-rejected'](ringing, early, options);
    return stay(answered.state, [...effects, ...answered.effects]);
  },
  'initiate-failed': requestFailed,
  'meeting-announced': (state, { callId, guid }, options) => {
    const call = currentCall(state, callId);
    if (!call) {
      // The starter left before the announcement went out: tell the members it is over, or their cards would invite them into an empty room.
      return stay(state, options.announceMeetingEnd ? [{ type: 'announce-meeting-ended', guid, sessionId: guid }] : []);
    }
    const connecting: CallSnapshot = { ...call, phase: 'connecting' };
    return stay(withCall(state, connecting), [startSession(connecting)]);
  },
  'announce-failed': requestFailed,
  accepted: (state, { callId, sessionId }) => {
    const call = currentCall(state, callId);
    if (!call) {
      // The SDK accepted a call the user no longer has (declined or cancelled meanwhile): end it properly.
      const settled = state.declinedWhileAccepting === sessionId ? { ...state, declinedWhileAccepting: null } : state;
      const { state: next, effects } = hangUpStale(settled, sessionId);
      return stay(next, [...effects, { type: 'tell-tabs', sessionId }]);
    }
    // Answered here: the user's other tabs stop ringing.
    return connectAccepted(state, call, sessionId, [{ type: 'tell-tabs', sessionId }]);
  },
  'accept-failed': (state, { callId, sessionId, error: failure }) => {
    const call = currentCall(state, callId);
    if (!call) {
      if (state.declinedWhileAccepting !== sessionId) return stay(state);
      // Declined while accepting, and the accept never went through: the caller is still ringing.
      return stay({ ...state, declinedWhileAccepting: null }, [
        { type: 'reject', sessionId, status: 'rejected' },
        { type: 'tell-tabs', sessionId },
        ...keepActiveCall(failure),
      ]);
    }
    // Whatever failed (no camera, a refused or lost acceptCall, a timeout), the caller must stop
    // ringing: decline. Quietly, since a call that is already gone refuses the decline too; and if a
    // timed-out acceptCall succeeds after all, its late answer is hung up.
    return finish(
      state,
      call,
      'failed',
      [
        { type: 'reject', sessionId, status: 'rejected', quiet: true },
        { type: 'tell-tabs', sessionId },
        ...keepActiveCall(failure),
        error(failure),
      ],
      true,
      failure,
    );
  },
  'outcome-shown': (state, { callId }) =>
    state.call?.phase === 'ended' && state.call.id === callId ? stay(withCall(state, null)) : stay(state),
  'ring-expired': (state, { callId }) => {
    // Only the caller's SDK times a ring out; if its "unanswered" or a cancel never reached us
    // (our connection was down), nothing else would ever stop this call ringing.
    const call = currentCall(state, callId);
    if (!call || call.direction !== 'incoming' || call.phase !== 'ringing') return stay(state);
    return finish(state, call, 'unanswered', [], false);
  },
};

/** What the chat SDK's listeners (and the user's other tabs) report, by session id. */
const listeners: Pick<
  Handlers,
  | 'incoming-call'
  | 'outgoing-accepted'
  | 'outgoing-rejected'
  | 'incoming-cancelled'
  | 'call-ended-message'
  | 'call-status'
  | 'handled-elsewhere'
  | 'meeting-message'
  | 'meeting-ended-message'
  | 'meeting-history'
> = {
  'incoming-call': (state, event) => {
    // The SDK can deliver the same call twice; it is the one already ringing, not a second caller.
    if (callForSession(state, event.sessionId)) return stay(state);
    // Not shown here, not answered here: the user's other devices ring, and the caller's ring timeout ends it.
    if (state.blocked) return stay(state);
    // A call that reached us proves the socket is up, even before the SDK said it reconnected.
    if ((state.status !== 'ready' && state.status !== 'reconnecting') || isLive(state.call)) {
      return stay(state, [
        { type: 'reject', sessionId: event.sessionId, status: 'busy' },
        { type: 'tell-tabs', sessionId: event.sessionId },
      ]);
    }
    const { state: next, call } = newCall(state, {
      kind: event.kind,
      direction: 'incoming',
      type: event.callType,
      sessionId: event.sessionId,
      peer: event.peer,
      initiator: event.initiator,
      phase: 'ringing',
    });
    const watch: Effect[] = event.peer.kind === 'group' ? [{ type: 'watch-ringing', sessionId: event.sessionId, guid: event.peer.id }] : [];
    return stay(next, [
      PREPARE,
      { type: 'expire-ringing', callId: call.id },
      ...watch,
      {
        type: 'emit',
        name: 'cc-call-incoming',
        detail: { sessionId: event.sessionId, callType: event.callType, caller: event.initiator, kind: event.kind },
      },
    ]);
  },
  'outgoing-accepted': (state, { sessionId }) => {
    const call = callForSession(state, sessionId);
    if (!call || call.direction !== 'outgoing') {
      // Accepted after this page cancelled or gave up: hang up so the callee is not left alone in a session.
      // A call this page never placed (another tab's) is left alone.
      if (state.finishedOutgoing.includes(sessionId)) return hangUpStale(state, sessionId);
      return awaitingSessionId(state) ? stay({ ...state, earlyAnswer: { type: 'outgoing-accepted', sessionId } }) : stay(state);
    }
    return call.phase === 'ringing' ? connectAccepted(state, call, sessionId) : stay(state);
  },
  'outgoing-rejected': (state, { sessionId, status }) => {
    const call = callForSession(state, sessionId);
    if (!call || call.direction !== 'outgoing') {
      return awaitingSessionId(state) ? stay({ ...state, earlyAnswer: { type: 'outgoing-rejected', sessionId, status } }) : stay(state);
    }
    const reason = ownValue(REJECT_REASONS, status) ?? 'rejected';
    const reported = reason === 'busy' || reason === 'unanswered' ? reason : 'rejected';
    return finish(
      state,
      call,
      reason,
      [{ type: 'clear-active-call' }, { type: 'emit', name: 'cc-call-rejected', detail: { sessionId, status: reported } }],
      true,
    );
  },
  'incoming-cancelled': (state, { sessionId, status }) => {
    const call = callForSession(state, sessionId);
    if (!call || call.direction !== 'incoming' || (call.phase !== 'ringing' && call.phase !== 'accepting')) return stay(state);
    return finish(state, call, status === 'unanswered' ? 'unanswered' : 'cancelled', [], false);
  },
  'call-ended-message': (state, { sessionId }) => {
    const call = callForSession(state, sessionId);
    if (!call || call.kind !== 'direct' || call.phase === 'requesting') return stay(state);
    // Over before it was answered here: the caller's client ended instead of cancelling, or another member answered a rung group.
    if (call.phase === 'ringing') return call.direction === 'incoming' ? stopRinging(state, call, 'ended') : stay(state);
    return finish(state, call, 'remote-ended', [{ type: 'clear-active-call' }, { type: 'end-session', callId: call.id }], true);
  },
  'call-status': (state, { sessionId, status }) => {
    const call = callForSession(state, sessionId);
    if (!call || call.direction !== 'incoming' || call.phase !== 'ringing' || status === 'initiated') return stay(state);
    return stopRinging(state, call, status);
  },
  'handled-elsewhere': (state, { sessionId }) => {
    // Another tab of this user answered or declined: stop ringing here, and leave the call to that tab.
    const call = callForSession(state, sessionId);
    if (!call || call.direction !== 'incoming' || call.phase !== 'ringing') return stay(state);
    return finish(state, call, 'elsewhere', [], false);
  },
  'meeting-message': (state, { meeting, raw }) =>
    state.user && meeting.sender.id === state.user.id ? stay(state) : offerMeeting(state, meeting, raw),
  'meeting-ended-message': (state, { sessionId, sentAt }) => stay(endMeeting(state, sessionId, sentAt)),
  'meeting-history': (state, { meetings, ends }) => {
    let next = ends.reduce((s, end) => endMeeting(s, end.sessionId, end.sentAt), state);
    const effects: Effect[] = [];
    const seen = new Set<string>();
    // Newest first, so each session is offered once, for its latest announcement; our own count
    // too (a reload took us out of a meeting we started).
    for (const { meeting, raw } of [...meetings].sort((a, b) => b.meeting.sentAt - a.meeting.sentAt)) {
      if (seen.has(meeting.sessionId)) continue;
      seen.add(meeting.sessionId);
      const known = next.notices.some((n) => n.sessionId === meeting.sessionId && n.sentAt >= meeting.sentAt);
      const dismissed = (ownValue(next.dismissedAt, meeting.sessionId) ?? -1) >= meeting.sentAt;
      if (known || dismissed || isMeetingEnded(next, meeting) || isInSession(next, meeting.sessionId)) continue;
      const offer = offerMeeting(next, meeting, raw);
      next = offer.state;
      effects.push(...offer.effects);
    }
    return stay(next, effects);
  },
};

/** Offers `meeting` in the notice (unless this page is in it already) and tells the page. */
function offerMeeting(state: CallState, meeting: MeetingInfo, raw: unknown): Transition {
  const notices = isInSession(state, meeting.sessionId)
    ? state.notices
    : [...state.notices.filter((n) => n.sessionId !== meeting.sessionId), meeting];
  const { sessionId, guid, type: callType, sender, group } = meeting;
  return stay({ ...state, notices }, [
    { type: 'emit', name: 'cc-meeting-received', detail: { sessionId, guid, callType, sender, group, message: raw } },
  ]);
}

/** A `meeting_ended` for `sessionId` at `sentAt`: cards of older announcements read "Ended", their notices go. */
function endMeeting(state: CallState, sessionId: string, sentAt: number): CallState {
  const previous = ownValue(state.meetingsEndedAt, sessionId) ?? 0;
  const meetingsEndedAt = { ...state.meetingsEndedAt, [sessionId]: Math.max(previous, sentAt) };
  const notices = state.notices.filter((n) => n.sessionId !== sessionId || n.sentAt > sentAt);
  return { ...state, meetingsEndedAt, notices };
}

/** What the running session reports, by call id. */
const session: Pick<
  Handlers,
  | 'session-started'
  | 'session-joined'
  | 'session-participants'
  | 'session-failed'
  | 'session-error'
  | 'session-timeout'
  | 'session-ended'
  | 'session-end-pressed'
  | 'session-left'
  | 'session-switched-to-video'
  | 'in-call-error'
> = {
  'session-started': (state, { callId }) => {
    const call = currentCall(state, callId);
    // A session came up for a call that is already over: release the camera at once.
    if (!call || (call.phase !== 'connecting' && call.phase !== 'active')) return stay(state, [{ type: 'end-session', callId }]);
    // The SDK call returned; the call is live once the session reports we joined (before or after this).
    return stay(state);
  },
  'session-joined': (state, { callId }, options) => {
    const call = currentCall(state, callId);
    if (!call || call.phase !== 'connecting') return stay(state);
    const active: CallSnapshot = { ...call, phase: 'active' };
    const { state: remembered, effect } = rememberJoin(withCall(state, active), active.sessionId!, options.now);
    return stay(remembered, [
      effect,
      { type: 'emit', name: 'cc-call-started', detail: { sessionId: active.sessionId!, kind: active.kind, callType: active.type } },
    ]);
  },
  'session-participants': (state, { callId, others }) => {
    const call = currentCall(state, callId);
    return call ? stay(withCall(state, { ...call, othersInSession: Math.max(0, others) })) : stay(state);
  },
  'session-failed': sessionFailed,
  'session-error': sessionFailed,
  'session-timeout': (state, { callId }, options) => {
    const call = currentCall(state, callId);
    if (!call) return stay(state);
    if (call.kind === 'meeting') return leaveMeeting(state, call, 'timeout', options.announceMeetingEnd, options.now, true);
    return finish(state, call, 'timeout', teardown(call, false), true);
  },
  'session-ended': (state, { callId }, options) => {
    // v4 onCallEnded: everyone else is gone.
    const call = currentCall(state, callId);
    if (!call) return stay(state);
    if (call.kind === 'meeting') return leaveMeeting(state, call, 'left', options.announceMeetingEnd, options.now, true);
    // The other side left without a word (its page died?): the call is closed on the cloud from here unless its `ended` comes.
    const close: Effect = call.sessionId ? { type: 'close-call', sessionId: call.sessionId } : { type: 'clear-active-call' };
    return finish(state, call, 'remote-ended', [close, { type: 'end-session', callId }], true);
  },
  'session-switched-to-video': (state, { callId }) => {
    const call = currentCall(state, callId);
    return call && call.type !== 'video' ? stay(withCall(state, { ...call, type: 'video' })) : stay(state);
  },
  'in-call-error': (state, { callId, error: failure }) => (currentCall(state, callId) ? stay(state, [error(failure)]) : stay(state)),
  'session-end-pressed': sessionLeft,
  'session-left': sessionLeft,
};

const handlers = { ...configuration, ...intents, ...results, ...listeners, ...session } satisfies Handlers;

export function transition(state: CallState, event: MachineEvent, options: MachineOptions): Transition {
  const handle = handlers[event.type] as (state: CallState, event: MachineEvent, options: MachineOptions) => Transition;
  return handle(state, event, options);
}
