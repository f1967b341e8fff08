/**
 * What configure() does, in its own module: a lazy chunk in the script-tag bundle, so a page pays
 * for the SDK adapter only once it configures (at load with a config block, whenever an app's own
 * login is done).
 */
import { CcError, describeError, toErrorInfo, type CcErrorCode } from '../core/errors.js';
import { chatAppId, DEFAULTS, fail, isText, type ConfigureOptions } from './options.js';
import { CometChatBackend } from '../sdk/adapter.js';
import { bounded } from '../core/timing.js';
import { loadCallsSdk, loadChatSdk, pageCallsSdk } from '../sdk/load.js';
import { validate } from './validate.js';

/** For a broken config block (declarative.ts), which loads the configure code through this module. */
export { blockError } from './validate.js';
import { partyFromUser } from '../core/messages.js';
import type { CallsNamespace, ChatNamespace, ChatUser } from '../sdk/types.js';
import { guardLeaving } from '../page/leave-guard.js';
import { getStore } from '../store/store.js';

/** An SDK call during configure, bounded in time; a failure other than our own becomes a CcError with `code`. */
function within<T>(promise: Promise<T> | T, ms: number, what: string, code: CcErrorCode): Promise<T> {
  return bounded(promise, ms, what).catch((error: unknown) => {
    if (error instanceof CcError) throw error;
    throw new CcError(code, `${what} failed: ${describeError(error)}`, error);
  });
}

/**
 * Logs in, unless the login the chat SDK stored is already the wanted user's. Tabs share that
 * stored login: logging it out, even to log straight back in, makes the SDK in the user's other
 * tabs close its socket for good. So a stored login is reused when it is the wanted user's (same
 * token, or the `uid` given beside the token), and replaced only by another user's.
 */
async function logIn(chat: ChatNamespace, o: ConfigureOptions, limit: number): Promise<{ user: ChatUser; ownsLogin: boolean }> {
  const current = await within(chat.getLoggedinUser(), limit, 'getLoggedinUser', 'login-failed').catch(() => null);
  const wanted = o.uid ?? null;
  // A page that brought a token still owns the login it reuses: its resetCalls() (the user signing out) logs out.
  if (current && isWanted(current, o, wanted)) return { user: current, ownsLogin: isText(o.authToken) };
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

function isWanted(current: ChatUser, o: ConfigureOptions, wanted: string | null): boolean {
  if (wanted) return current.getUid() === wanted;
  return !o.authToken || current.getAuthToken?.() === o.authToken;
}

export async function connect(options: unknown): Promise<void> {
  const store = getStore();
  await store.reset({ reconfiguring: true });
  store.dispatch({ type: 'configuring' });
  guardLeaving(store, false);
  try {
    const o = validate(options);
    await store.loadRules(); // loading since configure() was called
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
    const backend = new CometChatBackend({
      chat,
      user,
      loadCalls,
      ringTimeout,
      callSettings: o.callSettings,
      ownsLogin,
      sdkTimeoutMs: limit,
      joinTimeoutMs: o.joinTimeout ?? DEFAULTS.joinTimeout,
    });
    store.attach(backend, {
      outcomeMs: o.outcomeDuration ?? DEFAULTS.outcomeDuration,
      announceMeetingEnd: o.announceMeetingEnd ?? DEFAULTS.announceMeetingEnd,
      // Callers of this app ring for as long as this page's own calls do.
      ringTimeoutMs: ringTimeout * 1000,
    });
    store.dispatch({ type: 'configured', user: partyFromUser(user) });
    guardLeaving(store, o.confirmLeave ?? DEFAULTS.confirmLeave);
  } catch (error) {
    const info = toErrorInfo('config-invalid', error);
    store.dispatch({ type: 'configure-failed', error: info });
    throw error instanceof CcError ? error : new CcError(info.code, info.message, error);
  }
}

function buildAppSettings(chat: ChatNamespace, region: string): unknown {
  const builder = new chat.AppSettingsBuilder!();
  builder.setRegion(region);
  builder.subscribePresenceForAllUsers?.();
  builder.autoEstablishSocketConnection?.(true);
  return builder.build();
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
