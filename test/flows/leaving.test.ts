/**
 * Leaving the page mid-call asks first (`beforeunload`), only while a call is at stake, and the
 * SDK's own `beforeunload` handlers (the calls SDK leaves its conference in one) never see it
 * then. `confirmLeave: false` turns it off. And a page shows "Connecting…", never "not
 * available", from the moment configure() is called or its config block is read.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/configure/configure.js';
import { applyDeclarativeConfig } from '../../src/configure/declarative.js';
import type { Emulator } from '../../emulator/index.js';
import { getStore } from '../../src/store/store.js';
import type { CcCallButton } from '../../src/components/cc-call-button/cc-call-button.js';
import '../../src/components/cc-call-button/cc-call-button.js';
import { RemoteUser, bareStage, bobParty, cleanUp, configureAs, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();

/** What a page's own (or an SDK's) `beforeunload` listener sees when the browser asks to leave. */
function leave(): { asked: boolean; reachedOthers: boolean } {
  let reachedOthers = false;
  const other = () => (reachedOthers = true);
  window.addEventListener('beforeunload', other);
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  window.removeEventListener('beforeunload', other);
  return { asked: event.defaultPrevented, reachedOthers };
}

describe('leaving the page during a call', () => {
  let channel: string;
  let alice: Emulator | undefined;
  let bob: RemoteUser;
  let stage: ReturnType<typeof bareStage>;

  beforeEach(() => {
    channel = uniqueChannel();
    bob = new RemoteUser('bob', channel);
    stage = bareStage();
  });

  afterEach(async () => {
    stage.dispose();
    await cleanUp(alice, bob);
  });

  it('asks while placing, ringing out and in the call, and the SDK never sees that beforeunload', async () => {
    alice = await configureAs('alice', channel);
    expect(leave()).to.deep.equal({ asked: false, reachedOthers: true }, 'no call: nothing asked');
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    expect(store.state.call?.phase).to.equal('requesting');
    expect(leave()).to.deep.equal({ asked: true, reachedOthers: false }, 'placing');
    const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
    await waitFor(() => store.state.call?.phase === 'ringing', 'ringing out');
    expect(leave()).to.deep.equal({ asked: true, reachedOthers: false }, 'ringing out');
    await bob.chat.acceptCall(sessionId);
    await waitFor(() => store.state.call?.phase === 'active', 'the call');
    expect(leave()).to.deep.equal({ asked: true, reachedOthers: false }, 'in the call');
    store.dispatch({ type: 'hang-up' });
    await waitFor(() => store.state.call?.phase !== 'active', 'the hang-up');
    expect(leave()).to.deep.equal({ asked: false, reachedOthers: true }, 'after the call');
  });

  it('does not ask while an incoming call only rings (it rings on in the other tabs)', async () => {
    alice = await configureAs('alice', channel);
    await bob.chat.initiateCall(new bob.chat.Call('alice', 'video', 'user'));
    await waitFor(() => store.state.call?.phase === 'ringing', 'the incoming call');
    expect(leave()).to.deep.equal({ asked: false, reachedOthers: true });
  });

  it('never asks with confirmLeave: false', async () => {
    alice = await configureAs('alice', channel, {}, { confirmLeave: false });
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    await bob.waitToHear('onIncomingCallReceived');
    await waitFor(() => store.state.call?.phase === 'ringing', 'ringing out');
    expect(leave()).to.deep.equal({ asked: false, reachedOthers: true });
  });

  it('stops asking after resetCalls()', async () => {
    alice = await configureAs('alice', channel);
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    await bob.waitToHear('onIncomingCallReceived');
    await cleanUp();
    expect(leave()).to.deep.equal({ asked: false, reachedOthers: true });
  });
});

describe('"Connecting…" from the first paint', () => {
  afterEach(() => cleanUp());

  it('configure() says "configuring" at once, and a button rendered then says Connecting…, never "not available"', async () => {
    expect(store.state.status).to.equal('unconfigured');
    const { createEmulator } = await import('../../emulator/index.js');
    const emulator = createEmulator({ uid: 'alice', channel: uniqueChannel(), media: false });
    try {
      const configured = configure({ chat: emulator.CometChat, calls: emulator.CometChatCalls });
      expect(store.state.status).to.equal('configuring');
      const button = await fixture<CcCallButton>(html`<cc-call-button uid="bob"></cc-call-button>`);
      const reason = () => button.shadowRoot!.querySelector('[part="reason"]')!.textContent;
      expect(reason()).to.equal('Connecting…');
      await configured;
      expect(store.state.status).to.equal('ready');
    } finally {
      emulator.close();
    }
  });

  it('a config block says "configuring" as soon as it is read, before any chunk loads', async () => {
    const doc = document.implementation.createHTMLDocument('block');
    const block = doc.createElement('script');
    block.type = 'application/json';
    block.setAttribute('data-cc-calls-config', '');
    block.textContent = JSON.stringify({ emulator: { uid: 'alice', channel: uniqueChannel(), media: false } });
    doc.head.append(block);
    const applied = applyDeclarativeConfig(doc);
    expect(store.state.status).to.equal('configuring');
    await applied;
    expect(store.state.status).to.equal('ready');
  });
});
