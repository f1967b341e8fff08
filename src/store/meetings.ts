/**
 * Missed meetings. Meetings do not ring, so there is no missed-call entity:
 * a meeting is missed when this browser never joined its session between
 * the announcement and the next announcement for the same session.
 */
import { ownValue } from '../core/clean.js';
import { meetingEndFromMessage, meetingFromMessage } from '../core/messages.js';
import { getStore } from './store.js';
import type { MeetingInfo } from '../core/types.js';

/**
 * Returns the meetings in `messages` (CometChat messages, any order) that
 * `uid` did not start and never joined from this browser, oldest first.
 * Messages that are not joinable meeting announcements are skipped.
 *
 * @param joinedAt per session id, when this browser joined it (unix seconds);
 *   defaults to what the store remembers across page loads.
 */
export function missedMeetings(
  messages: readonly unknown[],
  uid: string,
  joinedAt: Record<string, readonly number[]> = getStore().state.joinedAt,
): MeetingInfo[] {
  const meetings = messages
    .map((message) => meetingFromMessage(message))
    .filter((meeting): meeting is MeetingInfo => meeting !== null)
    .sort((a, b) => a.sentAt - b.sentAt);
  return meetings.filter((meeting, index) => {
    if (meeting.sender.id === uid) return false;
    const next = meetings.slice(index + 1).find((m) => m.sessionId === meeting.sessionId);
    const until = next ? next.sentAt : Infinity;
    const joins = ownValue(joinedAt, meeting.sessionId) ?? [];
    return !joins.some((time) => time >= meeting.sentAt && time < until);
  });
}

/**
 * Tells the page which meetings in a message history have ended, so that
 * `<cc-meeting-card>`s for older meetings read "Ended" after a reload. The
 * store sees live `meeting_ended` messages itself, and reads the recent
 * history of the user's groups after `configure()`; pass it the older
 * messages you fetch for a group chat (e.g. from
 * `MessagesRequest.fetchPrevious()`). Anything that is not a `meeting_ended`
 * message is ignored; it never offers a meeting.
 */
export function noteMeetingHistory(messages: readonly unknown[]): void {
  const ends = messages.map((message) => meetingEndFromMessage(message)).filter((end) => end !== null);
  getStore().dispatch({ type: 'meeting-history', meetings: [], ends });
}
