/**
 * CometChat's call statuses and who may move a call from one to another, as its calls REST API
 * decides them (`PUT calls/{sessionId}`). The emulator's arbiter (emulator/chat.ts) and the local
 * cloud (cloud/index.mjs) both ask these before they place or change a call, so they refuse the
 * same requests with the same codes.
 *
 *   initiated ─→ ongoing ─→ ended
 *       └─→ rejected | busy (a receiver), cancelled | unanswered (the initiator)
 */
import { refusal } from './errors.js';

/** @typedef {import('./errors.js').Refusal} Refusal */

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
export const TERMINAL_STATUSES = ['unanswered', 'rejected', 'busy', 'cancelled', 'ended'];

/** @param {string} status */
export const isTerminal = (status) => TERMINAL_STATUSES.includes(status);

/**
 * Who may set each status: "receiver" (the user called, or a member of the group called other
 * than the initiator), the "initiator", or a "participant" (the initiator or the receiver who
 * answered). Every status but `ended` is set on a ringing (`initiated`) call; `ended` on an
 * `ongoing` one.
 *
 * @type {Readonly<Record<string, 'receiver' | 'initiator' | 'participant'>>}
 */
export const SET_BY = {
  ongoing: 'receiver',
  rejected: 'receiver',
  busy: 'receiver',
  cancelled: 'initiator',
  unanswered: 'initiator',
  ended: 'participant',
};

/**
 * Why `uid` may not set `call`'s status to `to`, or null when CometChat lets it.
 *
 * @param {{ status: string, initiator: string, receivers: readonly string[], answeredBy?: string | null }} call
 *   `receivers`: the uids it rings; `answeredBy`: the receiver who accepted it
 * @param {string} to
 * @param {string} uid
 * @returns {Refusal | null}
 */
export function refuseStatus(call, to, uid) {
  const by = SET_BY[to];
  const from = call.status;
  const isInitiator = uid === call.initiator;
  if (to === 'initiated') return refusal('ERR_CALL_INVALID_INIT', 'A call cannot be set back to initiated.');
  if (!by) return refusal('ERR_BAD_REQUEST', `Unknown call status ${to}.`);
  if (!isInitiator && !call.receivers.includes(uid)) return refusal('ERR_CALL_NOT_A_PART', `${uid} is not a party of this call.`);
  if (isTerminal(from)) return refusal('ERR_CALL_TERMINATED', `The call is already ${from}.`);
  if (from === 'ongoing' && to === 'ongoing') return refusal('ERR_CALL_USER_ALREADY_JOINED', 'The call was already answered.');
  if (from === 'ongoing' && to !== 'ended') return refusal('ERR_CALL_ONGOING_TO_INVALID', `An ongoing call cannot become ${to}.`);
  if (from === 'initiated' && to === 'ended') return refusal('ERR_CALL_NOT_STARTED', 'The call was never answered.');
  const allowed = by === 'initiator' ? isInitiator : by === 'receiver' ? !isInitiator : isInitiator || uid === call.answeredBy;
  return allowed ? null : refusal('ERR_CALL_NOT_A_PART', `${uid} may not set this call ${to}.`);
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
    if (!directory.hasGroup(receiver)) return refusal('ERR_GUID_NOT_FOUND', `The GUID ${receiver} does not exist.`, 404);
    if (!directory.members(receiver).includes(uid))
      return refusal('ERR_GROUP_NOT_JOINED', `The user ${uid} is not a member of ${receiver}.`, 403);
  } else {
    if (!directory.hasUser(receiver)) return refusal('ERR_UID_NOT_FOUND', `The UID ${receiver} does not exist.`, 404);
    if (receiver === uid) return refusal('ERR_CALLING_SELF', 'A user cannot call themselves.');
  }
  return null;
}
