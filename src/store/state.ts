/**
 * The call state every layer reads: where it starts, the questions asked of it (is a call live,
 * is this page in a session, has a meeting ended), and the two rules the store needs before the
 * call rules (machine.ts, a chunk of its own in the script-tag bundle) have loaded: calling is
 * being configured, or it failed. Pure, like the machine, which builds on it.
 */
import type { CcErrorInfo } from '../core/errors.js';
import { ownValue } from '../core/clean.js';
import type { CallKind, CallSnapshot, MeetingInfo } from '../core/types.js';
import type { CallState, Effect, Handlers, Transition } from './types.js';

export const initialState: CallState = {
  status: 'unconfigured',
  error: null,
  blocked: null,
  user: null,
  call: null,
  nextCallId: 1,
  notices: [],
  meetingsEndedAt: {},
  joinedAt: {},
  dismissedAt: {},
  finishedOutgoing: [],
  declinedWhileAccepting: null,
  earlyAnswer: null,
  missed: null,
};

/** A call is "live" from the first request until it has ended. */
export function isLive(call: CallSnapshot | null): call is CallSnapshot {
  return call !== null && call.phase !== 'ended';
}

/** The live call, if it is the one `callId` names: results of effects for older calls are stale. */
export function currentCall(state: CallState, callId: number): CallSnapshot | null {
  return isLive(state.call) && state.call.id === callId ? state.call : null;
}

/** The live call, if it is the one the SDK's `sessionId` names. */
export function callForSession(state: CallState, sessionId: string): CallSnapshot | null {
  return isLive(state.call) && state.call.sessionId === sessionId ? state.call : null;
}

/** Whether this page is in (or joining) the session `sessionId`. */
export function isInSession(state: CallState, sessionId: string, kind?: CallKind): boolean {
  const call = callForSession(state, sessionId);
  return call !== null && (kind === undefined || call.kind === kind);
}

/** Whether a meeting card for `meeting` should read as ended. */
export function isMeetingEnded(state: CallState, meeting: Pick<MeetingInfo, 'sessionId' | 'sentAt'>): boolean {
  const endedAt = ownValue(state.meetingsEndedAt, meeting.sessionId);
  return endedAt !== undefined && endedAt >= meeting.sentAt;
}

/** A rule's answer: the next state, and what the store is to do about it. */
export function stay(state: CallState, effects: Effect[] = []): Transition {
  return { state, effects };
}

/** Tells the page (a `cc-error` event). */
export function error(detail: CcErrorInfo): Effect {
  return { type: 'emit', name: 'cc-error', detail };
}

/** What the page shows before any call can exist: "Connecting…", or calling unavailable and why. */
export const statusRules: Pick<Handlers, 'configuring' | 'configure-failed'> = {
  configuring: (state) => stay({ ...state, status: 'configuring', error: null }),
  'configure-failed': (state, { error: failure }) =>
    stay({ ...state, status: 'unavailable', error: failure, user: null }, [error(failure)]),
};
