/**
 * The emulated chat SDK (`CometChat`): login, listeners, 1:1 and group
 * ringing, and custom messages, over the shared channel.
 *
 * Each call's status is decided by its initiator's client (the "arbiter"),
 * the way a server would decide it: callees ask it to accept, reject or end,
 * and whichever request reaches it first wins a race.
 */
import type { ChatCall, ChatCustomMessage, ChatNamespace } from '../src/sdk/types.js';
import { isTerminal, refuseCall, refuseStatus } from '../model/calls.js';
import { Directory } from './directory.js';
import { Faults, rejectWith, sdkError, type SdkError } from './faults.js';
import {
  AppSettingsBuilder,
  CALL_STATUS,
  CALL_TYPE,
  CATEGORY_CALL,
  CATEGORY_CUSTOM,
  Call,
  CallListener,
  CustomMessage,
  Group,
  MessageListener,
  RECEIVER_TYPE,
  User,
  callFromWire,
  callToWire,
  isCallEventName,
  isRecord,
  isText,
  messageFromWire,
  messageToWire,
  plainJson,
  type CallEventName,
  type CallWire,
} from './models.js';
import { Network, randomId, type Frame } from './network.js';
import { historyRequests, type MessageLog } from './history.js';

/** The emulated `CometChat` namespace: the real 4.2.0 names our adapter uses, and a few more. */
export interface EmulatedCometChat extends ChatNamespace {
  CALL_STATUS: typeof CALL_STATUS;
  CALL_TYPE: typeof CALL_TYPE;
  RECEIVER_TYPE: typeof RECEIVER_TYPE;
  CATEGORY_CUSTOM: typeof CATEGORY_CUSTOM;
  CATEGORY_CALL: typeof CATEGORY_CALL;
  Call: typeof Call;
  CustomMessage: typeof CustomMessage;
  User: typeof User;
  Group: typeof Group;
  CallListener: typeof CallListener;
  MessageListener: typeof MessageListener;
  AppSettingsBuilder: typeof AppSettingsBuilder;
  /** `new GroupsRequestBuilder().setLimit(n).joinedOnly(true).build().fetchNext()`: the groups the user joined. */
  GroupsRequestBuilder: ReturnType<typeof historyRequests>['GroupsRequestBuilder'];
  /** `new MessagesRequestBuilder().setGUID(guid).setLimit(n).setCategories([…]).setTypes([…]).build().fetchPrevious()`. */
  MessagesRequestBuilder: ReturnType<typeof historyRequests>['MessagesRequestBuilder'];
  init(appId: string, appSettings?: unknown): Promise<boolean>;
  isInitialized(): boolean;
  /** `login(authToken)` with an `emu-token:<uid>` token, or `login(uid, authKey)` with any auth key. */
  login(authTokenOrUid: string, authKey?: string): Promise<User>;
  logout(): Promise<object>;
  getLoggedinUser(): Promise<User | null>;
  getLoggedInUser(): Promise<User | null>;
  getAppId(): string;
  initiateCall(call: ChatCall, timeout?: number): Promise<Call>;
  acceptCall(sessionId: string): Promise<Call>;
  rejectCall(sessionId: string, status: string): Promise<Call>;
  endCall(sessionId: string): Promise<Call | null>;
  getActiveCall(): Call | null;
  clearActiveCall(): void;
  sendCustomMessage(message: ChatCustomMessage): Promise<CustomMessage>;
}

/** The real SDK's default ring time, in seconds. */
const DEFAULT_RING_TIMEOUT = 45;
/** How long a callee waits for the initiator's client to answer a request. */
export const ARBITER_TIMEOUT_MS = 3000;

/** `status` only reads the call as it stands (a history read), it changes nothing. */
type CallAction = 'accept' | 'reject' | 'busy' | 'cancel' | 'end' | 'status';
const CALL_ACTIONS: readonly string[] = ['accept', 'reject', 'busy', 'cancel', 'end', 'status'];

/** A call this client initiated, and so arbitrates. */
interface OwnedCall {
  call: Call;
  /** Uids that ring: the receiver, or every other member of the group. */
  callees: string[];
  answeredBy: string | null;
  timer: ReturnType<typeof setTimeout> | null;
}

/** The status each request asks for. */
const ACTION_STATUS = {
  accept: CALL_STATUS.ONGOING,
  reject: CALL_STATUS.REJECTED,
  busy: CALL_STATUS.BUSY,
  cancel: CALL_STATUS.CANCELLED,
  end: CALL_STATUS.ENDED,
} as const;

/** What CometChat's rules need to know about an owned call. */
const facts = (owned: OwnedCall) => ({
  status: owned.call.getStatus(),
  initiator: owned.call.getSender().getUid(),
  receivers: owned.callees,
  answeredBy: owned.answeredBy,
});

/** A call another client arbitrates that this one has heard of. */
interface SeenCall {
  wire: CallWire;
  arbiter: string;
}

interface PendingRequest {
  resolve(wire: CallWire): void;
  reject(error: SdkError): void;
  timer: ReturnType<typeof setTimeout>;
}

type Outcome = { ok: true; wire: CallWire } | { ok: false; error: SdkError };

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The longest delay setTimeout honours; anything longer would fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** As the real SDK's resolveTimeout: whole seconds, and the default for anything not positive. */
function ringSeconds(timeout: unknown): number {
  if (timeout === null || timeout === undefined) return DEFAULT_RING_TIMEOUT;
  const seconds = Math.floor(Number(timeout));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_RING_TIMEOUT;
}

function notLoggedIn(endpoint: string): SdkError {
  // The real SDK's code and message, spelling included.
  return {
    ...sdkError(
      'USER_NOT_LOGED_IN',
      `An authToken is need to use the ${endpoint} end-point. PS- We are aware of the spelling mistake, but in order to maintain backward compatibility we cannot change it :(`,
    ),
    name: 'User not logged-in',
  };
}

const hasMethods = (value: unknown, ...names: string[]): boolean =>
  typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

export interface ChatClientOptions {
  directory: Directory;
  network: Network;
  faults: Faults;
  /** The channel's message history, which group messages sent from here are added to. */
  log: MessageLog;
  uid?: string | undefined;
}

export class ChatClient {
  readonly namespace: EmulatedCometChat;
  readonly #directory: Directory;
  readonly #network: Network;
  readonly #faults: Faults;
  readonly #log: MessageLog;
  #uid: string | null = null;
  #appId: string | null = null;
  #initialized = false;
  readonly #callListeners = new Map<string, unknown>();
  readonly #messageListeners = new Map<string, unknown>();
  #activeCall: Call | null = null;
  readonly #owned = new Map<string, OwnedCall>();
  readonly #seen = new Map<string, SeenCall>();
  readonly #pending = new Map<string, PendingRequest>();
  readonly #unsubscribe: () => void;
  #closed = false;

  constructor(options: ChatClientOptions) {
    this.#directory = options.directory;
    this.#network = options.network;
    this.#faults = options.faults;
    this.#log = options.log;
    if (options.uid !== undefined) {
      if (!this.#directory.hasUser(options.uid)) throw new Error(`[cc-emulator] unknown uid "${options.uid}"`);
      this.#uid = options.uid;
      this.#initialized = true;
    }
    this.#unsubscribe = this.#network.subscribe((frame) => this.#receive(frame));
    this.namespace = this.#buildNamespace();
  }

  // ── for the rest of the emulator ───────────────────────────────────────

  get uid(): string | null {
    return this.#uid;
  }
  get callListenerCount(): number {
    return this.#callListeners.size;
  }
  get messageListenerCount(): number {
    return this.#messageListeners.size;
  }
  get activeSessionId(): string | null {
    return this.#activeCall?.getSessionId() ?? null;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe();
    for (const owned of this.#owned.values()) if (owned.timer) clearTimeout(owned.timer);
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(sdkError('EMULATOR_CLOSED', 'The emulated client was closed.'));
    }
    this.#pending.clear();
  }

  // ── the namespace ──────────────────────────────────────────────────────

  #buildNamespace(): EmulatedCometChat {
    const faults = this.#faults;
    const history = historyRequests({
      uid: () => this.#uid,
      directory: this.#directory,
      log: this.#log,
      faults,
      callHistory: (guid, limit) => this.#callHistory(guid, limit),
    });
    // Plain closures, not methods: works when destructured, and each stays writable for spies.
    return {
      CALL_STATUS: { ...CALL_STATUS },
      CALL_TYPE: { ...CALL_TYPE },
      RECEIVER_TYPE: { ...RECEIVER_TYPE },
      CATEGORY_CUSTOM,
      CATEGORY_CALL,
      Call,
      CustomMessage,
      User,
      Group,
      CallListener,
      MessageListener,
      AppSettingsBuilder,
      GroupsRequestBuilder: history.GroupsRequestBuilder,
      MessagesRequestBuilder: history.MessagesRequestBuilder,
      init: (appId, _settings) =>
        faults.run('init', async () => {
          this.#appId = appId == null ? null : String(appId);
          this.#initialized = true;
          return true;
        }),
      isInitialized: () => this.#initialized,
      login: (authTokenOrUid, authKey) => faults.run('login', () => this.#login(authTokenOrUid, authKey)),
      logout: () =>
        faults.run('logout', async () => {
          this.#uid = null;
          this.#activeCall = null;
          return {};
        }),
      getLoggedinUser: () => faults.run('getLoggedinUser', async () => this.#me()),
      getLoggedInUser: () => faults.run('getLoggedInUser', async () => this.#me()),
      getAppId: () => this.#appId ?? '',
      initiateCall: (call, timeout) => faults.run('initiateCall', () => this.#initiate(call, timeout)),
      acceptCall: (sessionId) => faults.run('acceptCall', () => this.#accept(sessionId)),
      rejectCall: (sessionId, status) => faults.run('rejectCall', () => this.#reject(sessionId, status)),
      endCall: (sessionId) => faults.run('endCall', () => this.#end(sessionId)),
      getActiveCall: () => this.#activeCall,
      clearActiveCall: () => this.#clearActiveCall(),
      sendCustomMessage: (message) => faults.run('sendCustomMessage', () => this.#sendCustom(message)),
      addCallListener: (id, listener) => {
        this.#callListeners.set(String(id), listener);
      },
      removeCallListener: (id) => {
        this.#callListeners.delete(String(id));
      },
      addMessageListener: (id, listener) => {
        this.#messageListeners.set(String(id), listener);
      },
      removeMessageListener: (id) => {
        this.#messageListeners.delete(String(id));
      },
    };
  }

  /** The calls of group `guid` this client has heard of, oldest first, each as its arbiter says it stands now. */
  async #callHistory(guid: string, limit: number): Promise<Call[]> {
    const inGroup = (wire: CallWire) => wire.receiverType === RECEIVER_TYPE.GROUP && wire.receiverId === guid;
    const sessions = [
      ...[...this.#owned.values()].map((owned) => callToWire(owned.call)),
      ...[...this.#seen.values()].map((seen) => seen.wire),
    ]
      .filter(inGroup)
      .map((wire) => wire.sessionId)
      .slice(-limit);
    const calls = await Promise.all(sessions.map((sessionId) => this.#request(sessionId, 'status').catch(() => null)));
    return calls.filter((call): call is Call => call !== null);
  }

  #me(): User | null {
    if (!this.#uid) return null;
    const user = this.#directory.user(this.#uid);
    user?.setAuthToken(Directory.tokenFor(this.#uid));
    return user;
  }

  #requireLogin(endpoint: string): string {
    if (!this.#uid) throw notLoggedIn(endpoint);
    return this.#uid;
  }

  async #login(authTokenOrUid: string, authKey?: string): Promise<User> {
    let uid: string | null;
    if (authKey === undefined) {
      uid = this.#directory.uidForToken(authTokenOrUid);
      if (!uid) throw sdkError('AUTH_ERR_AUTH_TOKEN_NOT_FOUND', 'The auth token does not exist.');
    } else {
      uid = typeof authTokenOrUid === 'string' && this.#directory.hasUser(authTokenOrUid) ? authTokenOrUid : null;
      if (!uid) throw sdkError('ERR_UID_NOT_FOUND', `The UID ${String(authTokenOrUid)} does not exist.`);
      if (!isText(authKey)) throw sdkError('AUTH_ERR_EMPTY_APIKEY', 'Failed to validate the auth key.');
    }
    if (this.#uid !== uid) this.#activeCall = null;
    this.#uid = uid;
    return this.#me()!;
  }

  // ── ringing: the caller's side ─────────────────────────────────────────

  async #initiate(input: ChatCall, timeout?: number): Promise<Call> {
    const me = this.#requireLogin('createCallSession');
    if (this.#activeCall) throw sdkError('CALL_ALREADY_INITIATED', 'There is already call in progress');
    // As the real SDK (4.2.0): a call that already has a sender is not placed again, only made the
    // active call (and its ring timer started), with no request.
    const placed = input as Partial<Call>;
    if (
      typeof placed.getSender === 'function' &&
      placed.getSender() &&
      typeof placed.getSessionId === 'function' &&
      placed.getSessionId()
    ) {
      this.#activeCall = callFromWire(callToWire(input as Call));
      return input as Call;
    }
    if (!hasMethods(input, 'getReceiverId', 'getType', 'getReceiverType')) {
      throw sdkError('INVALID_CALL_OBJECT', 'initiateCall needs a CometChat.Call.');
    }
    const receiverId = String(input.getReceiverId());
    const type = String(input.getType());
    const receiverType = String(input.getReceiverType());
    if (type !== CALL_TYPE.AUDIO && type !== CALL_TYPE.VIDEO) {
      throw sdkError('ERR_INVALID_CALL_TYPE', `The call type "${type}" is neither audio nor video.`);
    }
    if (receiverType !== RECEIVER_TYPE.USER && receiverType !== RECEIVER_TYPE.GROUP) {
      throw sdkError('INVALID_RECEIVER_TYPE', `The receiver type "${receiverType}" is neither user nor group.`);
    }
    const refusal = refuseCall(this.#directory, me, receiverType, receiverId);
    if (refusal) throw sdkError(refusal.code, refusal.message);
    const toGroup = receiverType === RECEIVER_TYPE.GROUP;
    const receiver: User | Group = toGroup ? this.#directory.group(receiverId)! : this.#directory.user(receiverId)!;
    const callees = toGroup ? this.#directory.members(receiverId).filter((uid) => uid !== me) : [receiverId];

    const call = new Call(receiverId, type, receiverType);
    const sessionId = `v1.emu.${randomId(12)}`;
    const sender = this.#directory.user(me)!;
    call.setSessionId(sessionId);
    call.setStatus(CALL_STATUS.INITIATED);
    call.setAction(CALL_STATUS.INITIATED);
    call.setInitiatedAt(nowSeconds());
    call.setSentAt(call.getInitiatedAt());
    call.setSender(sender);
    call.setCallInitiator(sender);
    call.setReceiver(receiver);
    call.setCallReceiver(receiver);
    const metadata = plainJson((input as Partial<Call>).getMetadata?.());
    if (isRecord(metadata)) call.setMetadata(metadata);

    const owned: OwnedCall = { call, callees, answeredBy: null, timer: null };
    owned.timer = setTimeout(() => this.#expire(sessionId), Math.min(ringSeconds(timeout) * 1000, MAX_TIMER_MS));
    this.#owned.set(sessionId, owned);
    const wire = callToWire(call);
    this.#activeCall = callFromWire(wire);
    this.#deliver('onIncomingCallReceived', wire, callees, null);
    return callFromWire(wire)!;
  }

  /** The ring timeout ran out: the real SDK's timer then sends `unanswered`. */
  #expire(sessionId: string): void {
    const owned = this.#owned.get(sessionId);
    if (!owned) return;
    owned.timer = null;
    if (owned.call.getStatus() === CALL_STATUS.ONGOING) {
      // A group call that was answered (see #setStatus): the real SDK's timer still sends
      // `unanswered`, the server refuses it, and the SDK forgets its active call all the same
      // (endCallSession), so a later endCall tells nobody.
      if (this.activeSessionId === sessionId) this.#activeCall = null;
      return;
    }
    if (refuseStatus(facts(owned), CALL_STATUS.UNANSWERED, owned.call.getSender().getUid())) return;
    const wire = this.#setStatus(owned, CALL_STATUS.UNANSWERED);
    this.#emitToInitiator(owned, 'onOutgoingCallRejected', wire);
    this.#deliver('onIncomingCallCancelled', wire, owned.callees, null);
  }

  #setStatus(owned: OwnedCall, status: string): CallWire {
    owned.call.setStatus(status);
    owned.call.setAction(status);
    // The real SDK (4.2.0) stops the caller's ring timer when a 1:1 call is answered, but not when
    // a group call is: publishCallMessage's group `ongoing` branch only fires the listener.
    const answeredGroup = status === CALL_STATUS.ONGOING && owned.call.getReceiverType() === RECEIVER_TYPE.GROUP;
    if (status !== CALL_STATUS.INITIATED && !answeredGroup && owned.timer) {
      clearTimeout(owned.timer);
      owned.timer = null;
    }
    return callToWire(owned.call);
  }

  /** Events meant for the caller go to the client that placed the call, as the real SDK's CallController does. */
  #emitToInitiator(owned: OwnedCall, name: CallEventName, wire: CallWire): void {
    if (this.#uid === owned.call.getSender().getUid()) this.#emit(name, wire);
  }

  /** Decides a request about a call this client initiated. `uid` and `client` say who asks. */
  #arbitrate(sessionId: string, action: CallAction, uid: string, client: string): Outcome {
    const owned = this.#owned.get(sessionId);
    if (!owned) return { ok: false, error: sdkError('ERR_CALL_SESSION_NOT_FOUND', `No call with session id ${sessionId}.`) };
    const { call } = owned;
    const initiator = call.getSender().getUid();
    if (action === 'status') {
      if (uid !== initiator && !owned.callees.includes(uid)) {
        return { ok: false, error: sdkError('ERR_CALL_NOT_A_PART', `${uid} is not a party of this call.`) };
      }
      return { ok: true, wire: callToWire(call) };
    }
    // CometChat's rules (model/calls.js) decide whether the change is allowed, as the local cloud's.
    const refusal = refuseStatus(facts(owned), ACTION_STATUS[action], uid);
    if (refusal) return { ok: false, error: sdkError(refusal.code, refusal.message) };

    switch (action) {
      case 'accept':
      case 'reject':
      case 'busy': {
        // The real SDK (4.2.0, WSHelper's publishCallMessage) takes a group call's `ongoing`,
        // `rejected` and `busy` only on the initiator's clients: the other members hear nothing
        // and go on ringing (until their own ring expires). A 1:1 callee's other clients stop.
        const toGroup = call.getReceiverType() === RECEIVER_TYPE.GROUP;
        if (action === 'accept') {
          owned.answeredBy = uid;
          call.setJoinedAt(nowSeconds());
          const wire = this.#setStatus(owned, CALL_STATUS.ONGOING);
          this.#emitToInitiator(owned, 'onOutgoingCallAccepted', wire);
          if (!toGroup) this.#deliver('onIncomingCallCancelled', wire, owned.callees, client);
          return { ok: true, wire };
        }
        const wire = this.#setStatus(owned, ACTION_STATUS[action]);
        this.#emitToInitiator(owned, 'onOutgoingCallRejected', wire);
        if (!toGroup) this.#deliver('onIncomingCallCancelled', wire, owned.callees, client);
        return { ok: true, wire };
      }
      case 'cancel': {
        const wire = this.#setStatus(owned, CALL_STATUS.CANCELLED);
        this.#deliver('onIncomingCallCancelled', wire, owned.callees, client);
        return { ok: true, wire };
      }
      case 'end': {
        const wire = this.#setStatus(owned, CALL_STATUS.ENDED);
        // As the real cloud pushes it: to every party of the call (for a group, every member, so
        // one still ringing hears it too) but the client that ended it.
        this.#deliver('onCallEndedMessageReceived', wire, [initiator, ...owned.callees], client);
        return { ok: true, wire };
      }
    }
  }

  // ── ringing: requests from either side ─────────────────────────────────

  async #accept(sessionId: string): Promise<Call> {
    this.#requireLogin('updateCallSession');
    if (this.#activeCall) throw sdkError('CALL_IN_PROGRESS', 'There is already a call in progress');
    const call = await this.#request(sessionId, 'accept');
    this.#activeCall = call;
    return callFromWire(callToWire(call))!;
  }

  async #reject(sessionId: string, status: string): Promise<Call> {
    this.#requireLogin('updateCallSession');
    switch (status) {
      case CALL_STATUS.REJECTED:
        return this.#request(sessionId, 'reject');
      case CALL_STATUS.BUSY:
        return this.#request(sessionId, 'busy');
      case CALL_STATUS.CANCELLED: {
        const call = await this.#request(sessionId, 'cancel');
        if (this.activeSessionId === sessionId) this.#clearActiveCall();
        return call;
      }
      default:
        // The real SDK treats any other status as endCall.
        return (await this.#end(sessionId))!;
    }
  }

  async #end(sessionId: string): Promise<Call | null> {
    if (!this.#uid) return null; // the real SDK resolves null when nobody is logged in
    // The real SDK (4.x) ends only its active call. With none, it tells nobody and answers null;
    // with another one, its promise never settles.
    if (!this.#activeCall) return null;
    if (this.activeSessionId !== sessionId) return new Promise<never>(() => undefined);
    const call = await this.#request(sessionId, 'end');
    // As the real SDK's does when it answers: whichever call is active by then, and its ring timer.
    this.#clearActiveCall();
    return call;
  }

  #clearActiveCall(): void {
    const sessionId = this.activeSessionId;
    this.#activeCall = null;
    // The real SDK's clearActiveCall also stops the caller's ring timer; so does ours.
    const owned = sessionId ? this.#owned.get(sessionId) : undefined;
    if (owned?.timer) {
      clearTimeout(owned.timer);
      owned.timer = null;
    }
  }

  /** Asks the call's arbiter (this client or another) to act, and resolves with the call as it then stands. */
  #request(sessionId: string, action: CallAction): Promise<Call> {
    const uid = this.#uid!;
    if (typeof sessionId !== 'string' || !sessionId) return rejectWith('ERR_EMPTY_CALL_SESSION_ID', 'A session id is required.');
    if (this.#owned.has(sessionId)) {
      const outcome = this.#arbitrate(sessionId, action, uid, this.#network.clientId);
      return outcome.ok ? Promise.resolve(callFromWire(outcome.wire)!) : Promise.reject(outcome.error);
    }
    const seen = this.#seen.get(sessionId);
    if (!seen) return rejectWith('ERR_CALL_SESSION_NOT_FOUND', `No call with session id ${sessionId}.`);
    return new Promise<Call>((resolve, reject) => {
      const requestId = randomId();
      const timer = setTimeout(() => {
        this.#pending.delete(requestId);
        reject(sdkError('ERR_TIMEOUT', `The call's initiator did not answer within ${ARBITER_TIMEOUT_MS / 1000} s.`));
      }, ARBITER_TIMEOUT_MS);
      this.#pending.set(requestId, {
        timer,
        reject,
        resolve: (wire) => {
          this.#seen.set(sessionId, { wire, arbiter: seen.arbiter });
          resolve(callFromWire(wire)!);
        },
      });
      this.#network.send('call-request', { requestId, sessionId, action, uid, to: seen.arbiter });
    });
  }

  // ── custom messages ────────────────────────────────────────────────────

  async #sendCustom(input: ChatCustomMessage): Promise<CustomMessage> {
    const me = this.#requireLogin('sendMessage');
    if (!hasMethods(input, 'getReceiverId', 'getReceiverType', 'getType', 'getCustomData')) {
      throw sdkError('INVALID_MESSAGE_OBJECT', 'sendCustomMessage needs a CometChat.CustomMessage.');
    }
    const receiverId = String(input.getReceiverId());
    const receiverType = String(input.getReceiverType());
    let receiver: User | Group;
    let recipients: string[];
    if (receiverType === RECEIVER_TYPE.GROUP) {
      const group = this.#directory.group(receiverId);
      if (!group) throw sdkError('ERR_GUID_NOT_FOUND', `The GUID ${receiverId} does not exist.`);
      recipients = this.#directory.members(receiverId);
      if (!recipients.includes(me)) throw sdkError('ERR_GROUP_NOT_JOINED', `The user ${me} is not a member of ${receiverId}.`);
      receiver = group;
    } else if (receiverType === RECEIVER_TYPE.USER) {
      const user = this.#directory.user(receiverId);
      if (!user) throw sdkError('ERR_UID_NOT_FOUND', `The UID ${receiverId} does not exist.`);
      recipients = [receiverId, me];
      receiver = user;
    } else {
      throw sdkError('INVALID_RECEIVER_TYPE', `The receiver type "${receiverType}" is neither user nor group.`);
    }
    const customData = plainJson(input.getCustomData());
    if (customData === undefined) throw sdkError('ERR_INVALID_CUSTOM_DATA', 'The custom data is not JSON.');

    const sent = new CustomMessage(receiverId, receiverType, String(input.getType()), customData as object);
    sent.setCategory(String(input.getCategory?.() ?? CATEGORY_CUSTOM));
    const metadata = plainJson(input.getMetadata?.());
    if (isRecord(metadata)) sent.setMetadata(metadata);
    // Unique enough across clients without a server: milliseconds and three random digits.
    sent.setId(Date.now() * 1000 + Math.floor(Math.random() * 1000));
    sent.setSentAt(nowSeconds());
    sent.setSender(this.#directory.user(me)!);
    sent.setReceiver(receiver);
    const wire = messageToWire(sent);
    // What the server would store: a group's history, for MessagesRequest to read back.
    if (receiverType === RECEIVER_TYPE.GROUP) this.#log.append(wire);
    // Every client of every recipient but this one; the sender's other clients get it too.
    this.#network.send('message', { message: wire, to: recipients });
    return sent;
  }

  // ── delivery ───────────────────────────────────────────────────────────

  /** Sends a call event to every client of `to`, except `except`, including this one when it qualifies. */
  #deliver(name: CallEventName, wire: CallWire, to: string[], except: string | null): void {
    this.#network.send('call-event', { name, call: wire, to, except });
    if (this.#uid && to.includes(this.#uid) && except !== this.#network.clientId) this.#emit(name, wire);
  }

  /** Fires a call event on every registered call listener, each with its own fresh Call. */
  #emit(name: CallEventName, wire: CallWire): void {
    if (!this.#uid || this.#closed) return;
    if (this.activeSessionId === wire.sessionId) {
      if (isTerminal(wire.status)) this.#activeCall = null;
      else this.#activeCall?.setStatus(wire.status);
    }
    this.#dispatch(this.#callListeners, name, () => callFromWire(wire));
  }

  #dispatch(listeners: Map<string, unknown>, name: string, make: () => unknown): void {
    for (const listener of [...listeners.values()]) {
      const handler = (listener as Record<string, unknown> | null)?.[name];
      if (typeof handler !== 'function') continue;
      try {
        handler.call(listener, make());
      } catch (error) {
        console.error(`[cc-emulator] a listener's ${name} threw`, error);
      }
    }
  }

  #receive(frame: Frame): void {
    if (this.#closed) return;
    switch (frame.kind) {
      case 'call-event':
        return this.#onCallEvent(frame);
      case 'call-request':
        return this.#onCallRequest(frame);
      case 'call-response':
        return this.#onCallResponse(frame);
      case 'message':
        return this.#onMessage(frame);
    }
  }

  #addressedToMe(frame: Frame): boolean {
    return !!this.#uid && Array.isArray(frame.to) && frame.to.includes(this.#uid);
  }

  #onCallEvent(frame: Frame): void {
    if (!isCallEventName(frame.name) || !this.#addressedToMe(frame) || frame.except === this.#network.clientId) return;
    const call = callFromWire(frame.call);
    if (!call) return;
    const wire = callToWire(call);
    this.#seen.set(wire.sessionId, { wire, arbiter: frame.from });
    this.#emit(frame.name, wire);
  }

  #onCallRequest(frame: Frame): void {
    const { requestId, sessionId, action, uid } = frame;
    if (frame.to !== this.#network.clientId || !isText(requestId) || !isText(sessionId) || !isText(uid)) return;
    if (typeof action !== 'string' || !CALL_ACTIONS.includes(action)) return;
    const outcome = this.#arbitrate(sessionId, action as CallAction, uid, frame.from);
    const answer = outcome.ok ? { ok: true, call: outcome.wire } : { ok: false, error: outcome.error };
    this.#network.send('call-response', { requestId, to: frame.from, ...answer });
  }

  #onCallResponse(frame: Frame): void {
    if (frame.to !== this.#network.clientId || !isText(frame.requestId)) return;
    const pending = this.#pending.get(frame.requestId);
    if (!pending) return;
    const call = frame.ok === true ? callFromWire(frame.call) : null;
    const error = isRecord(frame.error) && isText(frame.error.code) ? frame.error : null;
    if (!call && !error) return;
    this.#pending.delete(frame.requestId);
    clearTimeout(pending.timer);
    if (call) pending.resolve(callToWire(call));
    else pending.reject(sdkError(String(error!.code), String(error!.message ?? '')));
  }

  #onMessage(frame: Frame): void {
    if (!this.#addressedToMe(frame)) return;
    const message = messageFromWire(frame.message);
    if (!message) return;
    const wire = messageToWire(message);
    this.#dispatch(this.#messageListeners, 'onCustomMessageReceived', () => messageFromWire(wire));
  }
}
