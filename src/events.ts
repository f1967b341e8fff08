/**
 * Every DOM event the bundle dispatches, with its detail type, in one place.
 *
 * Lifecycle events are dispatched on `document`. Intent events are dispatched
 * from the element the user touched; they bubble, cross shadow roots and are
 * cancelable: `preventDefault()` stops the action.
 */
import type { CallType, LifecycleDetails, MeetingInfo, Party } from './store/types.js';

export interface IntentDetails {
  /** `<cc-call-button>`: a call or meeting is about to start. */
  'cc-call-request': { target: Party; callType: CallType; kind: 'direct' | 'meeting' };
  /** `<cc-meeting-card>` or the meeting notice: the user is about to join a meeting. */
  'cc-meeting-join-request': { meeting: MeetingInfo };
}

export type CcEventDetails = LifecycleDetails & IntentDetails;
export type CcEventName = keyof CcEventDetails;
export type CcEvent<K extends CcEventName> = CustomEvent<CcEventDetails[K]>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cc-call-request': CcEvent<'cc-call-request'>;
    'cc-meeting-join-request': CcEvent<'cc-meeting-join-request'>;
    'cc-call-outgoing': CcEvent<'cc-call-outgoing'>;
    'cc-call-incoming': CcEvent<'cc-call-incoming'>;
    'cc-call-accepted': CcEvent<'cc-call-accepted'>;
    'cc-call-rejected': CcEvent<'cc-call-rejected'>;
    'cc-call-started': CcEvent<'cc-call-started'>;
    'cc-call-ended': CcEvent<'cc-call-ended'>;
    'cc-meeting-received': CcEvent<'cc-meeting-received'>;
    'cc-error': CcEvent<'cc-error'>;
  }
  interface DocumentEventMap {
    'cc-call-outgoing': CcEvent<'cc-call-outgoing'>;
    'cc-call-incoming': CcEvent<'cc-call-incoming'>;
    'cc-call-accepted': CcEvent<'cc-call-accepted'>;
    'cc-call-rejected': CcEvent<'cc-call-rejected'>;
    'cc-call-started': CcEvent<'cc-call-started'>;
    'cc-call-ended': CcEvent<'cc-call-ended'>;
    'cc-meeting-received': CcEvent<'cc-meeting-received'>;
    'cc-error': CcEvent<'cc-error'>;
  }
}
