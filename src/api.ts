/** The API beside the elements: configure(), the call state, strings, and the types. */
export type { StageState } from './components/cc-call-stage/cc-call-stage.js';
export type { IncomingState } from './components/cc-incoming-call/cc-incoming-call.js';
export type { MeetingCardState } from './components/cc-meeting-card/cc-meeting-card.js';
export { configure, resetCalls } from './configure/configure.js';
export type { ConfigureOptions, CallSettingsContext } from './configure/options.js';
export { CcError } from './core/errors.js';
export type { CcErrorCode, CcErrorInfo } from './core/errors.js';
export type { CcEvent, CcEventDetails, CcEventName, IntentDetails, LifecycleDetails } from './core/events.js';
export { missedMeetings, noteMeetingHistory } from './store/meetings.js';
export { callState, subscribeToCalls } from './store/store.js';
export { setStrings, defaultStrings } from './core/strings.js';
export type { Strings } from './core/strings.js';
export type { CallKind, CallPhase, CallSnapshot, CallType, EndReason, MeetingInfo, Party } from './core/types.js';
export type { CallStatus, CallView, CallView as CallState } from './store/view.js';
export type { CallsNamespace, ChatNamespace } from './sdk/types.js';
