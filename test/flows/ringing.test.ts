/**
 * 1:1 ringing through the real store and the production adapter, on the
 * emulated CometChat. The other side is a second emulated client that the
 * test drives through the SDK API.
 */
import { expect } from '@open-wc/testing';
import { configure, resetCalls } from '../../src/configure/configure.js';
import type { Emulator } from '../../emulator/index.js';
import { RING_EXPIRY_MARGIN_MS } from '../../src/store/effects.js';
import { getStore } from '../../src/store/store.js';
import { RemoteUser, bareStage, bobParty, cleanUp, configureAs, recordDocumentEvents, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();
const call = () => store.state.call;

describe('1:1 ringing on the emulator', () => {
  let channel: string;
  let alice: Emulator;
  let bob: RemoteUser;
  let stage: ReturnType<typeof bareStage>;
  let recorder: ReturnType<typeof recordDocumentEvents>;

  beforeEach(async () => {
    channel = uniqueChannel();
    alice = await configureAs('alice', channel);
    bob = new RemoteUser('bob', channel);
    stage = bareStage();
    recorder = recordDocumentEvents([
      'cc-call-outgoing',
      'cc-call-incoming',
      'cc-call-accepted',
      'cc-call-rejected',
      'cc-call-started',
      'cc-call-ended',
      'cc-error',
    ]);
  });

  afterEach(async () => {
    recorder.stop();
    stage.dispose();
    await cleanUp(alice, bob);
  });

  const seen = (name: string) => recorder.events.filter((e) => e.type === name);

  async function ringBob(): Promise<string> {
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    const heard = await bob.waitToHear('onIncomingCallReceived');
    await waitFor(() => call()?.phase === 'ringing', 'the outgoing call to ring');
    return heard.sessionId;
  }

  it('rings the callee, connects when accepted, and ends with endCall on hang-up', async () => {
    const sessionId = await ringBob();
    expect(seen('cc-call-outgoing')[0].detail.sessionId).to.equal(sessionId);

    await bob.chat.acceptCall(sessionId);
    await waitFor(() => call()?.phase === 'active', 'the session to start');
    expect(alice.inspect().session?.sessionId).to.equal(sessionId);
    expect(stage.container.childElementCount).to.be.greaterThan(0);
    expect(seen('cc-call-started')[0].detail).to.deep.equal({ sessionId, kind: 'direct', callType: 'video' });

    store.dispatch({ type: 'hang-up' });
    await bob.waitToHear('onCallEndedMessageReceived', sessionId);
    await waitFor(() => alice.inspect().session === null, 'the session to end');
    // The one who hung up sees "Call ended" too, briefly, then the state is clear.
    await waitFor(() => call() === null, 'the outcome to close');
    expect(alice.inspect().activeCall).to.equal(null);
    expect(seen('cc-call-ended')[0].detail).to.deep.equal({ sessionId, kind: 'direct', reason: 'hung-up' });
  });

  it('places a call made right after a hang-up whose endCall is slow, and keeps it cancellable', async () => {
    const first = await ringBob();
    await bob.chat.acceptCall(first);
    await waitFor(() => call()?.phase === 'active', 'the first call');
    // endCall answers 2.5 s late; the chat SDK clears its active call, whichever it is, when it does.
    const endCall = alice.CometChat.endCall.bind(alice.CometChat);
    let firstEnded = false;
    alice.CometChat.endCall = (id: string) =>
      new Promise((r) => setTimeout(r, 2500)).then(() => endCall(id)).finally(() => (firstEnded = true));
    store.dispatch({ type: 'hang-up' });
    await waitFor(() => call()?.phase !== 'active', 'the first call to close');
    const carol = new RemoteUser('carol', channel);
    try {
      store.dispatch({ type: 'dismiss' });
      store.dispatch({ type: 'call', target: { kind: 'user', id: 'carol', name: 'Carol Chen', avatar: null }, callType: 'audio' });
      const { sessionId } = await carol.waitToHear('onIncomingCallReceived', undefined, 6000);
      expect(seen('cc-error'), 'no "call already in progress"').to.deep.equal([]);
      await waitFor(() => firstEnded, 'the first endCall to answer', 4000);
      expect(alice.CometChat.getActiveCall()?.getSessionId(), "the new call is still the SDK's active call").to.equal(sessionId);
      store.dispatch({ type: 'cancel' });
      await carol.waitToHear('onIncomingCallCancelled', sessionId);
    } finally {
      carol.close();
    }
  });

  it('initiates exactly one call for two quick requests', async () => {
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    await bob.waitToHear('onIncomingCallReceived');
    await new Promise((r) => setTimeout(r, 100));
    expect(bob.events.filter((e) => e.name === 'onIncomingCallReceived')).to.have.length(1);
  });

  for (const [status, reason] of [
    ['rejected', 'rejected'],
    ['busy', 'busy'],
  ] as const) {
    it(`shows ${reason} when the callee answers ${status}, then closes`, async () => {
      const sessionId = await ringBob();
      await bob.chat.rejectCall(sessionId, status);
      await waitFor(() => call()?.reason === reason, `the ${reason} outcome`);
      expect(seen('cc-call-rejected')[0].detail).to.deep.equal({ sessionId, status });
      await waitFor(() => call() === null, 'the outcome to close');
    });
  }

  it('gives up after the ring timeout on both sides', async () => {
    await resetCalls();
    alice.close();
    alice = await configureAs('alice', channel, {}, { ringTimeout: 1 });
    const sessionId = await ringBob();
    await waitFor(() => call()?.reason === 'unanswered', 'no answer', 3000);
    const cancelled = await bob.waitToHear('onIncomingCallCancelled', sessionId);
    expect(cancelled.status).to.equal('unanswered');
  });

  it('cancels an outgoing call so the callee stops ringing', async () => {
    const sessionId = await ringBob();
    store.dispatch({ type: 'cancel' });
    const cancelled = await bob.waitToHear('onIncomingCallCancelled', sessionId);
    expect(cancelled.status).to.equal('cancelled');
    expect(call()).to.equal(null);
    expect(alice.inspect().activeCall).to.equal(null);
  });

  it('rings for an incoming call, and accepting starts the session on both ends', async () => {
    const sessionId = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'the incoming call');
    expect(seen('cc-call-incoming')[0].detail).to.deep.include({ sessionId, callType: 'video', kind: 'direct' });
    expect(call()?.initiator?.name).to.equal('Bob Brown');

    store.dispatch({ type: 'accept' });
    await bob.waitToHear('onOutgoingCallAccepted', sessionId);
    await waitFor(() => call()?.phase === 'active', 'the session to start');
    expect(seen('cc-call-accepted')[0].detail).to.deep.equal({ sessionId, kind: 'direct' });
  });

  it('declines an incoming call with rejectCall(REJECTED)', async () => {
    const sessionId = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'the incoming call');
    store.dispatch({ type: 'decline' });
    const rejected = await bob.waitToHear('onOutgoingCallRejected', sessionId);
    expect(rejected.status).to.equal('rejected');
    expect(call()).to.equal(null);
  });

  it('dismisses the incoming call when the caller cancels', async () => {
    const sessionId = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'the incoming call');
    await bob.chat.rejectCall(sessionId, 'cancelled');
    await waitFor(() => call() === null, 'the ringing to stop');
    expect(seen('cc-call-ended')[0].detail.reason).to.equal('cancelled');
  });

  it("stops ringing by itself, as a missed call, when the caller's cancel never arrives", async function () {
    this.timeout(15_000);
    await resetCalls();
    alice.close();
    // This app's calls ring 1 s; a caller whose "unanswered" or cancel was lost (our connection
    // was down) must not leave this page ringing past that plus the margin.
    alice = await configureAs('alice', channel, {}, { ringTimeout: 1 });
    const rangAt = performance.now();
    const lost = await bob.chat.initiateCall(new bob.chat.Call('alice', 'video', 'user'), 3600);
    const sessionId = lost.getSessionId();
    await waitFor(() => call()?.phase === 'ringing', 'the incoming call');
    await waitFor(() => call() === null, 'the ringing to stop', 1000 + RING_EXPIRY_MARGIN_MS + 2000);
    expect(performance.now() - rangAt).to.be.within(1000 + RING_EXPIRY_MARGIN_MS - 100, 1000 + RING_EXPIRY_MARGIN_MS + 1500);
    expect(seen('cc-call-ended').at(-1)!.detail).to.deep.equal({ sessionId, kind: 'direct', reason: 'unanswered' });
  });

  it('answers a second caller with BUSY and keeps ringing for the first', async () => {
    const carol = new RemoteUser('carol', channel);
    try {
      const first = await bob.call('alice');
      await waitFor(() => call()?.phase === 'ringing', 'the first call');
      const second = await carol.call('alice');
      const busy = await carol.waitToHear('onOutgoingCallRejected', second);
      expect(busy.status).to.equal('busy');
      expect(call()?.sessionId).to.equal(first);
      expect(seen('cc-call-incoming')).to.have.length(1);
    } finally {
      carol.close();
    }
  });

  it('accepting a call the caller has just cancelled never connects and leaves nothing running', async () => {
    const sessionId = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'the incoming call');
    const cancel = bob.chat.rejectCall(sessionId, 'cancelled');
    store.dispatch({ type: 'accept' });
    await cancel;
    await waitFor(() => call() === null || call()?.phase === 'ended', 'the call to end');
    await waitFor(() => call() === null, 'the outcome to close');
    expect(alice.inspect().session).to.equal(null);
    expect(bob.heard('onOutgoingCallAccepted')).to.equal(undefined);
  });

  it('leaves neither side in a call when the caller cancels as the callee accepts', async () => {
    const sessionId = await ringBob();
    const accept = bob.chat.acceptCall(sessionId).then(
      () => 'accepted',
      () => 'refused',
    );
    store.dispatch({ type: 'cancel' });
    const outcome = await accept;
    if (outcome === 'accepted') await bob.waitToHear('onCallEndedMessageReceived', sessionId);
    else await bob.waitToHear('onIncomingCallCancelled', sessionId);
    await waitFor(() => call() === null, 'the call to be gone');
    expect(alice.inspect().session).to.equal(null);
    expect(alice.inspect().activeCall).to.equal(null);
  });

  it('reports a failed initiateCall with a coded error and rings nobody', async () => {
    alice.failNext('initiateCall', { code: 'ERR_TEST', message: 'refused by the test' });
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    await waitFor(() => seen('cc-error').length > 0, 'cc-error');
    expect(seen('cc-error')[0].detail.code).to.equal('initiate-failed');
    expect(seen('cc-error')[0].detail.message).to.contain('refused by the test');
    await waitFor(() => call() === null, 'the failed call to close');
    expect(bob.events).to.deep.equal([]);
  });

  it('still releases the session and clears state when endCall fails', async () => {
    const sessionId = await ringBob();
    await bob.chat.acceptCall(sessionId);
    await waitFor(() => call()?.phase === 'active', 'the session to start');
    alice.failNext('endCall', { code: 'ERR_TEST', message: 'endCall broke' });
    store.dispatch({ type: 'hang-up' });
    await waitFor(() => seen('cc-error').some((e) => e.detail.code === 'end-failed'), 'the end-failed error');
    await waitFor(() => alice.inspect().session === null, 'the session to be released');
    await waitFor(() => call() === null, 'the outcome to close');
    expect(alice.inspect().activeCall).to.equal(null);
  });

  it('gives up on an SDK call that never answers, with a timeout error', async () => {
    await resetCalls();
    alice.close();
    alice = await configureAs('alice', channel, {}, { sdkTimeout: 300 });
    alice.failNext('initiateCall', 'hang');
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    await waitFor(() => seen('cc-error').length > 0, 'cc-error');
    expect(seen('cc-error')[0].detail.code).to.equal('sdk-timeout');
    await waitFor(() => call() === null, 'the call to close');
  });

  it('cancels a call it placed when the page goes away, so the callee stops ringing', async () => {
    const sessionId = await ringBob();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await bob.waitToHear('onIncomingCallCancelled', sessionId);
    expect(call()).to.equal(null);
  });

  it('ends a running call when the page goes away', async () => {
    const sessionId = await ringBob();
    await bob.chat.acceptCall(sessionId);
    await waitFor(() => call()?.phase === 'active', 'the session to start');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await bob.waitToHear('onCallEndedMessageReceived', sessionId);
    await waitFor(() => alice.inspect().session === null, 'the session to end');
  });

  it('keeps an incoming call ringing when the page goes away, for another tab or device to answer', async () => {
    const sessionId = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'ringing');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await new Promise((r) => setTimeout(r, 100));
    expect(bob.heard('onOutgoingCallRejected', sessionId)).to.equal(undefined);
  });

  it('ends the call when the other side hangs up', async () => {
    const sessionId = await ringBob();
    await bob.chat.acceptCall(sessionId);
    await waitFor(() => call()?.phase === 'active', 'the session to start');
    await bob.chat.endCall(sessionId);
    await waitFor(() => call()?.reason === 'remote-ended', 'the remote end');
    await waitFor(() => alice.inspect().session === null, 'the session to be released');
  });
});

describe('ringing in several tabs of one user', () => {
  let channel: string;
  let alice: Emulator;
  let bob: RemoteUser;
  let stage: ReturnType<typeof bareStage>;
  /** What the user's other tabs hear and say, on the bundle's tab channel. */
  let otherTab: BroadcastChannel;
  let heardFromThisTab: unknown[];

  beforeEach(async () => {
    channel = uniqueChannel();
    alice = await configureAs('alice', channel);
    bob = new RemoteUser('bob', channel);
    stage = bareStage();
    heardFromThisTab = [];
    otherTab = new BroadcastChannel('cc-call-elements:tabs');
    otherTab.onmessage = (event) => heardFromThisTab.push(event.data);
  });

  afterEach(async () => {
    otherTab.close();
    stage.dispose();
    await cleanUp(alice, bob);
  });

  async function ringing(): Promise<string> {
    const sessionId = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'ringing');
    return sessionId;
  }

  it('stops ringing when another tab answers, and leaves the call to that tab', async () => {
    const ended = recordDocumentEvents(['cc-call-ended']);
    const sessionId = await ringing();
    otherTab.postMessage({ uid: 'alice', sessionId });
    await waitFor(() => call() === null, 'the ringing to stop');
    expect(ended.events.map((e) => e.detail.reason)).to.deep.equal(['elsewhere']);
    ended.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(bob.heard('onOutgoingCallRejected'), 'this tab did not decline it').to.equal(undefined);
  });

  it("ignores another user's tab on the same origin", async () => {
    const sessionId = await ringing();
    otherTab.postMessage({ uid: 'carol', sessionId });
    otherTab.postMessage({ uid: 'alice', sessionId: 'some-other-call' });
    otherTab.postMessage('<not a message>');
    await new Promise((r) => setTimeout(r, 100));
    expect(call()?.phase).to.equal('ringing');
  });

  it('trusts the channel only to silence this tab: after a forged message the caller still rings and another device can answer', async () => {
    const phone = new RemoteUser('alice', channel); // the user's phone, ringing too
    try {
      const sessionId = await ringing();
      otherTab.postMessage({ uid: 'alice', sessionId }); // any same-origin script can post this
      await waitFor(() => call() === null, 'this tab to stop ringing');
      await new Promise((r) => setTimeout(r, 100));
      expect(bob.heard('onOutgoingCallRejected'), 'nothing was rejected').to.equal(undefined);
      expect(bob.heard('onOutgoingCallAccepted'), 'nothing was accepted').to.equal(undefined);
      await phone.chat.acceptCall(sessionId);
      await bob.waitToHear('onOutgoingCallAccepted', sessionId);
    } finally {
      phone.close();
    }
  });

  it('tells the other tabs when it answers', async () => {
    const sessionId = await ringing();
    store.dispatch({ type: 'accept' });
    await waitFor(() => heardFromThisTab.length > 0, 'the announcement');
    expect(heardFromThisTab).to.deep.equal([{ uid: 'alice', sessionId }]);
  });

  it('tells the other tabs when it declines', async () => {
    const sessionId = await ringing();
    store.dispatch({ type: 'decline' });
    await waitFor(() => heardFromThisTab.length > 0, 'the announcement');
    expect(heardFromThisTab).to.deep.equal([{ uid: 'alice', sessionId }]);
  });
});

describe('configure() and the SDK listeners', () => {
  let channel: string;
  beforeEach(() => {
    channel = uniqueChannel();
  });
  afterEach(() => resetCalls());

  it('registers one call listener and one message listener however often it is configured', async () => {
    const alice = await configureAs('alice', channel);
    const again = await configureAs('alice', channel);
    try {
      expect(alice.inspect().callListeners).to.equal(0);
      expect(again.inspect()).to.include({ callListeners: 1, messageListeners: 1 });
      await resetCalls();
      expect(again.inspect()).to.include({ callListeners: 0, messageListeners: 0 });
    } finally {
      alice.close();
      again.close();
    }
  });

  it('rejects missing options with config-invalid and marks calling unavailable', async () => {
    const error = await configure({}).catch((e: unknown) => e);
    expect(error).to.have.property('code', 'config-invalid');
    expect(getStore().state.status).to.equal('unavailable');
  });

  it('rejects something that is not a CometChat namespace', async () => {
    const error = await configure({ chat: {} as never }).catch((e: unknown) => e);
    expect(error).to.have.property('code', 'config-invalid');
  });

  it('rejects with login-failed when nobody is logged in to the given SDK', async () => {
    const { createEmulator } = await import('../../emulator/index.js');
    const loggedOut = createEmulator({ channel, media: false });
    try {
      const error = await configure({ chat: loggedOut.CometChat, calls: loggedOut.CometChatCalls }).catch((e: unknown) => e);
      expect(error).to.have.property('code', 'login-failed');
      expect(getStore().state.status).to.equal('unavailable');
    } finally {
      loggedOut.close();
    }
  });

  it('logs in with an auth token and is ready to call', async () => {
    const { createEmulator } = await import('../../emulator/index.js');
    const loggedOut = createEmulator({ channel, media: false });
    try {
      await configure({ chat: loggedOut.CometChat, calls: loggedOut.CometChatCalls, authToken: 'emu-token:carol' } as never);
      expect(getStore().state.user?.id).to.equal('carol');
    } finally {
      loggedOut.close();
    }
  });
});
