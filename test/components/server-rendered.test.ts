import { expect } from '@open-wc/testing';
import '../../src/elements.js';
import type { CcCallButton } from '../../src/components/cc-call-button/cc-call-button.js';
import type { CcCallStage } from '../../src/components/cc-call-stage/cc-call-stage.js';
import type { CcIncomingCall } from '../../src/components/cc-incoming-call/cc-incoming-call.js';
import type { CcMeetingCard } from '../../src/components/cc-meeting-card/cc-meeting-card.js';
import type { Emulator } from '../../emulator/index.js';
import { getStore } from '../../src/store/store.js';
import { RemoteUser, cleanUp, configureAs, painted, uniqueChannel, waitFor } from '../helpers.js';

/**
 * Markup as a server renders it (React, Vue, Angular, a CMS): the elements upgrade in the browser,
 * and a framework then hydrates that markup expecting exactly the attributes it wrote. So the
 * elements never write an attribute on themselves; what they show is a custom state (`:state()`).
 */
const SERVER_HTML = `
  <cc-call-button uid="bob" name="Bob Brown"></cc-call-button>
  <cc-call-button uid="bob" name="Bob Brown" call-type="audio"></cc-call-button>
  <cc-call-button guid="team" name="Team"></cc-call-button>
  <cc-meeting-card session-id="team" guid="team" sender-name="Carol Chen" group-name="Team"></cc-meeting-card>
  <cc-call-stage></cc-call-stage>
  <cc-call-stage mode="inline"></cc-call-stage>
  <cc-incoming-call meetings></cc-incoming-call>
`;

const hosts = (root: HTMLElement) => [
  ...root.querySelectorAll<HTMLElement>('cc-call-button, cc-meeting-card, cc-call-stage, cc-incoming-call'),
];
const attributes = (root: HTMLElement) =>
  hosts(root).map(
    (el) =>
      `<${el.localName} ${el
        .getAttributeNames()
        .map((n) => `${n}="${el.getAttribute(n)}"`)
        .join(' ')}>`,
  );
const hasState = (el: HTMLElement, state: string) => el.matches(`:state(${state})`);

describe('server-rendered markup', () => {
  let channel: string;
  let alice: Emulator;
  let bob: RemoteUser;
  let root: HTMLElement;

  beforeEach(async () => {
    channel = uniqueChannel();
    alice = await configureAs('alice', channel, {}, { outcomeDuration: 60_000 });
    bob = new RemoteUser('bob', channel);
  });

  afterEach(async () => {
    await cleanUp(alice, bob);
    root?.remove();
    document.querySelectorAll('style[data-test]').forEach((s) => s.remove());
  });

  it('keeps exactly the attributes the page wrote, from upgrade through ringing, a call and its outcome', async () => {
    root = document.createElement('div');
    root.innerHTML = SERVER_HTML;
    const written = attributes(root);
    const changes: string[] = [];
    const observer = new MutationObserver((records) =>
      records.forEach((r) =>
        changes.push(`${(r.target as Element).localName} ${r.attributeName}="${(r.target as Element).getAttribute(r.attributeName!)}"`),
      ),
    );
    // Watched from before the elements enter the document, so the upgrade itself is watched too.
    observer.observe(root, { attributes: true, subtree: true });
    document.body.append(root);
    const [video, , , card] = hosts(root) as [CcCallButton, CcCallButton, CcCallButton, CcMeetingCard];
    const [overlay, inline] = [...root.querySelectorAll('cc-call-stage')] as CcCallStage[];
    const incoming = root.querySelector('cc-incoming-call') as CcIncomingCall;
    await Promise.all(hosts(root).map((el) => painted(el as CcCallButton)));
    expect(overlay.state).to.equal('idle');
    expect(incoming.state).to.equal('idle');
    expect(card.state).to.equal('joinable');

    // Bob rings Alice: the dialog rings; Alice declines.
    const store = getStore();
    const ring = await bob.chat.initiateCall(new bob.chat.Call('alice', 'video', 'user'));
    await waitFor(() => incoming.state === 'ringing', 'the dialog to ring');
    await incoming.updateComplete;
    incoming.shadowRoot!.querySelector<HTMLButtonElement>('[part="decline"]')!.click();
    await bob.waitToHear('onOutgoingCallRejected', ring.getSessionId());
    await waitFor(() => incoming.state === 'idle', 'the dialog to close');

    // Alice calls Bob from the button; Bob answers; Alice hangs up and sees the outcome.
    video.shadowRoot!.querySelector('button')!.click();
    const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
    await waitFor(() => overlay.state === 'calling' && inline.state === 'calling', 'both stages to show the call');
    await bob.chat.acceptCall(sessionId);
    await waitFor(() => store.state.call?.phase === 'active', 'the call to be active', 8000);
    const staged = [overlay, inline].find((s) => s.state === 'active');
    expect(staged, 'a stage shows the call').to.exist;
    staged!.shadowRoot!.querySelector<HTMLButtonElement>('[part="end"]')!.click();
    await waitFor(() => staged!.state === 'ended', 'the outcome');
    await Promise.all(hosts(root).map((el) => painted(el as CcCallButton)));

    observer.disconnect();
    expect(changes, 'attribute writes on the elements').to.deep.equal([]);
    expect(attributes(root)).to.deep.equal(written);
  });

  it('shows what each element shows as custom states, which page CSS can style', async () => {
    root = document.createElement('div');
    root.innerHTML = SERVER_HTML;
    document.body.append(root);
    const style = document.createElement('style');
    style.dataset.test = '';
    style.textContent =
      'cc-call-stage:state(calling) { outline: 3px solid rgb(255, 0, 0); } cc-call-button:state(audio) { outline: 2px solid rgb(0, 0, 255); }';
    document.head.append(style);
    const [video, audio] = hosts(root) as CcCallButton[];
    const [overlay, inline] = [...root.querySelectorAll('cc-call-stage')] as CcCallStage[];
    await Promise.all(hosts(root).map((el) => painted(el as CcCallButton)));

    expect([hasState(overlay, 'idle'), hasState(overlay, 'overlay'), hasState(inline, 'inline')]).to.deep.equal([true, true, true]);
    expect(getComputedStyle(audio).outlineColor, 'the audio button, styled by the page').to.equal('rgb(0, 0, 255)');
    expect(getComputedStyle(video).outlineStyle).to.equal('none');
    const audioBackground = getComputedStyle(audio.shadowRoot!.querySelector('button')!).backgroundColor;

    // A framework that sets the property (React 19, Vue, Angular) gets the voice-call look too, and no attribute.
    video.callType = 'audio';
    await video.updateComplete;
    expect(video.hasAttribute('call-type')).to.equal(false);
    expect(hasState(video, 'audio')).to.equal(true);
    expect(getComputedStyle(video.shadowRoot!.querySelector('button')!).backgroundColor).to.equal(audioBackground);

    // Mode set as a property: the stage lays itself out inline, with no attribute written.
    overlay.mode = 'inline';
    await overlay.updateComplete;
    expect(overlay.hasAttribute('mode')).to.equal(false);
    expect(getComputedStyle(overlay).display, 'an idle inline stage shows its placeholder').to.equal('block');

    video.shadowRoot!.querySelector('button')!.click();
    await bob.waitToHear('onIncomingCallReceived');
    await waitFor(() => hasState(inline, 'calling') && !hasState(inline, 'idle'), 'the calling state');
    expect(getComputedStyle(inline).outlineColor, 'the stage, styled by the page while calling').to.equal('rgb(255, 0, 0)');
  });
});
