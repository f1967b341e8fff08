/**
 * Every string the elements show or announce, in one typed table with
 * English defaults. Override for the page with `setStrings()`, add a
 * translation with `setStrings(table, lang)` (elements follow their `lang`),
 * or override per element through its `strings` property. `{name}`-style placeholders are filled in
 * as text, never as HTML.
 */
export const defaultStrings = {
  startVideoCall: 'Start video call',
  startVoiceCall: 'Start voice call',
  startVideoMeeting: 'Start video meeting',
  startVoiceMeeting: 'Start voice meeting',
  ringVideoGroup: 'Ring the group (video)',
  ringVoiceGroup: 'Ring the group (voice)',
  actionFor: '{action}, {name}',
  unavailable: 'Calling is not available',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  busyInCall: 'You are already in a call',

  incomingVideoCall: 'Incoming video call',
  incomingVoiceCall: 'Incoming voice call',
  groupCalling: '{caller} is calling {group}',
  accept: 'Accept',
  acceptVideoCall: 'Accept video call from {name}',
  acceptVoiceCall: 'Accept voice call from {name}',
  decline: 'Decline',
  declineCall: 'Decline call from {name}',

  calling: 'Calling {name}…',
  dialling: 'Calling…',
  ringing: 'Ringing…',
  callAgain: 'Call again',
  participants: '{count} in the meeting',
  participantsList: '{count} in the meeting: {names}',
  cancel: 'Cancel',
  endCall: 'End call',
  leave: 'Leave',
  close: 'Close',
  noCall: 'No call right now',
  inCallWith: 'In call with {name}',
  inMeeting: 'In meeting',
  videoCall: 'Video call',
  voiceCall: 'Voice call',

  outcomeRejected: 'Declined',
  outcomeBusy: 'Busy',
  outcomeUnanswered: 'No answer',
  outcomeRemoteEnded: 'Call ended',
  outcomeHungUp: 'Call ended',
  outcomeLeft: 'You left the meeting',
  outcomeCancelled: 'Call cancelled',
  outcomeDeclined: 'Call declined',
  outcomeElsewhere: 'Answered in another tab',
  outcomeTimeout: 'Timed out',
  outcomeFailed: 'Call failed',

  meetingStarted: '{name} started a video meeting in {group}',
  voiceMeetingStarted: '{name} started a voice meeting in {group}',
  videoMeeting: 'Video meeting',
  voiceMeeting: 'Voice meeting',
  joinVideoMeeting: 'Join video meeting',
  joinVoiceMeeting: 'Join voice meeting',
  join: 'Join',
  returnToCall: 'Return',
  dismiss: 'Dismiss',
  meetingEnded: 'Ended',
  meetingCannotJoin: "This meeting can't be joined",
  startedByIn: 'Started by {name} in {group}',
  startedBy: 'Started by {name}',

  announceIncoming: 'Incoming call from {name}',
  announceCalling: 'Calling {name}',
  announceConnected: 'Connected',
  announceEnded: 'Call ended',
  announceMissed: 'Missed call from {name}',
  announceMeeting: '{name} started a meeting in {group}',
};

export type Strings = typeof defaultStrings;
export type StringKey = keyof Strings;

let pageStrings: Strings = { ...defaultStrings };
/** Translations by lowercase language tag, e.g. `de` or `pt-br`. */
const translations = new Map<string, Partial<Strings>>();
const listeners = new Set<() => void>();
let langObserver: MutationObserver | null = null;

function notify(): void {
  listeners.forEach((listener) => listener());
}

/**
 * Overrides strings for every element on the page. With `lang`, registers a
 * translation used by elements whose language (their closest `lang`
 * attribute, else `<html lang>`) is that tag, or a more specific one:
 * `setStrings(german, 'de')` also serves `de-AT`.
 */
export function setStrings(overrides: Partial<Strings>, lang?: string): void {
  overrides = onlyStrings(overrides);
  if (lang) {
    const tag = lang.toLowerCase();
    translations.set(tag, { ...translations.get(tag), ...overrides });
  } else {
    pageStrings = { ...pageStrings, ...overrides };
  }
  notify();
}

/** The strings for an element: defaults, page overrides, the translation for `lang`, then its own. */
export function resolveStrings(own?: Partial<Strings>, lang = ''): Strings {
  const tag = lang.toLowerCase();
  const language = tag && translations.get(tag.split('-')[0]!);
  const region = tag && translations.get(tag);
  // The common case, a thousand times per render of a contact list: no copy of the table.
  if (!own && !language && !region) return pageStrings;
  return { ...pageStrings, ...language, ...region, ...(own && onlyStrings(own)) };
}

/** Keeps the known keys whose value is a string: a number, object or inherited property never reaches the page. */
function onlyStrings(table: Partial<Strings>): Partial<Strings> {
  const clean: Record<string, string> = {};
  for (const key of Object.keys(defaultStrings)) {
    const value: unknown = table && typeof table === 'object' && Object.hasOwn(table, key) ? table[key as StringKey] : undefined;
    if (typeof value === 'string') clean[key] = value;
  }
  return clean;
}

/** Re-renders on `setStrings()` and on a change of `<html lang>`; returns the unsubscribe. */
export function onStringsChange(listener: () => void): () => void {
  listeners.add(listener);
  if (!langObserver && typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
    langObserver = new MutationObserver(notify);
    langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }
  return () => listeners.delete(listener);
}

/** Fills `{key}` placeholders with plain text values; only `values`' own keys count (`{constructor}` stays as written). */
export function format(template: string, values: Record<string, string> = {}): string {
  if (!template.includes('{')) return template;
  let parts = templates.get(template);
  if (!parts) {
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    templates.set(template, (parts = template.split(PLACEHOLDER)));
  }
  // Literal text at even indexes, placeholder names at odd ones.
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    text += (Object.hasOwn(values, key) ? values[key] : `{${key}}`) + parts[i + 1];
  }
  return text;
}

const PLACEHOLDER = /\{(\w+)\}/;
/**
 * Templates split at their placeholders, once each: a contact list formats a thousand names, and a
 * regular expression's replace with a callback is what costs, before the engine has optimised it.
 */
const templates = new Map<string, string[]>();
/** A page's string tables hold a few dozen templates; the cap bounds one that makes them on the fly. */
const MAX_TEMPLATES = 256;
