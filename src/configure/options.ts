/**
 * What configure() accepts, its defaults, and the small checks that both the option check
 * (validate.ts) and the connecting (connect.ts) use: one module below both, so neither imports
 * the other's back.
 */
import { CcError, type CcErrorCode } from '../core/errors.js';
import type { CallSettingsContext } from '../sdk/session.js';
import type { CallsNamespace, ChatNamespace } from '../sdk/types.js';

export type { CallSettingsContext };

export interface ConfigureOptions {
  /** The app's own `CometChat` namespace, initialised and logged in (or pass `authToken` too, to log in). */
  chat?: ChatNamespace;
  /**
   * The app's own `CometChatCalls` namespace, initialised. Without it the page's `window.CometChatCalls`
   * is used as the page initialised it, or else the calls SDK is imported on the first call and
   * initialised with `appId` and `region`.
   */
  calls?: CallsNamespace;
  /**
   * CometChat app id: with `region` and `authToken`, the bundle initialises the chat SDK and logs in.
   * With `chat` but no `calls` (and no `window.CometChatCalls`), it initialises the calls SDK it imports;
   * read from `chat` if left out.
   */
  appId?: string;
  /** CometChat region, e.g. "us" or "eu". Also needed with `chat` but no `calls`, unless the page has `window.CometChatCalls`. */
  region?: string;
  /** An auth token your server created for this user (CometChat's REST API). */
  authToken?: string;
  /** Development only, with `authKey`: log in by uid. Never ship an auth key. */
  uid?: string;
  /** Development only. Auth keys can create users and must not reach production pages. */
  authKey?: string;
  /** Seconds an outgoing call rings before it counts as unanswered. Default 45. */
  ringTimeout?: number;
  /** Adjusts the calls SDK's settings for each session before it starts (v4 builder or v5 settings object). */
  callSettings?: (context: CallSettingsContext) => void;
  /** Send `meeting_ended` to the group when the last participant leaves a meeting, or its session fails for its starter before anyone joined. Default true. */
  announceMeetingEnd?: boolean;
  /** How long an outcome such as "Declined" or "Call ended" stays on screen, in ms. Default 2500. */
  outcomeDuration?: number;
  /** Upper bound for each SDK call, in ms. Default 20000. */
  sdkTimeout?: number;
  /**
   * How long a started call session may take to let the user in, in ms. Default 30000. After it, the
   * call fails with `join-timeout`: the camera goes off and the call is ended (1:1) or left (meeting).
   */
  joinTimeout?: number;
  /**
   * While a call is live (placing, ringing out, connecting, in the call), leaving the page asks the
   * browser's leave confirmation first; staying keeps the call running. Default true.
   */
  confirmLeave?: boolean;
}

/** The options' defaults, in one place. */
export const DEFAULTS = {
  ringTimeout: 45,
  outcomeDuration: 2500,
  sdkTimeout: 20000,
  joinTimeout: 30000,
  announceMeetingEnd: true,
  confirmLeave: true,
} as const;

export function fail(code: CcErrorCode, message: string, cause?: unknown): never {
  throw new CcError(code, message, cause);
}

export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** The app id the chat SDK was initialised with (the real 4.x SDK has `CometChat.getAppId()`), if it says. */
export function chatAppId(chat: ChatNamespace): string | undefined {
  try {
    return chat.getAppId?.();
  } catch {
    return undefined;
  }
}
