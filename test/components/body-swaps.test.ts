/**
 * Sites that swap `<body>` on navigation (issue 16, point 5: Turbo Drive, htmx's `hx-boost`, PJAX):
 * a call in progress carries on. The automatic stage and dialog live outside `<body>`; a placed
 * stage that the library keeps (Turbo's `data-turbo-permanent` takes it out with the old `<body>`
 * and puts it back a few microtasks later) is taken for a move, not a removal. The real libraries
 * run in test/e2e/body-swaps.e2e.mjs; here the same DOM operations, one at a time.
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
const nextTask = (ms = 0) => new Promise((r) => setTimeout(r, ms));
// Elements are compared as booleans, tags or counts: a failed equality on two elements would have the
// runner serialise a whole DOM subtree into the report.

/** Replaces `<body>` with a new one, as Turbo Drive does; returns a function that puts the old one back. */
function swapBody(): { fresh: HTMLElement; restore(): void } {
  const old = document.body;
  const fresh = document.createElement('body');
  old.replaceWith(fresh);
  return { fresh, restore: () => fresh.replaceWith(old) };
}

describe('sites that swap <body> on navigation (issue 16, #5)', () => {
  let alice: Emulator;
  let bob: RemoteUser;
  let restore: (() => void) | null = null;

  beforeEach(async () => {
    const channel = uniqueChannel();
    alice = await configureAs('alice', channel, { media: true, iceFilter: 'loopback' });
    bob = new RemoteUser('bob', channel);
  });

  afterEach(async () => {
    restore?.();
    restore = null;
    await cleanUp(alice, bob);
    document.querySelectorAll('cc-incoming-call, cc-call-stage').forEach((e) => e.remove());
  });

  async function callBobAndConnect(): Promise<string> {
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
    await bob.chat.acceptCall(sessionId);
    await waitFor(() => call()?.phase === 'active', 'alice in the call', 15_000);
    await waitFor(() => alice.inspect().liveTracks >= 2, 'the camera on', 15_000);
    return sessionId;
  }

  it('keeps a call running on the automatic stage, outside <body>, when the page swaps its <body>', async () => {
    const sessionId = await callBobAndConnect();
    const auto = document.querySelector<CcCallStage>('cc-call-stage[data-cc-auto]')!;
    expect(auto.parentElement?.localName, 'the automatic stage sits on <html>').to.equal('html');
    const video = await waitFor(() => auto.querySelector('video'), 'the session rendered');

    restore = swapBody().restore;
    await nextTask(50);
    expect(call()?.phase).to.equal('active');
    expect(alice.inspect().session?.sessionId).to.equal(sessionId);
    expect(alice.inspect().liveTracks, 'the camera still on').to.be.at.least(2);
    expect(auto.isConnected && auto.state).to.equal('active');
    expect(auto.querySelector('video') === video, 'the same session view').to.equal(true);
    expect(video.paused, 'the video still plays').to.equal(false);
    expect(bob.heard('onCallEndedMessageReceived', sessionId), 'Bob was not hung up on').to.equal(undefined);
  });

  it('keeps the call on a placed stage taken out with the old <body> and put back a few microtasks later, and plays its media again', async () => {
    const stage = await fixture<CcCallStage>(html`<cc-call-stage id="call-stage"></cc-call-stage>`);
    const sessionId = await callBobAndConnect();
    const video = await waitFor(() => stage.querySelector('video'), 'the session rendered');
    await waitFor(() => !video.paused, 'the video playing');

    // What Turbo 8's Bardo does for data-turbo-permanent: a placeholder in the new body, the body
    // swapped (the stage leaves the document with the old one), and the stage moved in after awaits.
    const placeholder = document.createElement('meta');
    const swap = swapBody();
    swap.fresh.append(placeholder);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    placeholder.replaceWith(stage);
    restore = () => {
      document.body.append(stage);
      swap.restore();
    };

    await nextTask(50);
    expect(call()?.phase).to.equal('active');
    expect(alice.inspect().session?.sessionId).to.equal(sessionId);
    expect(document.querySelectorAll('cc-call-stage[data-cc-auto]').length, 'no automatic stage besides').to.equal(0);
    expect(stage.querySelector('video') === video, 'the same session view').to.equal(true);
    await waitFor(() => !video.paused, 'the video playing again');
    expect(bob.heard('onCallEndedMessageReceived', sessionId), 'Bob was not hung up on').to.equal(undefined);

    // Still the stage that hosts the session: removing it for good ends the call cleanly, as before.
    stage.remove();
    await waitFor(() => alice.inspect().liveTracks === 0, 'the camera off');
    await bob.waitToHear('onCallEndedMessageReceived', sessionId);
  });

  it('keeps a call ringing on the automatic dialog, outside <body>, when the page swaps its <body>', async () => {
    await bob.call('alice');
    const auto = await waitFor(() => document.querySelector<CcIncomingCall>('cc-incoming-call[data-cc-auto]'), 'the automatic dialog');
    await waitFor(() => auto.state === 'ringing', 'the dialog to ring');
    expect(auto.parentElement?.localName, 'the automatic dialog sits on <html>').to.equal('html');
    restore = swapBody().restore;
    await nextTask(50);
    expect(auto.isConnected && auto.state).to.equal('ringing');
    expect(call()?.phase).to.equal('ringing');
    expect(document.querySelectorAll('cc-incoming-call').length).to.equal(1);
  });

  it("hands the ring from the automatic dialog to the page's own when a navigation brings one", async () => {
    await bob.call('alice');
    const auto = await waitFor(() => document.querySelector<CcIncomingCall>('cc-incoming-call[data-cc-auto]'), 'the automatic dialog');
    await waitFor(() => auto.state === 'ringing', 'the dialog to ring');
    const own = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await waitFor(() => own.state === 'ringing', "the page's own dialog to ring");
    await waitFor(() => !auto.isConnected, 'the automatic dialog to give way');
    expect(document.querySelectorAll('cc-incoming-call').length, 'one dialog rings').to.equal(1);
  });

  it("adds no automatic dialog for the page's own taken out with <body> and put back a few microtasks later", async () => {
    const own = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await bob.call('alice');
    await waitFor(() => own.state === 'ringing', 'the call to ring');
    const swap = swapBody();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    swap.fresh.append(own);
    restore = () => {
      document.body.append(own);
      swap.restore();
    };
    await nextTask(50);
    expect(document.querySelectorAll('cc-incoming-call[data-cc-auto]').length).to.equal(0);
    expect(own.state).to.equal('ringing');
  });
});
