/**
 * The effect table: what each of the machine's effects does, and which event
 * its result feeds back. SDK work goes through the backend, which decides
 * order and timing; a result that arrives after the backend gave up on it is
 * fed back all the same, for the machine to undo (a late call is cancelled, a
 * late accept hung up).
 */
import { toErrorInfo, type CcErrorCode, type CcErrorInfo } from '../core/errors.js';
import type { LifecycleDetails } from '../core/events.js';
import { SdkTimeout, settledWithin } from '../core/timing.js';
import { saveDismissals, saveJoins } from './page.js';
import type { CallBackend, SessionSignal } from './ports.js';
import type { Effect, MachineEvent } from './types.js';

/**
 * An incoming call still ringing this long after the caller's ring timeout can no longer be live:
 * its "unanswered" or cancel was lost (our connection dropped meanwhile). The margin covers a ring
 * that reached us late and the caller's SDK answering its own timer late.
 */
export const RING_EXPIRY_MARGIN_MS = 8000;

export interface StoreSettings {
  /** How long an outcome the user did not cause (declined, busy, no answer, ended) stays on screen, in ms. */
  outcomeMs: number;
  /** Send a `meeting_ended` message when the last participant leaves a meeting. */
  announceMeetingEnd: boolean;
  /** How long a call rings before the caller's SDK gives up, in ms (the configured `ringTimeout`). */
  ringTimeoutMs: number;
}

/** What running an effect may touch. */
export interface EffectContext {
  backend(): CallBackend | null;
  settings(): StoreSettings;
  dispatch(event: MachineEvent): void;
  emit<K extends keyof LifecycleDetails>(name: K, detail: LifecycleDetails[K]): void;
  /** Dispatches `event` after `ms`, unless the store is reset first. */
  later(ms: number, event: MachineEvent): void;
  /** Keeps SDK work in flight for reset() to let finish. */
  track(work: Promise<unknown>): void;
  tellTabs(sessionId: string): void;
  /** The element a session renders into (a stage's). */
  sessionContainer(): Promise<HTMLElement>;
}

type Runners = { [K in Effect['type']]: (effect: Extract<Effect, { type: K }>, context: EffectContext) => void };

/** Runs SDK work whose result the machine waits for; a late success after a timeout is still reported. */
function request<T>(
  context: EffectContext,
  work: (backend: CallBackend) => Promise<T>,
  code: CcErrorCode,
  ok: (value: T) => MachineEvent,
  failed: (error: CcErrorInfo) => MachineEvent,
): void {
  const backend = context.backend();
  if (!backend) return;
  context.track(
    work(backend).then(
      (value) => context.dispatch(ok(value)),
      (error: unknown) => {
        context.dispatch(failed(toErrorInfo(code, error)));
        if (!(error instanceof SdkTimeout)) return;
        const late = (error.late as Promise<T>).then(
          (value) => context.dispatch(ok(value)),
          () => undefined,
        );
        // Tracked, so a reset waits for it (one more sdkTimeout at most) and can still undo it.
        context.track(settledWithin(late, error.ms));
      },
    ),
  );
}

/** Runs SDK work nothing waits for; a failure is reported as `cc-error` with `code`. */
function command(context: EffectContext, work: (backend: CallBackend) => Promise<unknown>, code: CcErrorCode): void {
  const backend = context.backend();
  if (!backend) return;
  context.track(work(backend).catch((error: unknown) => context.emit('cc-error', toErrorInfo(code, error))));
}

const runners: Runners = {
  emit: (effect, context) => context.emit(effect.name, effect.detail as never),
  'show-outcome': ({ callId }, context) => context.later(context.settings().outcomeMs, { type: 'outcome-shown', callId }),
  'expire-ringing': ({ callId }, context) =>
    context.later(context.settings().ringTimeoutMs + RING_EXPIRY_MARGIN_MS, { type: 'ring-expired', callId }),
  'save-joins': ({ joinedAt }) => saveJoins(joinedAt),
  'save-dismissals': ({ uid, dismissedAt }) => saveDismissals(uid, dismissedAt),
  'tell-tabs': ({ sessionId }, context) => context.tellTabs(sessionId),
  'prepare-session': (_effect, context) => context.backend()?.prepareSession(),
  initiate: ({ callId, receiverId, receiverType, callType }, context) =>
    request(
      context,
      (backend) => backend.initiate(receiverId, receiverType, callType),
      'initiate-failed',
      (sessionId) => ({ type: 'initiated', callId, sessionId }),
      (error) => ({ type: 'initiate-failed', callId, error }),
    ),
  accept: ({ callId, sessionId, callType }, context) =>
    request(
      context,
      (backend) => backend.accept(sessionId, callType),
      'accept-failed',
      () => ({ type: 'accepted', callId, sessionId }),
      (error) => ({ type: 'accept-failed', callId, sessionId, error }),
    ),
  'announce-meeting': ({ callId, guid, callType }, context) =>
    request(
      context,
      (backend) => backend.announceMeeting(guid, callType),
      'meeting-send-failed',
      () => ({ type: 'meeting-announced', callId, guid }),
      (error) => ({ type: 'announce-failed', callId, error }),
    ),
  'start-session': ({ callId, sessionId, callType, kind }, context) => {
    const sink = (signal: SessionSignal) => context.dispatch({ ...signal, callId } as MachineEvent);
    const container = () => context.sessionContainer();
    request(
      context,
      (backend) => backend.startSession({ callId, sessionId, callType, kind, container }, sink),
      'session-failed',
      () => ({ type: 'session-started', callId }),
      (error) => ({ type: 'session-failed', callId, error }),
    );
  },
  reject: ({ sessionId, status, quiet }, context) =>
    command(
      context,
      (backend) => backend.reject(sessionId, status).catch((e: unknown) => (quiet ? undefined : Promise.reject(e))),
      'reject-failed',
    ),
  'end-call': ({ sessionId }, context) => command(context, (backend) => backend.endCall(sessionId), 'end-failed'),
  'close-call': ({ sessionId }, context) => command(context, (backend) => backend.closeCall(sessionId), 'end-failed'),
  'watch-ringing': ({ sessionId, guid }, context) =>
    context
      .backend()
      ?.watchRinging(sessionId, guid, context.settings().ringTimeoutMs + RING_EXPIRY_MARGIN_MS, (event) => context.dispatch(event)),
  'clear-active-call': ({ sessionId }, context) => command(context, (backend) => backend.clearActiveCall(sessionId), 'end-failed'),
  'announce-meeting-ended': ({ guid, sessionId }, context) =>
    command(context, (backend) => backend.announceMeetingEnded(guid, sessionId), 'meeting-send-failed'),
  'end-session': ({ callId }, context) => command(context, (backend) => backend.endSession(callId), 'session-failed'),
};

export function runEffect(effect: Effect, context: EffectContext): void {
  (runners[effect.type] as (effect: Effect, context: EffectContext) => void)(effect, context);
}
