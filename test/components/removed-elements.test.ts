/**
 * Elements the page removes mid-call (issue 12, finding 8): their job is handed on at once to an
 * automatic element, or, for a session that was rendering into a removed stage, the call ends
 * cleanly, camera off and the other side told.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements.js';
import type { CcCallStage } from '../../src/components/cc-call-stage/cc-call-stage.js';
import type { CcIncomingCall } from '../../src/components/cc-incoming-call/cc-incoming-call.js';
import type { Emulator } from '../../emulator/index.js';
import { getStore } from '../../src/store/store.js';
import { RemoteUser, bobParty, cleanUp, configureAs, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();
const call = () => store.state.call;
const nextTick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('elements removed mid-call (issue 12, #8)', () => {
  let alice: Emulator;
  let bob: RemoteUser;

  beforeEach(async () => {
    const channel = uniqueChannel();
    alice = await configureAs('alice', channel, { media: true, iceFilter: 'loopback' });
    bob = new RemoteUser('bob', channel);
  });

  afterEach(async () => {
    await cleanUp(alice, bob);
    document.querySelectorAll('cc-incoming-call, cc-call-stage').forEach((e) => e.remove());
  });

  it('ends the call cleanly when the stage its session renders into is removed', async () => {
    const stage = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
    await bob.chat.acceptCall(sessionId);
    await waitFor(() => call()?.phase === 'active', 'alice in the call');
    await waitFor(() => alice.inspect().liveTracks >= 2, 'the camera on');
    stage.remove();
    await waitFor(() => alice.inspect().liveTracks === 0, 'the camera off');
    expect(alice.inspect().session).to.equal(null);
    expect(call()?.phase ?? null, 'no call left running').to.not.be.oneOf(['active', 'connecting']);
    await bob.waitToHear('onCallEndedMessageReceived', sessionId);
  });

  it('hands a call still ringing out to an automatic stage at once when the page removes its stage', async () => {
    const stage = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    await waitFor(() => call()?.phase === 'ringing', 'the call to ring out');
    stage.remove();
    await nextTick();
    const auto = document.querySelector<CcCallStage>('cc-call-stage[data-cc-auto]');
    expect(auto, 'an automatic stage took over').to.not.equal(null);
    await auto!.updateComplete;
    expect(auto!.shadowRoot!.textContent).to.contain('Cancel');
  });

  it('keeps a call ringing in sight when the page removes its <cc-incoming-call>', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await bob.call('alice');
    await waitFor(() => el.state === 'ringing', 'the call to ring');
    el.remove();
    await nextTick();
    const auto = document.querySelector<CcIncomingCall>('cc-incoming-call[data-cc-auto]');
    expect(auto, 'an automatic dialog took over').to.not.equal(null);
    await waitFor(() => auto!.state === 'ringing', 'the automatic dialog to ring');
  });

  it('keeps nothing extra when a ringing dialog is only moved', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await bob.call('alice');
    await waitFor(() => el.state === 'ringing', 'the call to ring');
    const box = document.createElement('div');
    document.body.append(box);
    box.append(el);
    await nextTick();
    expect(document.querySelector('cc-incoming-call[data-cc-auto]')).to.equal(null);
    box.remove();
  });
});
