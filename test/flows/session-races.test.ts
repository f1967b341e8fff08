/**
 * Races between a session starting and ending, on both calls-SDK generations,
 * with the fake camera: a start that answers after the store gave up must not
 * leave the camera on, and leaving then rejoining at once must not let the old
 * leave end the new session.
 */
import { expect } from '@open-wc/testing';
import type { Emulator } from '../../emulator/index.js';
import { getStore } from '../../src/store/store.js';
import {
  RemoteUser,
  aliceAndBob,
  bareStage,
  bobParty,
  cleanUp,
  closeWorld,
  configureAs,
  sleep,
  teamParty,
  uniqueChannel,
  waitFor,
  type CallWorld,
} from '../helpers.js';

const store = getStore();
const call = () => store.state.call;

/** Makes the SDK's `method` answer `ms` later than it would; `done` runs once the real call has settled. */
function delay(calls: object, method: string, ms: number, done: () => void = () => undefined): void {
  const target = calls as Record<string, (...args: unknown[]) => unknown>;
  const real = target[method].bind(calls);
  target[method] = async (...args: unknown[]) => {
    await sleep(ms);
    try {
      return await real(...args);
    } finally {
      done();
    }
  };
}

/** Makes the SDK's `method` do its real work (the camera opens) and then reject, as a connection failure would. */
function failAfterWork(calls: object, method: string): void {
  const target = calls as Record<string, (...args: unknown[]) => unknown>;
  const real = target[method].bind(calls);
  target[method] = async (...args: unknown[]) => {
    await real(...args);
    throw { code: 'ERROR_CONNECTING', message: 'The session could not connect.' };
  };
}

for (const version of [4, 5] as const) {
  const join = version === 5 ? 'joinSession' : 'startSession';
  const leave = version === 5 ? 'leaveSession' : 'endSession';

  describe(`session races on calls SDK v${version}`, () => {
    let world: CallWorld | undefined;
    let alice: Emulator;
    let bob: RemoteUser;
    let recorder: CallWorld['recorder'];

    /** Configures alice with the fake camera; `sdkTimeout` is how long the store waits for each SDK call. */
    async function setUp(sdkTimeout?: number): Promise<void> {
      world = await aliceAndBob(version, sdkTimeout === undefined ? {} : { sdkTimeout });
      ({ alice, bob, recorder } = world);
    }

    afterEach(() => closeWorld(world));

    /** Brings a call of `kind` to the point where alice's client starts its session. */
    async function placeCall(kind: 'direct' | 'meeting'): Promise<void> {
      if (kind === 'meeting') {
        store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
        return;
      }
      store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
      const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
      await bob.chat.acceptCall(sessionId);
    }

    const lateCases: Array<[string, 'direct' | 'meeting']> = [
      [join, 'direct'],
      [join, 'meeting'],
      ['generateToken', 'meeting'],
    ];
    for (const [method, kind] of lateCases) {
      it(`turns the camera off when ${method} answers after the store gave up on a ${kind} call`, async () => {
        await setUp(300);
        let answered = false;
        delay(alice.CometChatCalls, method, 600, () => (answered = true));
        await placeCall(kind);
        await waitFor(() => recorder.events.some((e) => e.detail.code === 'sdk-timeout'), 'the store to give up on the session');
        await waitFor(() => answered, `the late ${method}`);
        // Long enough for a late session to open the fake camera (about 150 ms).
        await sleep(800);
        expect(alice.inspect().liveTracks, 'camera and microphone released').to.equal(0);
        expect(alice.inspect().session).to.equal(null);
        expect(call()?.phase ?? null, 'no call on screen').to.not.equal('active');
      });
    }

    for (const kind of ['direct', 'meeting'] as const) {
      it(`turns the camera off when ${join} fails after opening it on a ${kind} call`, async () => {
        await setUp();
        failAfterWork(alice.CometChatCalls, join);
        await placeCall(kind);
        await waitFor(() => call()?.reason === 'failed', 'the call to fail');
        expect(recorder.events.map((e) => e.detail.code)).to.deep.equal(['session-failed']);
        await waitFor(() => alice.inspect().liveTracks === 0, 'camera and microphone released');
        expect(alice.inspect().session).to.equal(null);
      });
    }

    for (const method of ['generateToken', join]) {
      it(`starts the next meeting after ${method} never answered for the previous one`, async () => {
        await setUp(400);
        alice.failNext(method, 'hang');
        store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
        await waitFor(() => call()?.reason === 'failed', 'the store to give up on the first session');
        store.dispatch({ type: 'dismiss' });
        store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
        await waitFor(() => call()?.phase === 'active', 'alice in the second meeting', 8000);
        expect(alice.inspect().session?.sessionId).to.equal('team');
      });
    }

    it('keeps a meeting rejoined while the previous leave is still finishing', async () => {
      await setUp();
      store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
      await waitFor(() => call()?.phase === 'active', 'alice in the meeting');
      await waitFor(() => alice.inspect().liveTracks >= 2, 'camera and microphone tracks');
      delay(alice.CometChatCalls, leave, 300);
      store.dispatch({ type: 'hang-up' });
      await waitFor(() => call()?.phase !== 'active', 'alice to leave');
      store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
      await waitFor(() => call()?.phase === 'active', 'alice back in the meeting');
      await sleep(600);
      expect(call()?.phase, 'the rejoined meeting is still on screen').to.equal('active');
      expect(alice.inspect().session?.sessionId).to.equal('team');
      expect(alice.inspect().liveTracks).to.be.at.least(2);
      expect(recorder.events.map((e) => e.detail.code)).to.deep.equal([]);
    });

    it('keeps a meeting started while the hung-up call is still waiting for a slow endCall', async () => {
      await setUp();
      await placeCall('direct');
      await waitFor(() => call()?.phase === 'active', 'alice in the 1:1 call');
      // endCall answers after the meeting has started, but within the 1.5 s hang-up grace.
      delay(alice.CometChat, 'endCall', 1200);
      store.dispatch({ type: 'hang-up' });
      store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
      await waitFor(() => call()?.phase === 'active', 'alice in the meeting');
      await sleep(1600);
      expect(call()?.phase, 'the meeting is still on screen').to.equal('active');
      expect(alice.inspect().session?.sessionId, 'the meeting session still runs').to.equal('team');
      expect(alice.inspect().liveTracks).to.be.at.least(2);
      expect(recorder.events.map((e) => e.detail.code)).to.deep.equal([]);
    });
  });
}

describe('participant count on calls SDK v5', () => {
  let alice: Emulator;
  let bob: RemoteUser;
  let stage: ReturnType<typeof bareStage>;
  const bobContainer = document.createElement('div');

  beforeEach(async () => {
    const channel = uniqueChannel();
    alice = await configureAs('alice', channel, { callsVersion: 5 });
    bob = new RemoteUser('bob', channel, { callsVersion: 5 });
    stage = bareStage();
    document.body.append(bobContainer);
  });

  afterEach(async () => {
    stage.dispose();
    bobContainer.remove();
    await cleanUp(alice, bob);
  });

  it('counts from the participant list even when onParticipantJoined comes after it', async () => {
    // An SDK build may send the new list before the joined event; the emulator sends them the other way round.
    const calls = alice.CometChatCalls;
    const subscribe = calls.addEventListener!.bind(calls);
    calls.addEventListener = (name, handler) =>
      subscribe(name, name === 'onParticipantJoined' ? (payload) => setTimeout(() => handler(payload), 50) : handler);

    store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
    await waitFor(() => call()?.phase === 'active', 'alice in the meeting');
    const bobCalls = bob.emulator.CometChatCalls;
    const user = await bob.chat.getLoggedinUser();
    const { token } = (await bobCalls.generateToken('team', user!.getAuthToken!())) as { token: string };
    await bobCalls.joinSession!(token, { sessionType: 'VIDEO' }, bobContainer);
    await waitFor(() => call()?.othersInSession === 1, 'alice to see bob');
    await sleep(200);
    expect(call()?.othersInSession, 'one other person in the meeting').to.equal(1);
  });
});
