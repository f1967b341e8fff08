/**
 * CometChat's call statuses and who may move a call from one to another, as its calls REST API
 * decides them (`PUT calls/{sessionId}`). The emulator's arbiter (emulator/chat.ts) and the local
 * cloud (cloud/index.mjs) both ask `refuseStatus` before they change a call, so they refuse the
 * same requests with the same codes.
 *
 *   initiated ─→ ongoing ─→ ended
 *       └─→ rejected | busy (a receiver), cancelled | unanswered (the initiator)
 */
import { CALL_ERROR } from './errors.js';

/** @typedef {'initiated' | 'ongoing' | 'unanswered' | 'rejected' | 'busy' | 'cancelled' | 'ended'} CallStatus */

/** The statuses, with the real SDK's `CometChat.CALL_STATUS` keys. */
export const CALL_STATUS = /** @type {const} */ ({
  INITIATED: 'initiated',
  ONGOING: 'ongoing',
  UNANSWERED: 'unanswered',
  REJECTED: 'rejected',
  BUSY: 'busy',
  CANCELLED: 'cancelled',
  ENDED: 'ended',
});

/** A call in one of these is over: nothing may change it again. */
export const TERMINAL_STATUSES = /** @type {readonly CallStatus[]} */ (['unanswered', 'rejected', 'busy', 'cancelled', 'ended']);

/** @param {string} status */
export const isTerminal = (status) => /** @type {readonly string[]} */ (TERMINAL_STATUSES).includes(status);

/**
 * Each status a request may set: the status it must come from, and who may set it ("receiver":
 * the user called, or a member of the group called other than the initiator; "participant": the
 * initiator or the receiver who answered).
 *
 * @type {Readonly<Record<string, { from: CallStatus, by: 'receiver' | 'initiator' | 'participant' }>>}
 */
export const TRANSITIONS = {
  ongoing: { from: 'initiated', by: 'receiver' },
  rejected: { from: 'initiated', by: 'receiver' },
  busy: { from: 'initiated', by: 'receiver' },
  cancelled: { from: 'initiated', by: 'initiator' },
  unanswered: { from: 'initiated', by: 'initiator' },
  ended: { from: 'ongoing', by: 'participant' },
};

/**
 * @typedef {object} CallFacts What the rules need to know about a call.
 * @property {string} status
 * @property {string} initiator uid
 * @property {readonly string[]} receivers the uids it rings: the user called, or the group's other members
 * @property {string | null} [answeredBy] the receiver who accepted it
 *
 * @typedef {object} Refusal How the REST API answers a request it refuses.
 * @property {number} status the HTTP status
 * @property {string} code
 * @property {string} message
 */

/**
 * Why `uid` may not set `call`'s status to `to`, or null when CometChat lets it.
 *
 * @param {CallFacts} call
 * @param {string} to
 * @param {string} uid
 * @returns {Refusal | null}
 */
export function refuseStatus(call, to, uid) {
  const move = TRANSITIONS[to];
  const refuse = (/** @type {string} */ code, /** @type {string} */ message) => ({ status: 400, code, message });
  if (to === CALL_STATUS.INITIATED) return refuse(CALL_ERROR.INVALID_INIT, 'A call cannot be set back to initiated.');
  if (!move) return refuse(CALL_ERROR.BAD_REQUEST, `Unknown call status ${to}.`);
  const isInitiator = uid === call.initiator;
  const isReceiver = !isInitiator && call.receivers.includes(uid);
  if (!isInitiator && !isReceiver) return refuse(CALL_ERROR.NOT_A_PART, `${uid} is not a party of this call.`);
  if (isTerminal(call.status)) return refuse(CALL_ERROR.TERMINATED, `The call is already ${call.status}.`);
  if (call.status === CALL_STATUS.ONGOING && to === CALL_STATUS.ONGOING) {
    return refuse(CALL_ERROR.USER_ALREADY_JOINED, 'The call was already answered.');
  }
  if (call.status === CALL_STATUS.ONGOING && to !== CALL_STATUS.ENDED) {
    return refuse(CALL_ERROR.ONGOING_TO_INVALID, `An ongoing call cannot become ${to}.`);
  }
  if (call.status === CALL_STATUS.INITIATED && to === CALL_STATUS.ENDED) {
    return refuse(CALL_ERROR.NOT_STARTED, 'The call was never answered, so it cannot end.');
  }
  if (move.by === 'receiver' && !isReceiver) return refuse(CALL_ERROR.NOT_A_PART, `Only a receiver of this call can set it ${to}.`);
  if (move.by === 'initiator' && !isInitiator) return refuse(CALL_ERROR.NOT_A_PART, `Only the initiator can set this call ${to}.`);
  if (move.by === 'participant' && !isInitiator && uid !== call.answeredBy) {
    return refuse(CALL_ERROR.NOT_A_PART, `${uid} is not a participant of this call.`);
  }
  return null;
}

/**
 * Why `uid` may not call `receiver`, or null when CometChat lets it (`POST calls`).
 *
 * @param {{ hasUser(uid: string): boolean, hasGroup(guid: string): boolean, members(guid: string): readonly string[] }} directory
 * @param {string} uid the caller
 * @param {string} receiverType 'user' or 'group'
 * @param {string} receiver
 * @returns {Refusal | null}
 */
export function refuseCall(directory, uid, receiverType, receiver) {
  if (receiverType === 'group') {
    if (!directory.hasGroup(receiver)) return { status: 404, code: CALL_ERROR.GUID_NOT_FOUND, message: `The GUID ${receiver} does not exist.` };
    if (!directory.members(receiver).includes(uid)) {
      return { status: 403, code: CALL_ERROR.GROUP_NOT_JOINED, message: `The user ${uid} is not a member of ${receiver}.` };
    }
    return null;
  }
  if (!directory.hasUser(receiver)) return { status: 404, code: CALL_ERROR.UID_NOT_FOUND, message: `The UID ${receiver} does not exist.` };
  if (receiver === uid) return { status: 400, code: CALL_ERROR.CALLING_SELF, message: 'A user cannot call themselves.' };
  return null;
}
