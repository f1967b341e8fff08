/**
 * What another user's SDK objects say, read defensively (typed `unknown`: they are untrusted, and
 * the ground floor does not import the SDK's shapes): users and groups as
 * parties, and the `meeting` / `meeting_ended` custom messages. Every string
 * goes through clean.ts; a malformed object yields a fallback or null, never
 * a throw.
 */
import type { MeetingInfo, Party } from './types.js';
import { callTypeOf, cleanId, cleanSeconds as seconds, cleanText, safeUrl } from './clean.js';

/** The custom message type CometChat's kits use to announce a group call. */
export const MEETING_TYPE = 'meeting';
/** Our follow-up message that marks a meeting over (the seeds' suggestion; kits ignore it). */
export const MEETING_ENDED_TYPE = 'meeting_ended';

function call<T>(target: unknown, method: string): T | undefined {
  const fn = (target as Record<string, unknown> | null | undefined)?.[method];
  if (typeof fn !== 'function') return undefined;
  try {
    return fn.call(target) as T;
  } catch {
    return undefined;
  }
}

export function partyFromUser(user: unknown, fallbackId = ''): Party {
  const id = cleanId(call<string>(user, 'getUid')) ?? fallbackId;
  return {
    kind: 'user',
    id,
    name: cleanText(call<string>(user, 'getName')) || cleanText(id) || 'Unknown',
    avatar: safeUrl(call<string>(user, 'getAvatar')),
  };
}

export function partyFromGroup(group: unknown, fallbackId = ''): Party {
  const id = cleanId(call<string>(group, 'getGuid')) ?? fallbackId;
  return {
    kind: 'group',
    id,
    name: cleanText(call<string>(group, 'getName')) || cleanText(id) || 'Group',
    avatar: safeUrl(call<string>(group, 'getIcon')),
  };
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The session a meeting or meeting_ended message names: `sessionID ?? sessionId ?? receiverId`.
 * CometChat's kits and this bundle always use the group's GUID. A message that names another
 * session (another group's, say) is refused, so a card never joins a room other than the one it shows.
 */
export function sessionIdOf(message: unknown): string | null {
  const data = record(call(message, 'getCustomData'));
  const guid = cleanId(call(message, 'getReceiverId'));
  const named = cleanId(data['sessionID']) ?? cleanId(data['sessionId']);
  if (named && guid && named !== guid) return null;
  return named ?? guid;
}

/** Reads a `meeting_ended` custom message: which session ended, and when (unix seconds). Null for anything else. */
export function meetingEndFromMessage(msg: unknown): { sessionId: string; sentAt: number } | null {
  if (call(msg, 'getType') !== MEETING_ENDED_TYPE) return null;
  const sessionId = sessionIdOf(msg);
  return sessionId ? { sessionId, sentAt: seconds(call(msg, 'getSentAt')) } : null;
}

/**
 * Reads a `meeting` custom message (ours, or one from CometChat's kits).
 * Returns null when it is not one or cannot be joined (no usable session id, or one other than its group's).
 */
export function meetingFromMessage(msg: unknown): MeetingInfo | null {
  if (call(msg, 'getType') !== MEETING_TYPE) return null;
  const sessionId = sessionIdOf(msg);
  const guid = cleanId(call(msg, 'getReceiverId')) ?? sessionId;
  if (!sessionId || !guid) return null;
  const data = record(call(msg, 'getCustomData'));
  const receiver = call<unknown>(msg, 'getReceiver');
  const group = call(receiver, 'getGuid') !== undefined ? partyFromGroup(receiver, guid) : partyFromGroup(undefined, guid);
  return {
    sessionId,
    guid,
    type: callTypeOf(data['callType']),
    group,
    sender: partyFromUser(call<unknown>(msg, 'getSender')),
    sentAt: seconds(call(msg, 'getSentAt')),
  };
}
