/**
 * Call sessions on both calls-SDK generations, with the fake camera: the
 * media must be released however the call ends.
 */
import { expect } from '@open-wc/testing';
import type { Emulator } from '../../emulator/index.js';
import type { CallSettingsContext } from '../../src/sdk/session.js';
import { getStore } from '../../src/store/store.js';
import { resetCalls } from '../../src/configure/configure.js';
import { RemoteUser, bareStage, bobParty, cleanUp, configureAs, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();
const call = () => store.state.call;

for (const version of [4, 5] as const) {
  describe(`sessions on calls SDK v${version}`, () => {
    let channel: string;
    let alice: Emulator;
    let bob: RemoteUser;
    let stage: ReturnType<typeof bareStage>;
    let contexts: CallSettingsContext[];

    beforeEach(async () => {
      channel = uniqueChannel();
      contexts = [];
      alice = await configureAs(
        'alice',
        channel,
        { callsVersion: version, media: true, iceFilter: 'loopback' },
        { callSettings: (context) => contexts.push(context) },
      );
      bob = new RemoteUser('bob', channel, { callsVersion: version });
      stage = bareStage();
    });

    afterEach(async () => {
      stage.dispose();
      await cleanUp(alice, bob);
    });

    async function answeredCall(callType: 'audio' | 'video' = 'video'): Promise<string> {
      store.dispatch({ type: 'call', target: bobParty, callType });
      const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
      await bob.chat.acceptCall(sessionId);
      await waitFor(() => call()?.phase === 'active', 'the session to start', 8000);
      return sessionId;
    }

    it('opens the camera for a video call and turns it off when the call is hung up', async () => {
      await answeredCall('video');
      await waitFor(() => alice.inspect().liveTracks >= 2, 'camera and microphone tracks');
      store.dispatch({ type: 'hang-up' });
      await waitFor(() => alice.inspect().liveTracks === 0, 'every track to stop');
      expect(alice.inspect().session).to.equal(null);
      expect(stage.container.querySelector('video')).to.equal(null);
    });

    it('uses only the microphone for an audio call', async () => {
      await answeredCall('audio');
      await waitFor(() => alice.inspect().liveTracks >= 1, 'the microphone track');
      expect(alice.inspect().liveTracks).to.equal(1);
      const context = contexts[0];
      if (context.version === 4) expect(context.builder).to.be.an('object');
      else expect(context.settings.sessionType).to.equal('VOICE');
    });

    it(`hands the host's callSettings hook the v${version} settings once per session`, async () => {
      const sessionId = await answeredCall('video');
      expect(contexts).to.have.length(1);
      expect(contexts[0]).to.include({ version, sessionId, callType: 'video', kind: 'direct' });
    });

    it('turns the camera off promptly on hang-up even when endCall hangs', async () => {
      await resetCalls();
      alice.close();
      alice = await configureAs('alice', channel, { callsVersion: version, media: true, iceFilter: 'loopback' }, { sdkTimeout: 4000 });
      await answeredCall('video');
      await waitFor(() => alice.inspect().liveTracks >= 2, 'camera and microphone tracks');
      alice.failNext('endCall', 'hang');
      const hungUpAt = performance.now();
      store.dispatch({ type: 'hang-up' });
      await waitFor(() => alice.inspect().liveTracks === 0, 'every track to stop', 3000);
      expect(performance.now() - hungUpAt, 'well before the 4 s endCall timeout').to.be.below(2500);
      expect(alice.inspect().session).to.equal(null);
    });

    it('releases the camera when the other side hangs up', async () => {
      const sessionId = await answeredCall('video');
      await waitFor(() => alice.inspect().liveTracks >= 2, 'camera and microphone tracks');
      await bob.chat.endCall(sessionId);
      await waitFor(() => call()?.reason === 'remote-ended', 'the remote end');
      await waitFor(() => alice.inspect().liveTracks === 0, 'every track to stop');
    });

    it('releases a session that was still starting when the user hung up', async () => {
      store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
      const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
      await bob.chat.acceptCall(sessionId);
      await waitFor(() => call()?.phase === 'connecting', 'the session to be starting');
      store.dispatch({ type: 'hang-up' });
      await bob.waitToHear('onCallEndedMessageReceived', sessionId);
      await new Promise((r) => setTimeout(r, 600));
      expect(alice.inspect().liveTracks).to.equal(0);
      expect(alice.inspect().session).to.equal(null);
    });
  });
}
