/**
 * What a hostile page, a hostile remote user or a clumsy translation can put in front of the
 * elements (issue 12, findings 6, 9, 10, 11, 13): nothing throws, nothing is fetched from the site's
 * own origin, nothing overflows, and only the site's own config block chooses how calling runs.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements.js';
import type { CcCallButton } from '../../src/components/cc-call-button/cc-call-button.js';
import type { CcIncomingCall } from '../../src/components/cc-incoming-call/cc-incoming-call.js';
import type { CcMeetingCard } from '../../src/components/cc-meeting-card/cc-meeting-card.js';
import { configure, resetCalls } from '../../src/configure/configure.js';
import { applyDeclarativeConfig } from '../../src/configure/declarative.js';
import { partyFromUser } from '../../src/core/messages.js';
import { safeUrl } from '../../src/core/clean.js';
import type { Emulator } from '../../emulator/index.js';
import { createEmulator } from '../../emulator/index.js';
import { pageCallsSdk } from '../../src/sdk/load.js';
import { format, resolveStrings, setStrings, defaultStrings } from '../../src/core/strings.js';
import { getStore } from '../../src/store/store.js';
import { RemoteUser, cleanUp, configureAs, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();
const nextTick = (ms = 100) => new Promise((r) => setTimeout(r, ms));

/** Collects unhandled rejections and uncaught errors while a test runs. */
function watchUncaught(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onRejection = (event: PromiseRejectionEvent) => {
    errors.push(event.reason);
    event.preventDefault();
  };
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('error', onError);
  return {
    errors,
    stop() {
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
    },
  };
}

describe('#6 huge meeting timestamps', () => {
  afterEach(() => resetCalls());

  for (const sentAt of ['99999999999999', '1e15', '-5', 'NaN', 'Infinity']) {
    it(`renders a card with sent-at="${sentAt}" without a time, and throws nothing`, async () => {
      const uncaught = watchUncaught();
      const el = await fixture<CcMeetingCard>(html`<cc-meeting-card guid="team" sent-at=${sentAt}></cc-meeting-card>`);
      await el.updateComplete;
      await nextTick();
      uncaught.stop();
      expect(uncaught.errors.map(String)).to.deep.equal([]);
      expect(el.shadowRoot!.querySelector('time')).to.equal(null);
      expect(el.meeting?.sentAt).to.equal(0);
    });
  }

  it('renders a meeting message whose getSentAt() says 1e15 without a time', async () => {
    const uncaught = watchUncaught();
    const message = {
      getType: () => 'meeting',
      getCategory: () => 'custom',
      getReceiverId: () => 'team',
      getCustomData: () => ({ sessionId: 'team', callType: 'video' }),
      getSentAt: () => 1e15,
    };
    const el = await fixture<CcMeetingCard>(html`<cc-meeting-card .message=${message}></cc-meeting-card>`);
    await el.updateComplete;
    await nextTick();
    uncaught.stop();
    expect(uncaught.errors.map(String)).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('time')).to.equal(null);
  });
});

describe('#11 avatars from other users', () => {
  it('takes only absolute https: URLs, or http: on localhost', () => {
    expect(safeUrl('https://cdn.example/a.png')).to.equal('https://cdn.example/a.png');
    expect(safeUrl('http://localhost:8000/a.png')).to.equal('http://localhost:8000/a.png');
    expect(safeUrl('http://127.0.0.1/a.png')).to.equal('http://127.0.0.1/a.png');
    for (const bad of [
      '/account/delete?confirm=1',
      'account/delete',
      '//evil.example/a.png',
      '?x=1',
      'http://evil.example/a.png',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      ' https://cdn.example/a.png',
    ]) {
      expect(safeUrl(bad), bad).to.equal(null);
    }
  });

  it("never turns a relative avatar into a request on the site's origin", () => {
    const user = { getUid: () => 'mallory', getName: () => 'Mallory', getAvatar: () => '/account/delete?confirm=1' };
    expect(partyFromUser(user as never).avatar).to.equal(null);
  });
});

describe('#13 text from the page', () => {
  afterEach(() => {
    setStrings({ ...defaultStrings });
    document.querySelectorAll('cc-incoming-call, cc-call-stage').forEach((e) => e.remove());
  });

  it('fills only the placeholders it was given: {constructor} stays as written', () => {
    expect(format('Hi {constructor} {toString} {name}', { name: 'Bob' })).to.equal('Hi {constructor} {toString} Bob');
    expect(format('{__proto__}')).to.equal('{__proto__}');
  });

  it('ignores string overrides that are not strings, or not its own', () => {
    const inherited = Object.create({ accept: 'From the prototype' }) as Record<string, unknown>;
    inherited['decline'] = 42;
    const strings = resolveStrings(inherited as never);
    expect(strings.accept).to.equal('Accept');
    expect(strings.decline).to.equal('Decline');
    expect(Object.hasOwn(strings, 'constructor')).to.equal(false);
  });

  it('cuts a long button label with an ellipsis inside its container and keeps the whole accessible name', async () => {
    const label = 'Call our customer support team about your order '.repeat(6).trim();
    // The button itself is the fixture: a plain <div> fixture waits for an animation frame, which a
    // background test page never gets.
    const box = document.createElement('div');
    box.style.inlineSize = '220px';
    document.body.append(box);
    const el = await fixture<CcCallButton>(html`<cc-call-button uid="bob" label=${label}></cc-call-button>`, { parentNode: box });
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.getBoundingClientRect().width, 'the button fits its container').to.be.at.most(220.5);
    const labelPart = el.shadowRoot!.querySelector<HTMLElement>('[part="label"]')!;
    expect(getComputedStyle(labelPart).textOverflow).to.equal('ellipsis');
    expect(labelPart.scrollWidth, 'the text is cut, not overflowing').to.be.above(labelPart.clientWidth);
    expect(button.textContent!.replace(/\s+/g, ' ').trim(), 'the accessible name keeps all of it').to.equal(label);
  });

  describe('a long translation in the ringing dialog', () => {
    let alice: Emulator;
    let bob: RemoteUser;

    beforeEach(async () => {
      const channel = uniqueChannel();
      alice = await configureAs('alice', channel);
      bob = new RemoteUser('bob', channel);
    });

    afterEach(() => cleanUp(alice, bob));

    it('keeps Accept, Decline and the title inside the panel', async () => {
      // German compounds: long words with no place to break.
      const long = 'Videoanrufannahmebestätigungsschaltflächenbeschriftung';
      setStrings({ accept: long, decline: long, incomingVideoCall: long.repeat(2) });
      const el = await fixture<CcIncomingCall>(html`<cc-incoming-call></cc-incoming-call>`);
      await bob.call('alice');
      await waitFor(() => el.state === 'ringing', 'the call to ring');
      await el.updateComplete;
      for (const animation of el.shadowRoot!.getAnimations()) {
        if (animation.effect?.getComputedTiming().iterations !== Infinity) animation.finish();
      }
      const panel = el.shadowRoot!.querySelector('[role="alertdialog"]')!.getBoundingClientRect();
      for (const selector of ['.accept', '.decline', '.title']) {
        const box = el.shadowRoot!.querySelector(selector)!.getBoundingClientRect();
        expect(box.left, `${selector} starts inside the panel`).to.be.at.least(panel.left - 0.5);
        expect(box.right, `${selector} ends inside the panel`).to.be.at.most(panel.right + 0.5);
      }
    });
  });
});

describe('#9 DOM clobbering of the SDK globals', () => {
  const clobbers: HTMLElement[] = [];
  afterEach(async () => {
    clobbers.splice(0).forEach((e) => e.remove());
    await resetCalls();
  });

  function clobber(id: string): void {
    const element = document.createElement('div');
    element.id = id;
    document.body.append(element);
    clobbers.push(element);
  }

  it('never takes an element with id="CometChatCalls" for the calls SDK', () => {
    clobber('CometChatCalls');
    expect((window as unknown as Record<string, unknown>)['CometChatCalls'], 'the browser does clobber it').to.be.instanceOf(HTMLElement);
    expect(pageCallsSdk()).to.equal(undefined);
  });

  it('still asks for appId and region when window.CometChatCalls is only an element', async () => {
    clobber('CometChatCalls');
    const alice = createEmulator({ uid: 'alice', channel: uniqueChannel(), media: false });
    try {
      const error = await configure({ chat: alice.CometChat }).then(
        () => null,
        (e: { code: string }) => e,
      );
      expect(error?.code).to.equal('config-invalid');
    } finally {
      alice.close();
    }
  });

  it('refuses an element passed as `chat`', async () => {
    clobber('CometChat');
    const error = await configure({ chat: (window as unknown as Record<string, never>)['CometChat'] }).then(
      () => null,
      (e: { code: string }) => e,
    );
    expect(error?.code).to.equal('config-invalid');
  });
});

describe('#10 which config block counts', () => {
  let doc: Document;
  afterEach(async () => {
    await resetCalls();
    document.querySelectorAll('[data-cc-emulator-notice]').forEach((e) => e.remove());
  });

  function page(head: string[], body: string[]): Document {
    doc = document.implementation.createHTMLDocument('page');
    const block = (json: string) => `<script type="application/json" data-cc-calls-config>${json}</script>`;
    doc.head.innerHTML = head.map(block).join('');
    doc.body.innerHTML = body.map(block).join('');
    return doc;
  }

  const emulatorAs = (uid: string, channel = uniqueChannel()) => JSON.stringify({ emulator: { uid, channel, media: false } });

  it('lets no block in page content turn on the emulator', async () => {
    await applyDeclarativeConfig(page([], [emulatorAs('mallory')]));
    expect(store.state.status).to.equal('unavailable');
    expect(store.state.error?.code).to.equal('config-invalid');
    expect(document.querySelector('[data-cc-emulator-notice]')).to.equal(null);
  });

  it("refuses a content block placed before the site's own block in <body>", async () => {
    await applyDeclarativeConfig(page([], [emulatorAs('carol'), '{ "appId": "app", "region": "us", "authToken": "t" }']));
    expect(store.state.status).to.equal('unavailable');
    expect(store.state.user).to.equal(null);
  });

  it('takes the block in <head> over any block in <body>, applied once', async () => {
    const channel = uniqueChannel();
    const d = page([emulatorAs('alice', channel)], [emulatorAs('carol', channel)]);
    await applyDeclarativeConfig(d);
    await waitFor(() => store.state.status === 'ready', 'the head block to configure');
    expect(store.state.user?.id).to.equal('alice');
    expect(applyDeclarativeConfig(d), 'applied only once').to.equal(null);
    expect(d.body.querySelector('[data-cc-calls-applied]')).to.equal(null);
  });
});
