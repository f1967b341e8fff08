/**
 * Ringing across tabs. CometChat rings every tab the user has open; once one
 * tab answers or declines, the others must stop ringing without rejecting
 * the call themselves. CometChat's R4/R5 kits did this through localStorage
 * and R7 lost it. Same-origin tabs hear each other on one BroadcastChannel;
 * messages name the user, so other users' frames on the same origin (the
 * demo) ignore them.
 *
 * What the channel is trusted with: only to stop this tab ringing for the call
 * ringing now. It never rejects, accepts or ends a call, so the worst a forged
 * message (any same-origin script can post one) does is silence one tab's
 * ringing: the caller keeps ringing, the call can still be answered on the
 * user's other devices, and the caller's ring timeout ends it. Anything that
 * changes the call on the server goes through the SDK.
 */
import { cleanId } from '../core/clean.js';

const CHANNEL_NAME = 'cc-call-elements:tabs';

export interface HandledCall {
  uid: string;
  sessionId: string;
}

export interface TabChannel {
  /** Tells the user's other tabs that this tab answered or declined `sessionId`. */
  announce(call: HandledCall): void;
  close(): void;
}

function isHandledCall(value: unknown): value is HandledCall {
  const data = value as Partial<HandledCall> | null;
  return !!cleanId(data?.uid) && !!cleanId(data?.sessionId);
}

/** Opens the channel; `onHandledElsewhere` hears what other tabs announce. A no-op where BroadcastChannel is missing. */
export function openTabChannel(onHandledElsewhere: (call: HandledCall) => void): TabChannel {
  if (typeof BroadcastChannel === 'undefined') return { announce() {}, close() {} };
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent) => {
    if (isHandledCall(event.data)) onHandledElsewhere({ uid: event.data.uid, sessionId: event.data.sessionId });
  };
  return {
    announce: (call) => channel.postMessage({ uid: call.uid, sessionId: call.sessionId }),
    close: () => channel.close(),
  };
}
