/**
 * After a reload, the meetings that may still be running: the newest `meeting` and
 * `meeting_ended` messages in the user's groups, read through the chat SDK's own
 * requests (`GroupsRequest` for the joined groups, `MessagesRequest` per group),
 * within a bounded window. Which of them to offer is the machine's call; this
 * module only reads, bounds and checks what the SDK answered. An answer that is
 * not what was asked for (not a list, more than the limit, another conversation's
 * messages) is ignored, and the whole lookup logs one console warning at most.
 */
import { cleanId } from '../core/clean.js';
import { MEETING_ENDED_TYPE, MEETING_TYPE, meetingEndFromMessage, meetingFromMessage } from '../core/messages.js';
import { describeError } from '../core/errors.js';
import type { MeetingHistory } from '../core/types.js';
import { bounded } from '../core/timing.js';
import type { ChatNamespace } from './types.js';

/**
 * The window a page load looks back through. Each bound is a trade-off:
 * - `maxAgeSeconds`, 2 hours: longer than most meetings. A meeting whose last participant's page
 *   died never gets its `meeting_ended`, so an older announcement is more likely stale than live.
 * - `groups`, 20: the first page of the user's joined groups. It costs one request per group at
 *   every page load, so a user in hundreds of groups does not fire hundreds of requests.
 * - `messagesPerGroup`, 10: the newest meeting messages of a group; the newest announcement and
 *   any later `meeting_ended` are all that matter, the rest is margin.
 * - `parallel`, 4: group histories read at once, so a page load never floods the connection.
 */
export const HISTORY_WINDOW = { maxAgeSeconds: 2 * 60 * 60, groups: 20, messagesPerGroup: 10, parallel: 4 } as const;

/** Calls `target[method]()` if it is a function; undefined if it is not or throws. */
function read(target: unknown, method: string): unknown {
  const fn = (target as Record<string, unknown> | null | undefined)?.[method];
  if (typeof fn !== 'function') return undefined;
  try {
    return fn.call(target) as unknown;
  } catch {
    return undefined;
  }
}

/** Why an answer was ignored, or null when it is a list of at most `limit` entries. */
function listProblem(answer: unknown, limit: number, what: string): string | null {
  if (!Array.isArray(answer)) return `${what} was not a list`;
  if (answer.length > limit) return `${what} had ${answer.length} entries where at most ${limit} were asked for`;
  return null;
}

async function joinedGroups(chat: ChatNamespace, limitMs: number, problems: string[]): Promise<string[]> {
  const builder = new chat.GroupsRequestBuilder!();
  builder.setLimit(HISTORY_WINDOW.groups);
  builder.joinedOnly(true);
  const answer: unknown = await bounded(builder.build().fetchNext(), limitMs, 'Reading the joined groups');
  const problem = listProblem(answer, HISTORY_WINDOW.groups, 'the joined-groups list');
  const guids = problem ? [] : (answer as unknown[]).map((group) => cleanId(read(group, 'getGuid')));
  if (problem || guids.includes(null)) {
    problems.push(problem ?? 'the joined-groups list held entries that are not groups');
    return [];
  }
  return [...new Set(guids as string[])];
}

async function groupHistory(chat: ChatNamespace, guid: string, limitMs: number, into: MeetingHistory, problems: string[]): Promise<void> {
  const builder = new chat.MessagesRequestBuilder!();
  builder.setGUID(guid);
  builder.setLimit(HISTORY_WINDOW.messagesPerGroup);
  builder.setCategories([chat.CATEGORY_CUSTOM]);
  builder.setTypes([MEETING_TYPE, MEETING_ENDED_TYPE]);
  const answer: unknown = await bounded(builder.build().fetchPrevious(), limitMs, `Reading the history of ${guid}`);
  const problem = listProblem(answer, HISTORY_WINDOW.messagesPerGroup, `${guid}'s history`);
  const messages = problem ? [] : (answer as unknown[]);
  // A message for any other conversation is not this group's history, whatever it says.
  const foreign = messages.some(
    (message) => read(message, 'getReceiverId') !== guid || read(message, 'getReceiverType') !== chat.RECEIVER_TYPE.GROUP,
  );
  if (problem || foreign) {
    problems.push(problem ?? `${guid}'s history held messages for another conversation or none`);
    return;
  }
  for (const message of messages) {
    const meeting = meetingFromMessage(message);
    if (meeting) into.meetings.push({ meeting, raw: message });
    const end = meetingEndFromMessage(message);
    if (end?.sentAt) into.ends.push(end);
  }
}

/**
 * Reads the meeting messages of the last {@link HISTORY_WINDOW} from the user's groups: every
 * `meeting_ended` found, and the `meeting` announcements no older than `maxAgeSeconds`. Each SDK
 * request is bounded by `limitMs`. Never rejects: what fails or is malformed is left out, and
 * logged in one console warning.
 */
export async function readMeetingHistory(chat: ChatNamespace, limitMs: number, nowSeconds: number): Promise<MeetingHistory> {
  const history: MeetingHistory = { meetings: [], ends: [] };
  if (typeof chat.GroupsRequestBuilder !== 'function' || typeof chat.MessagesRequestBuilder !== 'function') return history;
  const problems: string[] = [];
  const failed = (what: string) => (error: unknown) => {
    problems.push(`${what} failed: ${describeError(error).slice(0, 200)}`);
  };
  try {
    const queue = await joinedGroups(chat, limitMs, problems).catch((error: unknown) => {
      failed('reading the joined groups')(error);
      return [] as string[];
    });
    const worker = async () => {
      for (let guid = queue.shift(); guid !== undefined; guid = queue.shift()) {
        await groupHistory(chat, guid, limitMs, history, problems).catch(failed(`reading ${guid}'s history`));
      }
    };
    await Promise.all(Array.from({ length: HISTORY_WINDOW.parallel }, worker));
  } catch (error) {
    // A builder that throws (an SDK without these requests' usual shape).
    failed('reading the chat history')(error);
  }
  const since = nowSeconds - HISTORY_WINDOW.maxAgeSeconds;
  history.meetings = history.meetings.filter(({ meeting }) => meeting.sentAt > 0 && meeting.sentAt >= since);
  if (problems.length) {
    const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
    console.warn(
      `[cc-call-elements] Ignored ${problems.length} chat history answer(s) while looking for live meetings (${shown}). Meetings in those groups are not offered after this page load; live ones still arrive as they are announced.`,
    );
  }
  return history;
}
