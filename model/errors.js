/**
 * CometChat's error shapes, as both fakes answer them. The call codes are the ones CometChat's calls
 * REST API documents (https://www.cometchat.com/docs/rest-api/calls-apis/error-codes).
 *
 * @typedef {'ERR_CALL_TERMINATED' | 'ERR_CALL_USER_ALREADY_JOINED' | 'ERR_CALL_ONGOING_TO_INVALID' | 'ERR_CALL_NOT_STARTED'
 *   | 'ERR_CALL_INVALID_INIT' | 'ERR_CALL_NOT_A_PART' | 'ERR_CALL_SESSION_NOT_FOUND' | 'ERR_EMPTY_CALL_SESSION_ID'
 *   | 'ERR_CALLING_SELF' | 'ERR_UID_NOT_FOUND' | 'ERR_GUID_NOT_FOUND' | 'ERR_GROUP_NOT_JOINED' | 'ERR_BAD_REQUEST'} CallErrorCode
 * @typedef {{ status: number, code: CallErrorCode, message: string }} Refusal The REST API's HTTP status and `{ error: { code, message } }`
 * @typedef {{ code: string, message: string, name?: string, details?: object }} SdkError What the SDKs reject with (CometChatException)
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
