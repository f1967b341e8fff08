/**
 * The call state machine: (state, event) → (next state, effects).
 *
 * Pure: no SDK, no DOM, no timers. The store runs the effects through the
 * backend and feeds their results back in as events, so every race (a cancel
 * crossing an accept, a second ring, a late SDK answer) is decided here, in
 * one place, and unit-tested without a browser API.
 */
import type { CcErrorInfo } from '../errors.js';
import type {
  CallKind,
  CallSnapshot,
  CallState,
  Effect,
  EndReason,
  MachineEvent,
  MeetingInfo,
  Transition,
} from './types.js';

export const initialState: CallState = {
  status: 'unconfigured',
  error: null,
  user: null,
  call: null,
  nextCallId: 1,
  notices: [],
  meetingsEndedAt: {},
  joinedAt: {},
  finishedOutgoing: [],
  declinedWhileAccepting: null,
};

/** How many finished outgoing session ids are remembered for late accepts. */
const MAX_FINISHED_OUTGOING = 20;

function rememberOutgoing(state: CallState, sessionId: string | null): CallState {
  if (!sessionId) return state;
  return { ...state, finishedOutgoing: [...state.finishedOutgoing.filter((id) => id !== sessionId), sessionId].slice(-MAX_FINISHED_OUTGOING) };
}

/** At most this many join timestamps are kept per session, newest last. */
const MAX_JOINS_PER_SESSION = 20;

/** A call is "live" from the first request until it has ended. */
export function isLive(call: CallSnapshot | null): call is CallSnapshot {
  return call !== null && call.phase !== 'ended';
}

const REJECT_REASONS: Record<string, EndReason> = {
  rejected: 'rejected',
  busy: 'busy',
  unanswered: 'unanswered',
  cancelled: 'cancelled',
};

function stay(state: CallState, effects: Effect[] = []): Transition {
  return { state, effects };
}

function error(code: CcErrorInfo['code'], message: string): Effect {
  return { type: 'emit', name: 'cc-error', detail: { code, message } };
}

function withCall(state: CallState, call: CallSnapshot | null): CallState {
  return { ...state, call };
}

function ended(call: CallSnapshot, reason: EndReason): Effect {
  return { type: 'emit', name: 'cc-call-ended', detail: { sessionId: call.sessionId, kind: call.kind, reason } };
}

/**
 * Ends the current call. Outcomes the user did not cause themselves stay on
 * screen briefly (`show-outcome`); the ones they did cause close at once.
 */
function finish(from: CallState, reason: EndReason, effects: Effect[], showOutcome: boolean, failure: CcErrorInfo | null = null): Transition {
  const call = from.call!;
  const state = call.direction === 'outgoing' && call.kind === 'direct' ? rememberOutgoing(from, call.sessionId) : from;
  if (!showOutcome) return { state: withCall(state, null), effects: [...effects, ended(call, reason)] };
  const closed: CallSnapshot = { ...call, phase: 'ended', reason, error: failure };
  return {
    state: withCall(state, closed),
    effects: [...effects, ended(call, reason), { type: 'show-outcome', callId: call.id }],
  };
}

/** Everything it takes to drop out of a session from our side, by kind. */
function teardown(call: CallSnapshot, announceEnd: boolean): Effect[] {
  if (call.kind === 'meeting') {
    // The starter going before the session reported anyone else is also the last one out.
    const starterAlone = call.direction === 'outgoing' && call.phase === 'connecting' && !call.othersInSession;
    const lastOut = (call.phase === 'active' && call.othersInSession === 0) || starterAlone;
    return announceEnd && lastOut
      ? [{ type: 'end-session' }, { type: 'announce-meeting-ended', guid: call.peer.id, sessionId: call.sessionId! }]
      : [{ type: 'end-session' }];
  }
  const effects: Effect[] = [];
  if (call.sessionId) effects.push({ type: 'end-call', sessionId: call.sessionId });
  effects.push({ type: 'clear-active-call' }, { type: 'end-session' });
  return effects;
}

/** Leaves a meeting; the last one out also marks it ended here, since our own message never comes back to us. */
function leaveMeeting(state: CallState, reason: EndReason, options: MachineOptions, showOutcome: boolean): Transition {
  const call = state.call!;
  const effects = teardown(call, options.announceMeetingEnd);
  const announced = effects.some((e) => e.type === 'announce-meeting-ended');
  const next = announced
    ? { ...state, meetingsEndedAt: { ...state.meetingsEndedAt, [call.sessionId!]: options.now } }
    : state;
  return finish(next, reason, effects, showOutcome);
}

function newCall(state: CallState, fields: Omit<CallSnapshot, 'id' | 'reason' | 'error' | 'othersInSession'>): CallState {
  const call: CallSnapshot = { ...fields, id: state.nextCallId, reason: null, error: null, othersInSession: null };
  return { ...state, call, nextCallId: state.nextCallId + 1 };
}

function refuseNewCall(state: CallState): Transition | null {
  if (state.status !== 'ready' || !state.user) {
    return stay(state, [error('not-configured', 'Calling is not available: configure() has not completed.')]);
  }
  if (isLive(state.call)) {
    return stay(state, [error('call-in-progress', 'A call is already ringing or running.')]);
  }
  return null;
}

function startSessionEffect(call: CallSnapshot): Effect {
  return { type: 'start-session', callId: call.id, sessionId: call.sessionId!, callType: call.type, kind: call.kind };
}

/** Both sides of a 1:1 call, once it is accepted: say so, and start the session. */
function connectAccepted(state: CallState, call: CallSnapshot, sessionId: string): Transition {
  const connecting = { ...call, phase: 'connecting' as const };
  return {
    state: withCall(state, connecting),
    effects: [
      { type: 'emit', name: 'cc-call-accepted', detail: { sessionId, kind: connecting.kind } },
      startSessionEffect(connecting),
    ],
  };
}

function isCurrent(state: CallState, callId: number): boolean {
  return isLive(state.call) && state.call.id === callId;
}

function matchesSession(state: CallState, sessionId: string): boolean {
  return isLive(state.call) && state.call.sessionId === sessionId;
}

function rememberJoin(state: CallState, sessionId: string, now: number): { state: CallState; effect: Effect } {
  const previous = state.joinedAt[sessionId] ?? [];
  const joinedAt = { ...state.joinedAt, [sessionId]: [...previous, now].slice(-MAX_JOINS_PER_SESSION) };
  return { state: { ...state, joinedAt }, effect: { type: 'save-joins', joinedAt } };
}

export interface MachineOptions {
  /** Unix seconds; injected so the machine stays pure. */
  now: number;
  /** Send `meeting_ended` when the last participant leaves. */
  announceMeetingEnd: boolean;
}

export function transition(state: CallState, event: MachineEvent, options: MachineOptions): Transition {
  const call = state.call;
  switch (event.type) {
    // ── configuration ────────────────────────────────────────────────
    case 'configuring':
      return stay({ ...state, status: 'configuring', error: null });
    case 'configured':
      return stay({ ...state, status: 'ready', error: null, user: event.user });
    case 'configure-failed':
      return stay({ ...state, status: 'unavailable', error: event.error, user: null }, [
        { type: 'emit', name: 'cc-error', detail: event.error },
      ]);
    case 'reset': {
      // A live call ends the way the user ending it would: cancel, decline, hang up or leave.
      const { effects } = isLive(call) ? transition(state, { type: 'hang-up' }, { ...options, announceMeetingEnd: false }) : { effects: [] };
      const next = { ...initialState, nextCallId: state.nextCallId, joinedAt: state.joinedAt };
      return { state: next, effects: effects.filter((e) => e.type !== 'show-outcome') };
    }
    case 'restore-joins':
      return stay({ ...state, joinedAt: { ...event.joinedAt, ...state.joinedAt } });

    // ── starting calls ──────────────────────────────────────────────
    case 'call': {
      const refusal = refuseNewCall(state);
      if (refusal) return refusal;
      const next = newCall(state, {
        kind: 'direct',
        direction: 'outgoing',
        type: event.callType,
        sessionId: null,
        peer: event.target,
        initiator: state.user,
        phase: 'requesting',
      });
      return {
        state: next,
        effects: [
          {
            type: 'initiate',
            callId: next.call!.id,
            receiverId: event.target.id,
            receiverType: event.target.kind,
            callType: event.callType,
          },
        ],
      };
    }
    case 'start-meeting': {
      const refusal = refuseNewCall(state);
      if (refusal) return refusal;
      const next = newCall(state, {
        kind: 'meeting',
        direction: 'outgoing',
        type: event.callType,
        sessionId: event.group.id,
        peer: event.group,
        initiator: state.user,
        phase: 'requesting',
      });
      return {
        state: next,
        effects: [{ type: 'announce-meeting', callId: next.call!.id, guid: event.group.id, callType: event.callType }],
      };
    }
    case 'join-meeting': {
      if (isLive(call) && call.kind === 'meeting' && call.sessionId === event.meeting.sessionId) return stay(state);
      const refusal = refuseNewCall(state);
      if (refusal) return refusal;
      const next = newCall(state, {
        kind: 'meeting',
        direction: 'incoming',
        type: event.meeting.type,
        sessionId: event.meeting.sessionId,
        peer: event.meeting.group,
        initiator: event.meeting.sender,
        phase: 'connecting',
      });
      const notices = next.notices.filter((n) => n.sessionId !== event.meeting.sessionId);
      return { state: { ...next, notices }, effects: [startSessionEffect(next.call!)] };
    }

    // ── outgoing ringing ────────────────────────────────────────────
    case 'initiated': {
      if (!isCurrent(state, event.callId)) {
        // The call was abandoned while initiateCall was in flight: make sure the callee stops ringing.
        return stay(rememberOutgoing(state, event.sessionId), [
          { type: 'reject', sessionId: event.sessionId, status: 'cancelled' },
          { type: 'clear-active-call' },
        ]);
      }
      const current = { ...call!, sessionId: event.sessionId };
      return {
        state: withCall(state, { ...current, phase: 'ringing' }),
        effects: [
          {
            type: 'emit',
            name: 'cc-call-outgoing',
            detail: { sessionId: event.sessionId, callType: current.type, callee: current.peer },
          },
        ],
      };
    }
    case 'initiate-failed':
      if (!isCurrent(state, event.callId)) return stay(state);
      return finish(state, 'failed', [{ type: 'emit', name: 'cc-error', detail: event.error }], true, event.error);
    case 'cancel': {
      if (!isLive(call) || call.direction !== 'outgoing' || call.kind !== 'direct') return stay(state);
      // Before initiateCall answers, close at once; its late answer is then stale and gets cancelled.
      if (call.phase === 'requesting') return finish(state, 'cancelled', [], false);
      if (call.phase !== 'ringing') return transition(state, { type: 'hang-up' }, options);
      return finish(state, 'cancelled', [
        { type: 'reject', sessionId: call.sessionId!, status: 'cancelled' },
        { type: 'clear-active-call' },
      ], false);
    }
    case 'outgoing-accepted': {
      if (!matchesSession(state, event.sessionId) || call!.direction !== 'outgoing') {
        // Accepted after this page cancelled or gave up: hang up so the callee is not left alone in a session.
        // A call this page never placed (another tab's) is left alone.
        if (!state.finishedOutgoing.includes(event.sessionId)) return stay(state);
        return stay(state, [{ type: 'end-call', sessionId: event.sessionId }, { type: 'clear-active-call' }]);
      }
      if (call!.phase !== 'ringing') return stay(state);
      return connectAccepted(state, call!, event.sessionId);
    }
    case 'outgoing-rejected': {
      if (!matchesSession(state, event.sessionId) || call!.direction !== 'outgoing') return stay(state);
      const reason = REJECT_REASONS[event.status] ?? 'rejected';
      const status = reason === 'busy' || reason === 'unanswered' ? reason : 'rejected';
      return finish(state, reason, [
        { type: 'clear-active-call' },
        { type: 'emit', name: 'cc-call-rejected', detail: { sessionId: event.sessionId, status } },
      ], true);
    }

    // ── incoming ringing ────────────────────────────────────────────
    case 'incoming-call': {
      // The SDK can deliver the same call twice; it is the one already ringing, not a second caller.
      if (matchesSession(state, event.sessionId)) return stay(state);
      if (state.status !== 'ready' || isLive(call)) {
        return stay(state, [{ type: 'reject', sessionId: event.sessionId, status: 'busy' }]);
      }
      const next = newCall(state, {
        kind: event.kind,
        direction: 'incoming',
        type: event.callType,
        sessionId: event.sessionId,
        peer: event.peer,
        initiator: event.initiator,
        phase: 'ringing',
      });
      return {
        state: next,
        effects: [
          { type: 'expire-ringing', callId: next.call!.id },
          {
            type: 'emit',
            name: 'cc-call-incoming',
            detail: { sessionId: event.sessionId, callType: event.callType, caller: event.initiator, kind: event.kind },
          },
        ],
      };
    }
    case 'incoming-cancelled': {
      if (!matchesSession(state, event.sessionId) || call!.direction !== 'incoming') return stay(state);
      if (call!.phase !== 'ringing' && call!.phase !== 'accepting') return stay(state);
      const reason: EndReason = event.status === 'unanswered' ? 'unanswered' : 'cancelled';
      return finish(state, reason, [], false);
    }
    case 'ring-expired': {
      // Only the caller's SDK times a ring out; if its "unanswered" or a cancel never reached us
      // (our connection was down), nothing else would ever stop this call ringing.
      if (!isCurrent(state, event.callId) || call!.direction !== 'incoming' || call!.phase !== 'ringing') return stay(state);
      return finish(state, 'unanswered', [], false);
    }
    case 'handled-elsewhere': {
      // Another tab of this user answered or declined: stop ringing here, and leave the call to that tab.
      if (!matchesSession(state, event.sessionId) || call!.direction !== 'incoming' || call!.phase !== 'ringing') return stay(state);
      return finish(state, 'elsewhere', [], false);
    }
    case 'accept': {
      if (!isLive(call) || call.direction !== 'incoming' || call.phase !== 'ringing' || call.kind !== 'direct') {
        return stay(state);
      }
      return {
        state: withCall(state, { ...call, phase: 'accepting' }),
        effects: [{ type: 'accept', callId: call.id, sessionId: call.sessionId! }],
      };
    }
    case 'accepted': {
      if (!isCurrent(state, event.callId)) {
        // The SDK accepted a call the user no longer has (declined or cancelled meanwhile): end it properly.
        const settled = state.declinedWhileAccepting === event.sessionId ? { ...state, declinedWhileAccepting: null } : state;
        return stay(settled, [{ type: 'end-call', sessionId: event.sessionId }, { type: 'clear-active-call' }]);
      }
      return connectAccepted(state, call!, event.sessionId);
    }
    case 'accept-failed': {
      if (!isCurrent(state, event.callId)) {
        if (state.declinedWhileAccepting !== event.sessionId) return stay(state);
        // Declined while accepting, and the accept never went through: the caller is still ringing.
        return stay({ ...state, declinedWhileAccepting: null }, [
          { type: 'reject', sessionId: event.sessionId, status: 'rejected' },
          { type: 'clear-active-call' },
        ]);
      }
      const effects: Effect[] = [{ type: 'clear-active-call' }, { type: 'emit', name: 'cc-error', detail: event.error }];
      // We never reached acceptCall (no camera or microphone): decline so the caller stops ringing.
      if (event.error.code === 'media-denied') effects.unshift({ type: 'reject', sessionId: call!.sessionId!, status: 'rejected' });
      return finish(state, 'failed', effects, true, event.error);
    }
    case 'decline': {
      // Changing one's mind while acceptCall is still in flight: its late answer is hung up properly,
      // and if it fails, the decline is sent then.
      if (isLive(call) && call.direction === 'incoming' && call.phase === 'accepting') {
        return finish({ ...state, declinedWhileAccepting: call.sessionId }, 'declined', [], false);
      }
      if (!isLive(call) || call.direction !== 'incoming' || call.phase !== 'ringing') return stay(state);
      if (call.kind === 'meeting') return finish(state, 'declined', [], false);
      return finish(state, 'declined', [{ type: 'reject', sessionId: call.sessionId!, status: 'rejected' }], false);
    }

    // ── meetings ────────────────────────────────────────────────────
    case 'meeting-announced': {
      if (!isCurrent(state, event.callId)) {
        // The starter left before the announcement went out: tell the members it is over, or their cards would invite them into an empty room.
        return stay(state, options.announceMeetingEnd ? [{ type: 'announce-meeting-ended', guid: event.guid, sessionId: event.guid }] : []);
      }
      const connecting = { ...call!, phase: 'connecting' as const };
      return { state: withCall(state, connecting), effects: [startSessionEffect(connecting)] };
    }
    case 'announce-failed':
      if (!isCurrent(state, event.callId)) return stay(state);
      return finish(state, 'failed', [{ type: 'emit', name: 'cc-error', detail: event.error }], true, event.error);
    case 'meeting-message': {
      const { meeting } = event;
      if (state.user && meeting.sender.id === state.user.id) return stay(state);
      const alreadyIn = isLive(call) && call.sessionId === meeting.sessionId;
      const notices = alreadyIn
        ? state.notices
        : [...state.notices.filter((n) => n.sessionId !== meeting.sessionId), meeting];
      return {
        state: { ...state, notices },
        effects: [
          {
            type: 'emit',
            name: 'cc-meeting-received',
            detail: {
              sessionId: meeting.sessionId,
              guid: meeting.guid,
              callType: meeting.type,
              sender: meeting.sender,
              group: meeting.group,
              message: event.raw,
            },
          },
        ],
      };
    }
    case 'meeting-ended-message': {
      const previous = state.meetingsEndedAt[event.sessionId] ?? 0;
      const meetingsEndedAt = { ...state.meetingsEndedAt, [event.sessionId]: Math.max(previous, event.sentAt) };
      const notices = state.notices.filter((n) => n.sessionId !== event.sessionId || n.sentAt > event.sentAt);
      return stay({ ...state, meetingsEndedAt, notices });
    }
    case 'dismiss-notice':
      return stay({ ...state, notices: state.notices.filter((n) => n.sessionId !== event.sessionId) });

    // ── the session ─────────────────────────────────────────────────
    case 'session-started': {
      if (!isCurrent(state, event.callId) || (call!.phase !== 'connecting' && call!.phase !== 'active')) {
        // A session came up for a call that is already over: release the camera at once.
        return stay(state, [{ type: 'end-session' }]);
      }
      // The SDK call returned; the call is live once the session reports we joined (before or after this).
      return stay(state);
    }
    case 'session-joined': {
      if (!isCurrent(state, event.callId) || call!.phase !== 'connecting') return stay(state);
      const active = { ...call!, phase: 'active' as const };
      const { state: remembered, effect } = rememberJoin(withCall(state, active), active.sessionId!, options.now);
      return {
        state: remembered,
        effects: [
          effect,
          { type: 'emit', name: 'cc-call-started', detail: { sessionId: active.sessionId!, kind: active.kind, callType: active.type } },
        ],
      };
    }
    case 'session-participants':
      if (!isCurrent(state, event.callId)) return stay(state);
      return stay(withCall(state, { ...call!, othersInSession: Math.max(0, event.others) }));
    case 'session-failed':
    case 'session-error': {
      if (!isCurrent(state, event.callId)) return stay(state);
      const effects = teardown(call!, false);
      return finish(state, 'failed', [...effects, { type: 'emit', name: 'cc-error', detail: event.error }], true, event.error);
    }
    case 'session-timeout':
      if (!isCurrent(state, event.callId)) return stay(state);
      if (call!.kind === 'meeting') return leaveMeeting(state, 'timeout', options, true);
      return finish(state, 'timeout', teardown(call!, false), true);
    case 'session-ended': {
      // v4 onCallEnded: the other side of a 1:1 session is gone.
      if (!isCurrent(state, event.callId)) return stay(state);
      if (call!.kind === 'meeting') return leaveMeeting(state, 'left', options, false);
      return finish(state, 'remote-ended', [{ type: 'clear-active-call' }, { type: 'end-session' }], true);
    }
    case 'call-ended-message': {
      if (!matchesSession(state, event.sessionId) || call!.kind !== 'direct') return stay(state);
      if (call!.phase === 'ringing' || call!.phase === 'requesting') return stay(state);
      return finish(state, 'remote-ended', [{ type: 'clear-active-call' }, { type: 'end-session' }], true);
    }
    case 'session-end-pressed':
    case 'session-left':
      if (!isCurrent(state, event.callId)) return stay(state);
      return transition(state, { type: 'hang-up' }, options);
    case 'hang-up': {
      if (!isLive(call)) return stay(state);
      if (call.direction === 'outgoing' && call.kind === 'direct' && (call.phase === 'requesting' || call.phase === 'ringing')) {
        return transition(state, { type: 'cancel' }, options);
      }
      if (call.direction === 'incoming' && call.phase === 'ringing') return transition(state, { type: 'decline' }, options);
      if (call.phase === 'accepting') return transition(state, { type: 'decline' }, options);
      if (call.kind === 'meeting') return leaveMeeting(state, 'left', options, false);
      return finish(state, 'hung-up', teardown(call, false), false);
    }

    // ── after the end ───────────────────────────────────────────────
    case 'outcome-shown':
    case 'dismiss': {
      if (!call || call.phase !== 'ended') return stay(state);
      if (event.type === 'outcome-shown' && call.id !== event.callId) return stay(state);
      return stay(withCall(state, null));
    }
  }
}

/** Whether a meeting card for `meeting` should read as ended. */
export function isMeetingEnded(state: CallState, meeting: Pick<MeetingInfo, 'sessionId' | 'sentAt'>): boolean {
  const endedAt = state.meetingsEndedAt[meeting.sessionId];
  return endedAt !== undefined && endedAt >= meeting.sentAt;
}

/** Whether this page is in (or joining) the session `sessionId`. */
export function isInSession(state: CallState, sessionId: string, kind?: CallKind): boolean {
  const call = state.call;
  return isLive(call) && call.sessionId === sessionId && (kind === undefined || call.kind === kind);
}

