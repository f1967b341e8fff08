/**
 * The production backend: carries out the store's effects on CometChat's
 * chat and calls SDKs, and turns their listener callbacks into machine
 * events. The same code runs on the real SDKs and on the emulator.
 */
import { CcError } from '../errors.js';
import type { CallBackend, SessionSink } from '../store/ports.js';
import type { CallKind, CallType, MachineEvent, Party } from '../store/types.js';
import {
  MEETING_ENDED_TYPE,
  MEETING_TYPE,
  callTypeOf,
  cleanId,
  meetingEndFromMessage,
  meetingFromMessage,
  partyFromGroup,
  partyFromUser,
} from './normalize.js';
import { runSession, type CallSettingsContext, type RunningSession } from './session.js';
import type { CallsNamespace, ChatCall, ChatCustomMessage, ChatGroup, ChatNamespace, ChatUser } from './types.js';

export interface BackendOptions {
  chat: ChatNamespace;
  /** The logged-in user. */
  user: ChatUser;
  /** Resolves the calls SDK, ready to use; called on the first session only. */
  loadCalls: () => Promise<CallsNamespace>;
  /** Seconds an outgoing call rings before it counts as unanswered. */
  ringTimeout: number;
  callSettings?: ((context: CallSettingsContext) => void) | undefined;
  /** configure() logged in itself, so dispose() logs out. */
  ownsLogin: boolean;
  /** Ms a call or session start waits at most for an earlier end to settle: the store's sdkTimeout. */
  sdkTimeoutMs: number;
}

let listenerSequence = 0;

function uniqueId(kind: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `cc-call-elements:${kind}:${random}:${++listenerSequence}`;
}

export class CometChatBackend implements CallBackend {
  readonly user: Party;
  #options: BackendOptions;
  #session: RunningSession | null = null;
  /** Bumped by every start and every end: a start that finds it changed was overtaken while it ran. */
  #attempt = 0;
  /**
   * Settles once every earlier start and end has. The calls SDK holds one session and reports
   * its end globally, so a join must not overlap an earlier join or leave: when that leave
   * finished it would take the new session down with it.
   */
  #settled: Promise<void> = Promise.resolve();
  /**
   * Settles once the last endCall has. The chat SDK clears its active call when endCall answers,
   * whichever call is active by then: a call placed or accepted before a slow endCall answered
   * would lose it, and then could not be cancelled, timed out or ended.
   */
  #endingCall: Promise<void> = Promise.resolve();

  constructor(options: BackendOptions) {
    this.#options = options;
    this.user = partyFromUser(options.user);
  }

  get #chat(): ChatNamespace {
    return this.#options.chat;
  }

  listen(sink: (event: MachineEvent) => void): () => void {
    const chat = this.#chat;
    const callListenerId = uniqueId('calls');
    const messageListenerId = uniqueId('messages');
    // Whatever another client sends, a malformed payload must never throw into the SDK's dispatcher.
    const guard =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A) => {
        try {
          handler(...args);
        } catch (error) {
          console.warn('[cc-call-elements] ignored a malformed SDK event', error);
        }
      };
    const sessionOf = (call: ChatCall) => cleanId(call?.getSessionId?.());
    const statusOf = (call: ChatCall) => String(call?.getStatus?.() ?? '');

    chat.addCallListener(
      callListenerId,
      new chat.CallListener({
        onIncomingCallReceived: guard((call: ChatCall) => {
          const sessionId = sessionOf(call);
          if (!sessionId) return;
          const initiator = partyFromUser(call.getCallInitiator?.() ?? call.getSender());
          const toGroup = call.getReceiverType() === chat.RECEIVER_TYPE.GROUP;
          const receiver = call.getCallReceiver?.() ?? call.getReceiver();
          const peer = toGroup ? partyFromGroup(receiver as ChatGroup, cleanId(call.getReceiverId()) ?? '') : initiator;
          sink({ type: 'incoming-call', sessionId, kind: 'direct', callType: callTypeOf(call.getType()), peer, initiator });
        }),
        onOutgoingCallAccepted: guard((call: ChatCall) => {
          const sessionId = sessionOf(call);
          if (sessionId) sink({ type: 'outgoing-accepted', sessionId });
        }),
        onOutgoingCallRejected: guard((call: ChatCall) => {
          const sessionId = sessionOf(call);
          if (sessionId) sink({ type: 'outgoing-rejected', sessionId, status: statusOf(call) });
        }),
        onIncomingCallCancelled: guard((call: ChatCall) => {
          const sessionId = sessionOf(call);
          if (sessionId) sink({ type: 'incoming-cancelled', sessionId, status: statusOf(call) });
        }),
        onCallEndedMessageReceived: guard((call: ChatCall) => {
          const sessionId = sessionOf(call);
          if (sessionId) sink({ type: 'call-ended-message', sessionId });
        }),
      }),
    );
    chat.addMessageListener(
      messageListenerId,
      new chat.MessageListener({
        onCustomMessageReceived: guard((message: ChatCustomMessage) => {
          if (message?.getCategory?.() !== chat.CATEGORY_CUSTOM) return;
          const meeting = meetingFromMessage(message);
          if (meeting) sink({ type: 'meeting-message', meeting, raw: message });
          const end = meetingEndFromMessage(message);
          // A live message without a timestamp ended the meeting just now.
          if (end) sink({ type: 'meeting-ended-message', sessionId: end.sessionId, sentAt: end.sentAt || Math.floor(Date.now() / 1000) });
        }),
      }),
    );
    return () => {
      chat.removeCallListener(callListenerId);
      chat.removeMessageListener(messageListenerId);
    };
  }

  async initiate(receiverId: string, receiverType: 'user' | 'group', callType: CallType): Promise<string> {
    const chat = this.#chat;
    const type = callType === 'audio' ? chat.CALL_TYPE.AUDIO : chat.CALL_TYPE.VIDEO;
    const rt = receiverType === 'group' ? chat.RECEIVER_TYPE.GROUP : chat.RECEIVER_TYPE.USER;
    await this.#endingCall;
    const call = await chat.initiateCall(new chat.Call(receiverId, type, rt), this.#options.ringTimeout);
    const sessionId = cleanId(call?.getSessionId?.());
    if (!sessionId) throw new CcError('initiate-failed', 'initiateCall returned a call without a session id.');
    return sessionId;
  }

  async accept(sessionId: string): Promise<void> {
    await this.#endingCall;
    await this.#chat.acceptCall(sessionId);
  }

  async reject(sessionId: string, status: 'rejected' | 'cancelled' | 'busy'): Promise<void> {
    const { CALL_STATUS } = this.#chat;
    const sdkStatus = { rejected: CALL_STATUS.REJECTED, cancelled: CALL_STATUS.CANCELLED, busy: CALL_STATUS.BUSY }[status];
    try {
      await this.#chat.rejectCall(sessionId, sdkStatus);
    } catch (error) {
      // The server refuses a cancel when the callee accepted at that moment. Their accept may reach
      // this page only later, when clearActiveCall has run, and the SDK's endCall ends nothing
      // without its active call. So end it now, while the SDK still holds it.
      if (status === 'cancelled') await this.endCall(sessionId).catch(() => undefined);
      throw error;
    }
  }

  async endCall(sessionId: string): Promise<void> {
    const ending = this.#chat.endCall(sessionId);
    this.#endingCall = Promise.all([this.#endingCall, this.#bounded(ending)]).then(() => undefined);
    await ending;
  }

  clearActiveCall(): void {
    this.#chat.clearActiveCall();
  }

  async announceMeeting(guid: string, callType: CallType): Promise<void> {
    // Both spellings: CometChat's React kit reads `sessionID`, the docs write `sessionId`.
    const data = { callType, sessionId: guid, sessionID: guid };
    await this.#sendToGroup(guid, MEETING_TYPE, data, {
      incrementUnreadCount: true,
      pushNotification: MEETING_TYPE,
      callType,
      sessionId: guid,
    });
  }

  async announceMeetingEnded(guid: string, sessionId: string): Promise<void> {
    await this.#sendToGroup(guid, MEETING_ENDED_TYPE, { sessionId, sessionID: sessionId }, { incrementUnreadCount: false });
  }

  async #sendToGroup(guid: string, type: string, data: object, metadata: object): Promise<void> {
    const chat = this.#chat;
    const message = new chat.CustomMessage(guid, chat.RECEIVER_TYPE.GROUP, type, data);
    message.setCategory?.(chat.CATEGORY_CUSTOM);
    message.setMetadata(metadata);
    await chat.sendCustomMessage(message);
  }

  async checkMedia(callType: CallType): Promise<void> {
    const devices: Array<'camera' | 'microphone'> = callType === 'video' ? ['microphone', 'camera'] : ['microphone'];
    if (typeof document === 'undefined' || typeof navigator === 'undefined') return;
    const policy = (document as Document & { featurePolicy?: { allowsFeature(name: string): boolean } }).featurePolicy;
    for (const device of devices) {
      if (policy && !policy.allowsFeature(device)) {
        throw new CcError(
          'media-denied',
          `This page is in a frame that does not allow the ${device}. The embedding page must add allow="camera; microphone" to its <iframe>.`,
        );
      }
      const status = await navigator.permissions
        ?.query({ name: device as PermissionName })
        .catch(() => null);
      if (status?.state === 'denied') {
        throw new CcError(
          'media-denied',
          `The browser blocks the ${device} for this site. Allow it in the site settings, then try again.`,
        );
      }
    }
  }

  startSession(
    request: { sessionId: string; callType: CallType; kind: CallKind; container: HTMLElement },
    sink: SessionSink,
  ): Promise<void> {
    // Its error, if any, reached whoever ended that session; this start only waits for it.
    void this.endSession().catch(() => undefined);
    const attempt = this.#attempt;
    const started = this.#settled.then(() => this.#start(attempt, request, sink));
    this.#waitFor(started);
    return started;
  }

  async #start(
    attempt: number,
    request: { sessionId: string; callType: CallType; kind: CallKind; container: HTMLElement },
    sink: SessionSink,
  ): Promise<void> {
    // The store stops waiting after its sdkTimeout, or the user hangs up, and its endSession()
    // then finds nothing to end. So a start that was overtaken must not leave a session behind.
    const overtaken = () => attempt !== this.#attempt;
    const abandoned = () => new CcError('session-failed', 'The call session was ended while it was starting.');
    if (overtaken()) throw abandoned();
    const calls = await this.#options.loadCalls();
    const authToken = this.#options.user.getAuthToken?.() ?? (await this.#chat.getLoggedinUser())?.getAuthToken?.();
    const generated = await calls.generateToken(request.sessionId, authToken);
    const token = typeof generated === 'string' ? generated : generated?.token;
    if (!token) throw new CcError('session-failed', 'generateToken returned no token.');
    if (overtaken()) throw abandoned(); // before the camera opens
    const session = await runSession(
      calls,
      { ...request, token, localUid: this.user.id, customize: this.#options.callSettings },
      sink,
    );
    if (overtaken()) {
      await session.end();
      throw abandoned();
    }
    this.#session = session;
  }

  endSession(): Promise<void> {
    this.#attempt++;
    const session = this.#session;
    this.#session = null;
    if (!session) return Promise.resolve();
    const ended = session.end();
    this.#waitFor(ended);
    return ended;
  }

  /**
   * Makes the next start wait until `work` settles, however it settles, but no longer than the
   * store waits for it: an SDK call that never answers (a stalled generateToken or join) would
   * otherwise block every later session of the page.
   */
  #waitFor(work: Promise<unknown>): void {
    this.#settled = Promise.allSettled([this.#settled, this.#bounded(work)]).then(() => undefined);
  }

  /** Settles when `work` settles, however it settles, or after the store's sdkTimeout. */
  #bounded(work: Promise<unknown>): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const givenUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#options.sdkTimeoutMs);
    });
    return Promise.race([work, givenUp])
      .then(() => undefined, () => undefined)
      .finally(() => clearTimeout(timer));
  }

  async dispose(): Promise<void> {
    await this.endSession().catch(() => undefined);
    if (this.#options.ownsLogin) await this.#chat.logout?.();
  }
}
