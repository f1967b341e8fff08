/** Every failure the bundle reports carries one of these codes. */
export type CcErrorCode =
  /** configure() was given options it cannot use. */
  | 'config-invalid'
  /** An action needs configure() to have finished first. */
  | 'not-configured'
  /** The chat SDK could not be loaded or initialised. */
  | 'sdk-init-failed'
  /** Logging in failed (bad token, unknown user, offline). */
  | 'login-failed'
  /** The calls SDK could not be loaded or initialised. */
  | 'calls-sdk-failed'
  /** An SDK call did not answer in time. */
  | 'sdk-timeout'
  /** A call button has neither uid nor guid. */
  | 'no-target'
  /** A new call was asked for while another one is ringing or running. */
  | 'call-in-progress'
  /** initiateCall failed. */
  | 'initiate-failed'
  /** acceptCall failed, e.g. the caller had already cancelled. */
  | 'accept-failed'
  /** rejectCall failed (decline, cancel or busy). */
  | 'reject-failed'
  /** endCall failed; the call was still ended locally. */
  | 'end-failed'
  /** The meeting announcement could not be sent. */
  | 'meeting-send-failed'
  /** A meeting card or message lacks what is needed to join. */
  | 'meeting-invalid'
  /** An in-call method (mute, switch camera…) was called while no call session runs. */
  | 'no-session'
  /** The calls SDK has no such in-call method, or it failed. */
  | 'in-call-failed'
  /** Token generation or starting the call session failed. */
  | 'session-failed'
  /** The call session started but never let us in (the conference did not come up) within `joinTimeout`. */
  | 'join-timeout'
  /** The browser denied the camera or microphone. */
  | 'media-denied'
  /** A call was asked for while this tab's chat connection is down (it is reconnecting). */
  | 'connection-lost'
  /** The elements that show a call (stage, ringing dialog, meeting card) cannot load on this page: its CSP forbids Lit's Trusted Types policy. */
  | 'elements-blocked';

export interface CcErrorInfo {
  code: CcErrorCode;
  message: string;
}

/** An Error with a stable `code`, thrown or rejected by configure() and the adapter. */
export class CcError extends Error implements CcErrorInfo {
  readonly code: CcErrorCode;
  override readonly cause?: unknown;
  constructor(code: CcErrorCode, message: string, cause?: unknown) {
    super(message);
    this.name = 'CcError';
    this.code = code;
    this.cause = cause;
  }
}

/** Reduces anything thrown (SDK exceptions are plain objects) to a readable message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') {
    const { message, code } = error as { message?: unknown; code?: unknown };
    if (typeof message === 'string' && message) return typeof code === 'string' ? `${code}: ${message}` : message;
    if (typeof code === 'string') return code;
  }
  return 'Unknown error';
}

export function toErrorInfo(code: CcErrorCode, error: unknown): CcErrorInfo {
  if (error instanceof CcError) return { code: error.code, message: error.message };
  return { code, message: describeError(error) };
}
