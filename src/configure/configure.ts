/**
 * configure(): connects the page's one call store to CometChat.
 *
 * Either hand over SDK namespaces the app already initialised and logged in
 * (`{ chat, calls }`, so a framework app never loads a second copy), or let
 * the bundle initialise and log in (`{ appId, region, authToken }`).
 */
import { CcError, describeError } from '../core/errors.js';
import type { CallSettingsContext } from '../sdk/session.js';
import type { CallsNamespace, ChatNamespace } from '../sdk/types.js';
import { getStore } from '../store/store.js';

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
  /** Send `meeting_ended` to the group when the last participant leaves a meeting. Default true. */
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

let queue: Promise<unknown> = Promise.resolve();

/** The configure code is a chunk of its own; if it cannot load (offline), calling is unavailable and says why. */
function loadConnect(): Promise<typeof import('./connect.js')> {
  return import('./connect.js').catch((cause: unknown) => {
    const error = new CcError('sdk-init-failed', `The configure code could not be loaded: ${describeError(cause)}`, cause);
    getStore().dispatch({ type: 'configure-failed', error: { code: error.code, message: error.message } });
    throw error;
  });
}

/** On `globalThis`, so every copy of the bundle on the page sees that some copy's configure() was called. */
const CONFIGURE_CALLED = Symbol.for('cc-call-elements.configure-called');

function markConfigureCalled(): void {
  (globalThis as unknown as Record<symbol, boolean>)[CONFIGURE_CALLED] = true;
}

/** Whether configure() was called on this page, by any copy of the bundle, even if it has not settled yet. */
export function configureWasCalled(): boolean {
  return (globalThis as unknown as Record<symbol, boolean | undefined>)[CONFIGURE_CALLED] === true;
}

/**
 * Connects the elements on this page to CometChat. Resolves once calls can
 * be made; rejects with a {@link CcError} (`config-invalid`, `sdk-init-failed`,
 * `login-failed`, `sdk-timeout`) and leaves the elements showing that calling
 * is unavailable. Calling it again replaces the previous configuration.
 */
export function configure(options: ConfigureOptions): Promise<void> {
  markConfigureCalled();
  // "Connecting…" from now on, not only once the configure code has loaded.
  getStore().dispatch({ type: 'configuring' });
  const run = queue.then(loadConnect).then(({ connect }) => connect(options));
  queue = run.catch(() => undefined);
  return run;
}

/** Ends any call, removes the SDK listeners, logs out if configure() logged in, and returns to "not configured". */
export function resetCalls(): Promise<void> {
  const run = queue.then(() => getStore().reset());
  queue = run.catch(() => undefined);
  return run;
}
