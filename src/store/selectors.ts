/**
 * What the page shows, derived from the call state: which surface owns the
 * current call, whether calling is available (and if not, why), and what
 * each element needs. Elements read these through `StoreController`.
 */
import type { StringKey } from '../core/strings.js';
import { isInSession, isLive, isMeetingEnded } from './state.js';
import type { CallSnapshot, MeetingInfo } from '../core/types.js';
import type { CallState } from './types.js';

/**
 * Who shows the current call: the ringing dialog while an incoming call rings or is being
 * accepted, the stage from "Calling…" to the outcome, nobody without a call.
 */
export function surfaceOf({ call }: CallState): 'incoming' | 'stage' | null {
  if (!call) return null;
  const ringingIn = call.direction === 'incoming' && (call.phase === 'ringing' || call.phase === 'accepting');
  return ringingIn ? 'incoming' : 'stage';
}

/** The incoming call that rings (or is being accepted), for the ringing dialog. */
export function ringingCall(state: CallState): CallSnapshot | null {
  return isLive(state.call) && surfaceOf(state) === 'incoming' ? state.call : null;
}

/** The call the stage shows, ended ones included (their outcome stays briefly). */
export function stagedCall(state: CallState): CallSnapshot | null {
  return surfaceOf(state) === 'stage' ? state.call : null;
}

/** The meeting notice to show: the newest announcement, while no call is live. */
export function currentNotice(state: CallState): MeetingInfo | null {
  return isLive(state.call) ? null : (state.notices.at(-1) ?? null);
}

/** Why starting a call is not possible right now, as a string key; null when it is. */
export function unavailableReason(
  state: CallState,
): Extract<StringKey, 'connecting' | 'reconnecting' | 'unavailable' | 'busyInCall'> | null {
  if (state.blocked) return 'unavailable';
  if (state.status === 'configuring') return 'connecting';
  if (state.status === 'reconnecting') return 'reconnecting';
  if (state.status !== 'ready') return 'unavailable';
  return isLive(state.call) ? 'busyInCall' : null;
}

export type MeetingCardState = 'joinable' | 'in-meeting' | 'ended' | 'invalid';

/** What a card for `meeting` shows: its state, and why Join is unavailable if it is. */
export function meetingCardView(
  state: CallState,
  meeting: MeetingInfo | null,
): { state: MeetingCardState; reason: ReturnType<typeof unavailableReason> } {
  if (!meeting) return { state: 'invalid', reason: null };
  // The session is the group's room: while the user is in it, every card for it says so.
  if (isInSession(state, meeting.sessionId, 'meeting')) return { state: 'in-meeting', reason: null };
  if (isMeetingEnded(state, meeting)) return { state: 'ended', reason: null };
  return { state: 'joinable', reason: unavailableReason(state) };
}

/** Compares two flat objects by their own values: for selectors that build a fresh object. */
export function shallowEqual<T extends object>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  const keys = Object.keys(a) as Array<keyof T>;
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}
