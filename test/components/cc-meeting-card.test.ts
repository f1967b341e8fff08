import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements.js';
import type { CcMeetingCard } from '../../src/components/cc-meeting-card/cc-meeting-card.js';
import { resetCalls } from '../../src/configure/configure.js';
import { noteMeetingHistory } from '../../src/store/meetings.js';
import type { Emulator } from '../../emulator/index.js';
import type { ChatCustomMessage } from '../../src/sdk/types.js';
import { getStore } from '../../src/store/store.js';
import type { MeetingInfo } from '../../src/store/types.js';
import { RemoteUser, bobParty, cleanUp, configureAs, painted, recordDocumentEvents, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();
const join = (el: CcMeetingCard) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="join"]');
const part = (el: CcMeetingCard, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`)!;
const text = (el: CcMeetingCard) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const reason = (el: CcMeetingCard) => el.shadowRoot!.querySelector('#reason')!.textContent;
const nextTick = (ms = 150) => new Promise((r) => setTimeout(r, ms));

/** A group member's client: announces meetings, ends them, and can sit in the session. */
class Member extends RemoteUser {
  readonly container = document.createElement('div');

  constructor(uid: string, channel: string) {
    super(uid, channel);
    document.body.append(this.container);
  }

  async send(type: string, customData: unknown, metadata: object = { incrementUnreadCount: true }): Promise<void> {
    const message = new this.chat.CustomMessage('team', 'group', type, customData as object);
    message.setMetadata(metadata);
    await this.chat.sendCustomMessage(message);
  }

  async joinSession(sessionId: string): Promise<void> {
    const calls = this.emulator.CometChatCalls;
    const user = await this.chat.getLoggedinUser();
    const { token } = (await calls.generateToken(sessionId, user!.getAuthToken!())) as { token: string };
    const settings = new calls.CallSettingsBuilder!().enableDefaultLayout(true).setIsAudioOnlyCall(false).build();
    await calls.startSession!(token, settings, this.container);
  }

  override close(): void {
    super.close();
    this.container.remove();
  }
}

describe('<cc-meeting-card>', () => {
  let channel: string;
  let alice: Emulator;
  let bob: Member;
  let received: ReturnType<typeof recordDocumentEvents>;

  beforeEach(async () => {
    channel = uniqueChannel();
    alice = await configureAs('alice', channel);
    bob = new Member('bob', channel);
    received = recordDocumentEvents(['cc-meeting-received']);
  });

  afterEach(async () => {
    received.stop();
    await cleanUp(alice, bob);
    document.querySelectorAll('cc-call-stage').forEach((s) => s.remove());
  });

  /** Bob announces a meeting; resolves with the message as alice's page received it. */
  async function announced(customData: unknown): Promise<ChatCustomMessage> {
    const before = received.events.length;
    await bob.send('meeting', customData);
    const event = await waitFor(() => received.events[before], 'the meeting message to reach alice');
    return event.detail.message as ChatCustomMessage;
  }

  async function cardFor(message: unknown): Promise<CcMeetingCard> {
    return fixture<CcMeetingCard>(html`<cc-meeting-card .message=${message}></cc-meeting-card>`);
  }

  async function settle(el: CcMeetingCard, state: string, what: string): Promise<void> {
    await waitFor(() => el.state === state, what, 6000);
    await el.updateComplete;
  }

  it('shows who started it, in which group, when and which kind, from attributes, and is accessible', async () => {
    const el = await fixture<CcMeetingCard>(
      html`<cc-meeting-card guid="team" call-type="audio" sender-name="Bob Brown" group-name="Team" sent-at="1700000000"></cc-meeting-card>`,
    );
    expect(el.state).to.equal('joinable');
    expect(part(el, 'title').textContent).to.equal('Voice meeting');
    expect(part(el, 'meta').textContent!.trim()).to.equal('Started by Bob Brown in Team');
    const time = part(el, 'time') as HTMLTimeElement;
    expect(time.dateTime).to.equal('2023-11-14T22:13:20.000Z');
    expect(time.textContent!.trim()).to.equal(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(1700000000 * 1000)),
    );
    expect(join(el)!.getAttribute('aria-label')).to.equal('Join voice meeting');
    expect(join(el)!.getAttribute('aria-disabled')).to.equal('false');
    expect(part(el, 'card').tagName).to.equal('ARTICLE');
    expect(el.meeting).to.deep.include({ sessionId: 'team', guid: 'team', type: 'audio', sentAt: 1700000000 });
    await expect(el).to.be.accessible();
  });

  it('formats the time in the language of its closest lang attribute', async () => {
    // The card itself is the fixture: a plain <div> fixture waits for an animation frame, which a
    // background test page (two run at once) may never get.
    const german = document.createElement('div');
    german.lang = 'de';
    const el = await fixture<CcMeetingCard>(html`<cc-meeting-card guid="team" sender-name="Bob" sent-at="1700000000"></cc-meeting-card>`, {
      parentNode: german,
    });
    const expected = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(1700000000 * 1000));
    expect(part(el, 'time').textContent!.trim()).to.equal(expected);
    expect(part(el, 'title').textContent).to.equal('Video meeting');
    expect(join(el)!.getAttribute('aria-label')).to.equal('Join video meeting');
  });

  it('renders names as text only and caps huge ones', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const el = await fixture<CcMeetingCard>(
      html`<cc-meeting-card guid="team" sender-name=${evil} group-name=${'G'.repeat(5000)}></cc-meeting-card>`,
    );
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    const meta = part(el, 'meta').textContent!;
    expect(meta).to.contain('<img src=x onerror="window.__pwned=1"><script>');
    expect(meta.length).to.be.below(200);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('reads a real meeting message and takes it over the attributes', async () => {
    const message = await announced({ callType: 'audio', sessionId: 'team', sessionID: 'team' });
    const el = await fixture<CcMeetingCard>(
      html`<cc-meeting-card guid="other" call-type="video" sender-name="Somebody" .message=${message}></cc-meeting-card>`,
    );
    expect(el.state).to.equal('joinable');
    expect(part(el, 'title').textContent).to.equal('Voice meeting');
    expect(part(el, 'meta').textContent!.trim()).to.equal('Started by Bob Brown in Team');
    expect((part(el, 'time') as HTMLTimeElement).dateTime).to.equal(new Date(message.getSentAt!() * 1000).toISOString());
    expect(join(el)!.getAttribute('aria-label')).to.equal('Join voice meeting');
    expect(el.meeting?.sessionId).to.equal('team');
  });

  it("reads a message shaped exactly like CometChat's React kit's, and joins it", async () => {
    const message = await announced({ sessionID: 'team', sessionId: 'team', callType: 'video' });
    const el = await cardFor(message);
    expect(part(el, 'title').textContent).to.equal('Video meeting');
    expect(join(el)!.getAttribute('aria-label')).to.equal('Join video meeting');
    await bob.joinSession('team');
    join(el)!.click();
    await settle(el, 'in-meeting', 'alice to be in the meeting');
    await waitFor(() => alice.inspect().session?.participants.includes('bob'), 'alice in bob’s session');
    expect(alice.inspect().session?.sessionId).to.equal('team');
  });

  it("refuses a meeting message that names a session other than its group's", async () => {
    const chat = alice.CometChat;
    const message = new chat.CustomMessage('team', chat.RECEIVER_TYPE.GROUP, 'meeting', { sessionID: 'secret-group', callType: 'video' });
    const el = await cardFor(message);
    expect(el.state).to.equal('invalid');
    expect(part(el, 'status').textContent).to.equal("This meeting can't be joined");
    expect(join(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('dispatches a cancelable, bubbling, composed cc-meeting-join-request', async () => {
    const el = await fixture<CcMeetingCard>(
      html`<cc-meeting-card guid="team" sender-name="Bob Brown" group-name="Team" sent-at="1700000000"></cc-meeting-card>`,
    );
    setTimeout(() => join(el)!.click());
    const event = await oneEvent(el, 'cc-meeting-join-request');
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    const meeting: MeetingInfo = event.detail.meeting;
    expect(meeting).to.deep.equal({
      sessionId: 'team',
      guid: 'team',
      type: 'video',
      group: { kind: 'group', id: 'team', name: 'Team', avatar: null },
      sender: { kind: 'user', id: '', name: 'Bob Brown', avatar: null },
      sentAt: 1700000000,
    });
  });

  it('joins nothing when the cc-meeting-join-request is prevented', async () => {
    const el = await fixture<CcMeetingCard>(html`<cc-meeting-card guid="team"></cc-meeting-card>`);
    el.addEventListener('cc-meeting-join-request', (e) => e.preventDefault());
    join(el)!.click();
    await nextTick();
    expect(store.state.call).to.equal(null);
    expect(alice.inspect().session).to.equal(null);
    expect(el.state).to.equal('joinable');
  });

  it('joins with the keyboard', async () => {
    const el = await fixture<CcMeetingCard>(html`<cc-meeting-card guid="team"></cc-meeting-card>`);
    join(el)!.focus();
    setTimeout(() => sendKeys({ press: 'Enter' }));
    await oneEvent(el, 'cc-meeting-join-request');
    await settle(el, 'in-meeting', 'the join');
  });

  it('joins the session with no other element on the page, shows "In meeting", and is joinable again after leaving', async () => {
    expect(document.querySelector('cc-call-stage')).to.equal(null);
    const message = await announced({ sessionId: 'team', sessionID: 'team', callType: 'video' });
    await bob.joinSession('team');
    const el = await cardFor(message);
    join(el)!.click();
    await waitFor(() => store.state.call?.phase === 'active', 'the meeting to be active', 6000);
    expect(alice.inspect().session?.sessionId).to.equal('team');
    expect(document.querySelector('cc-call-stage[data-cc-auto]'), 'the store added a stage').to.not.equal(null);
    await settle(el, 'in-meeting', 'in meeting');
    expect(part(el, 'status').textContent).to.equal('In meeting');
    // In the meeting: Return and Leave, never a dead Join.
    expect(join(el), 'no Join while in the meeting').to.equal(null);
    expect(part(el, 'return').textContent!.trim()).to.equal('Return');
    expect(part(el, 'leave').textContent!.trim()).to.equal('Leave');
    await expect(el).to.be.accessible();

    await waitFor(() => store.state.call?.othersInSession === 1, 'alice to see bob');
    part(el, 'return').click();
    const stage = document.querySelector('cc-call-stage')!;
    expect(stage.shadowRoot!.activeElement, 'Return puts focus on the stage').to.equal(stage.shadowRoot!.querySelector('[part="end"]'));
    part(el, 'leave').click();
    await waitFor(() => alice.inspect().session === null, 'alice to leave');
    await settle(el, 'joinable', 'joinable again');
    expect(part(el, 'status').textContent).to.equal('');
    expect(join(el)!.getAttribute('aria-disabled')).to.equal('false');
  });

  it('shows "Ended" without Join once a meeting_ended message for its session arrives', async () => {
    const message = await announced({ sessionId: 'team', sessionID: 'team', callType: 'video' });
    const el = await cardFor(message);
    await bob.send('meeting_ended', { sessionId: 'team', sessionID: 'team' }, { incrementUnreadCount: false });
    await settle(el, 'ended', 'the card to end');
    expect(part(el, 'status').textContent).to.equal('Ended');
    expect(join(el)).to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('button')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('reads "Ended" for an old meeting once the page passes its chat history', async () => {
    const el = await fixture<CcMeetingCard>(html`<cc-meeting-card guid="team" sent-at="1700000000"></cc-meeting-card>`);
    expect(el.state).to.equal('joinable');
    const chat = alice.CometChat;
    const historic = (type: string, sentAt: number, sessionId = 'team') => {
      const message = new chat.CustomMessage('team', chat.RECEIVER_TYPE.GROUP, type, { sessionId, sessionID: sessionId });
      message.setSentAt(sentAt);
      return message;
    };
    noteMeetingHistory([
      historic('meeting', 1700000000),
      historic('meeting_ended', 1600000000),
      historic('meeting_ended', 1700000500, 'other'),
    ]);
    await el.updateComplete;
    expect(el.state, 'an older end, or another session, changes nothing').to.equal('joinable');
    noteMeetingHistory([historic('meeting_ended', 1700000600)]);
    await settle(el, 'ended', 'the card to end');
    expect(part(el, 'status').textContent).to.equal('Ended');
  });

  it('shows "Ended" when this user was the last to leave', async () => {
    const el = await fixture<CcMeetingCard>(html`<cc-meeting-card guid="team" sent-at=${Math.floor(Date.now() / 1000)}></cc-meeting-card>`);
    join(el)!.click();
    await waitFor(() => store.state.call?.phase === 'active', 'the meeting to be active', 6000);
    await waitFor(() => store.state.call?.othersInSession === 0, 'alice to know she is alone');
    store.dispatch({ type: 'hang-up' });
    await settle(el, 'ended', 'the card to end');
    expect(text(el)).to.contain('Ended');
  });

  it('ignores a meeting_ended older than the meeting, and one for another session', async () => {
    const el = await fixture<CcMeetingCard>(html`<cc-meeting-card guid="team" sent-at="1700000000"></cc-meeting-card>`);
    store.dispatch({ type: 'meeting-ended-message', sessionId: 'team', sentAt: 1699999999 });
    store.dispatch({ type: 'meeting-ended-message', sessionId: 'elsewhere', sentAt: 1800000000 });
    await painted(el);
    expect(el.state).to.equal('joinable');
    expect(join(el)).to.not.equal(null);
    store.dispatch({ type: 'meeting-ended-message', sessionId: 'team', sentAt: 1700000000 });
    await painted(el);
    expect(el.state).to.equal('ended');
    expect(text(el)).to.contain('Ended');
  });

  it("falls back to the group's session when the message has no custom data, as the kits do", async () => {
    const el = await cardFor(await announced({}));
    expect(el.state).to.equal('joinable');
    expect(el.meeting?.sessionId).to.equal('team');
    expect(part(el, 'title').textContent).to.equal('Video meeting');
  });

  it("says a meeting it cannot read can't be joined, offers no Join, and never throws", async () => {
    const throwing = {
      getType: () => 'meeting',
      getCustomData: () => {
        throw new Error('boom');
      },
      getReceiverId: () => {
        throw new Error('boom');
      },
    };
    const cases: unknown[] = [
      { getType: () => 'meeting', getCustomData: () => undefined, getReceiverId: () => undefined },
      { getType: () => 'meeting', getCustomData: () => ({ sessionId: 42, sessionID: { evil: true } }), getReceiverId: () => 7 },
      { getType: () => 'meeting', getCustomData: () => ({ sessionId: 'x'.repeat(5000) }), getReceiverId: () => '' },
      { getType: () => 'text', getCustomData: () => ({ sessionId: 'team' }), getReceiverId: () => 'team' },
      throwing,
      'not a message',
      42,
    ];
    for (const message of cases) {
      const el = await cardFor(message);
      expect(el.state, JSON.stringify(String(message))).to.equal('invalid');
      expect(part(el, 'status').textContent).to.equal("This meeting can't be joined");
      expect(el.shadowRoot!.querySelectorAll('button')).to.have.length(0);
    }
    const noId = await fixture<CcMeetingCard>(html`<cc-meeting-card sender-name="Bob"></cc-meeting-card>`);
    expect(noId.state).to.equal('invalid');
    expect(text(noId)).to.contain("This meeting can't be joined");
    await expect(noId).to.be.accessible();
  });

  it('uses session-id over guid, and turns invalid when only a bad session id is given', async () => {
    const el = await fixture<CcMeetingCard>(html`<cc-meeting-card guid="team" session-id="team-room"></cc-meeting-card>`);
    expect(el.meeting).to.deep.include({ sessionId: 'team-room', guid: 'team' });
    el.removeAttribute('guid');
    el.setAttribute('session-id', 'bad\u202eid');
    await el.updateComplete;
    expect(el.state).to.equal('invalid');
    expect(join(el)).to.equal(null);
    el.setAttribute('session-id', 'team');
    await el.updateComplete;
    expect(el.state).to.equal('joinable');
  });

  it('keeps Join focusable but aria-disabled, and says why, while calling is unavailable', async () => {
    await resetCalls();
    const el = await fixture<CcMeetingCard>(html`<cc-meeting-card guid="team"></cc-meeting-card>`);
    expect(el.state).to.equal('joinable');
    expect(join(el)!.getAttribute('aria-disabled')).to.equal('true');
    expect(join(el)!.disabled).to.equal(false);
    expect(reason(el)).to.equal('Calling is not available');
    join(el)!.focus();
    expect(el.shadowRoot!.activeElement).to.equal(join(el));
    const requests = recordDocumentEvents(['cc-meeting-join-request']);
    join(el)!.click();
    requests.stop();
    expect(requests.events, 'an unavailable Join asks for nothing').to.have.length(0);
    await nextTick();
    expect(store.state.call).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keeps Join aria-disabled while the user is in another call', async () => {
    const el = await fixture<CcMeetingCard>(html`<cc-meeting-card guid="team"></cc-meeting-card>`);
    store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
    await bob.waitToHear('onIncomingCallReceived');
    await painted(el);
    expect(el.state).to.equal('joinable');
    expect(join(el)!.getAttribute('aria-disabled')).to.equal('true');
    expect(reason(el)).to.equal('You are already in a call');
    const requests = recordDocumentEvents(['cc-meeting-join-request']);
    join(el)!.click();
    requests.stop();
    expect(requests.events, 'a busy Join asks for nothing').to.have.length(0);
    await nextTick();
    expect(store.state.call?.kind).to.equal('direct');
    await expect(el).to.be.accessible();
    store.dispatch({ type: 'cancel' });
    await waitFor(() => store.state.call === null, 'the call to end');
    await painted(el);
    expect(join(el)!.getAttribute('aria-disabled')).to.equal('false');
    expect(reason(el)).to.equal('');
  });

  it('takes extra controls in its actions slot', async () => {
    const el = await fixture<CcMeetingCard>(html`<cc-meeting-card guid="team"><button slot="actions">Details</button></cc-meeting-card>`);
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="actions"]')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Details']);
    expect(slot.closest('[part="actions"]')).to.equal(part(el, 'actions'));
  });
});
