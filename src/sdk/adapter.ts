/**
 * The production backend: carries out the store's effects on CometChat's
 * chat and calls SDKs, and turns their listener callbacks into machine
 * events. The same code runs on the real SDKs and on the emulator.
 *
 * It decides when, and in what order, the SDKs are called, and how long we
 * wait: every call is bounded by `sdkTimeout`; chat calls wait for an earlier
 * `endCall` (the SDK clears its one active call when that answers); session
 * starts and ends run one at a time, and each session is ended through the
 * handle of the start that made it, never by whoever happens to run.
 */
import { CcError } from '../core/errors.js';
import { callTypeOf, cleanId } from '../core/clean.js';
import {
  MEETING_ENDED_TYPE,
  MEETING_TYPE,
  meetingEndFromMessage,
  meetingFromMessage,
  partyFromGroup,
  partyFromUser,
} from '../core/messages.js';
import type { AudioOutputDevice, CallBackend, InCallCommand, SessionSink, SessionStart } from '../store/ports.js';
import type { CallType, Party } from '../core/types.js';
import type { MachineEvent } from '../store/types.js';
import { watchConnection } from './connection.js';
import type { CallSettingsContext, RunningSession } from './session.js';
import { readMeetingHistory } from './history.js';
import { callsSdkRefusal } from './load.js';
import { bounded, settledWithin, SdkTimeout } from '../core/timing.js';
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
  /** Upper bound for each SDK call, in ms. */
  sdkTimeoutMs: number;
  /** How long a started session may take to report that we joined it, in ms. */
  joinTimeoutMs: number;
}

/**
 * How long clearing the active call and ending the session wait for an endCall in flight. endCall
 * is a network round trip; the camera must not stay on for a whole sdkTimeout when it is slow.
 */
const END_CALL_GRACE_MS = 1500;

/**
 * A session start that timed out may still complete. The next start waits for it to settle (and
 * end itself), up to this many sdkTimeouts after it began: the calls SDK holds one session, so the
 * two must never overlap, and a start that never answers must not block calling for good.
 */
const LATE_START_LIMIT = 3;

/**
 * How long a 1:1 call whose session ended by itself (the other side left) waits for the other
 * side's `ended` before ending the call on the cloud from here. The other side's own hang-up sends
 * `ended` before its session drops (it waits up to END_CALL_GRACE_MS for that), so 3 s covers that
 * wait and the push's trip; a page that died sends nothing, and 3 s later the call log says ended.
 */
const CLOSE_GRACE_MS = 3000;

/**
 * How often a page where a rung group call rings asks the cloud how the call stands: another
 * member's answer never reaches this page's listener (chat SDK 4.2.0). One small request every 4 s,
 * only while it rings here, and never past the ring's own expiry.
 */
const WATCH_INTERVAL_MS = 4000;

/** How many of the group's newest call messages each look reads. */
const WATCH_LIMIT = 10;

/** How many placed calls and heard `ended`s are remembered. */
const MAX_REMEMBERED = 20;

let listenerSequence = 0;

function uniqueId(kind: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `cc-call-elements:${kind}:${random}:${++listenerSequence}`;
}

export class CometChatBackend implements CallBackend {
  readonly user: Party;
  #options: BackendOptions;
  /** Settles once every endCall so far has (each bounded): the chat SDK's active call is then settled. */
  #endings: Promise<void> = Promise.resolve();
  /** Settles once every rejectCall so far has: a refused cancel still needs the active call to end it. */
  #rejections: Promise<void> = Promise.resolve();
  /** Settles once every clearActiveCall so far has: a late one must not clear the next call's active call. */
  #clearings: Promise<void> = Promise.resolve();
  /** Session starts and ends, one at a time. */
  #sessions: Promise<void> = Promise.resolve();
  /** The call whose session should be running now; a start for any other call undoes itself. */
  #wanted: number | null = null;
  #running: { callId: number; session: RunningSession } | null = null;
  /** Ends a running session that never reports that we joined it. */
  #joinTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts starts: a late start may end only its own session, never one a newer start opened. */
  #starts = 0;
  /** Settles once every closeCall so far has: until then the SDK still holds the call being closed. */
  #closings: Promise<void> = Promise.resolve();
  /** Session ids whose `ended` this page heard, newest last (bounded), and who waits to hear one. */
  #heardEnded: string[] = [];
  #endWaiters = new Map<string, () => void>();
  /** Rung group calls this page placed, by session id (bounded): the SDK may forget them before they end. */
  #placed = new Map<string, ChatCall>();
  /** Rung group calls ringing here whose status is being watched: each one's stop. */
  #watches = new Map<string, () => void>();

  constructor(options: BackendOptions) {
    this.#options = options;
    this.user = partyFromUser(options.user);
  }

  get #chat(): ChatNamespace {
    return this.#options.chat;
  }

  #bounded<T>(work: Promise<T> | T, what: string): Promise<T> {
    return bounded(work, this.#options.sdkTimeoutMs, what);
  }

  listen(sink: (event: MachineEvent) => void): () => void {
    this.#sink = sink;
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
          // Another tab may have logged this origin in as someone else: their calls are not ours to answer.
          if (!toGroup && cleanId(call.getReceiverId()) !== this.user.id) return;
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
          if (!sessionId) return;
          this.#unwatch(sessionId);
          sink({ type: 'incoming-cancelled', sessionId, status: statusOf(call) });
        }),
        onCallEndedMessageReceived: guard((call: ChatCall) => {
          const sessionId = sessionOf(call);
          if (!sessionId) return;
          this.#heard(sessionId);
          sink({ type: 'call-ended-message', sessionId });
        }),
      }),
    );
    // A meeting announced while the history is read can arrive both live and in the history, in
    // either order: by message id, the page hears of each announcement once.
    const delivered = new Set<string>();
    let readingHistory = true;
    const firstSight = (message: unknown): boolean => {
      const id = messageId(message);
      if (id === null) return true;
      if (delivered.has(id)) return false;
      if (readingHistory) delivered.add(id);
      return true;
    };
    chat.addMessageListener(
      messageListenerId,
      new chat.MessageListener({
        onCustomMessageReceived: guard((message: ChatCustomMessage) => {
          if (message?.getCategory?.() !== chat.CATEGORY_CUSTOM) return;
          const meeting = meetingFromMessage(message);
          if (meeting && firstSight(message)) sink({ type: 'meeting-message', meeting, raw: message });
          const end = meetingEndFromMessage(message);
          // A live message without a timestamp ended the meeting just now.
          if (end) sink({ type: 'meeting-ended-message', sessionId: end.sessionId, sentAt: end.sentAt || Math.floor(Date.now() / 1000) });
        }),
      }),
    );
    const unwatch = watchConnection(chat, this.user.id, (connected) =>
      sink({ type: connected ? 'connection-restored' : 'connection-lost' }),
    );
    // Listening first, then the history: a meeting that ends meanwhile is heard either way. What the
    // history says after unlisten (a reset, another configure) belongs to a configuration that is gone.
    let listening = true;
    void readMeetingHistory(chat, this.#options.sdkTimeoutMs, Math.floor(Date.now() / 1000)).then((history) => {
      readingHistory = false;
      const meetings = history.meetings.filter(({ raw }) => {
        const id = messageId(raw);
        if (id === null) return true;
        if (delivered.has(id)) return false;
        delivered.add(id); // its live copy may still be on its way
        return true;
      });
      if (listening && (meetings.length || history.ends.length)) sink({ type: 'meeting-history', meetings, ends: history.ends });
    });
    return () => {
      listening = false;
      this.#sink = null;
      unwatch();
      chat.removeCallListener(callListenerId);
      chat.removeMessageListener(messageListenerId);
    };
  }

  async initiate(receiverId: string, receiverType: 'user' | 'group', callType: CallType): Promise<string> {
    await checkMedia(callType);
    const chat = this.#chat;
    const type = callType === 'audio' ? chat.CALL_TYPE.AUDIO : chat.CALL_TYPE.VIDEO;
    const rt = receiverType === 'group' ? chat.RECEIVER_TYPE.GROUP : chat.RECEIVER_TYPE.USER;
    await this.#activeCallSettled();
    // Bounded with the session id read, so a late call still hands its id back, to be cancelled.
    const placed = chat.initiateCall(new chat.Call(receiverId, type, rt), this.#options.ringTimeout).then((call: ChatCall) => {
      const sessionId = cleanId(call?.getSessionId?.());
      if (!sessionId) throw new CcError('initiate-failed', 'initiateCall returned a call without a session id.');
      if (receiverType === 'group') remember(this.#placed, sessionId, call);
      return sessionId;
    });
    return this.#bounded(placed, 'initiateCall');
  }

  async accept(sessionId: string, callType: CallType): Promise<void> {
    await checkMedia(callType);
    this.#unwatch(sessionId);
    await this.#activeCallSettled();
    await this.#bounded(this.#chat.acceptCall(sessionId), 'acceptCall');
  }

  /**
   * The chat SDK holds one active call: an endCall, clearActiveCall or closeCall still on its way (a late
   * cancel holds the clearing back) would otherwise end or clear the call about to be placed.
   */
  #activeCallSettled(): Promise<void> {
    return settledWithin(Promise.all([this.#endings, this.#clearings, this.#closings]), this.#options.sdkTimeoutMs);
  }

  async reject(sessionId: string, status: 'rejected' | 'cancelled' | 'busy'): Promise<void> {
    this.#unwatch(sessionId);
    const { CALL_STATUS } = this.#chat;
    const sdkStatus = { rejected: CALL_STATUS.REJECTED, cancelled: CALL_STATUS.CANCELLED, busy: CALL_STATUS.BUSY }[status];
    const rejecting = this.#bounded(this.#chat.rejectCall(sessionId, sdkStatus), 'rejectCall').catch(async (error: unknown) => {
      // The server refuses a cancel when the callee accepted at that moment. Their accept may reach
      // this page only later, when clearActiveCall has run, and the SDK's endCall ends nothing
      // without its active call. So end it now, while the SDK still holds it.
      if (status === 'cancelled') await this.endCall(sessionId).catch(() => undefined);
      throw error;
    });
    this.#rejections = Promise.all([this.#rejections, settledWithin(rejecting, this.#options.sdkTimeoutMs)]).then(() => undefined);
    await rejecting;
  }

  endCall(sessionId: string): Promise<void> {
    const ending = this.#bounded(
      this.#restoreActiveCall(sessionId).then(() => this.#chat.endCall(sessionId)),
      'endCall',
    ).then(() => undefined);
    this.#endings = Promise.all([this.#endings, settledWithin(ending, this.#options.sdkTimeoutMs)]).then(() => undefined);
    return ending;
  }

  /**
   * The chat SDK (4.2.0) stops the caller's ring timer when a 1:1 call is answered, not a rung group
   * call: ringTimeout after placing it, the timer sends `unanswered` (refused: the call is ongoing)
   * and the SDK forgets its active call, so its endCall would send nothing. A call that has a sender,
   * given back to initiateCall, is only registered again, locally (no request): then `ended` goes out.
   */
  async #restoreActiveCall(sessionId: string): Promise<void> {
    const chat = this.#chat;
    const placed = this.#placed.get(sessionId);
    this.#placed.delete(sessionId);
    if (!placed || typeof chat.getActiveCall !== 'function' || chat.getActiveCall()) return;
    if (!placed.getSender?.()) return; // without a sender, initiateCall would place a new call
    await chat.initiateCall(placed, this.#options.ringTimeout).catch(() => undefined);
  }

  async closeCall(sessionId: string): Promise<void> {
    const closing = (async () => {
      await this.#endHeardWithin(sessionId, CLOSE_GRACE_MS);
      if (!this.#heardEnded.includes(sessionId)) await this.endCall(sessionId);
    })();
    this.#closings = Promise.all([this.#closings, settledWithin(closing, this.#options.sdkTimeoutMs + CLOSE_GRACE_MS)]).then(
      () => undefined,
    );
    try {
      await closing;
    } finally {
      await this.clearActiveCall(sessionId);
    }
  }

  #heard(sessionId: string): void {
    this.#heardEnded = [...this.#heardEnded.filter((id) => id !== sessionId), sessionId].slice(-MAX_REMEMBERED);
    this.#endWaiters.get(sessionId)?.();
  }

  /** Resolves once this page heard `ended` for `sessionId`, or after `ms`. */
  #endHeardWithin(sessionId: string, ms: number): Promise<void> {
    if (this.#heardEnded.includes(sessionId)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#endWaiters.delete(sessionId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#endWaiters.set(sessionId, done);
    });
  }

  watchRinging(sessionId: string, guid: string, forMs: number, sink: (event: MachineEvent) => void): void {
    const chat = this.#chat;
    const Builder = chat.MessagesRequestBuilder;
    if (typeof Builder !== 'function' || this.#watches.has(sessionId)) return;
    const until = Date.now() + forMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watching = () => this.#watches.has(sessionId);
    const look = async () => {
      // Every WATCH_INTERVAL_MS from the start of one look to the next: a slow answer must not stretch the ring.
      const lookedAt = Date.now();
      try {
        const request = new Builder()
          .setGUID(guid)
          .setCategories([chat.CATEGORY_CALL ?? 'call'])
          .setLimit(WATCH_LIMIT)
          .build();
        const status = newestStatus(await this.#bounded(request.fetchPrevious(), 'fetchPrevious'), sessionId);
        if (watching() && status && status !== chat.CALL_STATUS.INITIATED) {
          this.#unwatch(sessionId);
          sink({ type: 'call-status', sessionId, status });
          return;
        }
      } catch {
        // A look that failed is retried at the next tick, within the same bound.
      }
      if (!watching()) return;
      if (Date.now() + WATCH_INTERVAL_MS > until) this.#unwatch(sessionId);
      else timer = setTimeout(() => void look(), Math.max(0, lookedAt + WATCH_INTERVAL_MS - Date.now()));
    };
    this.#watches.set(sessionId, () => clearTimeout(timer));
    timer = setTimeout(() => void look(), WATCH_INTERVAL_MS);
  }

  #unwatch(sessionId: string): void {
    this.#watches.get(sessionId)?.();
    this.#watches.delete(sessionId);
  }

  clearActiveCall(sessionId?: string): Promise<void> {
    // After a reject in flight (whose refusal may still need the active call) and, briefly, an endCall.
    const clearing = Promise.all([settledWithin(this.#endings, END_CALL_GRACE_MS), this.#rejections]).then(() => {
      // A late answer's undoing must not clear the newer call accepted meanwhile: its own endCall would then tell nobody.
      if (sessionId && this.#holdsOtherCall(sessionId)) return;
      this.#chat.clearActiveCall();
    });
    this.#clearings = Promise.all([this.#clearings, settledWithin(clearing, this.#options.sdkTimeoutMs)]).then(() => undefined);
    return clearing;
  }

  /** Whether the chat SDK's one active call is a call other than `sessionId`. */
  #holdsOtherCall(sessionId: string): boolean {
    const active = cleanId(this.#chat.getActiveCall?.()?.getSessionId?.());
    return !!active && active !== sessionId;
  }

  async announceMeeting(guid: string, callType: CallType): Promise<void> {
    await checkMedia(callType);
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
    await this.#bounded(chat.sendCustomMessage(message), 'sendCustomMessage');
  }

  #prepared = false;
  /** Where the call and message listeners send what they hear; the calls SDK's refusal goes there too. */
  #sink: ((event: MachineEvent) => void) | null = null;

  /** The calls SDK, and the code that runs a session. A page whose CSP refuses the SDK cannot call at all: the store hears it once. */
  #loadSessionParts() {
    return Promise.all([this.#options.loadCalls(), loadSessionCode()]).catch((error: unknown) => {
      const refusal = callsSdkRefusal();
      if (refusal) this.#sink?.({ type: 'calling-blocked', error: refusal });
      throw error;
    });
  }

  prepareSession(): void {
    if (this.#prepared) return;
    this.#prepared = true;
    // Evaluating the calls SDK is one long task (about 1.2 s here): run it while the page is idle, so
    // it lands during the ringing, not on the Accept press.
    const load = () => this.#loadSessionParts().catch(() => (this.#prepared = false));
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => void load(), { timeout: 500 });
    else setTimeout(load, 0);
  }

  async startSession(request: SessionStart, sink: SessionSink): Promise<void> {
    this.#wanted = request.callId;
    await checkMedia(request.callType);
    const turn = this.#sessions;
    const start = turn.then(() => this.#start(request, sink));
    // Even after this start times out, the next one waits for it to settle and end itself.
    this.#sessions = settledWithin(start, this.#options.sdkTimeoutMs * LATE_START_LIMIT);
    try {
      // Waiting for an earlier start or end to settle is not this start's time.
      await turn;
      await this.#bounded(start, 'starting the call session');
    } catch (error) {
      // A start that never answers may have opened the camera already. If nothing newer has started
      // since, the SDK's one session can only be this one: end it through the SDK itself.
      if (error instanceof SdkTimeout && this.#wanted === request.callId) {
        this.#wanted = null;
        void this.#loadSessionParts().then(
          ([calls, { endAnySession }]) => endAnySession(calls),
          () => undefined,
        );
      }
      throw error;
    }
  }

  async #start(request: SessionStart, sink: SessionSink): Promise<void> {
    const { callId } = request;
    const unwanted = () => this.#wanted !== callId;
    const abandoned = () => new CcError('session-failed', 'The call session was ended while it was starting.');
    if (unwanted()) throw abandoned();
    // The calls SDK holds one session: whatever ran before ends first.
    await this.#endRunning();
    const [calls, { runSession }] = await this.#loadSessionParts();
    const authToken = this.#options.user.getAuthToken?.() ?? (await this.#chat.getLoggedinUser())?.getAuthToken?.();
    const generated = await calls.generateToken(request.sessionId, authToken);
    const token = typeof generated === 'string' ? generated : generated?.token;
    if (!token) throw new CcError('session-failed', 'generateToken returned no token.');
    if (unwanted()) throw abandoned(); // before the camera opens
    const startNumber = ++this.#starts;
    const container = await request.container();
    let hasJoined = false;
    const joined = () => hasJoined;
    const watched: SessionSink = (signal) => {
      if (signal.type === 'session-joined') hasJoined = true;
      sink(signal);
    };
    const session = await runSession(
      calls,
      { ...request, container, token, localUid: this.user.id, customize: this.#options.callSettings },
      watched,
    );
    if (unwanted()) {
      // Given up on while it started. Only end it if no newer start opened the SDK's one session since.
      if (startNumber === this.#starts) await session.end();
      throw abandoned();
    }
    this.#running = { callId, session };
    if (!joined()) this.#awaitJoin(callId, joined, sink);
  }

  /** A session that never reports that we joined (the conference never came up) fails after `joinTimeout`, rather than "connecting" for ever with the camera on. */
  #awaitJoin(callId: number, joined: () => boolean, sink: SessionSink): void {
    const ms = this.#options.joinTimeoutMs;
    clearTimeout(this.#joinTimer);
    this.#joinTimer = setTimeout(() => {
      if (this.#running?.callId !== callId || joined()) return;
      sink({
        type: 'session-error',
        error: { code: 'join-timeout', message: `The call could not connect: the session did not let you in within ${ms / 1000} s.` },
      });
    }, ms);
  }

  async #endRunning(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    clearTimeout(this.#joinTimer);
    await running?.session.end();
  }

  async inCall(command: InCallCommand): Promise<AudioOutputDevice[] | void> {
    const running = this.#running;
    if (!running) throw new CcError('no-session', 'No call session is running.');
    return this.#bounded(running.session.control(command), command.type);
  }

  async endSession(callId: number): Promise<void> {
    if (this.#wanted === callId) this.#wanted = null;
    // A hang-up's endCall goes first, briefly, so the other side hears "ended" before the session drops.
    await settledWithin(this.#endings, END_CALL_GRACE_MS);
    // A start still on its way ends itself once it sees it is no longer wanted: only a running session needs ending here.
    if (this.#running?.callId !== callId) return;
    const end = this.#sessions.then(() => (this.#running?.callId === callId ? this.#endRunning() : undefined));
    this.#sessions = settledWithin(end, this.#options.sdkTimeoutMs);
    await this.#bounded(end, 'ending the call session');
  }

  async dispose({ keepLogin = false }: { keepLogin?: boolean } = {}): Promise<void> {
    this.#wanted = null;
    clearTimeout(this.#joinTimer);
    for (const sessionId of [...this.#watches.keys()]) this.#unwatch(sessionId);
    for (const done of [...this.#endWaiters.values()]) done();
    const end = this.#sessions.then(() => this.#endRunning());
    await settledWithin(end, this.#options.sdkTimeoutMs);
    if (this.#options.ownsLogin && !keepLogin) await this.#bounded(this.#chat.logout?.(), 'logout').catch(() => undefined);
  }
}

/** A message's id as a string, or null when it has none (`getId()` is a number on the real SDK). */
function messageId(message: unknown): string | null {
  try {
    const id = (message as ChatCustomMessage).getId?.();
    return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : null;
  } catch {
    return null;
  }
}

/** Remembers `value` under `key`, newest last, dropping the oldest beyond MAX_REMEMBERED. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!);
}

/** The status of the newest call message about `sessionId` in a history page (oldest first), if any. */
function newestStatus(messages: unknown, sessionId: string): string | null {
  if (!Array.isArray(messages)) return null;
  let status: string | null = null;
  for (const message of messages as Array<Partial<ChatCall> | null>) {
    if (typeof message?.getSessionId !== 'function' || cleanId(message.getSessionId()) !== sessionId) continue;
    const value = message.getStatus?.();
    if (typeof value === 'string' && value) status = value;
  }
  return status;
}

/** The code that drives a session loads with the first call, beside the calls SDK: a page that never calls never needs it. */
function loadSessionCode(): Promise<typeof import('./session.js')> {
  return import('./session.js');
}

/** Rejects with a `media-denied` CcError when the browser has already refused the camera or microphone. */
async function checkMedia(callType: CallType): Promise<void> {
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
    const status = await navigator.permissions?.query({ name: device as PermissionName }).catch(() => null);
    if (status?.state === 'denied') {
      throw new CcError('media-denied', `The browser blocks the ${device} for this site. Allow it in the site settings, then try again.`);
    }
  }
}
