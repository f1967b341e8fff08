/**
 * Every DOM event the bundle dispatches, with its detail type, in one place;
 * the global event maps are derived from these tables.
 *
 * Lifecycle events are dispatched on `document` by the store. Intent events
 * are dispatched from the element the user touched; they bubble, cross shadow
 * roots and are cancelable: `preventDefault()` stops the action. `cc-error`
 * comes from `document` for call failures, and from a `<cc-call-button>` for
 * its own misuse (`no-target`); both bubble to `document`.
 */
import type { CcErrorInfo } from './errors.js';
import type { CallKind, CallType, EndReason, MeetingInfo, Party } from './types.js';

/** Detail types of the lifecycle events, by event name. */
export interface LifecycleDetails {
  'cc-call-outgoing': { sessionId: string; callType: CallType; callee: Party };
  'cc-call-incoming': { sessionId: string; callType: CallType; caller: Party; kind: CallKind };
  'cc-call-accepted': { sessionId: string; kind: CallKind };
  'cc-call-rejected': { sessionId: string; status: 'rejected' | 'busy' | 'unanswered' };
  'cc-call-started': { sessionId: string; kind: CallKind; callType: CallType };
  'cc-call-ended': { sessionId: string | null; kind: CallKind; reason: EndReason };
  'cc-meeting-received': { sessionId: string; guid: string; callType: CallType; sender: Party; group: Party; message: unknown };
  'cc-error': CcErrorInfo;
}

/** A participant of a call session, as the session reports them. */
export interface SessionParticipantInfo {
  uid: string;
  name: string;
}

/**
 * Detail types of what a running session reports, by event name. Dispatched from the session's
 * element inside `<cc-call-stage>`; they bubble through the stage to `document`.
 */
export interface SessionInfoDetails {
  /** Everyone in the session now, the local user included (v4 `onUserListUpdated`, v5 `onParticipantListChanged`). */
  'cc-participants-changed': { participants: SessionParticipantInfo[] };
  /** Someone joined (v4 `onUserJoined`, v5 `onParticipantJoined`). */
  'cc-participant-joined': { participant: SessionParticipantInfo };
  /** Someone left (v4 `onUserLeft`, v5 `onParticipantLeft`). */
  'cc-participant-left': { participant: SessionParticipantInfo };
  /** Someone's microphone was muted or unmuted (v4 `onUserMuted` / `onUserUnMuted`). */
  'cc-participant-muted': { participant: SessionParticipantInfo; muted: boolean };
  /** The audio outputs changed (v4 `onMediaDeviceListUpdated`). */
  'cc-audio-devices-changed': { audioOutput: Array<{ deviceId: string; label: string }> };
  /** The voice call became a video call (v4 `onCallSwitchedToVideo`). */
  'cc-call-switched-to-video': Record<string, never>;
  /** Screen sharing started or stopped (v4 `onScreenShareStarted` / `onScreenShareStopped`). */
  'cc-screen-share': { active: boolean };
}

/** Detail types of what an element tells the page about itself, by event name. Not cancelable. */
export interface ElementDetails {
  /** `<cc-incoming-call>`: the browser blocked the ring's sound; the ring falls back to what it can show. */
  'cc-ringtone-blocked': { sessionId: string };
}

/** Detail types of the intent events, by event name. */
export interface IntentDetails {
  /** `<cc-call-button>`: a call or meeting is about to start. */
  'cc-call-request': { target: Party; callType: CallType; kind: 'direct' | 'meeting' };
  /** `<cc-meeting-card>` or the meeting notice: the user is about to join a meeting. */
  'cc-meeting-join-request': { meeting: MeetingInfo };
}

export type CcEventDetails = LifecycleDetails & IntentDetails & SessionInfoDetails & ElementDetails;
export type CcEventName = keyof CcEventDetails;
export type CcEvent<K extends CcEventName> = CustomEvent<CcEventDetails[K]>;

type EventMap<Details> = { [K in keyof Details & CcEventName]: CcEvent<K> };

declare global {
  // Listeners on any element (intents bubble from ours) and on document (lifecycle) are typed.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends EventMap<CcEventDetails> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends EventMap<LifecycleDetails & SessionInfoDetails> {}
}
