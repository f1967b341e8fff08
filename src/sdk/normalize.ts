/**
 * Turns what other users control (names, avatars, custom data) into bounded,
 * checked plain values before anything renders it. Rendering is always as
 * text; this module additionally caps lengths and allows only http(s) URLs.
 */
import type { CallType, MeetingInfo, Party } from '../store/types.js';
import type { ChatCustomMessage, ChatGroup, ChatUser } from './types.js';

const MAX_NAME = 80;
const MAX_ID = 200;
const MAX_URL = 2048;

/** The custom message type CometChat's kits use to announce a group call. */
export const MEETING_TYPE = 'meeting';
/** Our follow-up message that marks a meeting over (the seeds' suggestion; kits ignore it). */
export const MEETING_ENDED_TYPE = 'meeting_ended';

// Control characters and bidi overrides could garble or spoof the surrounding UI.
const UNSAFE_CHAR = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_CHARS = new RegExp(UNSAFE_CHAR.source, 'g');

/** A display string: text only, unsafe characters removed, at most `max` characters. */
export function cleanText(value: unknown, max = MAX_NAME): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const text = String(value).replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** An identifier (uid, guid, session id): a non-empty bounded string, or null. */
export function cleanId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const id = value.trim();
  return id && id.length <= MAX_ID && !UNSAFE_CHAR.test(id) ? id : null;
}

/** An absolute http(s) URL, or null. Relative URLs resolve against the page. */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value || value.length > MAX_URL) return null;
  try {
    const base = typeof location === 'undefined' ? 'https://invalid.invalid/' : location.href;
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function call<T>(target: unknown, method: string): T | undefined {
  const fn = (target as Record<string, unknown> | null | undefined)?.[method];
  if (typeof fn !== 'function') return undefined;
  try {
    return fn.call(target) as T;
  } catch {
    return undefined;
  }
}

export function partyFromUser(user: ChatUser | null | undefined, fallbackId = ''): Party {
  const id = cleanId(call<string>(user, 'getUid')) ?? fallbackId;
  return {
    kind: 'user',
    id,
    name: cleanText(call<string>(user, 'getName')) || cleanText(id) || 'Unknown',
    avatar: safeUrl(call<string>(user, 'getAvatar')),
  };
}

export function partyFromGroup(group: ChatGroup | null | undefined, fallbackId = ''): Party {
  const id = cleanId(call<string>(group, 'getGuid')) ?? fallbackId;
  return {
    kind: 'group',
    id,
    name: cleanText(call<string>(group, 'getName')) || cleanText(id) || 'Group',
    avatar: safeUrl(call<string>(group, 'getIcon')),
  };
}

/** `'audio'` only when the sender said so; anything else is video, as the kits assume. */
export function callTypeOf(value: unknown): CallType {
  return value === 'audio' ? 'audio' : 'video';
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function seconds(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/**
 * The session a meeting or meeting_ended message names: `sessionID ?? sessionId ?? receiverId`.
 * CometChat's kits and this bundle always use the group's GUID. A message that names another
 * session (another group's, say) is refused, so a card never joins a room other than the one it shows.
 */
export function sessionIdOf(message: ChatCustomMessage): string | null {
  const data = record(call(message, 'getCustomData'));
  const guid = cleanId(call(message, 'getReceiverId'));
  const named = cleanId(data['sessionID']) ?? cleanId(data['sessionId']);
  if (named && guid && named !== guid) return null;
  return named ?? guid;
}

/** Reads a `meeting_ended` custom message: which session ended, and when (unix seconds). Null for anything else. */
export function meetingEndFromMessage(message: unknown): { sessionId: string; sentAt: number } | null {
  const msg = message as ChatCustomMessage;
  if (call(msg, 'getType') !== MEETING_ENDED_TYPE) return null;
  const sessionId = sessionIdOf(msg);
  return sessionId ? { sessionId, sentAt: seconds(call(msg, 'getSentAt')) } : null;
}

/**
 * Reads a `meeting` custom message (ours, or one from CometChat's kits).
 * Returns null when it is not one or cannot be joined (no usable session id, or one other than its group's).
 */
export function meetingFromMessage(message: unknown): MeetingInfo | null {
  const msg = message as ChatCustomMessage;
  if (call(msg, 'getType') !== MEETING_TYPE) return null;
  const sessionId = sessionIdOf(msg);
  const guid = cleanId(call(msg, 'getReceiverId')) ?? sessionId;
  if (!sessionId || !guid) return null;
  const data = record(call(msg, 'getCustomData'));
  const receiver = call<ChatGroup>(msg, 'getReceiver');
  const group = call(receiver, 'getGuid') !== undefined ? partyFromGroup(receiver, guid) : partyFromGroup(undefined, guid);
  return {
    sessionId,
    guid,
    type: callTypeOf(data['callType']),
    group,
    sender: partyFromUser(call<ChatUser>(msg, 'getSender')),
    sentAt: seconds(call(msg, 'getSentAt')),
  };
}
