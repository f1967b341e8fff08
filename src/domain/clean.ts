/**
 * Turns what other users control (names, ids, avatars, custom data) into
 * bounded, checked plain values before anything renders it. Rendering is
 * always as text; this module additionally caps lengths and allows only
 * http(s) URLs. A domain rule: the elements and the adapter both apply it.
 */
import type { CallType } from '../store/types.js';

const MAX_NAME = 80;
const MAX_ID = 200;
const MAX_URL = 2048;

// Control characters and bidi overrides could garble or spoof the surrounding UI.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
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

/** `'audio'` only when the sender said so; anything else is video, as the kits assume. */
export function callTypeOf(value: unknown): CallType {
  return value === 'audio' ? 'audio' : 'video';
}
