/**
 * Contract tests against CometChat's REAL SDKs (chat 4.2.0, calls 4.2.6),
 * served as ES modules by scripts/sdk-esm-plugin.mjs. They pin the runtime
 * facts our structural types in src/sdk/types.ts, the adapter and the state
 * machine rely on, so an SDK upgrade that changes them fails here and not in
 * production. The compile-time half is test/contract/sdk-types.check.ts.
 *
 * Everything here runs offline: constructors, getters, setters and builders
 * only; nothing that logs in or opens a socket.
 */
import { expect } from '@open-wc/testing';
import type {
  CallSettingsBuilderV4,
  CallsNamespace,
  ChatCall,
  ChatCustomMessage,
  ChatNamespace,
  OngoingCallHandlers,
} from '../../src/sdk/types.js';
import type { EndReason } from '../../src/store/types.js';
import { isV5 } from '../../src/sdk/session.js';

type ChatModule = { CometChat: typeof import('@cometchat/chat-sdk-javascript').CometChat };
type CallsModule = { CometChatCalls: typeof import('@cometchat/calls-sdk-javascript').CometChatCalls };

// Held in variables so TypeScript does not try to resolve these test-server-only URLs.
const CHAT_URL = '/__sdk/chat.js';
const CALLS_URL = '/__sdk/calls.js';

/** A compile-time assertion: `true` only when T is `never` (nothing left over). */
type IsNever<T> = [T] extends [never] ? true : false;
function assertType<_T extends true>(): void {}

// --- What TOOLCHAIN.md measured on the real SDK, typed against our own shapes. -------------------
// `satisfies Record<keyof …>` makes tsc fail if src/sdk/types.ts gains or loses a key these tables lack.

const CALL_STATUS = {
  INITIATED: 'initiated',
  ONGOING: 'ongoing',
  UNANSWERED: 'unanswered',
  REJECTED: 'rejected',
  BUSY: 'busy',
  CANCELLED: 'cancelled',
  ENDED: 'ended',
} as const satisfies Record<keyof ChatNamespace['CALL_STATUS'], string>;
const CALL_TYPE = { AUDIO: 'audio', VIDEO: 'video' } as const satisfies Record<keyof ChatNamespace['CALL_TYPE'], string>;
const RECEIVER_TYPE = { USER: 'user', GROUP: 'group' } as const satisfies Record<keyof ChatNamespace['RECEIVER_TYPE'], string>;
const CATEGORY_CUSTOM = 'custom';

// The state machine compares SDK statuses with its own EndReason literals ('rejected', 'busy', …).
// If the real values ever stop being members of EndReason, this line stops compiling.
export const statusesTheMachineReads: EndReason[] = [CALL_STATUS.REJECTED, CALL_STATUS.BUSY, CALL_STATUS.UNANSWERED, CALL_STATUS.CANCELLED];

/** How each member of our ChatNamespace must look on the real one ('optional' members may be absent). */
const CHAT_MEMBERS = {
  CALL_TYPE: 'object',
  RECEIVER_TYPE: 'object',
  CALL_STATUS: 'object',
  CATEGORY_CUSTOM: 'string',
  Call: 'function',
  CustomMessage: 'function',
  CallListener: 'function',
  MessageListener: 'function',
  AppSettingsBuilder: 'function',
  init: 'function',
  login: 'function',
  logout: 'function',
  getLoggedinUser: 'function',
  getAppId: 'function',
  initiateCall: 'function',
  acceptCall: 'function',
  rejectCall: 'function',
  endCall: 'function',
  clearActiveCall: 'function',
  getActiveCall: 'function',
  sendCustomMessage: 'function',
  addCallListener: 'function',
  removeCallListener: 'function',
  addMessageListener: 'function',
  removeMessageListener: 'function',
} as const satisfies Record<keyof ChatNamespace, 'object' | 'string' | 'function'>;

/** Every method of our ChatCall, all of which the real Call has (optional ones included). */
const CALL_METHODS = [
  'getSessionId',
  'getType',
  'getReceiverType',
  'getReceiverId',
  'getStatus',
  'getSender',
  'getReceiver',
  'getCallInitiator',
  'getCallReceiver',
] as const satisfies readonly (keyof ChatCall)[];
assertType<IsNever<Exclude<keyof ChatCall, (typeof CALL_METHODS)[number]>>>();

const CUSTOM_MESSAGE_METHODS = [
  'getId',
  'getType',
  'getCategory',
  'getReceiverId',
  'getReceiverType',
  'getReceiver',
  'getSender',
  'getSentAt',
  'getCustomData',
  'getMetadata',
  'setMetadata',
  'setCategory',
] as const satisfies readonly (keyof ChatCustomMessage)[];
assertType<IsNever<Exclude<keyof ChatCustomMessage, (typeof CUSTOM_MESSAGE_METHODS)[number]>>>();

/** Our CallsNamespace, per member: present on v4 (4.2.6), or v5-only and therefore absent. */
const CALLS_MEMBERS = {
  init: 'v4',
  CallAppSettingsBuilder: 'v4',
  generateToken: 'v4',
  CallSettingsBuilder: 'v4',
  OngoingCallListener: 'v4',
  startSession: 'v4',
  endSession: 'v4',
  // the in-call methods behind <cc-call-stage>'s muteAudio(), pauseVideo()…
  muteAudio: 'v4',
  pauseVideo: 'v4',
  switchCamera: 'v4',
  getAudioOutputDevices: 'v4',
  setAudioOutputDevice: 'v4',
  switchToVideoCall: 'v4',
  unMuteAudio: 'v4',
  resumeVideo: 'v4',
  joinSession: 'v5-only',
  leaveSession: 'v5-only',
  addEventListener: 'v5-only',
} as const satisfies Record<keyof CallsNamespace, 'v4' | 'v5-only'>;

type RealBuilder = InstanceType<CallsModule['CometChatCalls']['CallSettingsBuilder']>;

/** The builder methods the session driver calls, plus those TOOLCHAIN.md lists for customize() users. */
const BUILDER_METHODS = [
  'enableDefaultLayout',
  'setIsAudioOnlyCall',
  'setCallListener',
  'build',
  'setMode',
  'startWithAudioMuted',
  'startWithVideoMuted',
  'showEndCallButton',
  'showMuteAudioButton',
  'showPauseVideoButton',
  'showScreenShareButton',
  'showSwitchToVideoCallButton',
  'showRecordingButton',
  'setIdleTimeoutPeriod',
] as const satisfies readonly (keyof RealBuilder & keyof CallSettingsBuilderV4)[];

// ---------------------------------------------------------------------------------------------------

describe('contract: the real chat SDK 4.2.0', () => {
  let CometChat: ChatModule['CometChat'];
  /** The same object seen through our structural type, as the adapter sees it. */
  let chat: ChatNamespace;

  before(async () => {
    ({ CometChat } = (await import(CHAT_URL)) as ChatModule);
    chat = CometChat as unknown as ChatNamespace;
  });

  it('has the CALL_STATUS values the machine compares against', () => {
    expect(CometChat.CALL_STATUS).to.include(CALL_STATUS);
    for (const key of Object.keys(CALL_STATUS) as (keyof typeof CALL_STATUS)[]) {
      expect(chat.CALL_STATUS[key], `CALL_STATUS.${key}`).to.equal(CALL_STATUS[key]);
    }
  });

  it('has the CALL_TYPE, RECEIVER_TYPE and CATEGORY_CUSTOM values the adapter uses', () => {
    expect(chat.CALL_TYPE).to.include(CALL_TYPE);
    expect(chat.RECEIVER_TYPE).to.include(RECEIVER_TYPE);
    expect(chat.CATEGORY_CUSTOM).to.equal(CATEGORY_CUSTOM);
  });

  it('has every member of our ChatNamespace, with the right kind of value', () => {
    const wrong = Object.entries(CHAT_MEMBERS)
      .map(([name, kind]) => [name, kind, typeof (chat as unknown as Record<string, unknown>)[name]])
      .filter(([, kind, actual]) => kind !== actual)
      .map(([name, kind, actual]) => `${name}: expected ${kind}, got ${actual}`);
    expect(wrong).to.deep.equal([]);
  });

  it('builds a Call whose getters return what was passed', () => {
    const call = new CometChat.Call('bob', CometChat.CALL_TYPE.VIDEO, CometChat.RECEIVER_TYPE.USER);
    expect(call).to.be.instanceOf(CometChat.Call);
    expect(call.getReceiverId()).to.equal('bob');
    expect(call.getType()).to.equal('video');
    expect(call.getReceiverType()).to.equal('user');
  });

  it('builds a Call through our ChatNamespace type with every ChatCall method present', () => {
    const call = new chat.Call('bob', 'video', 'user');
    expect(call).to.be.instanceOf(CometChat.Call);
    const missing = CALL_METHODS.filter((m) => typeof (call as unknown as Record<string, unknown>)[m] !== 'function');
    expect(missing).to.deep.equal([]);
    expect(call.getReceiverId()).to.equal('bob');
    expect(call.getType()).to.equal('video');
    expect(call.getReceiverType()).to.equal('user');
  });

  it('builds a group CustomMessage whose getters and setters work', () => {
    const data = { sessionId: 'meet-1', callType: 'video', title: 'Stand-up' };
    const message = new chat.CustomMessage('team', chat.RECEIVER_TYPE.GROUP, 'meeting', data);
    expect(message).to.be.instanceOf(CometChat.CustomMessage);
    const missing = CUSTOM_MESSAGE_METHODS.filter((m) => typeof (message as unknown as Record<string, unknown>)[m] !== 'function');
    expect(missing).to.deep.equal([]);

    expect(message.getReceiverId()).to.equal('team');
    expect(message.getReceiverType()).to.equal('group');
    expect(message.getType()).to.equal('meeting');
    expect(message.getCustomData()).to.deep.equal(data);

    message.setCategory!(chat.CATEGORY_CUSTOM);
    expect(message.getCategory()).to.equal('custom');
    message.setMetadata({ incrementUnreadCount: true, cc: { v: 1 } });
    expect(message.getMetadata()).to.deep.equal({ incrementUnreadCount: true, cc: { v: 1 } });
  });

  it('accepts handler objects in CallListener and MessageListener', () => {
    const onIncomingCallReceived = () => undefined;
    const callListener = new chat.CallListener({ onIncomingCallReceived }) as Record<string, unknown>;
    expect(callListener.onIncomingCallReceived).to.equal(onIncomingCallReceived);
    const onCustomMessageReceived = () => undefined;
    const messageListener = new chat.MessageListener({ onCustomMessageReceived }) as Record<string, unknown>;
    expect(messageListener.onCustomMessageReceived).to.equal(onCustomMessageReceived);
  });

  it('builds app settings with a region', () => {
    const settings = new chat.AppSettingsBuilder!().setRegion('us');
    expect(settings).to.be.an('object');
    const built = new chat.AppSettingsBuilder!();
    built.setRegion('us');
    expect(built.build()).to.be.an('object');
  });
});

describe('contract: the real calls SDK 4.2.6', () => {
  let CometChatCalls: CallsModule['CometChatCalls'];
  let calls: CallsNamespace;

  before(async function () {
    // The first request bundles the 2.6 MB UMD build; on a busy two-core machine that can take a while.
    this.timeout(60_000);
    ({ CometChatCalls } = (await import(CALLS_URL)) as CallsModule);
    calls = CometChatCalls as unknown as CallsNamespace;
  });

  it('has the v4 session API and none of the v5 names', () => {
    const wrong = Object.entries(CALLS_MEMBERS)
      .map(([name, generation]) => {
        const want = generation === 'v4' ? 'function' : 'undefined';
        return { name, want, got: typeof (calls as unknown as Record<string, unknown>)[name] };
      })
      .filter(({ want, got }) => want !== got)
      .map(({ name, want, got }) => `${name}: expected ${want}, got ${got}`);
    expect(wrong).to.deep.equal([]);
  });

  it('is detected as v4 by the session driver', () => {
    expect(isV5(calls)).to.equal(false);
  });

  it('builds call settings with an OngoingCallListener', () => {
    const onCallEnded = () => undefined;
    const listener = new calls.OngoingCallListener!({ onCallEnded });
    const builder = new calls.CallSettingsBuilder!();
    const missing = BUILDER_METHODS.filter((m) => typeof (builder as unknown as Record<string, unknown>)[m] !== 'function');
    expect(missing).to.deep.equal([]);
    const settings = builder.enableDefaultLayout(true).setIsAudioOnlyCall(false).setCallListener(listener).build();
    expect(settings).to.be.an('object');
  });

  it('keeps every OngoingCallListener handler the session driver passes, by its real name', () => {
    // The names runV4 listens on (src/sdk/session.ts); the SDK copies only the handlers it knows.
    const names = [
      'onUserJoined',
      'onUserLeft',
      'onUserListUpdated',
      'onUserMuted',
      'onUserUnMuted',
      'onMediaDeviceListUpdated',
      'onCallSwitchedToVideo',
      'onScreenShareStarted',
      'onScreenShareStopped',
      'onCallEndButtonPressed',
      'onCallEnded',
      'onSessionTimeout',
      'onError',
    ] as const satisfies readonly (keyof OngoingCallHandlers)[];
    const handlers = Object.fromEntries(names.map((name) => [name, () => undefined]));
    const listener = new calls.OngoingCallListener!(handlers) as Record<string, unknown>;
    const dropped = names.filter((name) => typeof listener[name] !== 'function');
    expect(dropped).to.deep.equal([]);
  });

  it('builds app settings with an app id and region', () => {
    const builder = new calls.CallAppSettingsBuilder!();
    builder.setAppId('app-id');
    builder.setRegion('us');
    expect(builder.build()).to.be.an('object');
  });
});
