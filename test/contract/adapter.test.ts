/**
 * Contract tests of the PRODUCTION adapter (CometChatBackend, unchanged) over
 * CometChat's REAL SDK namespaces: chat 4.2.0 and calls 4.2.6, served as ES
 * modules by scripts/sdk-esm-plugin.mjs (the same URLs sdk-shape.test.ts uses).
 *
 * The CometChat cloud cannot be reached from here, so only the statics that
 * would talk to it are replaced (initiateCall, acceptCall, rejectCall, endCall,
 * sendCustomMessage, getLoggedinUser, generateToken, startSession, endSession);
 * everything else — the Call, CustomMessage, User, Group, CallListener,
 * MessageListener, CallSettingsBuilder and OngoingCallListener classes, and
 * add/removeCallListener / add/removeMessageListener — is the real SDK code.
 * The adapter's objects are checked against the real classes, and real SDK
 * objects are fed into the listeners the adapter registered, exactly where
 * the SDK's own dispatcher would call them.
 *
 * Every replaced static is restored after each test (and checked to be).
 */
import { expect } from '@open-wc/testing';
import { configure, resetCalls } from '../../src/configure/configure.js';
import { CcError } from '../../src/core/errors.js';
import { CometChatBackend, type BackendOptions } from '../../src/sdk/adapter.js';
import type { CallsNamespace, ChatNamespace, ChatUser } from '../../src/sdk/types.js';
import type { SessionSignal } from '../../src/store/ports.js';
import { getStore } from '../../src/store/store.js';
import type { MachineEvent, Party } from '../../src/store/types.js';
import { bareStage, recordDocumentEvents, waitFor } from '../helpers.js';

type RealChat = typeof import('@cometchat/chat-sdk-javascript').CometChat;
type RealCalls = typeof import('@cometchat/calls-sdk-javascript').CometChatCalls;
type RealCall = InstanceType<RealChat['Call']>;
type RealCustomMessage = InstanceType<RealChat['CustomMessage']>;
type RealUser = InstanceType<RealChat['User']>;

// Held in variables so TypeScript does not try to resolve these test-server-only URLs.
const CHAT_URL = '/__sdk/chat.js';
const CALLS_URL = '/__sdk/calls.js';

let CometChat: RealChat;
let CometChatCalls: RealCalls;
/** The same namespaces seen through our structural types, as the adapter sees them. */
let chat: ChatNamespace;
let calls: CallsNamespace;

// ── spies on the real statics ────────────────────────────────────────────────

type AnyFn = (...args: any[]) => any;
const restorers: Array<() => void> = [];

/**
 * Replaces `target[key]` with a recording wrapper around `impl` (or around the
 * original, to call through). Returns the recorded argument lists. Restored in afterEach.
 */
/**
 * A stubbed startSession that, like the real 4.2.6 once the conference has us, reports the first
 * user list (just us) through the settings' real OngoingCallListener: that is the join signal.
 */
function joinLikeTheSdk(_token: unknown, settings: { getCallListener(): { onUserListUpdated(list: unknown[]): void } }): undefined {
  setTimeout(() => settings.getCallListener().onUserListUpdated([{ uid: 'alice', isLocalUser: true }]));
  return undefined;
}

function spy<T extends object>(target: T, key: keyof T & string, impl?: AnyFn): unknown[][] {
  const own = Object.getOwnPropertyDescriptor(target, key);
  const original = (target as Record<string, unknown>)[key] as AnyFn;
  expect(original, `${key} exists on the real SDK`).to.be.a('function');
  const recorded: unknown[][] = [];
  function fake(this: unknown, ...args: unknown[]) {
    recorded.push(args);
    return (impl ?? original).apply(this, args);
  }
  Object.defineProperty(target, key, { value: fake, writable: true, configurable: true, enumerable: own?.enumerable ?? true });
  restorers.push(() => {
    if (own) Object.defineProperty(target, key, own);
    else delete (target as Record<string, unknown>)[key];
  });
  return recorded;
}

/** The statics any test here may replace, with their real values, to prove they come back. */
const CHAT_STATICS = [
  'initiateCall',
  'acceptCall',
  'rejectCall',
  'endCall',
  'clearActiveCall',
  'sendCustomMessage',
  'getLoggedinUser',
  'logout',
  'addCallListener',
  'removeCallListener',
  'addMessageListener',
  'removeMessageListener',
] as const;
const CALLS_STATICS = ['generateToken', 'startSession', 'endSession'] as const;
const originals = new Map<string, unknown>();

/** The network statics, stubbed so that nothing can try to reach CometChat's servers unnoticed. */
interface NetworkStubs {
  initiateCall: unknown[][];
  acceptCall: unknown[][];
  rejectCall: unknown[][];
  endCall: unknown[][];
  clearActiveCall: unknown[][];
  sendCustomMessage: unknown[][];
  logout: unknown[][];
}

function stubChatNetwork(sessionId = 'sess-1'): NetworkStubs {
  return {
    initiateCall: spy(CometChat, 'initiateCall', (call: RealCall) => {
      // What the SDK resolves with: the call, now carrying the session id the server made.
      const made = new CometChat.Call(call.getReceiverId(), call.getType(), call.getReceiverType());
      made.setSessionId(sessionId);
      made.setStatus(CometChat.CALL_STATUS.INITIATED);
      return Promise.resolve(made);
    }),
    acceptCall: spy(CometChat, 'acceptCall', (sid: string) => Promise.resolve(incomingCall({ sessionId: sid }))),
    rejectCall: spy(CometChat, 'rejectCall', (sid: string, status: string) => Promise.resolve(incomingCall({ sessionId: sid, status }))),
    endCall: spy(CometChat, 'endCall', () => Promise.resolve(null)),
    clearActiveCall: spy(CometChat, 'clearActiveCall', () => undefined),
    sendCustomMessage: spy(CometChat, 'sendCustomMessage', (message: RealCustomMessage) => Promise.resolve(message)),
    logout: spy(CometChat, 'logout', () => Promise.resolve({})),
  };
}

// ── real SDK objects ─────────────────────────────────────────────────────────

function user(uid: string, name: string, authToken?: string): RealUser {
  const u = new CometChat.User(uid);
  u.setName(name);
  if (authToken) u.setAuthToken(authToken);
  return u;
}

/** A call as the SDK hands it to a callee's listener: built with the real class, fields set by its setters. */
function incomingCall(
  options: { sessionId?: string; from?: string; type?: string; status?: string; group?: { guid: string; name: string } } = {},
): RealCall {
  const caller = user(options.from ?? 'bob', options.from === 'carol' ? 'Carol' : 'Bob Brown');
  const type = options.type ?? CometChat.CALL_TYPE.VIDEO;
  const call = options.group
    ? new CometChat.Call(options.group.guid, type, CometChat.RECEIVER_TYPE.GROUP)
    : new CometChat.Call('alice', type, CometChat.RECEIVER_TYPE.USER);
  if (options.sessionId !== undefined) call.setSessionId(options.sessionId);
  call.setStatus(options.status ?? CometChat.CALL_STATUS.INITIATED);
  call.setSender(caller);
  call.setCallInitiator(caller);
  call.setCallReceiver(options.group ? new CometChat.Group(options.group.guid, options.group.name) : user('alice', 'Alice'));
  return call;
}

/** A custom message as another member's client delivers it to onCustomMessageReceived. */
function receivedMessage(
  type: string,
  customData: unknown,
  options: { guid?: string; from?: RealUser; sentAt?: number; metadata?: object } = {},
): RealCustomMessage {
  const guid = options.guid ?? 'team';
  const message = new CometChat.CustomMessage(guid, CometChat.RECEIVER_TYPE.GROUP, type, customData as object);
  message.setSender(options.from ?? user('bob', 'Bob Brown'));
  message.setReceiver(new CometChat.Group(guid, 'Team'));
  message.setSentAt(options.sentAt ?? 1_700_000_000);
  if (options.metadata) message.setMetadata(options.metadata);
  return message;
}

// ── the adapter under test ───────────────────────────────────────────────────

let alice: RealUser;

function backend(overrides: Partial<BackendOptions> = {}): CometChatBackend {
  return new CometChatBackend({
    chat,
    user: alice as unknown as ChatUser,
    loadCalls: async () => calls,
    ringTimeout: 30,
    ownsLogin: false,
    sdkTimeoutMs: 20000,
    joinTimeoutMs: 30000,
    ...overrides,
  });
}

interface Listening {
  events: MachineEvent[];
  callListener: Record<string, (...args: unknown[]) => void>;
  messageListener: Record<string, (...args: unknown[]) => void>;
  stop: () => void;
}

/** listen() on a fresh backend, with the real add*Listener called through and recorded. */
function listening(): Listening {
  const addCall = spy(CometChat, 'addCallListener');
  const addMessage = spy(CometChat, 'addMessageListener');
  const events: MachineEvent[] = [];
  const stop = backend().listen((event) => events.push(event));
  expect(addCall).to.have.length(1);
  expect(addMessage).to.have.length(1);
  return {
    events,
    callListener: addCall[0]![1] as Listening['callListener'],
    messageListener: addMessage[0]![1] as Listening['messageListener'],
    stop,
  };
}

function bob(): Party {
  return { kind: 'user', id: 'bob', name: 'Bob Brown', avatar: null };
}

before(async function () {
  // The first request for each SDK bundles it (the calls SDK is 2.6 MB): slow on a busy machine.
  this.timeout(60_000);
  ({ CometChat } = (await import(CHAT_URL)) as { CometChat: RealChat });
  ({ CometChatCalls } = (await import(CALLS_URL)) as { CometChatCalls: RealCalls });
  chat = CometChat as unknown as ChatNamespace;
  calls = CometChatCalls as unknown as CallsNamespace;
  for (const key of CHAT_STATICS) originals.set(`chat.${key}`, CometChat[key]);
  for (const key of CALLS_STATICS) originals.set(`calls.${key}`, CometChatCalls[key]);
  alice = user('alice', 'Alice', 'auth-token-alice');
});

afterEach(() => {
  for (const restore of restorers.splice(0).reverse()) restore();
  for (const key of CHAT_STATICS) {
    if (CometChat[key] !== originals.get(`chat.${key}`)) throw new Error(`CometChat.${key} was not restored`);
  }
  for (const key of CALLS_STATICS) {
    if (CometChatCalls[key] !== originals.get(`calls.${key}`)) throw new Error(`CometChatCalls.${key} was not restored`);
  }
});

// ─────────────────────────────────────────────────────────────────────────────

describe('contract: the adapter starts calls with real CometChat.Call objects', () => {
  it('initiate(uid, "user", "video") passes initiateCall a real Call to that user, and the ring timeout', async () => {
    const net = stubChatNetwork('sess-video');
    const sessionId = await backend({ ringTimeout: 30 }).initiate('bob', 'user', 'video');

    expect(sessionId).to.equal('sess-video');
    expect(net.initiateCall).to.have.length(1);
    const [call, timeout, ...rest] = net.initiateCall[0]! as [RealCall, number];
    expect(call).to.be.instanceOf(CometChat.Call);
    expect(call.getReceiverId()).to.equal('bob');
    expect(call.getReceiverType()).to.equal(CometChat.RECEIVER_TYPE.USER);
    expect(call.getType()).to.equal(CometChat.CALL_TYPE.VIDEO);
    expect(timeout).to.equal(30);
    expect(rest).to.deep.equal([]);
    // The real initiateCall refuses a call that already names a sender; the adapter sets none.
    expect(JSON.parse(JSON.stringify(call)).sender).to.equal(undefined);
  });

  it('initiate(uid, "user", "audio") asks for CALL_TYPE.AUDIO', async () => {
    const net = stubChatNetwork();
    await backend({ ringTimeout: 12 }).initiate('bob', 'user', 'audio');
    const [call, timeout] = net.initiateCall[0]! as [RealCall, number];
    expect(call).to.be.instanceOf(CometChat.Call);
    expect(call.getType()).to.equal(CometChat.CALL_TYPE.AUDIO);
    expect(call.getReceiverType()).to.equal(CometChat.RECEIVER_TYPE.USER);
    expect(timeout).to.equal(12);
  });

  it('initiate(guid, "group", type) rings the group: RECEIVER_TYPE.GROUP', async () => {
    const net = stubChatNetwork('sess-group');
    const sessionId = await backend().initiate('team', 'group', 'video');
    expect(sessionId).to.equal('sess-group');
    const [call] = net.initiateCall[0]! as [RealCall];
    expect(call).to.be.instanceOf(CometChat.Call);
    expect(call.getReceiverId()).to.equal('team');
    expect(call.getReceiverType()).to.equal(CometChat.RECEIVER_TYPE.GROUP);
    expect(call.getType()).to.equal(CometChat.CALL_TYPE.VIDEO);
  });

  it('rejects with initiate-failed when initiateCall resolves a real Call that has no session id', async () => {
    spy(CometChat, 'initiateCall', (call: RealCall) =>
      Promise.resolve(new CometChat.Call(call.getReceiverId(), call.getType(), call.getReceiverType())),
    );
    const error = await backend()
      .initiate('bob', 'user', 'video')
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(CcError);
    expect((error as CcError).code).to.equal('initiate-failed');
  });

  it('passes the SDK rejection through unchanged, so the store can report its code and message', async () => {
    const sdkError = new CometChat.CometChatException({ code: 'ERR_UID_NOT_FOUND', message: 'No user bob.' });
    spy(CometChat, 'initiateCall', () => Promise.reject(sdkError));
    const error = await backend()
      .initiate('bob', 'user', 'video')
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).to.equal(sdkError);
  });
});

describe('contract: the adapter answers and ends calls with the real statics and CALL_STATUS values', () => {
  it('accept(sessionId) calls acceptCall(sessionId)', async () => {
    const net = stubChatNetwork();
    await backend().accept('sess-in', 'video');
    expect(net.acceptCall).to.deep.equal([['sess-in']]);
    expect(net.rejectCall).to.deep.equal([]);
  });

  it('reject(sessionId, status) calls rejectCall with CALL_STATUS.REJECTED, CANCELLED and BUSY', async () => {
    const net = stubChatNetwork();
    const b = backend();
    await b.reject('sess-a', 'rejected');
    await b.reject('sess-b', 'cancelled');
    await b.reject('sess-c', 'busy');
    expect(net.rejectCall).to.deep.equal([
      ['sess-a', CometChat.CALL_STATUS.REJECTED],
      ['sess-b', CometChat.CALL_STATUS.CANCELLED],
      ['sess-c', CometChat.CALL_STATUS.BUSY],
    ]);
    // The values the state machine and CometChat's servers agree on.
    expect(net.rejectCall.map(([, status]) => status)).to.deep.equal(['rejected', 'cancelled', 'busy']);
  });

  it('ends the call when the server refuses its cancel, so a callee who accepted at that moment is not left alone', async () => {
    const net = stubChatNetwork();
    const refused = { code: 'ERR_CALL_ONGOING', message: 'The call is already ongoing' };
    spy(CometChat, 'rejectCall', () => Promise.reject(refused));
    const b = backend();
    const cancel = await b.reject('sess-raced', 'cancelled').then(
      () => null,
      (e: unknown) => e,
    );
    expect(cancel, 'the refusal still reaches the store').to.equal(refused);
    expect(net.endCall).to.deep.equal([['sess-raced']]);

    const decline = await b.reject('sess-declined', 'rejected').then(
      () => null,
      (e: unknown) => e,
    );
    expect(decline).to.equal(refused);
    expect(net.endCall, 'a refused decline ends nothing: the callee never joined').to.have.length(1);
  });

  it('endCall(sessionId) calls endCall(sessionId), and clearActiveCall() calls clearActiveCall()', async () => {
    const net = stubChatNetwork();
    const b = backend();
    await b.endCall('sess-live');
    await b.clearActiveCall();
    expect(net.endCall).to.deep.equal([['sess-live']]);
    expect(net.clearActiveCall).to.deep.equal([[]]);
  });

  it("clearActiveCall(sessionId) leaves the SDK's active call alone when it is a newer call, and clears it when it is that one", async () => {
    const net = stubChatNetwork();
    const b = backend();
    // The real SDK's getActiveCall(), holding the call accepted after the stale one.
    spy(CometChat, 'getActiveCall', () => incomingCall({ sessionId: 'sess-new' }));
    await b.clearActiveCall('sess-stale');
    expect(net.clearActiveCall, "a stale call's undoing keeps the newer call").to.deep.equal([]);
    await b.clearActiveCall('sess-new');
    expect(net.clearActiveCall).to.deep.equal([[]]);
  });

  it('the real clearActiveCall runs offline without throwing', async () => {
    // clearActiveCall is the one teardown static left unstubbed here: it only forgets local state.
    const cleared = spy(CometChat, 'clearActiveCall');
    await backend().clearActiveCall();
    expect(cleared).to.have.length(1);
    expect(CometChat.getActiveCall()).to.equal(null);
  });
});

describe('contract: the adapter announces meetings with real CometChat.CustomMessage objects', () => {
  it('announceMeeting(guid, "video") sends a "meeting" CustomMessage to the group with both session id spellings', async () => {
    const net = stubChatNetwork();
    await backend().announceMeeting('team', 'video');

    expect(net.sendCustomMessage).to.have.length(1);
    const [message, ...rest] = net.sendCustomMessage[0]! as [RealCustomMessage];
    expect(rest).to.deep.equal([]);
    expect(message).to.be.instanceOf(CometChat.CustomMessage);
    expect(message.getReceiverId()).to.equal('team');
    expect(message.getReceiverType()).to.equal(CometChat.RECEIVER_TYPE.GROUP);
    expect(message.getType()).to.equal('meeting');
    // (The real CustomMessage already defaults to CATEGORY_CUSTOM; the adapter sets it for SDKs that do not.)
    expect(message.getCategory()).to.equal(CometChat.CATEGORY_CUSTOM);
    expect(message.getCustomData()).to.deep.equal({ callType: 'video', sessionId: 'team', sessionID: 'team' });
    expect(message.getMetadata()).to.deep.equal({
      incrementUnreadCount: true,
      pushNotification: 'meeting',
      callType: 'video',
      sessionId: 'team',
    });
    // Never the ringing path.
    expect(net.initiateCall).to.deep.equal([]);
  });

  it('announceMeeting(guid, "audio") carries callType "audio" in the data and the metadata', async () => {
    const net = stubChatNetwork();
    await backend().announceMeeting('design', 'audio');
    const [message] = net.sendCustomMessage[0]! as [RealCustomMessage];
    expect(message).to.be.instanceOf(CometChat.CustomMessage);
    expect(message.getReceiverId()).to.equal('design');
    expect(message.getCustomData()).to.deep.equal({ callType: 'audio', sessionId: 'design', sessionID: 'design' });
    expect(message.getMetadata()).to.deep.equal({
      incrementUnreadCount: true,
      pushNotification: 'meeting',
      callType: 'audio',
      sessionId: 'design',
    });
  });

  it('announceMeetingEnded(guid, sessionId) sends a "meeting_ended" CustomMessage for that session', async () => {
    const net = stubChatNetwork();
    await backend().announceMeetingEnded('team', 'team');
    expect(net.sendCustomMessage).to.have.length(1);
    const [message] = net.sendCustomMessage[0]! as [RealCustomMessage];
    expect(message).to.be.instanceOf(CometChat.CustomMessage);
    expect(message.getReceiverId()).to.equal('team');
    expect(message.getReceiverType()).to.equal(CometChat.RECEIVER_TYPE.GROUP);
    expect(message.getType()).to.equal('meeting_ended');
    expect(message.getCategory()).to.equal(CometChat.CATEGORY_CUSTOM);
    expect(message.getCustomData()).to.deep.equal({ sessionId: 'team', sessionID: 'team' });
    expect(message.getMetadata()).to.deep.equal({ incrementUnreadCount: false });
  });

  it('a failed sendCustomMessage rejects announceMeeting, so the store can report it', async () => {
    const sdkError = new CometChat.CometChatException({ code: 'ERR_NOT_A_MEMBER', message: 'Not a member.' });
    spy(CometChat, 'sendCustomMessage', () => Promise.reject(sdkError));
    const error = await backend()
      .announceMeeting('team', 'video')
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).to.equal(sdkError);
  });

  it('what announceMeeting sends, received by another member, reads back as that meeting', async () => {
    const net = stubChatNetwork();
    await backend().announceMeeting('team', 'audio');
    const [sent] = net.sendCustomMessage[0]! as [RealCustomMessage];
    // The server stamps sender and time; another member's listener then gets the same object shape.
    sent.setSender(user('carol', 'Carol'));
    sent.setSentAt(1_700_000_123);

    const l = listening();
    l.messageListener.onCustomMessageReceived!(sent);
    l.stop();
    expect(l.events).to.have.length(1);
    const event = l.events[0]!;
    expect(event.type).to.equal('meeting-message');
    if (event.type !== 'meeting-message') return;
    expect(event.meeting).to.include({ sessionId: 'team', guid: 'team', type: 'audio', sentAt: 1_700_000_123 });
    expect(event.meeting.sender.id).to.equal('carol');
    expect(event.raw).to.equal(sent);
  });
});

describe('contract: the adapter registers one real CallListener and one real MessageListener', () => {
  it('listen() adds exactly one of each, as real listener instances the SDK keeps every handler of', () => {
    const addCall = spy(CometChat, 'addCallListener');
    const addMessage = spy(CometChat, 'addMessageListener');
    const removeCall = spy(CometChat, 'removeCallListener');
    const removeMessage = spy(CometChat, 'removeMessageListener');

    const dispose = backend().listen(() => undefined);

    expect(addCall).to.have.length(1);
    expect(addMessage).to.have.length(1);
    const [callId, callListener] = addCall[0]! as [string, Record<string, unknown>];
    const [messageId, messageListener] = addMessage[0]! as [string, Record<string, unknown>];
    expect(callListener).to.be.instanceOf(CometChat.CallListener);
    expect(messageListener).to.be.instanceOf(CometChat.MessageListener);
    // The real CallListener copies only the handler names it knows, so a misspelt one would be lost here.
    for (const name of [
      'onIncomingCallReceived',
      'onOutgoingCallAccepted',
      'onOutgoingCallRejected',
      'onIncomingCallCancelled',
      'onCallEndedMessageReceived',
    ]) {
      expect(callListener[name], name).to.be.a('function');
    }
    expect(messageListener.onCustomMessageReceived).to.be.a('function');
    expect(callId).to.be.a('string').and.not.equal('');
    expect(messageId).to.be.a('string').and.not.equal('');
    expect(callId).not.to.equal(messageId);
    expect(removeCall).to.deep.equal([]);
    expect(removeMessage).to.deep.equal([]);

    dispose();
    expect(removeCall).to.deep.equal([[callId]]);
    expect(removeMessage).to.deep.equal([[messageId]]);
    expect(addCall).to.have.length(1);
    expect(addMessage).to.have.length(1);
  });

  it('gives every listen() its own ids, so one page copy never replaces another copy’s listener', () => {
    const addCall = spy(CometChat, 'addCallListener');
    const addMessage = spy(CometChat, 'addMessageListener');
    const stops = [backend().listen(() => undefined), backend().listen(() => undefined)];
    stops.forEach((stop) => stop());
    const ids = [...addCall, ...addMessage].map(([id]) => id);
    expect(ids).to.have.length(4);
    expect(new Set(ids).size).to.equal(4);
  });
});

describe('contract: real CometChat.Call objects through the registered call listener', () => {
  it('onIncomingCallReceived(video call from bob) yields incoming-call with the session, type and caller', () => {
    const l = listening();
    l.callListener.onIncomingCallReceived!(incomingCall({ sessionId: 'sess-in' }));
    l.stop();
    expect(l.events).to.deep.equal([
      {
        type: 'incoming-call',
        sessionId: 'sess-in',
        kind: 'direct',
        callType: 'video',
        peer: bob(),
        initiator: bob(),
      },
    ]);
  });

  it('onIncomingCallReceived(audio call) yields callType "audio"', () => {
    const l = listening();
    l.callListener.onIncomingCallReceived!(incomingCall({ sessionId: 'sess-audio', type: CometChat.CALL_TYPE.AUDIO }));
    l.stop();
    expect(l.events).to.have.length(1);
    expect(l.events[0]).to.include({ type: 'incoming-call', sessionId: 'sess-audio', callType: 'audio' });
  });

  it('onIncomingCallReceived(call rung to a group) names the group as the peer and the caller as initiator', () => {
    const l = listening();
    l.callListener.onIncomingCallReceived!(incomingCall({ sessionId: 'sess-grp', group: { guid: 'team', name: 'Team' } }));
    l.stop();
    expect(l.events).to.deep.equal([
      {
        type: 'incoming-call',
        sessionId: 'sess-grp',
        kind: 'direct',
        callType: 'video',
        peer: { kind: 'group', id: 'team', name: 'Team', avatar: null },
        initiator: bob(),
      },
    ]);
  });

  it('names the caller from the real getCallInitiator(), not from whoever sent the latest update', () => {
    const call = incomingCall({ sessionId: 'sess-relayed' });
    call.setCallInitiator(user('carol', 'Carol'));
    expect(call.getSender().getUid()).to.equal('bob');
    const l = listening();
    l.callListener.onIncomingCallReceived!(call);
    l.stop();
    expect(l.events).to.have.length(1);
    const event = l.events[0]!;
    if (event.type !== 'incoming-call') throw new Error(`unexpected ${event.type}`);
    expect(event.initiator).to.deep.equal({ kind: 'user', id: 'carol', name: 'Carol', avatar: null });
  });

  it('falls back to getSender() when the real Call has no call initiator set', () => {
    const call = new CometChat.Call('alice', CometChat.CALL_TYPE.VIDEO, CometChat.RECEIVER_TYPE.USER);
    call.setSessionId('sess-plain');
    call.setSender(user('carol', 'Carol'));
    expect(call.getCallInitiator()).to.equal(undefined);
    const l = listening();
    l.callListener.onIncomingCallReceived!(call);
    l.stop();
    expect(l.events).to.have.length(1);
    const event = l.events[0]!;
    if (event.type !== 'incoming-call') throw new Error(`unexpected ${event.type}`);
    expect(event.initiator).to.deep.equal({ kind: 'user', id: 'carol', name: 'Carol', avatar: null });
    expect(event.peer.id).to.equal('carol');
  });

  it('the caller side: accepted, rejected (with the real status) and ended calls', () => {
    const l = listening();
    const { CALL_STATUS } = CometChat;
    l.callListener.onOutgoingCallAccepted!(incomingCall({ sessionId: 's1', status: CALL_STATUS.ONGOING }));
    l.callListener.onOutgoingCallRejected!(incomingCall({ sessionId: 's2', status: CALL_STATUS.REJECTED }));
    l.callListener.onOutgoingCallRejected!(incomingCall({ sessionId: 's3', status: CALL_STATUS.BUSY }));
    l.callListener.onOutgoingCallRejected!(incomingCall({ sessionId: 's4', status: CALL_STATUS.UNANSWERED }));
    l.callListener.onCallEndedMessageReceived!(incomingCall({ sessionId: 's5', status: CALL_STATUS.ENDED }));
    l.stop();
    expect(l.events).to.deep.equal([
      { type: 'outgoing-accepted', sessionId: 's1' },
      { type: 'outgoing-rejected', sessionId: 's2', status: 'rejected' },
      { type: 'outgoing-rejected', sessionId: 's3', status: 'busy' },
      { type: 'outgoing-rejected', sessionId: 's4', status: 'unanswered' },
      { type: 'call-ended-message', sessionId: 's5' },
    ]);
  });

  it('the callee side: a caller’s cancel and a ring timeout dismiss with their real status', () => {
    const l = listening();
    const { CALL_STATUS } = CometChat;
    l.callListener.onIncomingCallCancelled!(incomingCall({ sessionId: 's1', status: CALL_STATUS.CANCELLED }));
    l.callListener.onIncomingCallCancelled!(incomingCall({ sessionId: 's2', status: CALL_STATUS.UNANSWERED }));
    l.stop();
    expect(l.events).to.deep.equal([
      { type: 'incoming-cancelled', sessionId: 's1', status: 'cancelled' },
      { type: 'incoming-cancelled', sessionId: 's2', status: 'unanswered' },
    ]);
  });

  it('ignores real Calls without a usable session id, and never throws into the SDK’s dispatcher', () => {
    const warn = spy(console, 'warn', () => undefined);
    const l = listening();
    const noSession = incomingCall({});
    expect(noSession.getSessionId()).to.equal(undefined);
    for (const name of [
      'onIncomingCallReceived',
      'onOutgoingCallAccepted',
      'onOutgoingCallRejected',
      'onIncomingCallCancelled',
      'onCallEndedMessageReceived',
    ]) {
      expect(() => l.callListener[name]!(noSession), name).not.to.throw();
      expect(() => l.callListener[name]!(undefined), `${name}(undefined)`).not.to.throw();
    }
    l.stop();
    expect(l.events).to.deep.equal([]);
    expect(warn).to.deep.equal([]);
  });
});

describe('contract: real CometChat.CustomMessage objects through the registered message listener', () => {
  it('our own "meeting" message yields meeting-message with its session id, call type, sender and group', () => {
    const l = listening();
    const message = receivedMessage(
      'meeting',
      { callType: 'audio', sessionId: 'team', sessionID: 'team' },
      { metadata: { incrementUnreadCount: true, pushNotification: 'meeting', callType: 'audio', sessionId: 'team' } },
    );
    l.messageListener.onCustomMessageReceived!(message);
    l.stop();
    expect(l.events).to.have.length(1);
    const event = l.events[0]!;
    if (event.type !== 'meeting-message') throw new Error(`unexpected ${event.type}`);
    expect(event.meeting).to.deep.equal({
      sessionId: 'team',
      guid: 'team',
      type: 'audio',
      group: { kind: 'group', id: 'team', name: 'Team', avatar: null },
      sender: bob(),
      sentAt: 1_700_000_000,
    });
    expect(event.raw).to.equal(message);
  });

  it('a "meeting" message shaped like CometChat’s React kit sends ({sessionID, sessionId, callType}) yields its session', () => {
    const l = listening();
    const message = receivedMessage(
      'meeting',
      { sessionID: 'team', sessionId: 'team', callType: 'video' },
      { metadata: { incrementUnreadCount: true } },
    );
    l.messageListener.onCustomMessageReceived!(message);
    l.stop();
    expect(l.events).to.have.length(1);
    const event = l.events[0]!;
    if (event.type !== 'meeting-message') throw new Error(`unexpected ${event.type}`);
    expect(event.meeting).to.include({ sessionId: 'team', guid: 'team', type: 'video' });
  });

  it('reads the session id as sessionID ?? sessionId ?? receiverId, refuses one that is not the group\'s, and the call type as callType ?? "video"', () => {
    const l = listening();
    l.messageListener.onCustomMessageReceived!(receivedMessage('meeting', { sessionID: 'team', sessionId: 'stale' }));
    l.messageListener.onCustomMessageReceived!(receivedMessage('meeting', { sessionID: 42, sessionId: 'team', callType: 'audio' }));
    l.messageListener.onCustomMessageReceived!(receivedMessage('meeting', { sessionId: 'elsewhere', callType: 'audio' }));
    l.messageListener.onCustomMessageReceived!(receivedMessage('meeting', { callType: 'audio' }, { guid: 'crew' }));
    l.stop();
    const read = l.events.map((e) => (e.type === 'meeting-message' ? [e.meeting.sessionId, e.meeting.type] : e.type));
    expect(read).to.deep.equal([
      ['team', 'video'],
      ['team', 'audio'],
      ['crew', 'audio'],
    ]);
  });

  it('odd customData (missing, null, a string, non-string or oversized ids) neither throws nor yields a bad session', () => {
    const warn = spy(console, 'warn', () => undefined);
    const l = listening();
    const odd: unknown[] = [
      undefined,
      null,
      'not an object',
      [1, 2, 3],
      { sessionId: 42, sessionID: { evil: true }, callType: 7 },
      { sessionID: 'x'.repeat(10_000), callType: '<img src=x onerror=alert(1)>' },
      { sessionId: 'line\nbreak' },
    ];
    for (const data of odd) {
      expect(() => l.messageListener.onCustomMessageReceived!(receivedMessage('meeting', data)), JSON.stringify(data)).not.to.throw();
    }
    l.stop();
    // Each falls back to the group the message was sent to, as a video meeting.
    expect(l.events.map((e) => (e.type === 'meeting-message' ? [e.meeting.sessionId, e.meeting.type] : e.type))).to.deep.equal(
      odd.map(() => ['team', 'video']),
    );
    expect(warn).to.deep.equal([]);
  });

  it('a "meeting" message with no usable session id at all yields nothing', () => {
    const warn = spy(console, 'warn', () => undefined);
    const l = listening();
    const message = new CometChat.CustomMessage('', CometChat.RECEIVER_TYPE.GROUP, 'meeting', { sessionId: 7 });
    l.messageListener.onCustomMessageReceived!(message);
    l.messageListener.onCustomMessageReceived!(undefined);
    l.stop();
    expect(l.events).to.deep.equal([]);
    expect(warn).to.deep.equal([]);
  });

  it('ignores other custom messages, and messages whose category is not CATEGORY_CUSTOM', () => {
    const l = listening();
    l.messageListener.onCustomMessageReceived!(receivedMessage('poll', { sessionId: 'team', callType: 'video' }));
    const wrongCategory = receivedMessage('meeting', { sessionId: 'team', callType: 'video' });
    wrongCategory.setCategory(CometChat.CATEGORY_MESSAGE as never);
    expect(wrongCategory.getCategory()).not.to.equal(CometChat.CATEGORY_CUSTOM);
    l.messageListener.onCustomMessageReceived!(wrongCategory);
    l.stop();
    expect(l.events).to.deep.equal([]);
  });

  it('a "meeting_ended" message yields meeting-ended-message for its session, at its sent time', () => {
    const l = listening();
    l.messageListener.onCustomMessageReceived!(
      receivedMessage('meeting_ended', { sessionId: 'team', sessionID: 'team' }, { sentAt: 1_700_000_500 }),
    );
    l.stop();
    expect(l.events).to.deep.equal([{ type: 'meeting-ended-message', sessionId: 'team', sentAt: 1_700_000_500 }]);
  });
});

describe('contract: sessions on the real calls SDK 4.2.6 (network statics stubbed)', () => {
  function stubCallsNetwork(token: unknown = { token: 'call-token-1' }) {
    return {
      generateToken: spy(CometChatCalls, 'generateToken', () => Promise.resolve(token)),
      startSession: spy(CometChatCalls, 'startSession', () => undefined),
      endSession: spy(CometChatCalls, 'endSession', () => undefined),
    };
  }

  it('startSession calls generateToken(sessionId, authToken), then startSession with real v4 call settings', async () => {
    const net = stubCallsNetwork();
    const signals: SessionSignal[] = [];
    const container = document.createElement('div');
    const b = backend();
    await b.startSession({ callId: 1, sessionId: 'sess-1', callType: 'audio', kind: 'direct', container: async () => container }, (s) =>
      signals.push(s),
    );

    expect(net.generateToken).to.deep.equal([['sess-1', 'auth-token-alice']]);
    expect(net.startSession).to.have.length(1);
    const [token, settings, element] = net.startSession[0]! as [string, Record<string, AnyFn>, HTMLElement];
    expect(token).to.equal('call-token-1');
    expect(element).to.equal(container);
    // Built by the real CallSettingsBuilder: read back through its own getters.
    expect(settings.isAudioOnlyCall!()).to.equal(true);
    expect(settings.isDefaultLayoutEnabled!()).to.equal(true);
    const listener = settings.getCallListener!() as Record<string, AnyFn>;
    expect(listener).to.be.instanceOf(CometChatCalls.OngoingCallListener);

    // The real OngoingCallListener kept our handlers under the names the SDK calls.
    listener.onUserJoined!({ uid: 'alice', isLocalUser: true });
    listener.onUserListUpdated!([{ uid: 'alice', isLocalUser: true }, { uid: 'bob' }]);
    listener.onCallEndButtonPressed!();
    listener.onCallEnded!();
    listener.onSessionTimeout!();
    listener.onError!({ code: 'INVALID_ARGUMENT_EXCEPTION', message: 'bad token' });
    expect(signals.map((s) => s.type)).to.deep.equal([
      'session-joined',
      'session-participants',
      'session-end-pressed',
      'session-ended',
      'session-timeout',
      'session-error',
    ]);
    expect(signals[1]).to.deep.equal({ type: 'session-participants', others: 1 });

    await b.endSession(1);
    expect(net.endSession).to.have.length(1);
    // Once ended, the (unremovable) v4 listener goes quiet.
    listener.onCallEnded!();
    expect(signals).to.have.length(6);
  });

  it('a video session is not audio-only, and the host hook gets the real builder', async () => {
    const net = stubCallsNetwork('plain-string-token');
    let hooked: unknown;
    const b = backend({
      callSettings: (context) => {
        if (context.version === 4) {
          hooked = context.builder;
          context.builder.startWithAudioMuted(true);
        }
      },
    });
    await b.startSession(
      { callId: 1, sessionId: 'team', callType: 'video', kind: 'meeting', container: async () => document.createElement('div') },
      () => undefined,
    );
    expect(hooked).to.be.instanceOf(CometChatCalls.CallSettingsBuilder);
    const [token, settings] = net.startSession[0]! as [string, Record<string, AnyFn>];
    expect(token).to.equal('plain-string-token');
    expect(settings.isAudioOnlyCall!()).to.equal(false);
    expect(settings.getStartWithAudioMuted!()).to.equal(true);
    await b.endSession(1);
  });

  it('takes the auth token from getLoggedinUser() when the configured user object carries none', async () => {
    const net = stubCallsNetwork();
    spy(CometChat, 'getLoggedinUser', () => Promise.resolve(user('alice', 'Alice', 'auth-from-session')));
    const bare = user('alice', 'Alice');
    expect(bare.getAuthToken()).to.equal(undefined);
    const b = backend({ user: bare as unknown as ChatUser });
    await b.startSession(
      { callId: 1, sessionId: 'sess-2', callType: 'video', kind: 'direct', container: async () => document.createElement('div') },
      () => undefined,
    );
    expect(net.generateToken).to.deep.equal([['sess-2', 'auth-from-session']]);
    await b.endSession(1);
  });

  it('rejects with session-failed and starts nothing when generateToken yields no token', async () => {
    const net = stubCallsNetwork({});
    const error = await backend()
      .startSession(
        { callId: 1, sessionId: 'sess-3', callType: 'video', kind: 'direct', container: async () => document.createElement('div') },
        () => undefined,
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(CcError);
    expect((error as CcError).code).to.equal('session-failed');
    expect(net.startSession).to.deep.equal([]);
  });
});

describe('contract: configure({ chat: CometChat, calls: CometChatCalls }) with the real namespaces', () => {
  let stage: ReturnType<typeof bareStage> | undefined;
  // The store remembers joined meetings in localStorage, which every test file on this origin shares.
  const JOINS_KEY = 'cc-call-elements:joined-sessions';
  let savedJoins: string | null = null;

  before(() => {
    savedJoins = localStorage.getItem(JOINS_KEY);
  });

  after(() => {
    if (savedJoins === null) localStorage.removeItem(JOINS_KEY);
    else localStorage.setItem(JOINS_KEY, savedJoins);
  });

  function stubLogin() {
    return spy(CometChat, 'getLoggedinUser', () => Promise.resolve(alice));
  }

  afterEach(async () => {
    await resetCalls();
    stage?.dispose();
    stage = undefined;
  });

  it('registers one listener pair for the page, passes the default 45 s ring timeout, and removes both on reset', async () => {
    stubLogin();
    const net = stubChatNetwork('sess-default');
    const addCall = spy(CometChat, 'addCallListener');
    const addMessage = spy(CometChat, 'addMessageListener');
    const removeCall = spy(CometChat, 'removeCallListener');
    const removeMessage = spy(CometChat, 'removeMessageListener');

    await configure({ chat, calls, outcomeDuration: 10 });
    expect(addCall).to.have.length(1);
    expect(addMessage).to.have.length(1);
    expect(addCall[0]![1]).to.be.instanceOf(CometChat.CallListener);
    expect(addMessage[0]![1]).to.be.instanceOf(CometChat.MessageListener);

    getStore().dispatch({ type: 'call', target: bob(), callType: 'video' });
    await waitFor(() => net.initiateCall.length === 1, 'initiateCall');
    const [call, timeout] = net.initiateCall[0]! as [RealCall, number];
    expect(call).to.be.instanceOf(CometChat.Call);
    expect(call.getReceiverId()).to.equal('bob');
    expect(timeout).to.equal(45);
    await waitFor(() => getStore().state.call?.sessionId === 'sess-default', 'the ringing call');

    await resetCalls();
    expect(removeCall).to.deep.equal([[addCall[0]![0]]]);
    expect(removeMessage).to.deep.equal([[addMessage[0]![0]]]);
    expect(addCall).to.have.length(1);
    expect(addMessage).to.have.length(1);
    // configure() did not log in, so reset must not log the host's user out.
    expect(net.logout).to.deep.equal([]);
  });

  it('passes configure({ ringTimeout }) to initiateCall as its second argument', async () => {
    stubLogin();
    const net = stubChatNetwork();
    await configure({ chat, calls, ringTimeout: 17 });
    getStore().dispatch({ type: 'call', target: bob(), callType: 'audio' });
    await waitFor(() => net.initiateCall.length === 1, 'initiateCall');
    const [call, timeout] = net.initiateCall[0]! as [RealCall, number];
    expect(call.getType()).to.equal(CometChat.CALL_TYPE.AUDIO);
    expect(timeout).to.equal(17);
  });

  it('runs a 1:1 call: accepted by a real Call, token for the session, then endCall, clearActiveCall and endSession', async () => {
    stubLogin();
    const net = stubChatNetwork('sess-flow');
    const addCall = spy(CometChat, 'addCallListener');
    const generateToken = spy(CometChatCalls, 'generateToken', () => Promise.resolve({ token: 'flow-token' }));
    const startSession = spy(CometChatCalls, 'startSession', joinLikeTheSdk as AnyFn);
    const endSession = spy(CometChatCalls, 'endSession', () => undefined);
    stage = bareStage();

    await configure({ chat, calls });
    const listener = addCall[0]![1] as Record<string, AnyFn>;
    getStore().dispatch({ type: 'call', target: bob(), callType: 'video' });
    await waitFor(() => getStore().state.call?.sessionId === 'sess-flow', 'the ringing call');

    listener.onOutgoingCallAccepted!(incomingCall({ sessionId: 'sess-flow', status: CometChat.CALL_STATUS.ONGOING }));
    await waitFor(() => getStore().state.call?.phase === 'active', 'the active call');
    expect(generateToken).to.deep.equal([['sess-flow', 'auth-token-alice']]);
    expect(startSession).to.have.length(1);
    expect(startSession[0]![0]).to.equal('flow-token');
    expect(startSession[0]![2]).to.equal(stage.container);

    getStore().dispatch({ type: 'hang-up' });
    await waitFor(() => endSession.length === 1, 'endSession');
    expect(net.endCall).to.deep.equal([['sess-flow']]);
    expect(net.clearActiveCall).to.have.length(1);
    expect(net.rejectCall).to.deep.equal([]);
  });

  it('rejects a second incoming call with the real CALL_STATUS.BUSY while one is ringing', async () => {
    stubLogin();
    const net = stubChatNetwork();
    const addCall = spy(CometChat, 'addCallListener');
    await configure({ chat, calls });
    const listener = addCall[0]![1] as Record<string, AnyFn>;

    listener.onIncomingCallReceived!(incomingCall({ sessionId: 'sess-first' }));
    listener.onIncomingCallReceived!(incomingCall({ sessionId: 'sess-second', from: 'carol' }));
    await waitFor(() => net.rejectCall.length === 1, 'rejectCall');
    expect(net.rejectCall).to.deep.equal([['sess-second', CometChat.CALL_STATUS.BUSY]]);
    expect(getStore().state.call?.sessionId).to.equal('sess-first');
  });

  it('starts a meeting: the CustomMessage, then generateToken(guid, authToken); leaving never calls endCall', async () => {
    stubLogin();
    const net = stubChatNetwork();
    const generateToken = spy(CometChatCalls, 'generateToken', () => Promise.resolve({ token: 'meet-token' }));
    spy(CometChatCalls, 'startSession', joinLikeTheSdk as AnyFn);
    const endSession = spy(CometChatCalls, 'endSession', () => undefined);
    stage = bareStage();

    await configure({ chat, calls, announceMeetingEnd: false });
    getStore().dispatch({ type: 'start-meeting', group: { kind: 'group', id: 'team', name: 'Team', avatar: null }, callType: 'video' });
    await waitFor(() => getStore().state.call?.phase === 'active', 'the meeting');

    expect(net.sendCustomMessage).to.have.length(1);
    const [message] = net.sendCustomMessage[0]! as [RealCustomMessage];
    expect(message).to.be.instanceOf(CometChat.CustomMessage);
    expect(message.getType()).to.equal('meeting');
    expect(message.getCustomData()).to.deep.equal({ callType: 'video', sessionId: 'team', sessionID: 'team' });
    expect(generateToken).to.deep.equal([['team', 'auth-token-alice']]);

    getStore().dispatch({ type: 'hang-up' });
    await waitFor(() => endSession.length === 1, 'endSession');
    expect(net.endCall).to.deep.equal([]);
    expect(net.rejectCall).to.deep.equal([]);
    expect(net.initiateCall).to.deep.equal([]);
  });

  it('dispatches cc-meeting-received for another member’s meeting message, and ignores the user’s own', async () => {
    stubLogin();
    stubChatNetwork();
    const addMessage = spy(CometChat, 'addMessageListener');
    await configure({ chat, calls });
    const listener = addMessage[0]![1] as Record<string, AnyFn>;
    const recorded = recordDocumentEvents(['cc-meeting-received']);
    try {
      const own = receivedMessage('meeting', { callType: 'video', sessionId: 'team', sessionID: 'team' }, { from: user('alice', 'Alice') });
      listener.onCustomMessageReceived!(own);
      const kit = receivedMessage(
        'meeting',
        { sessionID: 'team', sessionId: 'team', callType: 'audio' },
        { metadata: { incrementUnreadCount: true } },
      );
      listener.onCustomMessageReceived!(kit);
      await waitFor(() => recorded.events.length >= 1, 'cc-meeting-received');
      // Give a wrongly dispatched own-message event the same chance to arrive.
      await new Promise((r) => setTimeout(r, 50));

      expect(recorded.events).to.have.length(1);
      const detail = recorded.events[0]!.detail as Record<string, unknown>;
      expect(detail).to.include({ sessionId: 'team', guid: 'team', callType: 'audio', message: kit });
      expect((detail.sender as Party).id).to.equal('bob');
    } finally {
      recorded.stop();
    }
  });
});

describe('contract: the adapter tests stayed off the network', () => {
  it('made no request beyond this origin (the stubs covered every network static used)', () => {
    const foreign = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => new URL(url).origin !== location.origin)
      // Injected by the calls SDK on import (see sdk-load.test.ts); blocked by --host-resolver-rules.
      .filter((url) => !url.startsWith('https://fonts.googleapis.com/css?family=Inter'));
    expect(foreign).to.deep.equal([]);
  });
});
