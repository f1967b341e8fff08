/**
 * Compile-time contract: the REAL SDK declarations (chat 4.2.0, calls 4.2.6)
 * must satisfy our structural types in src/sdk/types.ts. `npm run typecheck`
 * compiles this file (tsconfig includes test/**), so drift fails the build.
 * It has no runtime part and is never imported (it is not a *.test.ts).
 *
 * How it reports: `Drift<Ours, Real>` is the union of member names of our
 * namespace type that the real namespace cannot supply. A new drift shows up
 * as `Type '{ drifted: "memberName" }' does not satisfy the constraint 'true'`,
 * and the full assignments at the bottom then explain it member by member.
 *
 * KNOWN_* lists drift that was reported to the owner of src/sdk/types.ts and
 * is tolerated until fixed. When a listed member stops drifting, the `Stale`
 * check fails: delete it from the list, so the check is strict again.
 */
import type { CometChat } from '@cometchat/chat-sdk-javascript';
import type { CometChatCalls } from '@cometchat/calls-sdk-javascript';
import type { CallsNamespace, ChatNamespace } from '../../src/sdk/types.js';

type RealChat = typeof CometChat;
type RealCalls = typeof CometChatCalls;

/** Names of members of `Ours` that `Real` lacks (when required) or cannot assign. */
type Drift<Ours, Real> = {
  [K in keyof Ours]-?: K extends keyof Real ? ([Real[K]] extends [Ours[K]] ? never : K) : undefined extends Ours[K] ? never : K;
}[keyof Ours];

type Expect<T extends true> = T;
type None<D> = [D] extends [never] ? true : { drifted: D };

/** Drift reported to the owner of src/sdk/types.ts and tolerated until fixed: none. */
type KNOWN_CHAT_DRIFT = never;

type KNOWN_CALLS_DRIFT = never;

export type ChatHasNoNewDrift = Expect<None<Exclude<Drift<ChatNamespace, RealChat>, KNOWN_CHAT_DRIFT>>>;
export type CallsHasNoNewDrift = Expect<None<Exclude<Drift<CallsNamespace, RealCalls>, KNOWN_CALLS_DRIFT>>>;

type Stale<Known, D> = [Exclude<Known, D>] extends [never] ? true : { fixedRemoveFromKnownList: Exclude<Known, D> };
export type ChatKnownListIsCurrent = Expect<Stale<KNOWN_CHAT_DRIFT, Drift<ChatNamespace, RealChat>>>;
export type CallsKnownListIsCurrent = Expect<Stale<KNOWN_CALLS_DRIFT, Drift<CallsNamespace, RealCalls>>>;

// The whole-namespace assignments (minus known drift), for tsc's detailed explanation of any new drift.
declare const realChat: RealChat;
declare const realCalls: RealCalls;
export const chatNamespace: Omit<ChatNamespace, KNOWN_CHAT_DRIFT> = realChat;
export const callsNamespace: Omit<CallsNamespace, KNOWN_CALLS_DRIFT> = realCalls;
