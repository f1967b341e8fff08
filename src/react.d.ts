// Generated from custom-elements.json by scripts/react-types.mjs (`npm run build`): do not edit.
/**
 * Typed JSX for React 19. Opt in once, anywhere in a TypeScript React app:
 *
 *     import type {} from 'cc-call-elements/react';
 *
 * Each tag then takes its attributes (`call-type="video"`), its properties (`message={m}`,
 * `strings={{…}}`), React's HTML attributes, `ref` and `key`, and its events as `on<event>`
 * handlers (`oncc-call-request={(e) => e.detail.target}`), which React 19 adds as listeners.
 * Needs @types/react 19; nothing else in the package refers to React.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CcEvent, CcCallButton, CcCallStage, CcIncomingCall, CcMeetingCard } from './index.js';

/** An attribute React sets with setAttribute: a number may also be written as a string. */
type CcAttribute<T> = T extends number ? T | `${T}` : T;

/** React's props for an HTML element (with `ref` typed as the element), ours winning on a clash. */
type CcJsxProps<E extends HTMLElement, P> = Omit<DetailedHTMLProps<HTMLAttributes<E>, E>, keyof P> & P;

/** What JSX may pass to `<cc-call-button>`, besides React's HTML attributes, `ref` and `key`. */
export interface CcCallButtonProps {
  /** The user to call. */
  uid?: CcCallButton['uid'];
  /** The group to call: starts a meeting, or rings the group with `ring`. */
  guid?: CcCallButton['guid'];
  /** `video` (default) or `audio`. */
  'call-type'?: CcAttribute<CcCallButton['callType']>;
  /** Display name of the callee or group: in the button's accessible name, and "Calling {name}…" before the SDK answers. */
  name?: CcCallButton['name'];
  /** Overrides the button's text and accessible name. */
  label?: CcCallButton['label'];
  /** With `guid`: ring the group through `initiateCall` instead of starting a meeting. */
  ring?: CcCallButton['ring'];
  /** `video` (default) or `audio`. (Property: React 19 sets it on the element.) */
  callType?: CcCallButton['callType'];
  /** Overrides some of this element's strings (see `setStrings` for the whole page). (Property: React 19 sets it on the element.) */
  strings?: CcCallButton['strings'];
  /** Cancelable, bubbles, composed. Before a call or meeting starts; `preventDefault()` stops it. Detail: `{ target, callType, kind }`. */
  'oncc-call-request'?: (event: CcEvent<'cc-call-request'>) => void;
  /** Bubbles, composed. `{ code: 'no-target' }` when clicked with neither a valid `uid` nor `guid`; `{ code: 'config-invalid' }` when `call-type` is neither `video` nor `audio`. */
  'oncc-error'?: (event: CcEvent<'cc-error'>) => void;
}

/** What JSX may pass to `<cc-call-stage>`, besides React's HTML attributes, `ref` and `key`. */
export interface CcCallStageProps {
  /** `overlay` (default): a modal dialog over the page during a call. `inline`: part of the page layout. */
  mode?: CcCallStage['mode'];
  /** Overrides some of this element's strings (see `setStrings` for the whole page). (Property: React 19 sets it on the element.) */
  strings?: CcCallStage['strings'];
  /** Cancelable, bubbles, composed. Call again was pressed after Declined, Busy, No answer, a failure or the end of a 1:1 call you made; `preventDefault()` stops it. Detail: `{ target, callType, kind }`. */
  'oncc-call-request'?: (event: CcEvent<'cc-call-request'>) => void;
  /** Bubbles, composed. Everyone in the session now. Detail: `{ participants }`. */
  'oncc-participants-changed'?: (event: CcEvent<'cc-participants-changed'>) => void;
  /** Bubbles, composed. Detail: `{ participant }`. */
  'oncc-participant-joined'?: (event: CcEvent<'cc-participant-joined'>) => void;
  /** Bubbles, composed. Detail: `{ participant }`. */
  'oncc-participant-left'?: (event: CcEvent<'cc-participant-left'>) => void;
  /** Bubbles, composed. Detail: `{ participant, muted }`. */
  'oncc-participant-muted'?: (event: CcEvent<'cc-participant-muted'>) => void;
  /** Bubbles, composed. Detail: `{ audioOutput }`. */
  'oncc-audio-devices-changed'?: (event: CcEvent<'cc-audio-devices-changed'>) => void;
  /** Bubbles, composed. The voice call became a video call. */
  'oncc-call-switched-to-video'?: (event: CcEvent<'cc-call-switched-to-video'>) => void;
  /** Bubbles, composed. Detail: `{ active }`. */
  'oncc-screen-share'?: (event: CcEvent<'cc-screen-share'>) => void;
}

/** What JSX may pass to `<cc-incoming-call>`, besides React's HTML attributes, `ref` and `key`. */
export interface CcIncomingCallProps {
  /** URL of a sound to loop while ringing (http, https or relative). Without it, a built-in two-tone ring is synthesised. */
  ringtone?: CcIncomingCall['ringtone'];
  /** No sound at all while ringing (the pulse, the title and `cc-ringtone-blocked` still tell the user). */
  silent?: CcIncomingCall['silent'];
  /** Opt-in: asks for permission to notify on the first user gesture on the page, and shows a system notification when a call rings while the tab is hidden. */
  notify?: CcIncomingCall['notify'];
  /** Also show a notice, with Join and Dismiss, when a group meeting is announced to the user. */
  meetings?: CcIncomingCall['meetings'];
  /** Overrides some of this element's strings (see `setStrings` for the whole page). (Property: React 19 sets it on the element.) */
  strings?: CcIncomingCall['strings'];
  /** Bubbles, composed. The browser blocked the ring's sound (no user gesture on the page yet): the dialog pulses, the title flashes, the device vibrates where it can. Detail: `{ sessionId }`. */
  'oncc-ringtone-blocked'?: (event: CcEvent<'cc-ringtone-blocked'>) => void;
  /** Cancelable, bubbles, composed. Join was pressed on the meeting notice; `preventDefault()` stops it. Detail: `{ meeting }`. */
  'oncc-meeting-join-request'?: (event: CcEvent<'cc-meeting-join-request'>) => void;
}

/** What JSX may pass to `<cc-meeting-card>`, besides React's HTML attributes, `ref` and `key`. */
export interface CcMeetingCardProps {
  /** The group the meeting is in. */
  guid?: CcMeetingCard['guid'];
  /** The session to join (default: `guid`, as CometChat's kits do). */
  'session-id'?: CcAttribute<CcMeetingCard['sessionId']>;
  /** `video` (default) or `audio`. */
  'call-type'?: CcAttribute<CcMeetingCard['callType']>;
  /** Who started the meeting. */
  'sender-name'?: CcAttribute<CcMeetingCard['senderName']>;
  /** The group's display name (default: `guid`). */
  'group-name'?: CcAttribute<CcMeetingCard['groupName']>;
  /** When the meeting was announced, in unix seconds. */
  'sent-at'?: CcAttribute<CcMeetingCard['sentAt']>;
  /** The meeting announcement (a CometChat `CustomMessage`). When set, it wins over the attributes. (Property: React 19 sets it on the element.) */
  message?: CcMeetingCard['message'];
  /** The session to join (default: `guid`, as CometChat's kits do). (Property: React 19 sets it on the element.) */
  sessionId?: CcMeetingCard['sessionId'];
  /** `video` (default) or `audio`. (Property: React 19 sets it on the element.) */
  callType?: CcMeetingCard['callType'];
  /** Who started the meeting. (Property: React 19 sets it on the element.) */
  senderName?: CcMeetingCard['senderName'];
  /** The group's display name (default: `guid`). (Property: React 19 sets it on the element.) */
  groupName?: CcMeetingCard['groupName'];
  /** When the meeting was announced, in unix seconds. (Property: React 19 sets it on the element.) */
  sentAt?: CcMeetingCard['sentAt'];
  /** Overrides some of this element's strings (see `setStrings` for the whole page). (Property: React 19 sets it on the element.) */
  strings?: CcMeetingCard['strings'];
  /** Cancelable, bubbles, composed. Join was pressed; `preventDefault()` stops it. Detail: `{ meeting }`. */
  'oncc-meeting-join-request'?: (event: CcEvent<'cc-meeting-join-request'>) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      /** One button that starts a 1:1 voice or video call, or a group meeting. */
      'cc-call-button': CcJsxProps<CcCallButton, CcCallButtonProps>;
      /** Where a call lives: "Calling {name}…", the call session itself, and how it ended. */
      'cc-call-stage': CcJsxProps<CcCallStage, CcCallStageProps>;
      /** Rings: who is calling, with large Accept and Decline buttons. Optionally, a notice for new group meetings. */
      'cc-incoming-call': CcJsxProps<CcIncomingCall, CcIncomingCallProps>;
      /** One group meeting as a chat's message list shows it: who started it, where, when, and Join. */
      'cc-meeting-card': CcJsxProps<CcMeetingCard, CcMeetingCardProps>;
    }
  }
}
