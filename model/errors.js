/**
 * CometChat's error shapes, as both fakes answer them. The codes for calls are the ones CometChat's
 * calls REST API documents (https://www.cometchat.com/docs/rest-api/calls-apis/error-codes):
 *
 * @typedef {'ERR_CALL_TERMINATED'    // the call is over (ended, cancelled, rejected, busy or unanswered)
 *   | 'ERR_CALL_USER_ALREADY_JOINED' // an answered call cannot be answered again
 *   | 'ERR_CALL_ONGOING_TO_INVALID'  // an ongoing call can only end
 *   | 'ERR_CALL_NOT_STARTED'         // a call that was never answered cannot end
 *   | 'ERR_CALL_INVALID_INIT'        // a call cannot be set back to initiated
 *   | 'ERR_CALL_NOT_A_PART'          // the user is not part of the call (or not the party that may make this change)
 *   | 'ERR_CALL_SESSION_NOT_FOUND' | 'ERR_EMPTY_CALL_SESSION_ID' | 'ERR_CALLING_SELF'
 *   | 'ERR_UID_NOT_FOUND' | 'ERR_GUID_NOT_FOUND' | 'ERR_GROUP_NOT_JOINED' | 'ERR_BAD_REQUEST'} CallErrorCode
 *
 * @typedef {object} Refusal How the REST API refuses a request: its HTTP status, and the body's
 *   `{ error: { code, message } }`, which the chat SDK rejects with.
 * @property {number} status
 * @property {CallErrorCode} code
 * @property {string} message
 *
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
 * @param {CallErrorCode} code
 * @param {string} message
 * @param {number} [status] HTTP
 * @returns {Refusal}
 */
export const refusal = (code, message, status = 400) => ({ status, code, message });
