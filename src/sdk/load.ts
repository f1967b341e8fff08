/**
 * Finds CometChat's SDK namespaces: the page's own (`window.CometChat`,
 * `window.CometChatCalls`, set by CometChat's script tags) or, failing that,
 * a lazy import, so nothing loads before it is needed and no second copy
 * loads when the page already has one.
 */
import { CcError, describeError } from '../core/errors.js';
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

export async function loadCallsSdk(): Promise<CallsNamespace> {
  const existing = pageCallsSdk();
  if (existing) return existing;
  try {
    const calls = pick<CallsNamespace>(await import('@cometchat/calls-sdk-javascript'), 'CometChatCalls');
    if (!calls) throw new Error('the module has no CometChatCalls namespace');
    return calls;
  } catch (error) {
    throw new CcError('calls-sdk-failed', `The CometChat calls SDK could not be loaded: ${describeError(error)}`, error);
  }
}
