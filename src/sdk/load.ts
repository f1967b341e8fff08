/**
 * Finds CometChat's SDK namespaces: the page's own (`window.CometChat`,
 * `window.CometChatCalls`, set by CometChat's script tags) or, failing that,
 * a lazy import, so nothing loads before it is needed and no second copy
 * loads when the page already has one.
 */
import { CcError, type CcErrorInfo, describeError } from '../core/errors.js';
import { CALLS_SDK_NEEDS, watchCspRefusals } from './csp-refusals.js';
import type { CallsNamespace, ChatNamespace } from './types.js';

type Globals = { CometChat?: ChatNamespace; CometChatCalls?: CallsNamespace };

/** What each SDK namespace must have to be taken for it. */
const SHAPES: Record<keyof Globals, string[]> = {
  CometChat: ['initiateCall', 'acceptCall', 'rejectCall', 'addCallListener', 'getLoggedinUser'],
  CometChatCalls: ['generateToken'],
};

/**
 * Whether `value` looks like the SDK namespace `name`. `window.CometChat` may be an element with
 * `id="CometChat"` in the page's content (DOM clobbering), never the SDK: only a namespace with the
 * SDK's functions counts.
 */
export function looksLike<T>(value: unknown, name: keyof Globals): value is T {
  if (!value || (typeof value !== 'object' && typeof value !== 'function')) return false;
  if (typeof Node !== 'undefined' && value instanceof Node) return false;
  const target = value as Record<string, unknown>;
  return SHAPES[name].every((fn) => typeof target[fn] === 'function');
}

/** The page's own SDK global `name`, if it is the SDK and not, say, a clobbering element. */
function pageGlobal<T>(name: keyof Globals): T | undefined {
  const value = (globalThis as unknown as Record<string, unknown>)[name];
  return looksLike<T>(value, name) ? value : undefined;
}

function pick<T>(mod: unknown, name: keyof Globals): T | undefined {
  const m = mod as Record<string, unknown> & { default?: Record<string, unknown> };
  // The SDKs are UMD: a bundler exposes them as a named or default export, a browser as a global.
  const found = [m?.[name], m?.default?.[name], m?.default, pageGlobal<T>(name)];
  return found.find((value): value is T => looksLike<T>(value, name));
}

export async function loadChatSdk(): Promise<ChatNamespace> {
  const existing = pageGlobal<ChatNamespace>('CometChat');
  if (existing) return existing;
  try {
    const chat = pick<ChatNamespace>(await import('@cometchat/chat-sdk-javascript'), 'CometChat');
    if (!chat) throw new Error('the module has no CometChat namespace');
    return chat;
  } catch (error) {
    throw new CcError('sdk-init-failed', `The CometChat chat SDK could not be loaded: ${describeError(error)}`, error);
  }
}

/**
 * The page's own calls SDK (`window.CometChatCalls`, from CometChat's script
 * tag), if it has one. The page initialised it: the bundle uses it as it is.
 */
export function pageCallsSdk(): CallsNamespace | undefined {
  return pageGlobal<CallsNamespace>('CometChatCalls');
}

/** Why the page's CSP keeps the calls SDK from working, once found: the module evaluates only once. */
let refusedByCsp: string | undefined;

/** The page's CSP refusal of the calls SDK, once its load found one: no call can connect on this page. */
export function callsSdkRefusal(): CcErrorInfo | null {
  return refusedByCsp ? { code: 'calls-sdk-failed', message: refusedByCsp } : null;
}

export async function loadCallsSdk(): Promise<CallsNamespace> {
  const existing = pageCallsSdk();
  if (existing) return existing;
  if (refusedByCsp) throw new CcError('calls-sdk-failed', refusedByCsp);
  const csp = watchCspRefusals();
  let calls: CallsNamespace | undefined;
  let failure: unknown;
  try {
    calls = pick<CallsNamespace>(await import('@cometchat/calls-sdk-javascript'), 'CometChatCalls');
    if (!calls) failure = new Error('the module has no CometChatCalls namespace');
  } catch (error) {
    failure = error;
  }
  const { fatal, cosmetic } = await csp.done(failure);
  if (fatal.length) {
    // The SDK swallows a refused eval and would only fail when a call tries to connect.
    refusedByCsp = `This page's Content-Security-Policy refused CometChat's calls SDK ${[...fatal, ...cosmetic].join(', ')}, so no call can connect here. The calls SDK needs ${CALLS_SDK_NEEDS}.`;
    throw new CcError('calls-sdk-failed', refusedByCsp, failure);
  }
  if (cosmetic.length)
    console.warn(
      `[cc-call-elements] This page's Content-Security-Policy refused CometChat's calls SDK ${cosmetic.join(', ')}, so its call view is unstyled. The calls SDK needs ${CALLS_SDK_NEEDS}.`,
    );
  if (calls) return calls;
  throw new CcError('calls-sdk-failed', `The CometChat calls SDK could not be loaded: ${describeError(failure)}`, failure);
}
