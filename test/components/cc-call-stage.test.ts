import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/elements.js';
import type { CcCallStage } from '../../src/components/cc-call-stage/cc-call-stage.js';
import type { Emulator } from '../../emulator/index.js';
import { getStore } from '../../src/store/store.js';
import { deepActiveElement as deepActive } from '../../src/components/shared/focus.js';
import { RemoteUser, bobParty, cleanUp, configureAs, teamParty, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();
const button = (el: CcCallStage, name: RegExp) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''));
const text = (el: CcCallStage) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<cc-call-stage>', () => {
  let channel: string;
  let alice: Emulator;
  let bob: RemoteUser;

  beforeEach(async () => {
    channel = uniqueChannel();
    alice = await configureAs('alice', channel, {}, { outcomeDuration: 300 });
    bob = new RemoteUser('bob', channel);
  });

  afterEach(async () => {
    await cleanUp(alice, bob);
    document.querySelectorAll('cc-call-stage').forEach((s) => s.remove());
  });

  /** Outcomes stay until closed, so a check can take its time. */
  async function keepOutcomes(): Promise<void> {
    await cleanUp(alice);
    alice = await configureAs('alice', channel, {}, { outcomeDuration: 60_000 });
  }

  async function ring(el: CcCallStage): Promise<string> {
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
    await waitFor(() => el.state === 'calling' && store.state.call?.phase === 'ringing', 'calling');
    await el.updateComplete;
    return sessionId;
  }

  it('stays out of sight with no call in overlay mode', async () => {
    const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
    expect(el.state).to.equal('idle');
    expect(getComputedStyle(el).display).to.equal('none');
  });

  it('shows the callee, large, with "Ringing…" as a modal dialog with Cancel focused, and is accessible', async () => {
    const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
    await ring(el);
    const dialog = el.shadowRoot!.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[part="title"]')!.textContent!.trim()).to.equal('Bob Brown');
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim()).to.equal('Ringing…');
    expect(el.shadowRoot!.activeElement).to.equal(button(el, /Cancel/));
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Calling Bob Brown');
    await expect(el).to.be.accessible();
  });

  it('cancels from its Cancel button so the callee stops ringing', async () => {
    const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
    const sessionId = await ring(el);
    button(el, /Cancel/)!.click();
    await bob.waitToHear('onIncomingCallCancelled', sessionId);
    await waitFor(() => el.state === 'idle', 'the stage to close');
  });

  it('hosts the session in its own light-DOM slot once answered, and ends it from End call', async () => {
    const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
    const sessionId = await ring(el);
    await bob.chat.acceptCall(sessionId);
    await waitFor(() => el.state === 'active', 'the call to be active');
    const session = el.querySelector('[slot="session"]')!;
    expect(session.parentElement).to.equal(el);
    expect(session.childElementCount, 'the calls SDK rendered into it').to.be.greaterThan(0);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Connected');
    await expect(el).to.be.accessible({ ignoredRules: ['color-contrast'] });
    button(el, /End call/)!.click();
    await bob.waitToHear('onCallEndedMessageReceived', sessionId);
    await waitFor(() => el.state === 'idle', 'the stage to close');
  });

  it('shows why an outgoing call ended, then closes', async () => {
    const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
    const sessionId = await ring(el);
    await bob.chat.rejectCall(sessionId, 'busy');
    await waitFor(() => el.state === 'ended', 'the outcome');
    await el.updateComplete;
    expect(text(el)).to.contain('Busy');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Busy');
    await waitFor(() => el.state === 'idle', 'the outcome to close');
  });

  it('offers Call again after an outgoing 1:1 call has ended, with Close focused', async function () {
    this.timeout(20_000); // a ring, an answer and a session: slow on a busy machine
    await keepOutcomes();
    const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
    const sessionId = await ring(el);
    await bob.chat.acceptCall(sessionId);
    await waitFor(() => el.state === 'active', 'the call to be active');
    await el.updateComplete;
    button(el, /End call/)!.click();
    await waitFor(() => el.state === 'ended', 'the outcome');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="again"]')?.textContent?.trim()).to.equal('Call again');
    expect(el.shadowRoot!.activeElement, 'Close has focus: a second Enter must not call again').to.equal(button(el, /Close/));
    await bob.waitToHear('onCallEndedMessageReceived', sessionId);
    const requests: unknown[] = [];
    el.addEventListener('cc-call-request', (event) => requests.push((event as CustomEvent).detail));
    button(el, /Call again/)!.click();
    expect(requests).to.deep.equal([{ target: bobParty, callType: 'video', kind: 'direct' }]);
    await waitFor(() => store.state.call?.phase === 'ringing' && store.state.call.sessionId !== sessionId, 'Bob to ring again');
  });

  describe('with the camera blocked by the browser', () => {
    const originalQuery = navigator.permissions.query;

    beforeEach(() => {
      navigator.permissions.query = async (descriptor: PermissionDescriptor) =>
        ({ state: descriptor.name === ('camera' as PermissionName) ? 'denied' : 'granted' }) as PermissionStatus;
    });

    afterEach(() => {
      navigator.permissions.query = originalQuery;
    });

    it('says why the call failed, and never rings the callee', async () => {
      const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
      store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
      await waitFor(() => el.state === 'ended', 'the outcome');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="detail"]')!.textContent).to.match(/blocks the camera/);
      expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.match(/^Call failed\. The browser blocks the camera/);
      await new Promise((r) => setTimeout(r, 100));
      expect(bob.heard('onIncomingCallReceived'), 'the callee was never rung').to.equal(undefined);
      await expect(el).to.be.accessible();
    });

    it('declines an incoming video call it cannot answer, so the caller stops ringing', async () => {
      const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
      const sessionId = await bob.call('alice');
      await waitFor(() => store.state.call?.phase === 'ringing', 'ringing');
      store.dispatch({ type: 'accept' });
      const heard = await waitFor(
        () => bob.events.find((e) => e.name === 'onOutgoingCallRejected' && e.sessionId === sessionId),
        'the caller to hear it',
      );
      expect(heard.status).to.equal('rejected');
      await waitFor(() => el.state === 'ended', 'the outcome');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="detail"]')!.textContent).to.match(/blocks the camera/);
    });
  });

  it('keeps Tab inside the dialog while a call is placed', async () => {
    const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
    await ring(el);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(button(el, /Cancel/));
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement).to.equal(button(el, /Cancel/));
  });

  it("keeps Tab inside the dialog during a call, through the session's own controls", async () => {
    const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
    const sessionId = await ring(el);
    await bob.chat.acceptCall(sessionId);
    await waitFor(() => el.state === 'active', 'the call to be active');
    await el.updateComplete;
    const session = el.querySelector('[slot="session"]')!;
    // The session's own controls (Mute, Stop video; its End call is hidden, the stage's is the one).
    const own = document.createElement('button');
    own.textContent = 'Mute';
    session.prepend(own);
    const sessionButtons = [...session.querySelectorAll('button')].filter((b) => b.getClientRects().length > 0);
    expect(sessionButtons.length, 'the calls SDK rendered controls').to.be.greaterThan(0);
    expect(sessionButtons.map((b) => b.textContent)).to.not.include('End call');
    const end = el.shadowRoot!.querySelector<HTMLElement>('[part="end"]')!;
    end.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement, 'from the last control back to the first').to.equal(sessionButtons[0]);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement, 'and backwards from the first to the last').to.equal(end);
  });

  it('shows Leave for a meeting', async () => {
    const el = await fixture<CcCallStage>(html`<cc-call-stage mode="inline"></cc-call-stage>`);
    store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
    await waitFor(() => el.state === 'active', 'the meeting');
    await el.updateComplete;
    expect(button(el, /Leave/)).to.not.equal(undefined);
    expect(el.shadowRoot!.querySelector('[role="region"]')).to.not.equal(null);
  });

  it('adds an overlay stage for a call when the page has none, and removes it afterwards', async () => {
    expect(document.querySelector('cc-call-stage')).to.equal(null);
    store.dispatch({ type: 'call', target: bobParty, callType: 'audio' });
    const auto = await waitFor(() => document.querySelector<CcCallStage>('cc-call-stage[data-cc-auto]'), 'the auto stage');
    const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
    await bob.chat.rejectCall(sessionId, 'rejected');
    await waitFor(() => auto.state === 'ended', 'the outcome');
    await waitFor(() => !auto.isConnected, 'the auto stage to go');
  });

  for (const mode of ['overlay', 'inline'] as const) {
    it(`is accessible while calling, connected and after each outcome (${mode})`, async () => {
      await keepOutcomes();
      const el = await fixture<CcCallStage>(html`<cc-call-stage mode=${mode}></cc-call-stage>`);
      const opener = document.createElement('button');
      document.body.append(opener);
      opener.focus();
      let sessionId = await ring(el);
      await expect(el).to.be.accessible();
      await bob.chat.acceptCall(sessionId);
      await waitFor(() => el.state === 'active', 'the call to be active');
      await el.updateComplete;
      await expect(el).to.be.accessible({ ignoredRules: ['color-contrast'] });
      button(el, /End call/)!.focus();
      button(el, /End call/)!.click();
      // The one who hung up is told too, with Close focused.
      await waitFor(() => el.state === 'ended', 'the outcome');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim()).to.equal('Call ended');
      expect(el.shadowRoot!.activeElement).to.equal(button(el, /Close/));
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await waitFor(() => el.state === 'idle', 'the stage to close');
      expect(deepActive(), 'focus back on what started the call').to.equal(opener);
      opener.remove();
      for (const [reason, words] of [
        ['rejected', 'Declined'],
        ['busy', 'Busy'],
      ] as const) {
        bob.events.length = 0;
        sessionId = await ring(el);
        await bob.chat.rejectCall(sessionId, reason);
        await waitFor(() => el.state === 'ended', 'the outcome');
        await el.updateComplete;
        expect(text(el)).to.contain(words);
        expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(words);
        await expect(el).to.be.accessible();
        button(el, /Close/)!.click();
        await waitFor(() => el.state === 'idle', 'the outcome to close');
      }
    });
  }

  it('closes the outcome on Escape and gives focus back, but never ends a running call on Escape', async () => {
    const opener = document.createElement('button');
    opener.className = 'opener';
    opener.textContent = 'Call Bob';
    document.body.append(opener);
    try {
      await keepOutcomes();
      const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
      opener.focus();
      const sessionId = await ring(el);
      await bob.chat.acceptCall(sessionId);
      await waitFor(() => el.state === 'active', 'the call to be active');
      el.shadowRoot!.querySelector<HTMLElement>('[part="end"]')!.focus();
      await sendKeys({ press: 'Escape' });
      await new Promise((r) => setTimeout(r, 100));
      expect(el.state, 'Escape does not hang up').to.equal('active');
      expect(bob.heard('onCallEndedMessageReceived', sessionId)).to.equal(undefined);
      await bob.chat.endCall(sessionId);
      await waitFor(() => el.state === 'ended', 'the outcome');
      await el.updateComplete;
      await sendKeys({ press: 'Escape' });
      await waitFor(() => el.state === 'idle', 'Escape to close the outcome', 1000);
      expect(document.activeElement, 'focus back on what opened the call').to.equal(opener);
    } finally {
      opener.remove();
    }
  });

  for (const mode of ['overlay', 'inline'] as const) {
    it(`moves focus to Close when the other side hangs up while a session control had it (${mode})`, async () => {
      await keepOutcomes();
      const el = await fixture<CcCallStage>(html`<cc-call-stage mode=${mode}></cc-call-stage>`);
      const opener = document.createElement('button');
      document.body.append(opener);
      opener.focus();
      const sessionId = await ring(el);
      await bob.chat.acceptCall(sessionId);
      await waitFor(() => el.state === 'active', 'the call to be active');
      const mute = document.createElement('button');
      mute.textContent = 'Mute';
      el.querySelector('[slot="session"]')!.prepend(mute);
      mute.focus();
      await bob.chat.endCall(sessionId);
      await waitFor(() => el.state === 'ended', 'the outcome');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement, 'Close has focus').to.equal(button(el, /Close/));
      await sendKeys({ press: 'Escape' });
      await waitFor(() => el.state === 'idle', 'Escape to close the outcome', 1000);
      expect(deepActive(), 'focus never falls to <body>').to.not.equal(document.body);
    });
  }

  it('takes focus from Accept in inline mode, to End call, and keeps it through the outcome', async function () {
    this.timeout(20_000); // a ring, an answer and a session: slow on a busy machine
    await keepOutcomes();
    // fixtureSync: awaiting a plain <div> fixture waits for an animation frame, which a background test page may never get.
    const root = fixtureSync<HTMLElement>(
      html`<div><cc-incoming-call></cc-incoming-call><cc-call-stage mode="inline"></cc-call-stage></div>`,
    );
    const el = root.querySelector<CcCallStage>('cc-call-stage')!;
    await el.updateComplete;
    const sessionId = await bob.call('alice');
    const incoming = document.querySelector('cc-incoming-call')!;
    await waitFor(() => incoming.state === 'ringing', 'the ringing');
    await incoming.updateComplete;
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.state === 'active', 'the call to be active');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, 'End call has focus').to.equal(el.shadowRoot!.querySelector('[part="end"]'));
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.state === 'ended', 'the outcome');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, 'Close has focus').to.equal(button(el, /Close/));
    await sendKeys({ press: 'Escape' });
    await waitFor(() => el.state === 'idle', 'Escape to close the outcome', 1000);
    expect(deepActive(), 'focus never falls to <body>').to.not.equal(document.body);
    await bob.waitToHear('onCallEndedMessageReceived', sessionId);
  });

  it('keeps its buttons at least 44 by 44 px, with a visible edge in forced colours', async () => {
    const el = await fixture<CcCallStage>(html`<cc-call-stage></cc-call-stage>`);
    await ring(el);
    const cancel = button(el, /Cancel/)!;
    const { width, height } = cancel.getBoundingClientRect();
    expect(Math.min(width, height)).to.be.at.least(44);
    // Chromium here cannot emulate forced colours (a Playwright-only emulation), so read the rule the page would apply.
    const forced = el
      .shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])
      .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText.includes('forced-colors: active'))
      .flatMap((rule) => [...rule.cssRules] as CSSStyleRule[]);
    const edge = forced.find((rule) => cancel.matches(rule.selectorText) && rule.style.borderTopStyle === 'solid');
    expect(edge, 'a border, not just a background, in forced colours').to.not.equal(undefined);
  });

  it('shows an unobtrusive empty state inline', async () => {
    const el = await fixture<CcCallStage>(html`<cc-call-stage mode="inline"></cc-call-stage>`);
    expect(text(el)).to.contain('No call right now');
    await expect(el).to.be.accessible();
  });
});

describe('<cc-call-stage> with a long unbroken SDK message (issue 15, point 7)', () => {
  for (const mode of ['overlay', 'inline'] as const) {
    it(`wraps a long URL in the detail line inside the panel (${mode}, 360 px)`, async () => {
      await setViewport({ width: 360, height: 640 });
      const channel = uniqueChannel();
      const alice = await configureAs('alice', channel, {}, { outcomeDuration: 60_000 });
      const url = `https://errors.example.com/${'a1b2c3d4'.repeat(60)}`;
      try {
        const el = await fixture<CcCallStage>(html`<cc-call-stage mode=${mode}></cc-call-stage>`);
        alice.failNext('initiateCall', { code: 'ERR_NETWORK', message: `Request failed, see ${url}` });
        store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
        await waitFor(() => el.state === 'ended', 'the outcome');
        await el.updateComplete;
        const detail = el.shadowRoot!.querySelector<HTMLElement>('[part="detail"]')!;
        const panel = el.shadowRoot!.querySelector<HTMLElement>('[part="panel"]')!;
        expect(detail.textContent).to.include(url);
        const inner = detail.getBoundingClientRect();
        const outer = panel.getBoundingClientRect();
        expect(detail.scrollWidth, 'nothing overflows the detail line').to.be.at.most(detail.clientWidth + 1);
        expect(inner.right, 'the detail line ends inside the panel').to.be.at.most(outer.right + 1);
        expect(inner.left).to.be.at.least(outer.left - 1);
        expect(outer.right, 'the panel stays inside the viewport').to.be.at.most(360 + 1);
        expect(panel.scrollWidth, 'the panel does not scroll sideways').to.be.at.most(panel.clientWidth + 1);
        const actions = el.shadowRoot!.querySelector<HTMLElement>('[part="actions"]')!.getBoundingClientRect();
        expect(inner.bottom, 'the detail line ends above the buttons').to.be.at.most(actions.top + 1);
        expect(inner.top, 'and starts inside the panel').to.be.at.least(outer.top - 1);
      } finally {
        await setViewport({ width: 800, height: 600 });
        await cleanUp(alice);
      }
    });
  }
});
