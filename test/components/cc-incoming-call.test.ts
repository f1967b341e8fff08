import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/elements.js';
import type { CcIncomingCall } from '../../src/components/cc-incoming-call/cc-incoming-call.js';
import type { Emulator } from '../../emulator/index.js';
import { getStore } from '../../src/store/store.js';
import { RemoteUser, cleanUp, configureAs, recordDocumentEvents, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();
const button = (el: CcIncomingCall, name: RegExp) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => name.test(b.getAttribute('aria-label') ?? b.textContent?.trim() ?? ''));
const dialog = (el: CcIncomingCall) => el.shadowRoot!.querySelector('[role="alertdialog"]');
const text = (el: CcIncomingCall) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
/**
 * The dialog or notice fades in (220 ms): contrast checks mid-fade would measure a half-transparent
 * panel (and one at opacity 0 is skipped as hidden). Finish the fade, as a person sees it, rather
 * than wait for it.
 */
function finishArrival(el: CcIncomingCall): void {
  for (const animation of el.shadowRoot!.getAnimations()) {
    if (animation.effect?.getComputedTiming().iterations !== Infinity) animation.finish();
  }
}
const announced = (el: CcIncomingCall) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

describe('<cc-incoming-call>', () => {
  let channel: string;
  let alice: Emulator;
  let bob: RemoteUser;
  let carol: RemoteUser;

  beforeEach(async () => {
    channel = uniqueChannel();
    alice = await configureAs('alice', channel);
    bob = new RemoteUser('bob', channel);
    carol = new RemoteUser('carol', channel);
  });

  afterEach(async () => {
    await cleanUp(alice, bob, carol);
    document.querySelectorAll('cc-incoming-call, cc-call-stage, button.outside').forEach((e) => e.remove());
  });

  async function ringing(el: CcIncomingCall): Promise<string> {
    const sessionId = await bob.call('alice');
    await waitFor(() => el.state === 'ringing', 'the incoming call to ring');
    await el.updateComplete;
    finishArrival(el);
    return sessionId;
  }

  it('shows nothing until a call rings', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    expect(el.state).to.equal('idle');
    expect(dialog(el)).to.equal(null);
    expect(el.getBoundingClientRect().height).to.equal(0);
  });

  it('fades in from the first frame that paints it, by the page clock, without waiting for the compositor to report back', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    const rang = new Promise((resolve) => document.addEventListener('cc-call-incoming', resolve, { once: true }));
    void bob.call('alice');
    await rang;
    await el.updateComplete;
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    // The frame that first paints the dialog: its fade-in starts now, not when the compositor says so
    // (a frame or two later on a busy page, in which the page would still see it at opacity 0).
    await nextFrame();
    const [arrival] = dialog(el)!.getAnimations();
    expect(arrival, 'the fade-in').to.not.equal(undefined);
    expect(arrival!.pending, 'the fade-in waits for the compositor').to.equal(false);
    expect(Number(arrival!.startTime), 'its start: this frame').to.be.closeTo(Number(document.timeline.currentTime), 0.01);
    await nextFrame();
    expect(Number(getComputedStyle(dialog(el)!).opacity), 'opacity in the next frame').to.be.greaterThan(0);
  });

  it('rings as an alertdialog with the caller, the call type and Accept focused', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await ringing(el);
    const panel = dialog(el)!;
    expect(panel).to.not.equal(null);
    expect(el.shadowRoot!.getElementById(panel.getAttribute('aria-labelledby')!)!.textContent).to.contain('Bob Brown');
    expect(text(el)).to.contain('Incoming video call');
    expect(el.shadowRoot!.activeElement).to.equal(button(el, /^Accept video call from Bob Brown$/));
    expect(button(el, /^Decline call from Bob Brown$/)).to.not.equal(undefined);
    expect(announced(el)).to.equal('Incoming call from Bob Brown');
    await expect(el).to.be.accessible();
  });

  it('keeps Tab inside the alertdialog while it rings, both ways', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await ringing(el);
    const accept = button(el, /^Accept/)!;
    const decline = button(el, /^Decline/)!;
    expect(el.shadowRoot!.activeElement).to.equal(accept);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement, 'past Accept, back to Decline').to.equal(decline);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement, 'before Decline, round to Accept').to.equal(accept);
  });

  it('says "voice" for an audio call', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await bob.call('alice', 'audio');
    await waitFor(() => el.state === 'ringing', 'ringing');
    await el.updateComplete;
    finishArrival(el);
    expect(text(el)).to.contain('Incoming voice call');
    expect(button(el, /^Accept voice call from Bob Brown$/)).to.not.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('pulses while ringing, and holds still for users who ask for reduced motion', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await ringing(el);
    const pulse = el.shadowRoot!.querySelector('.pulse')!;
    expect(getComputedStyle(pulse, '::before').animationName).to.equal('pulse');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(pulse, '::before').animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('follows a dark colour scheme for its Accept and Decline colours', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await ringing(el);
    const disc = () => getComputedStyle(el.shadowRoot!.querySelector('.accept .disc')!).backgroundColor;
    const light = disc();
    await emulateMedia({ colorScheme: 'dark' });
    try {
      expect(disc()).to.not.equal(light);
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('accepts: the caller hears it, the dialog closes and the stage holds the call', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    const sessionId = await ringing(el);
    button(el, /^Accept/)!.click();
    await bob.waitToHear('onOutgoingCallAccepted', sessionId);
    await waitFor(() => store.state.call?.phase === 'active', 'the call to be active');
    await el.updateComplete;
    expect(dialog(el)).to.equal(null);
    const stage = document.querySelector('cc-call-stage')!;
    expect(stage.state).to.equal('active');
  });

  it('declines from Decline: the caller hears "rejected" and focus goes back where it was', async () => {
    const outside = document.createElement('button');
    outside.className = 'outside';
    outside.textContent = 'Something on the page';
    document.body.append(outside);
    outside.focus();
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    const sessionId = await ringing(el);
    expect(document.activeElement).to.equal(el);
    button(el, /^Decline/)!.click();
    const heard = await bob.waitToHear('onOutgoingCallRejected', sessionId);
    expect(heard.status).to.equal('rejected');
    await waitFor(() => el.state === 'idle', 'the dialog to close');
    await el.updateComplete;
    expect(document.activeElement).to.equal(outside);
    expect(store.state.call).to.equal(null);
    expect(announced(el), 'declining is not a missed call').to.equal('');
  });

  for (const stageFirst of [false, true]) {
    it(`gives focus back where it was once an accepted call is over (${stageFirst ? "the page's own stage" : 'an added stage'})`, async () => {
      const outside = document.createElement('button');
      outside.className = 'outside';
      outside.textContent = 'Something on the page';
      document.body.append(outside);
      // The page's stage connects first, so it hears of the answered call before the dialog does.
      if (stageFirst) document.body.append(document.createElement('cc-call-stage'));
      outside.focus();
      const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
      await ringing(el);
      button(el, /^Accept/)!.click();
      await waitFor(() => store.state.call?.phase === 'active', 'the call to be active');
      const stage = document.querySelector('cc-call-stage')!;
      await stage.updateComplete;
      expect(stage.shadowRoot!.activeElement !== null, 'the stage holds focus during the call').to.equal(true);
      stage.shadowRoot!.querySelector<HTMLButtonElement>('[part="end"]')!.click();
      await waitFor(() => store.state.call === null, 'the call to end');
      await stage.updateComplete;
      expect(document.activeElement === outside, 'focus is back on the page control').to.equal(true);
    });
  }

  it('still lets the user back out while Accept is connecting', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    const sessionId = await ringing(el);
    // A slow network: acceptCall takes 2.5 s to answer (time for an accessibility check).
    const acceptCall = alice.CometChat.acceptCall.bind(alice.CometChat);
    let accepts = 0;
    alice.CometChat.acceptCall = (id: string) => {
      accepts++;
      return new Promise((r) => setTimeout(r, 2500)).then(() => acceptCall(id));
    };
    button(el, /^Accept/)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.state === 'accepting', 'accepting');
    await el.updateComplete;
    const accept = button(el, /^Accept/)!;
    expect(accept.getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.activeElement, 'focus stays on Accept, not lost to the page').to.equal(accept);
    await sendKeys({ press: 'Enter' });
    expect(accepts, 'no second accept').to.equal(1);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitFor(() => el.state === 'idle', 'the dialog to close');
    expect(store.state.call).to.equal(null);
    // The accept lands after all; it is hung up at once, so nobody is left alone in a call.
    await bob.waitToHear('onCallEndedMessageReceived', sessionId);
    expect(alice.inspect().session).to.equal(null);
  });

  it('still declines to the caller when the user backed out and the slow Accept then failed', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    const sessionId = await ringing(el);
    // A bad network: acceptCall fails after a second, so the caller was never answered.
    alice.CometChat.acceptCall = () =>
      new Promise((_, reject) => setTimeout(() => reject({ code: 'ERR_NETWORK', message: 'network error' }), 1000));
    button(el, /^Accept/)!.click();
    await waitFor(() => el.state === 'accepting', 'accepting');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => el.state === 'idle', 'the dialog to close');
    const heard = await bob.waitToHear('onOutgoingCallRejected', sessionId);
    expect(heard.status, 'the caller stops ringing').to.equal('rejected');
    expect(alice.inspect().activeCall).to.equal(null);
  });

  it('declines on Escape', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    const sessionId = await ringing(el);
    await sendKeys({ press: 'Escape' });
    const heard = await bob.waitToHear('onOutgoingCallRejected', sessionId);
    expect(heard.status).to.equal('rejected');
    await waitFor(() => el.state === 'idle', 'the dialog to close');
  });

  it('goes away when the caller cancels, and announces the missed call', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    const sessionId = await ringing(el);
    await bob.chat.rejectCall(sessionId, 'cancelled');
    await waitFor(() => el.state === 'idle', 'the dialog to close');
    await el.updateComplete;
    expect(dialog(el)).to.equal(null);
    expect(announced(el)).to.equal('Missed call from Bob Brown');
  });

  it('announces each new call, even from the same caller again', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    const first = await ringing(el);
    await bob.chat.rejectCall(first, 'cancelled');
    await waitFor(() => announced(el) === 'Missed call from Bob Brown', 'the missed call');
    await ringing(el);
    expect(announced(el)).to.equal('Incoming call from Bob Brown');
    button(el, /^Accept/)!.click();
    await waitFor(() => store.state.call?.phase === 'active', 'the call');
    await el.updateComplete;
    expect(announced(el), 'cleared once answered, so the next ring is news').to.equal('');
  });

  it('goes away when the ring times out', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await bob.chat.initiateCall(new bob.chat.Call('alice', 'video', 'user'), 1);
    await waitFor(() => el.state === 'ringing', 'ringing');
    await waitFor(() => el.state === 'idle', 'the ring to time out', 4000);
    expect(store.state.call).to.equal(null);
  });

  it('answers a second caller "busy" and keeps showing the first', async () => {
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await ringing(el);
    const second = await carol.call('alice');
    const rejected = await waitFor(
      () => carol.events.find((e) => e.name === 'onOutgoingCallRejected' && e.sessionId === second),
      'carol to be told busy',
    );
    expect(rejected.status).to.equal('busy');
    await el.updateComplete;
    expect(text(el)).to.contain('Bob Brown');
    expect(text(el)).to.not.contain('Carol');
  });

  it('shows names from other users as text, never as HTML', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">Eve';
    bob.close();
    const users = { alice: { name: 'Alice Adams' }, bob: { name: evil } };
    bob = new RemoteUser('bob', channel, { users });
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
    await ringing(el);
    expect(el.shadowRoot!.querySelector('img:not(.avatar-image)')).to.equal(null);
    expect(text(el)).to.contain('<img src=x');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  describe('ringtone', () => {
    let played: string[];
    let paused: number;
    const originalPlay = HTMLMediaElement.prototype.play;
    const originalPause = HTMLMediaElement.prototype.pause;

    beforeEach(() => {
      played = [];
      paused = 0;
      HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
        played.push(this.src);
        return Promise.resolve();
      };
      HTMLMediaElement.prototype.pause = function pause() {
        paused++;
      };
    });

    afterEach(() => {
      HTMLMediaElement.prototype.play = originalPlay;
      HTMLMediaElement.prototype.pause = originalPause;
    });

    it('loops the ringtone while ringing and stops it when answered', async () => {
      const el = await fixture<CcIncomingCall>(html`<cc-incoming-call ringtone="/sounds/ring.mp3"></cc-incoming-call>`);
      await ringing(el);
      // The ring's code loads when a call first rings.
      await waitFor(() => played.length > 0, 'the ringtone to play');
      expect(played).to.deep.equal([new URL('/sounds/ring.mp3', location.href).href]);
      button(el, /^Decline/)!.click();
      await waitFor(() => el.state === 'idle', 'the dialog to close');
      expect(paused).to.equal(1);
    });

    it('falls back visibly when the browser blocks the sound: cc-ringtone-blocked, a flashing title, restored when it stops', async () => {
      HTMLMediaElement.prototype.play = () => Promise.reject(new DOMException('no gesture yet', 'NotAllowedError'));
      const title = document.title;
      const blocked = recordDocumentEvents(['cc-ringtone-blocked']);
      const el = await fixture<CcIncomingCall>(html`<cc-incoming-call ringtone="/sounds/ring.mp3"></cc-incoming-call>`);
      const sessionId = await ringing(el);
      await waitFor(() => blocked.events.length > 0, 'cc-ringtone-blocked');
      blocked.stop();
      const event = blocked.events[0]!;
      expect(event.detail).to.deep.equal({ sessionId });
      expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
      await waitFor(() => document.title === 'Incoming call from Bob Brown', 'the title to flash', 2500);
      button(el, /^Decline/)!.click();
      await waitFor(() => el.state === 'idle', 'the dialog to close');
      expect(document.title, 'the title is restored').to.equal(title);
    });

    it('rings with a synthesised tone when the page gives no ringtone, one ring at a time', async function () {
      this.timeout(20_000); // two elements and a ring on a busy machine
      // fixtureSync: awaiting a plain <div> fixture waits for an animation frame, which a background test page may never get.
      const root = fixtureSync<HTMLElement>(html`<div><cc-incoming-call></cc-incoming-call><cc-incoming-call></cc-incoming-call></div>`);
      const el = root.querySelector<CcIncomingCall>('cc-incoming-call')!;
      await el.updateComplete;
      const started: number[] = [];
      const original = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function start(this: OscillatorNode, when?: number) {
        started.push(this.frequency.value);
        return original.call(this, when);
      };
      try {
        await ringing(el);
        // A tone plays, or the browser blocked it and said so.
        const blocked = recordDocumentEvents(['cc-ringtone-blocked']);
        await new Promise((r) => setTimeout(r, 300));
        blocked.stop();
        if (blocked.events.length === 0) expect(started, 'one two-tone ring, though two elements ring').to.deep.equal([440, 480]);
      } finally {
        OscillatorNode.prototype.start = original;
      }
    });

    it('refuses a ringtone URL that is not http(s), and still rings', async () => {
      const el = await fixture<CcIncomingCall>(html`<cc-incoming-call ringtone="javascript:alert(1)"></cc-incoming-call>`);
      await ringing(el);
      expect(played).to.deep.equal([]);
      expect(dialog(el)).to.not.equal(null);
    });
  });

  it('rings even on a page without <cc-incoming-call>, then tidies up', async () => {
    expect(document.querySelector('cc-incoming-call')).to.equal(null);
    const sessionId = await bob.call('alice');
    const auto = await waitFor(() => document.querySelector<CcIncomingCall>('cc-incoming-call[data-cc-auto]'), 'an incoming call UI');
    await waitFor(() => auto.state === 'ringing', 'it to ring');
    await auto.updateComplete;
    button(auto, /^Decline/)!.click();
    await bob.waitToHear('onOutgoingCallRejected', sessionId);
    await waitFor(() => !auto.isConnected, 'the added element to go');
  });

  describe('meeting notices', () => {
    async function announceMeeting(type: 'audio' | 'video' = 'video'): Promise<void> {
      const chat = carol.chat;
      const message = new chat.CustomMessage('team', chat.RECEIVER_TYPE.GROUP, 'meeting', {
        callType: type,
        sessionId: 'team',
        sessionID: 'team',
      });
      await chat.sendCustomMessage(message);
    }

    it('do not pop up without the meetings attribute', async () => {
      const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
      await announceMeeting();
      await waitFor(() => store.state.notices.length === 1, 'the meeting to reach the store');
      await el.updateComplete;
      expect(el.state).to.equal('idle');
      expect(el.shadowRoot!.querySelector('[part="notice"]')).to.equal(null);
    });

    it('show who started which meeting, and Join joins it', async () => {
      const el = await fixture<CcIncomingCall>(html`<cc-incoming-call meetings></cc-incoming-call>`);
      await announceMeeting();
      await waitFor(() => el.state === 'notice', 'the notice');
      await el.updateComplete;
      expect(text(el)).to.contain('Carol Chen started a video meeting in Team');
      expect(announced(el)).to.equal('Carol Chen started a meeting in Team');
      expect(dialog(el), 'a notice is not modal').to.equal(null);
      finishArrival(el);
      await expect(el).to.be.accessible();
      const requests: CustomEvent[] = [];
      el.addEventListener('cc-meeting-join-request', (e) => requests.push(e));
      button(el, /^Join video meeting$/)!.click();
      expect(requests.length).to.equal(1);
      expect(requests[0].detail.meeting.sessionId).to.equal('team');
      await waitFor(() => store.state.call?.phase === 'active' && store.state.call.sessionId === 'team', 'the meeting to be joined');
      expect(alice.inspect().session).to.include({ sessionId: 'team' });
      expect(alice.inspect().session?.participants).to.deep.equal(['alice']);
      expect(alice.inspect().activeCall, 'a meeting never goes through the ringing API').to.equal(null);
      await el.updateComplete;
      expect(el.state).to.equal('idle');
    });

    it('let the page stop a Join with preventDefault', async () => {
      const el = await fixture<CcIncomingCall>(html`<cc-incoming-call meetings></cc-incoming-call>`);
      await announceMeeting('audio');
      await waitFor(() => el.state === 'notice', 'the notice');
      await el.updateComplete;
      el.addEventListener('cc-meeting-join-request', (e) => e.preventDefault());
      button(el, /^Join voice meeting$/)!.click();
      await new Promise((r) => setTimeout(r, 50));
      expect(store.state.call).to.equal(null);
      expect(el.state).to.equal('notice');
    });

    it('appear without taking focus, and Dismiss is reachable, 44 px and works by keyboard', async () => {
      const outside = document.createElement('button');
      outside.className = 'outside';
      outside.textContent = 'Typing here';
      const el = await fixture<CcIncomingCall>(html`<cc-incoming-call meetings></cc-incoming-call>`);
      el.before(outside);
      outside.focus();
      await announceMeeting();
      await waitFor(() => el.state === 'notice', 'the notice');
      await el.updateComplete;
      expect(document.activeElement, 'focus stays where the user was').to.equal(outside);
      const dismiss = button(el, /^Dismiss$/)!;
      for (const b of [dismiss, button(el, /^Join video meeting$/)!]) {
        const { width, height } = b.getBoundingClientRect();
        expect(Math.min(width, height), `${b.getAttribute('aria-label')} target size`).to.be.at.least(44);
      }
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(dismiss);
      await sendKeys({ press: 'Enter' });
      await waitFor(() => el.state === 'idle', 'the notice to go');
    });

    it('go away on Dismiss', async () => {
      const el = await fixture<CcIncomingCall>(html`<cc-incoming-call meetings></cc-incoming-call>`);
      await announceMeeting();
      await waitFor(() => el.state === 'notice', 'the notice');
      await el.updateComplete;
      button(el, /^Dismiss$/)!.click();
      await waitFor(() => el.state === 'idle', 'the notice to go');
      expect(store.state.call).to.equal(null);
    });
  });
});
