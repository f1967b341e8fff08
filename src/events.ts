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
import type { CallKind, CallType, EndReason, MeetingInfo, Party } from './store/types.js';

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

/** Detail types of the intent events, by event name. */
export interface IntentDetails {
  /** `<cc-call-button>`: a call or meeting is about to start. */
  'cc-call-request': { target: Party; callType: CallType; kind: 'direct' | 'meeting' };
  /** `<cc-meeting-card>` or the meeting notice: the user is about to join a meeting. */
  'cc-meeting-join-request': { meeting: MeetingInfo };
}

export type CcEventDetails = LifecycleDetails & IntentDetails;
export type CcEventName = keyof CcEventDetails;
export type CcEvent<K extends CcEventName> = CustomEvent<CcEventDetails[K]>;

type EventMap<Details> = { [K in keyof Details & CcEventName]: CcEvent<K> };

declare global {
  // Listeners on any element (intents bubble from ours) and on document (lifecycle) are typed.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends EventMap<CcEventDetails> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends EventMap<LifecycleDetails> {}
}
