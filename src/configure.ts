/**
 * configure(): connects the page's one call store to CometChat.
 *
 * Either hand over SDK namespaces the app already initialised and logged in
 * (`{ chat, calls }`, so a framework app never loads a second copy), or let
 * the bundle initialise and log in (`{ appId, region, authToken }`).
 */
import { CcError, describeError, toErrorInfo, type CcErrorCode } from './errors.js';
import type { CometChatBackend } from './sdk/adapter.js';
import { bounded } from './sdk/timing.js';
import { loadCallsSdk, loadChatSdk, pageCallsSdk } from './sdk/load.js';
import { partyFromUser } from './domain/messages.js';
import type { CallSettingsContext } from './sdk/session.js';
import type { CallsNamespace, ChatNamespace, ChatUser } from './sdk/types.js';
import { getStore } from './store/store.js';

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
}

/** The options' defaults, in one place. */
export const DEFAULTS = { ringTimeout: 45, outcomeDuration: 2500, sdkTimeout: 20000, announceMeetingEnd: true } as const;

function fail(code: CcErrorCode, message: string, cause?: unknown): never {
  throw new CcError(code, message, cause);
}

/** An SDK call during configure, bounded in time; a failure other than our own becomes a CcError with `code`. */
function within<T>(promise: Promise<T> | T, ms: number, what: string, code: CcErrorCode): Promise<T> {
  return bounded(promise, ms, what).catch((error: unknown) => {
    if (error instanceof CcError) throw error;
    throw new CcError(code, `${what} failed: ${describeError(error)}`, error);
  });
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function validate(options: unknown): ConfigureOptions {
  if (!options || typeof options !== 'object') fail('config-invalid', 'configure() needs an options object.');
  const o = options as ConfigureOptions;
  if (o.chat !== undefined && typeof o.chat?.initiateCall !== 'function') {
    fail('config-invalid', '`chat` must be the CometChat namespace from @cometchat/chat-sdk-javascript.');
  }
  if (o.calls !== undefined && typeof o.calls?.generateToken !== 'function') {
    fail('config-invalid', '`calls` must be the CometChatCalls namespace from @cometchat/calls-sdk-javascript.');
  }
  if (!o.chat) {
    if (!isText(o.appId) || !isText(o.region)) {
      fail('config-invalid', 'configure() needs either `chat` (an initialised CometChat) or `appId` and `region`.');
    }
    if (!isText(o.authToken) && !(isText(o.uid) && isText(o.authKey))) {
      fail('config-invalid', 'configure() needs `authToken` (or, in development only, `uid` and `authKey`) to log in.');
    }
  }
  if (o.chat && !o.calls && !pageCallsSdk()) {
    // The calls SDK the bundle would import on the first call needs initialising, with both.
    if (!isText(o.appId ?? chatAppId(o.chat)) || !isText(o.region)) {
      fail(
        'config-invalid',
        'configure({ chat }) without `calls` needs `appId` and `region` too, to initialise the calls SDK it imports on the ' +
          'first call: pass them, or pass your initialised `calls` (CometChatCalls).',
      );
    }
  }
  if (o.ringTimeout !== undefined && !(Number.isFinite(o.ringTimeout) && o.ringTimeout > 0)) {
    fail('config-invalid', '`ringTimeout` must be a positive number of seconds.');
  }
  if (o.callSettings !== undefined && typeof o.callSettings !== 'function') {
    fail('config-invalid', '`callSettings` must be a function.');
  }
  return o;
}

async function logIn(chat: ChatNamespace, o: ConfigureOptions, limit: number): Promise<{ user: ChatUser; ownsLogin: boolean }> {
  const current = await within(chat.getLoggedinUser(), limit, 'getLoggedinUser', 'login-failed').catch(() => null);
  const wanted = o.uid ?? null;
  if (current && (!wanted || current.getUid() === wanted) && !o.authToken) return { user: current, ownsLogin: false };
  if (!chat.login) fail('login-failed', 'This CometChat namespace cannot log in.');
  if (current) await within(chat.logout?.(), limit, 'logout', 'login-failed');
  if (isText(o.authToken)) {
    return { user: await within(chat.login(o.authToken), limit, 'login', 'login-failed'), ownsLogin: true };
  }
  console.warn(
    '[cc-call-elements] Logging in with an auth key. Auth keys must never ship to production; create auth tokens on your server instead.',
  );
  return { user: await within(chat.login(o.uid!, o.authKey), limit, 'login', 'login-failed'), ownsLogin: true };
}

async function connect(options: unknown): Promise<void> {
  const store = getStore();
  await store.reset();
  store.dispatch({ type: 'configuring' });
  try {
    const o = validate(options);
    const limit = o.sdkTimeout ?? DEFAULTS.sdkTimeout;
    const ringTimeout = o.ringTimeout ?? DEFAULTS.ringTimeout;

    let chat = o.chat;
    let user: ChatUser | null;
    let ownsLogin = false;
    if (chat) {
      user = await within(chat.getLoggedinUser(), limit, 'getLoggedinUser', 'login-failed');
      // The app initialised the SDK but left logging in to us.
      if (!user && (isText(o.authToken) || isText(o.authKey))) ({ user, ownsLogin } = await logIn(chat, o, limit));
    } else {
      chat = await within(loadChatSdk(), limit, 'Loading the chat SDK', 'sdk-init-failed');
      const sdk = chat;
      const settings = sdk.AppSettingsBuilder ? buildAppSettings(sdk, o.region!) : { region: o.region };
      await within(sdk.init?.(o.appId!, settings), limit, 'CometChat.init', 'sdk-init-failed');
      ({ user, ownsLogin } = await logIn(sdk, o, limit));
    }
    if (!user) fail('login-failed', 'No CometChat user is logged in: log in before calling configure({ chat }).');

    const loadCalls = memoize(async () => {
      // The app's own `calls`, or the page's window.CometChatCalls, is used as its owner initialised it.
      const own = o.calls ?? pageCallsSdk();
      if (own) return own;
      const calls = await within(loadCallsSdk(), limit, 'Loading the calls SDK', 'calls-sdk-failed');
      await initCalls(calls, chat!, o, limit);
      return calls;
    });
    // The adapter loads with the SDK, not with the page: a page that never configures never pays for it.
    const { CometChatBackend: Backend } = await loadAdapter();
    const backend: CometChatBackend = new Backend({
      chat,
      user,
      loadCalls,
      ringTimeout,
      callSettings: o.callSettings,
      ownsLogin,
      sdkTimeoutMs: limit,
    });
    store.attach(backend, {
      outcomeMs: o.outcomeDuration ?? DEFAULTS.outcomeDuration,
      announceMeetingEnd: o.announceMeetingEnd ?? DEFAULTS.announceMeetingEnd,
      // Callers of this app ring for as long as this page's own calls do.
      ringTimeoutMs: ringTimeout * 1000,
    });
    store.dispatch({ type: 'configured', user: partyFromUser(user) });
  } catch (error) {
    const info = toErrorInfo('config-invalid', error);
    store.dispatch({ type: 'configure-failed', error: info });
    throw error instanceof CcError ? error : new CcError(info.code, info.message, error);
  }
}

function loadAdapter(): Promise<typeof import('./sdk/adapter.js')> {
  return import('./sdk/adapter.js');
}

function buildAppSettings(chat: ChatNamespace, region: string): unknown {
  const builder = new chat.AppSettingsBuilder!();
  builder.setRegion(region);
  builder.subscribePresenceForAllUsers?.();
  builder.autoEstablishSocketConnection?.(true);
  return builder.build();
}

/** The app id the chat SDK was initialised with (the real 4.x SDK has `CometChat.getAppId()`), if it says. */
function chatAppId(chat: ChatNamespace): string | undefined {
  try {
    return chat.getAppId?.();
  } catch {
    return undefined;
  }
}

/** Initialises a calls SDK the bundle imported itself. */
async function initCalls(calls: CallsNamespace, chat: ChatNamespace, o: ConfigureOptions, limit: number): Promise<void> {
  const appId = o.appId ?? chatAppId(chat);
  if (!calls.init || !calls.CallAppSettingsBuilder) return;
  if (!isText(appId) || !isText(o.region)) {
    fail('calls-sdk-failed', 'Initialising the calls SDK needs `appId` and `region` (or pass your own `calls`).');
  }
  const builder = new calls.CallAppSettingsBuilder();
  builder.setAppId(appId);
  builder.setRegion(o.region);
  await within(calls.init(builder.build()), limit, 'CometChatCalls.init', 'calls-sdk-failed');
}

function memoize<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    // A failed load may be retried on the next call.
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

let queue: Promise<unknown> = Promise.resolve();

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
  const run = queue.then(() => connect(options));
  queue = run.catch(() => undefined);
  return run;
}

/** Ends any call, removes the SDK listeners, logs out if configure() logged in, and returns to "not configured". */
export function resetCalls(): Promise<void> {
  const run = queue.then(() => getStore().reset());
  queue = run.catch(() => undefined);
  return run;
}
