import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import '../../src/elements.js';
import type { CcCallButton } from '../../src/components/cc-call-button/cc-call-button.js';
import type { CcIncomingCall } from '../../src/components/cc-incoming-call/cc-incoming-call.js';
import type { Emulator } from '../../emulator/index.js';
import { defaultStrings, setStrings } from '../../src/core/strings.js';
import { RemoteUser, cleanUp, configureAs, uniqueChannel, waitFor } from '../helpers.js';

const accessibleName = (el: CcCallButton) => el.shadowRoot!.querySelector('button')!.textContent!.trim();

describe('language and direction', () => {
  let alice: Emulator;
  let bob: RemoteUser;

  beforeEach(async () => {
    const channel = uniqueChannel();
    alice = await configureAs('alice', channel);
    bob = new RemoteUser('bob', channel);
    setStrings({ startVideoCall: 'Videoanruf starten' }, 'de');
  });

  afterEach(async () => {
    setStrings(defaultStrings, 'de');
    document.documentElement.lang = 'en';
    await cleanUp(alice, bob);
  });

  it('speaks the language of its closest lang attribute, falling back from de-AT to de', async () => {
    // fixtureSync: awaiting a plain <div> fixture waits for an animation frame, which a background test page may never get.
    const wrapper = fixtureSync<HTMLElement>(html`<div>
      <p lang="de-AT"><cc-call-button uid="bob"></cc-call-button></p>
      <p lang="fr"><cc-call-button uid="bob"></cc-call-button></p>
    </div>`);
    const [german, french] = [...wrapper.querySelectorAll('cc-call-button')];
    await Promise.all([german!.updateComplete, french!.updateComplete]);
    expect(accessibleName(german!)).to.equal('Videoanruf starten');
    expect(accessibleName(french!), 'no French table: English defaults').to.equal('Start video call');
  });

  it('follows a change of the page language', async () => {
    const el = await fixture<CcCallButton>(html`<cc-call-button uid="bob"></cc-call-button>`);
    expect(accessibleName(el)).to.equal('Start video call');
    document.documentElement.lang = 'de';
    await waitFor(() => accessibleName(el) === 'Videoanruf starten', 'the German label');
  });

  it('keeps English fallback text readable on a right-to-left page without a translation', async () => {
    const wrapper = fixtureSync<HTMLElement>(html`<div dir="rtl" lang="ar">
      <cc-meeting-card session-id="team" guid="team" sender-name="Alice Adams" group-name="Team"></cc-meeting-card>
    </div>`);
    const card = wrapper.querySelector('cc-meeting-card')!;
    await card.updateComplete;
    const meta = card.shadowRoot!.querySelector('[part="meta"]')!;
    expect(meta.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Started by Alice Adams in Team');
    // Each paragraph takes its own words' direction: "Started" reads first, on the left.
    expect(getComputedStyle(meta).unicodeBidi).to.equal('plaintext');
    const first = document.createRange();
    const text = [...meta.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
    first.setStart(text, text.textContent!.indexOf('S'));
    first.setEnd(text, text.textContent!.indexOf('S') + 1);
    const team = meta.querySelectorAll('bdi')[1]!.getBoundingClientRect();
    expect(first.getBoundingClientRect().left, '"Started" left of "Team"').to.be.lessThan(team.left);
  });

  it('lays out right to left: Decline sits on the right of Accept', async () => {
    const wrapper = fixtureSync<HTMLElement>(html`<div dir="rtl"><cc-incoming-call></cc-incoming-call></div>`);
    const el = wrapper.querySelector<CcIncomingCall>('cc-incoming-call')!;
    await bob.call('alice');
    await waitFor(() => el.state === 'ringing', 'ringing');
    await el.updateComplete;
    const decline = el.shadowRoot!.querySelector('[part="decline"]')!.getBoundingClientRect();
    const accept = el.shadowRoot!.querySelector('[part="accept"]')!.getBoundingClientRect();
    expect(decline.left).to.be.greaterThan(accept.left);
  });
});
