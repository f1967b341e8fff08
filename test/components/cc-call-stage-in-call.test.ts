import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements.js';
import type { CcCallStage } from '../../src/components/cc-call-stage/cc-call-stage.js';
import type { CcError } from '../../src/core/errors.js';
import type { Emulator } from '../../emulator/index.js';
import { getStore } from '../../src/store/store.js';
import { RemoteUser, bobParty, cleanUp, configureAs, recordDocumentEvents, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();

for (const version of [4, 5] as const) {
  describe(`<cc-call-stage> in-call methods and session events (calls SDK v${version})`, () => {
    let channel: string;
    let alice: Emulator;
    let bob: RemoteUser;

    beforeEach(async () => {
      channel = uniqueChannel();
      alice = await configureAs('alice', channel, { callsVersion: version }, { outcomeDuration: 300 });
      bob = new RemoteUser('bob', channel);
    });

    afterEach(async () => {
      await cleanUp(alice, bob);
      document.querySelectorAll('cc-call-stage').forEach((s) => s.remove());
    });

    async function inCall(el: CcCallStage, callType: 'audio' | 'video' = 'video'): Promise<string> {
      store.dispatch({ type: 'call', target: bobParty, callType });
      const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
      await bob.chat.acceptCall(sessionId);
      await waitFor(() => el.state === 'active', 'the call to be active');
      return sessionId;
    }

    it('rejects every method with no-session while no call runs', async () => {
      const el = await fixture<CcCallStage>(html`<cc-call-stage mode="inline"></cc-call-stage>`);
      const attempts = [
        () => el.muteAudio(),
        () => el.pauseVideo(),
        () => el.switchCamera(),
        () => el.getAudioOutputDevices(),
        () => el.setAudioOutputDevice('default'),
        () => el.switchToVideoCall(),
      ];
      for (const attempt of attempts) {
        const error = await attempt().then(
          () => null,
          (e: CcError) => e,
        );
        expect(error?.code, String(attempt)).to.equal('no-session');
      }
    });

    it('mutes, pauses video, switches camera and audio output, and turns a voice call into video, through the SDK', async () => {
      const el = await fixture<CcCallStage>(html`<cc-call-stage mode="inline"></cc-call-stage>`);
      const events = recordDocumentEvents(['cc-participant-muted', 'cc-call-switched-to-video']);
      await inCall(el, 'audio');
      await el.muteAudio();
      expect(alice.inspect().session?.audioMuted).to.equal(true);
      await el.muteAudio(false);
      expect(alice.inspect().session?.audioMuted).to.equal(false);
      await el.pauseVideo(true);
      expect(alice.inspect().session?.videoPaused).to.equal(true);
      await el.pauseVideo(false);
      expect(alice.inspect().session?.videoPaused).to.equal(false);
      await el.switchCamera();
      expect(alice.inspect().session?.cameraSwitches).to.equal(1);
      const outputs = await el.getAudioOutputDevices();
      expect(outputs.map((d) => d.deviceId)).to.deep.equal(['default', 'emulated-headset']);
      await el.setAudioOutputDevice('emulated-headset');
      expect(alice.inspect().session?.audioOutput).to.equal('emulated-headset');
      // Issue 15, point 6: a bad argument rejects with a coded error, and the call goes on (the SDK
      // would take the id, fail inside and report it through onError, which used to end the call).
      const bad = await el.setAudioOutputDevice('nope').then(
        () => null,
        (e: CcError) => e,
      );
      expect(bad?.code).to.equal('in-call-failed');
      await new Promise((r) => setTimeout(r, 300));
      expect(el.state).to.equal('active');
      expect(store.state.call?.phase).to.equal('active');
      expect(alice.inspect().session?.audioOutput).to.equal('emulated-headset');
      const status = () => el.shadowRoot!.querySelector('[part="status"]')!.textContent!;
      expect(status()).to.match(/Voice call/);
      await el.switchToVideoCall();
      expect(alice.inspect().session?.switchedToVideo).to.equal(true);
      // The stage now says what the call is.
      await waitFor(() => /Video call/.test(status()), 'the stage to read Video call');
      expect(store.state.call?.type).to.equal('video');
      events.stop();
      const muted = events.events.filter((e) => e.type === 'cc-participant-muted').map((e) => e.detail.muted);
      expect(muted).to.deep.equal([true, false]);
      const muteEvent = events.events.find((e) => e.type === 'cc-participant-muted')!;
      expect(muteEvent.detail.participant.uid).to.equal('alice');
      expect([muteEvent.bubbles, muteEvent.composed, muteEvent.cancelable]).to.deep.equal([true, true, false]);
      expect(events.events.some((e) => e.type === 'cc-call-switched-to-video')).to.equal(true);
    });

    it('reports who is in the call, who joined and who left, as DOM events that reach document', async () => {
      const events = recordDocumentEvents(['cc-participants-changed', 'cc-participant-joined', 'cc-participant-left']);
      const el = await fixture<CcCallStage>(html`<cc-call-stage mode="inline"></cc-call-stage>`);
      const sessionId = await inCall(el);
      // Bob's side of the session, as his calls SDK would start it.
      const container = document.createElement('div');
      document.body.append(container);
      const calls = bob.emulator.CometChatCalls;
      const me = await bob.chat.getLoggedinUser();
      const { token } = (await calls.generateToken(sessionId, me!.getAuthToken!())) as { token: string };
      await calls.startSession!(token, new calls.CallSettingsBuilder!().enableDefaultLayout(true).build(), container);
      await waitFor(
        () => events.events.some((e) => e.type === 'cc-participants-changed' && e.detail.participants.length === 2),
        'the list with both',
      );
      const list = events.events.filter((e) => e.type === 'cc-participants-changed').at(-1)!;
      expect(list.detail.participants.map((p: { uid: string }) => p.uid).sort()).to.deep.equal(['alice', 'bob']);
      await waitFor(() => events.events.some((e) => e.type === 'cc-participant-joined'), 'bob joined');
      expect(events.events.find((e) => e.type === 'cc-participant-joined')!.detail.participant).to.deep.equal({
        uid: 'bob',
        name: 'Bob Brown',
      });
      calls.endSession!();
      container.remove();
      await waitFor(() => events.events.some((e) => e.type === 'cc-participant-left'), 'bob left');
      expect(events.events.find((e) => e.type === 'cc-participant-left')!.detail.participant.uid).to.equal('bob');
      events.stop();
    });
  });
}
