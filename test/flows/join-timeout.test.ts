/**
 * A session that never lets us in (issue 15, point 4f): the SDK's start returned, but it never
 * reports that we joined (v4: no onUserListUpdated / onUserJoined; v5: no onSessionJoined). After
 * `joinTimeout` the call fails with `join-timeout`: the camera goes off, and the call is ended on
 * the cloud (1:1) or left (meeting), so nobody is left alone in it.
 */
import { expect } from '@open-wc/testing';
import type { Emulator } from '../../emulator/index.js';
import { configure } from '../../src/configure/configure.js';
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

const JOIN_TIMEOUT = 1500;

/** The calls SDK renders the session (the camera opens) but never reports that we joined. */
function neverReportJoined(alice: Emulator, version: 4 | 5): void {
  const calls = alice.CometChatCalls as unknown as Record<string, unknown>;
  if (version === 4) {
    const Real = calls['OngoingCallListener'] as new (handlers: Record<string, unknown>) => object;
    calls['OngoingCallListener'] = class extends Real {
      constructor(handlers: Record<string, unknown>) {
        const { onUserListUpdated: _list, onUserJoined: _joined, ...rest } = handlers;
        super(rest);
      }
    };
  } else {
    const subscribe = (calls['addEventListener'] as (name: string, handler: unknown) => unknown).bind(calls);
    calls['addEventListener'] = (name: string, handler: unknown) =>
      name === 'onSessionJoined' || name === 'onParticipantListChanged' ? () => undefined : subscribe(name, handler);
  }
}

for (const version of [4, 5] as const) {
  describe(`a session that never lets us in (calls SDK v${version})`, () => {
    let world: CallWorld;
    let alice: Emulator;
    let bob: RemoteUser;
    let recorder: CallWorld['recorder'];

    beforeEach(async () => {
      world = await aliceAndBob(version, { joinTimeout: JOIN_TIMEOUT, outcomeDuration: 60_000 });
      ({ alice, bob, recorder } = world);
      neverReportJoined(alice, version);
    });

    afterEach(() => closeWorld(world));

    it('fails a 1:1 call with join-timeout, turns the camera off and ends the call for the other side', async function () {
      this.timeout(20_000);
      store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
      const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
      await bob.chat.acceptCall(sessionId);
      await waitFor(() => call()?.phase === 'connecting', 'alice connecting');
      await waitFor(() => alice.inspect().liveTracks >= 2, 'the camera on while connecting', 8000);
      await sleep(JOIN_TIMEOUT / 2);
      expect(call()?.phase, 'still connecting before the join timeout').to.equal('connecting');
      await waitFor(() => call()?.reason === 'failed', 'the call to fail after the join timeout', 8000);
      expect(call()?.error?.code, 'the outcome says why').to.equal('join-timeout');
      expect(recorder.events.map((e) => e.detail.code)).to.deep.equal(['join-timeout']);
      await waitFor(() => alice.inspect().liveTracks === 0, 'camera and microphone off');
      expect(alice.inspect().session, 'no session').to.equal(null);
      await bob.waitToHear('onCallEndedMessageReceived', sessionId);
    });

    it('fails a meeting with join-timeout and leaves it, camera off', async function () {
      this.timeout(20_000);
      store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
      await waitFor(() => call()?.phase === 'connecting', 'alice connecting');
      await waitFor(() => call()?.reason === 'failed', 'the meeting to fail after the join timeout', 8000);
      expect(call()?.error?.code).to.equal('join-timeout');
      expect(recorder.events.map((e) => e.detail.code)).to.deep.equal(['join-timeout']);
      await waitFor(() => alice.inspect().liveTracks === 0, 'camera and microphone off');
      expect(alice.inspect().session, 'left the session').to.equal(null);
    });
  });
}

describe('joinTimeout leaves a session that does let us in alone', () => {
  it('a call that joins in time stays up past the join timeout', async function () {
    this.timeout(20_000);
    const channel = uniqueChannel();
    const alice = await configureAs('alice', channel, { media: true, iceFilter: 'loopback' }, { joinTimeout: 800 });
    const stage = bareStage();
    try {
      store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
      await waitFor(() => call()?.phase === 'active', 'alice in the meeting', 8000);
      await sleep(1200);
      expect(call()?.phase).to.equal('active');
    } finally {
      stage.dispose();
      await cleanUp(alice);
    }
  });

  it('configure() refuses a joinTimeout out of range', async () => {
    const channel = uniqueChannel();
    const alice = await configureAs('alice', channel);
    try {
      for (const joinTimeout of [0, -1, 1e12, Number.NaN]) {
        const refused = await configure({ chat: alice.CometChat, calls: alice.CometChatCalls, joinTimeout }).then(
          () => null,
          (error: { code?: string }) => error.code,
        );
        expect(refused, `joinTimeout ${joinTimeout}`).to.equal('config-invalid');
      }
    } finally {
      await cleanUp(alice);
    }
  });
});
