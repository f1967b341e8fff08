/**
 * The call state a page may read (`callState()`, `CCCalls.state`, `subscribeToCalls`): what the
 * page shows, selected from the machine's state. The machine's bookkeeping (the next call id,
 * finished outgoing sessions, an early answer, a decline while accepting, join times, dismissed
 * notices, meeting ends) stays internal, so it can change without changing the API.
 */
import type { CcErrorInfo } from '../core/errors.js';
import type { CallSnapshot, MeetingInfo, Party } from '../core/types.js';
import type { CallState } from './types.js';

/**
 * `unconfigured`; `configuring` from the moment configure() is called (or the page's config block
 * is found); `ready`; `reconnecting` while a configured tab has lost its chat connection and cannot
 * ring (it comes back to `ready` by itself); `unavailable` when configuring failed (`error` says why).
 */
export type CallStatus = CallState['status'];

/** The page's call state, as `callState()` returns it and `subscribeToCalls()` hands it over. Read-only. */
export interface CallView {
  readonly status: CallStatus;
  /** Why `status` is `unavailable`; null otherwise. */
  readonly error: CcErrorInfo | null;
  /** The logged-in user, once configured. */
  readonly user: Party | null;
  /**
   * The page's one call, from "Calling…" or the first ring until its outcome has been shown: its
   * `phase`, `kind` (direct or meeting), `direction`, `type` (audio or video), `peer`, `sessionId`
   * and, once over, `reason`. Null when there is none.
   */
  readonly call: Readonly<CallSnapshot> | null;
  /** Meetings announced to this user that the meeting notice offers (Join / Dismiss), newest last. */
  readonly notices: readonly MeetingInfo[];
}

/**
 * The view of `state`. While nothing the view holds has changed, `previous` is returned as it is,
 * so a page can compare views with `===` and a listener hears only what a page could see.
 */
export function selectView(state: CallState, previous: CallView | null): CallView {
  const { status, error, user, call, notices } = state;
  if (
    previous &&
    previous.status === status &&
    previous.error === error &&
    previous.user === user &&
    previous.call === call &&
    previous.notices === notices
  ) {
    return previous;
  }
  return Object.freeze({ status, error, user, call, notices });
}
