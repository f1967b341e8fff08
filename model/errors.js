/**
 * CometChat's error codes and error shapes, as both fakes answer them. The call codes are the
 * ones CometChat's calls REST API documents (https://www.cometchat.com/docs/rest-api/calls-apis/error-codes).
 */

export const CALL_ERROR = /** @type {const} */ ({
  /** The call is over (ended, cancelled, rejected, busy or unanswered): its status cannot change. */
  TERMINATED: 'ERR_CALL_TERMINATED',
  /** An answered 1:1 call cannot be answered again. */
  USER_ALREADY_JOINED: 'ERR_CALL_USER_ALREADY_JOINED',
  /** An ongoing call can only end. */
  ONGOING_TO_INVALID: 'ERR_CALL_ONGOING_TO_INVALID',
  /** A call that was never answered cannot end. */
  NOT_STARTED: 'ERR_CALL_NOT_STARTED',
  /** A call cannot be set back to initiated. */
  INVALID_INIT: 'ERR_CALL_INVALID_INIT',
  /** The user is not part of the call (or not the party that may make this change). */
  NOT_A_PART: 'ERR_CALL_NOT_A_PART',
  SESSION_NOT_FOUND: 'ERR_CALL_SESSION_NOT_FOUND',
  EMPTY_SESSION_ID: 'ERR_EMPTY_CALL_SESSION_ID',
  CALLING_SELF: 'ERR_CALLING_SELF',
  UID_NOT_FOUND: 'ERR_UID_NOT_FOUND',
  GUID_NOT_FOUND: 'ERR_GUID_NOT_FOUND',
  GROUP_NOT_JOINED: 'ERR_GROUP_NOT_JOINED',
  BAD_REQUEST: 'ERR_BAD_REQUEST',
});

/**
 * @typedef {object} SdkError What the real SDKs reject with (a CometChatException's fields).
 * @property {string} code
 * @property {string} message
 * @property {string} [name]
 * @property {object} [details]
 */

/**
 * @param {string} code
 * @param {string} message
 * @returns {SdkError}
 */
export function sdkError(code, message) {
  return { code, name: code, message, details: {} };
}

/**
 * The body the REST API answers an error with; the chat SDK rejects with its `error`.
 *
 * @param {string} code
 * @param {string} message
 */
export const errorBody = (code, message) => ({ error: { code, message } });
