/**
 * Late answers across a reset, a reconfiguration and a newer call (issue 15, points 4d, 4e, 4g):
 * whatever a late SDK answer set up is undone, and never at the expense of a newer call.
 */
import { expect } from '@open-wc/testing';
import type { Emulator } from '../../emulator/index.js';
import { configure, resetCalls } from '../../src/configure/configure.js';
import { getStore } from '../../src/store/store.js';
import { RemoteUser, aliceAndBob, bobParty, closeWorld, sleep, waitFor, type CallWorld } from '../helpers.js';

const store = getStore();
const call = () => store.state.call;

type Methods = Record<string, (...args: unknown[]) => unknown>;

/** `method` does its real work at once (the server rings the callee), but answers only after `ms`. */
function answerLate(target: object, method: string, ms: number): void {
  const t = target as Methods;
  const real = t[method]!.bind(target);
  t[method] = async (...args: unknown[]) => {
    const result = await real(...args);
    await sleep(ms);
    return result;
  };
}

/** The next call of `method` does nothing until `gate` opens, then its real work; later calls are quick. */
function startOnceAfter(target: object, method: string, gate: Promise<void>): void {
  const t = target as Methods;
  const real = t[method]!.bind(target);
  t[method] = async (...args: unknown[]) => {
    t[method] = real;
    await gate;
    return real(...args);
  };
}

/** The next call of `method` does its real work at once, but answers only once `gate` opens; later calls are quick. */
function answerOnceAfter(target: object, method: string, gate: Promise<void>): void {
  const t = target as Methods;
  const real = t[method]!.bind(target);
  t[method] = async (...args: unknown[]) => {
    t[method] = real;
    const result = await real(...args);
    await gate;
    return result;
  };
}

describe('late answers never outlive a reset or overlap a newer call (issue 15)', () => {
  let world: CallWorld | undefined;
  let alice: Emulator;
  let bob: RemoteUser;

  async function setUp(sdkTimeout?: number, version: 4 | 5 = 4): Promise<void> {
    world = await aliceAndBob(version, sdkTimeout === undefined ? {} : { sdkTimeout });
    ({ alice, bob } = world);
  }

  afterEach(() => closeWorld(world));

  // 4d: fuzz seeds 700331 and 120600125 shrink to this.
  for (const sdkTimeout of [undefined, 200]) {
    const within = sdkTimeout ? `after the ${sdkTimeout} ms sdkTimeout` : 'within the sdkTimeout';
    it(`4d resetCalls() while initiateCall is on its way (answering ${within}) cancels the late call`, async () => {
      await setUp(sdkTimeout);
      answerLate(alice.CometChat, 'initiateCall', 400);
      store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
      const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
      await resetCalls();
      expect(store.state.status, 'the page is back to "not configured"').to.equal('unconfigured');
      await bob.waitToHear('onIncomingCallCancelled', sessionId, 3000);
    });

    it(`4d a second configure() while initiateCall is on its way (answering ${within}) cancels the late call`, async () => {
      await setUp(sdkTimeout);
      answerLate(alice.CometChat, 'initiateCall', 400);
      store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
      const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
      await configure({ chat: alice.CometChat, calls: alice.CometChatCalls, outcomeDuration: 60, sdkTimeout: sdkTimeout ?? 20000 });
      expect(store.state.status, 'the new configuration is ready').to.equal('ready');
      await bob.waitToHear('onIncomingCallCancelled', sessionId, 3000);
      expect(call(), 'no call on the page').to.equal(null);
      // And the page can call again at once.
      store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
      await waitFor(() => bob.events.filter((e) => e.name === 'onIncomingCallReceived').length === 2, 'the second call to ring');
    });
  }

  // Found by the model-based test (FUZZ_RUNS=500 FUZZ_SEED=5550123): [bob calls, alice accepts (acceptCall hangs), reset].
  it('resetCalls() while acceptCall is on its way declines the call, so the caller stops ringing', async () => {
    await setUp(300);
    alice.failNext('acceptCall', 'hang');
    const sessionId = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'alice to ring');
    store.dispatch({ type: 'accept' });
    await sleep(30);
    await resetCalls();
    const rejected = await bob.waitToHear('onOutgoingCallRejected', sessionId, 3000);
    expect(rejected.status).to.equal('rejected');
  });

  // 4e: the late start must not open a second session beside the accepted call's.
  for (const version of [4, 5] as const) {
    const join = version === 5 ? 'joinSession' : 'startSession';
    it(`4e a timed-out ${join} that completes late never overlaps the next call's session (v${version})`, async function () {
      this.timeout(45_000);
      // Reported with sdkTimeout 200 ms and a start 400 ms late. Here the test says when the late start goes
      // through, and the timeout leaves room for the fake camera, which takes seconds to open on a busy machine.
      await setUp(3000, version);
      let release: () => void = () => undefined;
      startOnceAfter(alice.CometChatCalls, join, new Promise<void>((resolve) => (release = resolve)));
      store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
      const first = await bob.waitToHear('onIncomingCallReceived');
      await bob.chat.acceptCall(first.sessionId);
      await waitFor(() => call()?.reason === 'failed', 'the store to give up on the first session', 8000);
      await bob.waitToHear('onCallEndedMessageReceived', first.sessionId);
      store.dispatch({ type: 'dismiss' });
      // A new incoming call is accepted; then the first start goes through, late.
      const second = await bob.call('alice');
      await waitFor(() => call()?.phase === 'ringing', 'alice to ring');
      store.dispatch({ type: 'accept' });
      await waitFor(() => call()?.phase === 'connecting', 'alice connecting to the second call');
      await sleep(300);
      release();
      await waitFor(() => call()?.phase === 'active', 'alice in the second call', 15_000);
      await sleep(1000);
      expect(call()?.phase, 'the second call is still on screen').to.equal('active');
      expect(alice.inspect().session?.sessionId, "the second call's session runs, and only it").to.equal(second);
      expect(alice.inspect().liveTracks).to.be.at.least(2);
      expect(bob.heard('onCallEndedMessageReceived', second), 'Bob is still in the second call').to.equal(undefined);
    });
  }

  // 4g: shrunk from FUZZ_RUNS=120 FUZZ_SEED=4242, run 79.
  it('4g a cancel that answers late never takes the next call with it', async () => {
    await setUp(150);
    // alice calls (her session start will be late), and hangs up while the cancel answers late
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    const first = await bob.waitToHear('onIncomingCallReceived');
    await waitFor(() => call()?.phase === 'ringing', 'alice ringing out');
    answerLate(alice.CometChat, 'rejectCall', 250);
    answerLate(alice.CometChatCalls, 'startSession', 250);
    store.dispatch({ type: 'hang-up' });
    await sleep(30);
    // alice calls again, and Bob accepts
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    const second = await waitFor(
      () => bob.events.find((e) => e.name === 'onIncomingCallReceived' && e.sessionId !== first.sessionId),
      'the second call to ring',
    );
    await bob.chat.acceptCall(second.sessionId);
    await sleep(1000);
    const live = call()?.phase === 'ended' ? null : call();
    const over = bob.heard('onCallEndedMessageReceived', second.sessionId) ?? bob.heard('onOutgoingCallRejected', second.sessionId);
    if (live?.sessionId !== second.sessionId) {
      expect(over, 'Bob is not left alone in the accepted call while Alice has no such call').to.not.equal(undefined);
    }
  });

  // Shrunk by hand from FUZZ_RUNS=500 FUZZ_SEED=27182818, run 262: a late acceptCall's answer is hung up while the next call is live.
  it("an accept that answers late, after the next call is accepted, is hung up without taking the next call's end with it", async function () {
    this.timeout(30_000);
    // The first accept's answer is held back by the test; the limit leaves room for the second call's camera on a busy machine.
    await setUp(3000);
    let release: () => void = () => undefined;
    answerOnceAfter(alice.CometChat, 'acceptCall', new Promise<void>((resolve) => (release = resolve)));
    // Bob calls; Alice accepts, but the answer never comes in time: her page gives up on the call.
    const first = await bob.call('alice');
    await waitFor(() => call()?.phase === 'ringing', 'alice to ring');
    store.dispatch({ type: 'accept' });
    await bob.waitToHear('onOutgoingCallAccepted', first);
    await waitFor(() => call()?.reason === 'failed', 'the accept to time out', 8000);
    // Bob, in the accepted call alone, hangs up and calls again; Alice accepts this one at once.
    await bob.chat.endCall(first);
    store.dispatch({ type: 'dismiss' });
    const second = await bob.call('alice');
    await waitFor(() => call()?.sessionId === second && call()?.phase === 'ringing', 'alice to ring again');
    store.dispatch({ type: 'accept' });
    await bob.waitToHear('onOutgoingCallAccepted', second);
    await waitFor(() => call()?.phase === 'connecting' || call()?.phase === 'active', 'alice to connect to the second call');
    // Now the first accept answers, late: her page hangs that call up (its endCall is waited for up to 1.5 s).
    release();
    await sleep(2500);
    expect(call()?.sessionId, 'Alice is still in the second call').to.equal(second);
    expect(call()?.phase, 'and it is live').to.be.oneOf(['connecting', 'active']);
    // Alice hangs up the second call: Bob is told, not left alone in it.
    store.dispatch({ type: 'hang-up' });
    await bob.waitToHear('onCallEndedMessageReceived', second, 3000);
  });
});
