/**
 * Finds CometChat's SDK namespaces: the page's own (`window.CometChat`,
 * `window.CometChatCalls`, set by CometChat's script tags) or, failing that,
 * a lazy import, so nothing loads before it is needed and no second copy
 * loads when the page already has one.
 */
import { CcError, describeError } from '../errors.js';
import type { CallsNamespace, ChatNamespace } from './types.js';

type Globals = { CometChat?: ChatNamespace; CometChatCalls?: CallsNamespace };

function pick<T>(mod: unknown, name: keyof Globals): T | undefined {
  const m = mod as Record<string, unknown> & { default?: Record<string, unknown> };
  // The SDKs are UMD: a bundler exposes them as a named or default export, a browser as a global.
  return (m?.[name] ?? m?.default?.[name] ?? m?.default ?? (globalThis as unknown as Globals)[name]) as T | undefined;
}

export async function loadChatSdk(): Promise<ChatNamespace> {
  const existing = (globalThis as unknown as Globals).CometChat;
  if (existing) return existing;
  try {
    const chat = pick<ChatNamespace>(await import('@cometchat/chat-sdk-javascript'), 'CometChat');
    if (typeof chat?.initiateCall !== 'function') throw new Error('the module has no CometChat namespace');
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
  return (globalThis as unknown as Globals).CometChatCalls ?? undefined;
}

export async function loadCallsSdk(): Promise<CallsNamespace> {
  const existing = pageCallsSdk();
  if (existing) return existing;
  try {
    const calls = pick<CallsNamespace>(await import('@cometchat/calls-sdk-javascript'), 'CometChatCalls');
    if (typeof calls?.generateToken !== 'function') throw new Error('the module has no CometChatCalls namespace');
    return calls;
  } catch (error) {
    throw new CcError('calls-sdk-failed', `The CometChat calls SDK could not be loaded: ${describeError(error)}`, error);
  }
}
