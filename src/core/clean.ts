/**
 * Turns what other users control (names, ids, avatars, custom data) into
 * bounded, checked plain values before anything renders it. Rendering is
 * always as text; this module additionally caps lengths and allows only
 * http(s) URLs. A domain rule: the elements and the adapter both apply it.
 */
import type { CallType } from './types.js';

const MAX_NAME = 80;
const MAX_ID = 200;
const MAX_URL = 2048;

// Control characters and bidi overrides could garble or spoof the surrounding UI.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHAR = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_CHARS = new RegExp(UNSAFE_CHAR.source, 'g');
/** What `cleanText` would change: an unsafe character, or whitespace but single spaces between words. */
const NEEDS_CLEANING = new RegExp(`${UNSAFE_CHAR.source}|[^\\S ]| {2}|^ | $`);

/** A display string: text only, unsafe characters removed, at most `max` characters. */
export function cleanText(value: unknown, max = MAX_NAME): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  // Most names need nothing done: one test, not two replaces (a contact list cleans a thousand).
  if (typeof value === 'string' && value.length <= max && !NEEDS_CLEANING.test(value)) return value;
  const text = String(value).replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** An identifier (uid, guid, session id): a non-empty bounded string, or null. */
export function cleanId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const id = value.trim();
  return id && id.length <= MAX_ID && !UNSAFE_CHAR.test(id) ? id : null;
}

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

/**
 * An absolute `https:` URL (or `http:` on localhost, for development), or null. A relative or
 * scheme-relative URL from another user is refused, never resolved against the page: it would be
 * fetched from the site's own origin, with its cookies. `fromPage` (a URL the page itself gave,
 * such as a ringtone) allows http(s) anywhere, relative ones resolved against the page.
 */
export function safeUrl(value: unknown, fromPage = false): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL || !(fromPage ? value : /^https?:\/\//i.test(value))) return null;
  try {
    const url = new URL(value, fromPage ? location.href : undefined);
    return url.protocol === 'https:' || (url.protocol === 'http:' && (fromPage || LOOPBACK.test(url.hostname))) ? url.href : null;
  } catch {
    return null;
  }
}

/** The latest unix time (seconds) a Date can hold: 8.64e15 ms. */
const MAX_SECONDS = 8.64e12;

/** Unix seconds: a whole positive number a Date can represent, else 0 (unknown). */
export function cleanSeconds(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 && n <= MAX_SECONDS ? Math.floor(n) : 0;
}

/** `'audio'` only when the sender said so; anything else is video, as the kits assume. */
export function callTypeOf(value: unknown): CallType {
  return value === 'audio' ? 'audio' : 'video';
}

/**
 * `record[key]` if `record` has it as its own property. Ids and fields from other users index
 * collections: a plain lookup of `constructor` or `__proto__` would find Object.prototype's members.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
