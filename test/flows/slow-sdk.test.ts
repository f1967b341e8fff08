/**
 * A slow SDK, not a failing one (issue 12, findings 1–5): an answer that comes after the store gave
 * up is still an answer, and whatever it set up on the server or in the calls SDK is undone, by the
 * call it belongs to, never by ending whatever session happens to run.
 */
import { expect } from '@open-wc/testing';
import type { Emulator } from '../../emulator/index.js';
import { getStore } from '../../src/store/store.js';
import { RemoteUser, aliceAndBob, bobParty, closeWorld, sleep, teamParty, waitFor, type CallWorld } from '../helpers.js';

const store = getStore();
const call = () => store.state.call;

type Methods = Record<string, (...args: unknown[]) => unknown>;

/** `method` does nothing until `ms` have passed, then its real work. */
function startLate(target: object, method: string, ms: number): void {
  const t = target as Methods;
  const real = t[method]!.bind(target);
  t[method] = async (...args: unknown[]) => {
    await sleep(ms);
    return real(...args);
  };
}

/** `method` does its real work at once (the camera opens), but answers only after `ms`, or never. */
function answerLate(target: object, method: string, ms: number | 'never'): void {
  const t = target as Methods;
  const real = t[method]!.bind(target);
  t[method] = async (...args: unknown[]) => {
    const result = await real(...args);
    await (ms === 'never' ? new Promise(() => undefined) : sleep(ms));
    return result;
  };
}

describe('a slow SDK leaves nothing behind (issue 12)', () => {
  let world: CallWorld | undefined;
  let alice: Emulator;
  let bob: RemoteUser;
  let recorder: CallWorld['recorder'];

  async function setUp(sdkTimeout: number, version: 4 | 5 = 4): Promise<void> {
    world = await aliceAndBob(version, { sdkTimeout });
    ({ alice, bob, recorder } = world);
  }

  afterEach(() => closeWorld(world));

  it('#1 cancels a call whose initiateCall answered after the store gave up, so the callee stops ringing', async () => {
    await setUp(200);
    startLate(alice.CometChat, 'initiateCall', 250);
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    await waitFor(() => call()?.reason === 'failed', 'the store to give up');
    const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
    await bob.waitToHear('onIncomingCallCancelled', sessionId, 3000);
    expect(alice.inspect().activeCall, 'the SDK holds no active call').to.equal(null);
  });

  it('#2 hangs up a call whose acceptCall answered after the store gave up, so the caller is not left alone', async () => {
    await setUp(200);
    startLate(alice.CometChat, 'acceptCall', 300);
    const sessionId = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'alice to ring');
    store.dispatch({ type: 'accept' });
    await waitFor(() => call()?.reason === 'failed', 'the store to give up on acceptCall');
    await sleep(600);
    const accepted = bob.heard('onOutgoingCallAccepted', sessionId);
    const over = bob.heard('onOutgoingCallRejected', sessionId) ?? bob.heard('onCallEndedMessageReceived', sessionId);
    expect(over, `the caller hears the call is over (accepted: ${!!accepted})`).to.not.equal(undefined);
    if (accepted) await bob.waitToHear('onCallEndedMessageReceived', sessionId);
    expect(alice.inspect().session).to.equal(null);
  });

  // Shrunk from the model-based test: [bob calls, alice accepts (acceptCall late)]. The server
  // accepted at once, so the late answer must still be hung up after the store gave up.
  it('#2 hangs up an acceptCall the server took at once but whose answer came late', async () => {
    await setUp(150);
    answerLate(alice.CometChat, 'acceptCall', 250);
    const sessionId = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'alice to ring');
    store.dispatch({ type: 'accept' });
    await bob.waitToHear('onOutgoingCallAccepted', sessionId);
    await waitFor(() => call()?.reason === 'failed', 'the store to give up on acceptCall');
    await bob.waitToHear('onCallEndedMessageReceived', sessionId, 3000);
    await waitFor(() => alice.inspect().activeCall === null, "the SDK's active call cleared");
  });

  it('#3 declines when acceptCall fails, so the caller stops ringing', async () => {
    await setUp(2000);
    alice.failNext('acceptCall', { code: 'ERR_UNKNOWN', message: 'The server could not accept the call.' });
    const sessionId = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'alice to ring');
    store.dispatch({ type: 'accept' });
    await waitFor(() => call()?.reason === 'failed', 'the accept to fail');
    const rejected = await bob.waitToHear('onOutgoingCallRejected', sessionId);
    expect(rejected.status).to.equal('rejected');
    expect(recorder.events.map((e) => e.detail.code)).to.deep.equal(['accept-failed']);
  });

  it('#3 sends no decline, and reports nothing more, when accepting a call the caller has just cancelled', async () => {
    await setUp(2000);
    const sessionId = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'alice to ring');
    startLate(alice.CometChat, 'acceptCall', 150);
    store.dispatch({ type: 'accept' });
    await bob.chat.rejectCall(sessionId, 'cancelled');
    await waitFor(() => call() === null || call()?.phase === 'ended', 'the ringing to stop');
    await sleep(400);
    expect(bob.heard('onOutgoingCallRejected', sessionId)).to.equal(undefined);
    expect(recorder.events.map((e) => e.detail.code)).to.not.include('reject-failed');
  });

  for (const version of [4, 5] as const) {
    const join = version === 5 ? 'joinSession' : 'startSession';
    it(`#4 turns the camera off when ${join} hangs after opening it (v${version})`, async () => {
      await setUp(400, version);
      answerLate(alice.CometChatCalls, join, 'never');
      store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
      await waitFor(() => call()?.reason === 'failed', 'the store to give up on the session');
      await waitFor(() => alice.inspect().liveTracks === 0, 'camera and microphone released', 2000);
      expect(alice.inspect().session).to.equal(null);
    });

    it(`#5 a slow ${join} from an abandoned call never ends the next call's session (v${version})`, async () => {
      await setUp(300, version);
      const calls = alice.CometChatCalls as unknown as Methods;
      const real = calls[join]!.bind(calls);
      answerLate(alice.CometChatCalls, join, 900);
      store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
      await waitFor(() => call()?.reason === 'failed', 'the store to give up on the first session');
      calls[join] = real; // the next call's start is quick
      store.dispatch({ type: 'dismiss' });
      store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
      const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
      await bob.chat.acceptCall(sessionId);
      await waitFor(() => call()?.phase === 'active', 'alice in the 1:1 call', 8000);
      await sleep(1000); // the first start answers meanwhile
      expect(call()?.phase, 'the call is still on screen').to.equal('active');
      expect(alice.inspect().session?.sessionId, 'and its session still runs').to.equal(sessionId);
      expect(alice.inspect().liveTracks).to.be.at.least(2);
    });
  }
});
