import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements.js';
import type { CcCallButton } from '../../src/components/cc-call-button/cc-call-button.js';
import { createEmulator, type Emulator } from '../../emulator/index.js';
import { configure } from '../../src/configure/configure.js';
import { getStore } from '../../src/store/store.js';
import { setStrings, defaultStrings } from '../../src/core/strings.js';
import { RemoteUser, bareStage, cleanUp, configureAs, painted, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();
const inner = (el: CcCallButton) => el.shadowRoot!.querySelector('button')!;

describe('<cc-call-button>', () => {
  let channel: string;
  let alice: Emulator;
  let bob: RemoteUser;
  let stage: ReturnType<typeof bareStage>;

  beforeEach(async () => {
    channel = uniqueChannel();
    alice = await configureAs('alice', channel);
    bob = new RemoteUser('bob', channel);
    stage = bareStage();
  });

  afterEach(async () => {
    stage.dispose();
    setStrings(defaultStrings);
    await cleanUp(alice, bob);
  });

  it('is one real button named "Start video call" by default, and accessible', async () => {
    const el = await fixture<CcCallButton>(html`<cc-call-button uid="bob"></cc-call-button>`);
    expect(el.shadowRoot!.querySelectorAll('button')).to.have.length(1);
    expect(inner(el).textContent).to.contain('Start video call');
    expect(inner(el).getAttribute('aria-disabled')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('is named "Start voice call" for audio, "Start video meeting" for a group, and takes a label', async () => {
    const audio = await fixture<CcCallButton>(html`<cc-call-button uid="bob" call-type="audio"></cc-call-button>`);
    const group = await fixture<CcCallButton>(html`<cc-call-button guid="team"></cc-call-button>`);
    const labelled = await fixture<CcCallButton>(html`<cc-call-button uid="bob" label="Ring Bob"></cc-call-button>`);
    expect(inner(audio).textContent).to.contain('Start voice call');
    expect(inner(group).textContent).to.contain('Start video meeting');
    expect(inner(labelled).textContent).to.contain('Ring Bob');
  });

  it('says whom it calls in its accessible name, unless the page names it with label or its own text', async () => {
    const bobButton = await fixture<CcCallButton>(html`<cc-call-button uid="bob" name="Bob Brown"></cc-call-button>`);
    const team = await fixture<CcCallButton>(html`<cc-call-button guid="team" name="Team" call-type="audio"></cc-call-button>`);
    const labelled = await fixture<CcCallButton>(html`<cc-call-button uid="bob" name="Bob Brown" label="Ring Bob"></cc-call-button>`);
    const slotted = await fixture<CcCallButton>(html`<cc-call-button uid="bob" name="Bob Brown">Phone Bob</cc-call-button>`);
    await slotted.updateComplete;
    expect(inner(bobButton).getAttribute('aria-label')).to.equal('Start video call, Bob Brown');
    expect(inner(bobButton).textContent!.trim(), 'the visible text stays short').to.equal('Start video call');
    expect(inner(team).getAttribute('aria-label')).to.equal('Start voice meeting, Team');
    expect(inner(labelled).hasAttribute('aria-label')).to.equal(false);
    expect(inner(slotted).hasAttribute('aria-label')).to.equal(false);
    await expect(bobButton).to.be.accessible();
  });

  it('dispatches a cancelable, bubbling, composed cc-call-request, then rings the user', async () => {
    const el = await fixture<CcCallButton>(html`<cc-call-button uid="bob" name="Bob Brown"></cc-call-button>`);
    setTimeout(() => inner(el).click());
    const event = await oneEvent(el, 'cc-call-request');
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    expect(event.detail).to.deep.equal({
      target: { kind: 'user', id: 'bob', name: 'Bob Brown', avatar: null },
      callType: 'video',
      kind: 'direct',
    });
    await bob.waitToHear('onIncomingCallReceived');
  });

  it('starts nothing when the cc-call-request is prevented', async () => {
    const el = await fixture<CcCallButton>(html`<cc-call-button uid="bob"></cc-call-button>`);
    el.addEventListener('cc-call-request', (e) => e.preventDefault());
    inner(el).click();
    await new Promise((r) => setTimeout(r, 150));
    expect(store.state.call).to.equal(null);
    expect(bob.events).to.deep.equal([]);
  });

  it('places exactly one call on a double click', async () => {
    const el = await fixture<CcCallButton>(html`<cc-call-button uid="bob"></cc-call-button>`);
    inner(el).click();
    inner(el).click();
    await bob.waitToHear('onIncomingCallReceived');
    await new Promise((r) => setTimeout(r, 150));
    expect(bob.events.filter((e) => e.name === 'onIncomingCallReceived')).to.have.length(1);
  });

  it('starts with the keyboard', async () => {
    const el = await fixture<CcCallButton>(html`<cc-call-button uid="bob"></cc-call-button>`);
    inner(el).focus();
    await sendKeys({ press: 'Enter' });
    await bob.waitToHear('onIncomingCallReceived');
  });

  it('says why it is disabled while a call rings, and is enabled again after', async () => {
    const el = await fixture<CcCallButton>(html`<cc-call-button uid="bob"></cc-call-button>`);
    inner(el).click();
    const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
    await waitFor(() => inner(el).getAttribute('aria-disabled') === 'true', 'the button to be disabled');
    const reason = el.shadowRoot!.getElementById(inner(el).getAttribute('aria-describedby')!)!;
    expect(reason.textContent).to.equal('You are already in a call');
    await bob.chat.rejectCall(sessionId, 'rejected');
    await waitFor(() => store.state.call === null, 'the outcome to close');
    await painted(el);
    expect(inner(el).getAttribute('aria-disabled')).to.equal('false');
  });

  it('reports cc-error no-target and throws nothing when it has neither uid nor guid', async () => {
    const el = await fixture<CcCallButton>(html`<cc-call-button></cc-call-button>`);
    setTimeout(() => inner(el).click());
    const event = await oneEvent(document, 'cc-error');
    expect(event.detail.code).to.equal('no-target');
    expect(store.state.call).to.equal(null);
  });

  it('is disabled, with the reason, before configure has completed', async () => {
    await cleanUp();
    const el = await fixture<CcCallButton>(html`<cc-call-button uid="bob"></cc-call-button>`);
    expect(inner(el).getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.getElementById('reason')!.textContent).to.equal('Calling is not available');
    inner(el).click();
    expect(store.state.call).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says "Connecting…" while configure runs and "not available" once it failed, on a button rendered before either', async () => {
    await cleanUp();
    const el = await fixture<CcCallButton>(html`<cc-call-button uid="bob"></cc-call-button>`);
    const reason = () => el.shadowRoot!.getElementById('reason')!.textContent;
    // A login that never answers, then a configure that fails: the same button must follow both.
    const stalled = createEmulator({ uid: 'alice', channel, media: false });
    stalled.failNext('getLoggedinUser', 'hang');
    const configuring = configure({ chat: stalled.CometChat, calls: stalled.CometChatCalls, sdkTimeout: 300 });
    await waitFor(() => store.state.status === 'configuring', 'configuring');
    await painted(el);
    expect(reason()).to.equal('Connecting…');
    expect(inner(el).getAttribute('aria-disabled')).to.equal('true');
    await configuring.catch(() => undefined);
    await painted(el);
    expect(store.state.status).to.equal('unavailable');
    expect(reason()).to.equal('Calling is not available');
    stalled.close();
  });

  it('starts a meeting for a guid, and rings the group with ring', async () => {
    const meeting = await fixture<CcCallButton>(html`<cc-call-button guid="team" call-type="audio"></cc-call-button>`);
    inner(meeting).click();
    await waitFor(() => store.state.call?.phase === 'active', 'the meeting to start');
    expect(store.state.call).to.include({ kind: 'meeting', sessionId: 'team', type: 'audio' });
    store.dispatch({ type: 'hang-up' });
    await waitFor(() => store.state.call === null, 'leaving');

    const ring = await fixture<CcCallButton>(html`<cc-call-button guid="team" ring></cc-call-button>`);
    expect(inner(ring).textContent).to.contain('Ring the group');
    inner(ring).click();
    const heard = await bob.waitToHear('onIncomingCallReceived');
    expect(store.state.call).to.include({ kind: 'direct', sessionId: heard.sessionId });
  });

  it('follows page-wide string overrides', async () => {
    const el = await fixture<CcCallButton>(html`<cc-call-button uid="bob"></cc-call-button>`);
    setStrings({ startVideoCall: 'Videoanruf starten' });
    await el.updateComplete;
    expect(inner(el).textContent).to.contain('Videoanruf starten');
  });

  it('takes the properties a framework set before it was defined, and renders property changes together, once', async () => {
    // An element made where no custom elements are defined stays a plain one until it joins this page.
    const early = document.implementation.createHTMLDocument().createElement('cc-call-button') as CcCallButton;
    Object.assign(early, { uid: 'bob', name: 'Bob Brown', callType: 'audio' });
    document.body.append(document.adoptNode(early));
    try {
      await early.updateComplete;
      expect(early).to.be.instanceOf(customElements.get('cc-call-button'));
      expect(early.callType).to.equal('audio');
      expect(inner(early).getAttribute('aria-label')).to.equal('Start voice call, Bob Brown');
      expect(early.matches(':state(audio)')).to.equal(true);

      const changes: MutationRecord[] = [];
      const observer = new MutationObserver((records) => changes.push(...records));
      observer.observe(early.shadowRoot!, { subtree: true, attributes: true, childList: true, characterData: true });
      early.name = 'Bob';
      early.callType = 'video';
      expect(inner(early).getAttribute('aria-label'), 'nothing changes before the next microtask').to.equal('Start voice call, Bob Brown');
      expect(await early.updateComplete).to.equal(true);
      observer.disconnect();
      expect(inner(early).getAttribute('aria-label')).to.equal('Start video call, Bob');
      expect(early.matches(':state(video)')).to.equal(true);
      expect(
        changes.filter((record) => record.attributeName === 'aria-label'),
        'one render for both changes',
      ).to.have.length(1);
    } finally {
      early.remove();
    }
  });
});
