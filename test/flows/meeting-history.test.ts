/**
 * A reload in the middle of a meeting: after configure(), the recent meeting messages of the
 * user's groups are read through the chat SDK's GroupsRequest and MessagesRequest (here the
 * emulator's), and each meeting with no later meeting_ended is offered again. The window is
 * bounded (2 hours, 20 groups, 10 messages a group), and a malformed, huge or foreign answer is
 * ignored with one console warning: no cc-error, nothing offered.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements.js';
import type { CcIncomingCall } from '../../src/components/cc-incoming-call/cc-incoming-call.js';
import { configure } from '../../src/configure/configure.js';
import { HISTORY_WINDOW } from '../../src/sdk/history.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.js';
import { getStore } from '../../src/store/store.js';
import { RemoteUser, bareStage, cleanUp, recordDocumentEvents, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();
const now = () => Math.floor(Date.now() / 1000);

/** What the page asked the SDK for: limits, groups read, and how many requests have answered. */
interface HistoryReads {
  groupLimits: number[];
  messageLimits: number[];
  guidsRead: string[];
  answered: number;
}

/**
 * Carol's page: a fresh emulator client (a page load), its history requests counted at the SDK's
 * edge, then configure(). `before` runs on the emulator first (to queue a fault).
 */
async function loadPage(channel: string, extra: Partial<EmulatorOptions> = {}, before?: (emulator: Emulator) => void) {
  const emulator = createEmulator({ uid: 'carol', channel, media: false, ...extra });
  const reads: HistoryReads = { groupLimits: [], messageLimits: [], guidsRead: [], answered: 0 };
  const chat = emulator.CometChat;
  const Groups = chat.GroupsRequestBuilder;
  const Messages = chat.MessagesRequestBuilder;
  const settle = <T>(promise: Promise<T>) => promise.finally(() => reads.answered++);
  chat.GroupsRequestBuilder = class extends Groups {
    override setLimit(limit: number) {
      reads.groupLimits.push(limit);
      return super.setLimit(limit);
    }
    override build() {
      const request = super.build();
      const fetchNext = request.fetchNext.bind(request);
      request.fetchNext = () => settle(fetchNext());
      return request;
    }
  };
  chat.MessagesRequestBuilder = class extends Messages {
    override setLimit(limit: number) {
      reads.messageLimits.push(limit);
      return super.setLimit(limit);
    }
    override setGUID(guid: string) {
      reads.guidsRead.push(guid);
      return super.setGUID(guid);
    }
    override build() {
      const request = super.build();
      const fetchPrevious = request.fetchPrevious.bind(request);
      request.fetchPrevious = () => settle(fetchPrevious());
      return request;
    }
  };
  before?.(emulator);
  await configure({ chat, calls: emulator.CometChatCalls, outcomeDuration: 60 });
  return { emulator, reads };
}

/** A member who announces meetings and ends them, as another page would. */
class Member extends RemoteUser {
  async send(type: 'meeting' | 'meeting_ended', guid = 'team'): Promise<void> {
    const data = type === 'meeting' ? { callType: 'video', sessionId: guid, sessionID: guid } : { sessionId: guid, sessionID: guid };
    await this.chat.sendCustomMessage(new this.chat.CustomMessage(guid, 'group', type, data));
  }

  /** A message as the server would return it, sent `secondsAgo` ago. */
  stored(type: string, guid: string, secondsAgo: number, id: number) {
    const message = new this.chat.CustomMessage(guid, 'group', type, { callType: 'video', sessionId: guid, sessionID: guid });
    message.setId(id);
    message.setSentAt(now() - secondsAgo);
    message.setSender(new this.chat.User('bob', 'Bob Brown'));
    message.setReceiver(new this.chat.Group(guid, guid === 'team' ? 'Team' : guid));
    return message;
  }

  async joinSession(container: HTMLElement): Promise<void> {
    const calls = this.emulator.CometChatCalls;
    const user = await this.chat.getLoggedinUser();
    const { token } = (await calls.generateToken('team', user!.getAuthToken())) as { token: string };
    await calls.startSession!(token, new calls.CallSettingsBuilder!().enableDefaultLayout(true).build(), container);
  }
}

/** Console warnings from this bundle while a test runs. */
function recordWarnings(): { warnings: string[]; stop(): void } {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (text.startsWith('[cc-call-elements]')) warnings.push(text);
    else original(...args);
  };
  return { warnings, stop: () => (console.warn = original) };
}

describe('a reload offers the meetings still running in the chat history', () => {
  let channel: string;
  let bob: Member;
  let carol: Emulator | undefined;
  let stage: ReturnType<typeof bareStage>;
  let recorder: ReturnType<typeof recordDocumentEvents>;
  let warnings: ReturnType<typeof recordWarnings>;
  const bobSession = document.createElement('div');

  beforeEach(() => {
    channel = uniqueChannel();
    bob = new Member('bob', channel);
    stage = bareStage();
    document.body.append(bobSession);
    recorder = recordDocumentEvents(['cc-meeting-received', 'cc-error']);
    warnings = recordWarnings();
  });

  afterEach(async () => {
    warnings.stop();
    recorder.stop();
    stage.dispose();
    await cleanUp(carol, bob);
    bobSession.remove();
    carol = undefined;
  });

  const seen = (name: string) => recorder.events.filter((e) => e.type === name);

  it('offers a meeting Carol was in before the reload, and Join puts her back in the same session', async () => {
    await bob.send('meeting');
    await bob.joinSession(bobSession);
    const el = await fixture<CcIncomingCall>(html`<cc-incoming-call meetings></cc-incoming-call>`);

    ({ emulator: carol } = await loadPage(channel));
    await waitFor(() => el.state === 'notice', 'the notice after the reload');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Bob Brown started a video meeting in Team');
    const [received] = seen('cc-meeting-received');
    expect(received.detail).to.include({ sessionId: 'team', guid: 'team', callType: 'video' });
    expect(received.detail.message.getType(), 'the SDK message, for a page that builds cards').to.equal('meeting');

    const join = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
      /^Join video meeting$/.test(b.getAttribute('aria-label') ?? b.textContent!.trim()),
    );
    join!.click();
    await waitFor(() => store.state.call?.phase === 'active', 'Carol back in the meeting');
    expect(carol.inspect().session?.sessionId).to.equal('team');
    await waitFor(() => carol!.inspect().session?.participants.includes('bob'), 'Bob in the same session');
    expect(seen('cc-error')).to.deep.equal([]);
    expect(warnings.warnings).to.deep.equal([]);
  });

  it('offers nothing for a meeting with a later meeting_ended, and each live meeting once, for its latest announcement', async () => {
    const carolInTeamAndOps = {
      groups: { team: { name: 'Team', members: ['alice', 'bob', 'carol'] }, ops: { name: 'Ops', members: ['bob', 'carol'] } },
    };
    bob.close();
    bob = new Member('bob', channel, carolInTeamAndOps);
    await bob.send('meeting', 'team');
    await bob.send('meeting_ended', 'team');
    await bob.send('meeting', 'ops');
    await bob.send('meeting', 'ops');

    let reads: HistoryReads;
    ({ emulator: carol, reads } = await loadPage(channel, carolInTeamAndOps));
    await waitFor(() => reads.answered === 3, 'the groups list and both histories');
    await waitFor(() => store.state.notices.length === 1, 'the live meeting');
    await new Promise((r) => setTimeout(r, 50));
    expect(store.state.notices.map((n) => n.sessionId)).to.deep.equal(['ops']);
    expect(seen('cc-meeting-received').map((e) => e.detail.sessionId)).to.deep.equal(['ops']);
    expect(store.state.meetingsEndedAt['team'], 'cards for the ended meeting read "Ended"').to.be.a('number');
  });

  it('remembers a dismissed notice across reloads: Dismiss saves it, and a page loaded later offers only the meetings not dismissed', async () => {
    const DISMISSED = 'cc-call-elements:dismissed-meetings:carol';
    // Groups of their own: the store remembers a dismissal for the rest of this page, as a reload would.
    const carolInOpsAndSales = {
      groups: { ops: { name: 'Ops', members: ['bob', 'carol'] }, sales: { name: 'Sales', members: ['bob', 'carol'] } },
    };
    try {
      // What an earlier page of Carol's saved when she dismissed the Ops meeting (its announcement, or a later one).
      localStorage.setItem(DISMISSED, JSON.stringify({ ops: now() + 60 }));
      bob.close();
      bob = new Member('bob', channel, carolInOpsAndSales);
      await bob.send('meeting', 'ops');
      await bob.send('meeting', 'sales');
      const el = await fixture<CcIncomingCall>(html`<cc-incoming-call meetings></cc-incoming-call>`);
      let reads: HistoryReads;
      ({ emulator: carol, reads } = await loadPage(channel, carolInOpsAndSales));
      await waitFor(() => reads.answered === 3, 'the groups list and both histories');
      await waitFor(() => el.state === 'notice', 'the notice');
      await new Promise((r) => setTimeout(r, 50));
      expect(
        store.state.notices.map((n) => n.sessionId),
        'the dismissed Ops meeting is not offered again',
      ).to.deep.equal(['sales']);

      await el.updateComplete;
      const dismiss = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Dismiss');
      const sentAt = store.state.notices[0]!.sentAt;
      dismiss!.click();
      await waitFor(() => store.state.notices.length === 0, 'the notice to go');
      expect(JSON.parse(localStorage.getItem(DISMISSED)!), 'saved for the next page load').to.include({ sales: sentAt });
    } finally {
      localStorage.removeItem(DISMISSED);
    }
  });

  it('offers a meeting announced while the history is read once, though it comes both live and in the history', async () => {
    let reads: HistoryReads;
    ({ emulator: carol, reads } = await loadPage(channel, {}, (emulator) => {
      // Announced the moment the page starts listening, before the history is read.
      const chat = emulator.CometChat;
      const addMessageListener = chat.addMessageListener;
      chat.addMessageListener = (id, listener) => {
        addMessageListener(id, listener);
        void bob.send('meeting');
      };
    }));
    await waitFor(() => reads.answered === 2, 'the history');
    await waitFor(() => store.state.notices.length === 1, 'the meeting');
    await new Promise((r) => setTimeout(r, 300));
    expect(seen('cc-meeting-received').length, 'one cc-meeting-received, so a page builds one card').to.equal(1);
  });

  it('looks back 2 hours: an announcement older than that is not offered', async () => {
    const justInside = HISTORY_WINDOW.maxAgeSeconds - 60;
    const justOutside = HISTORY_WINDOW.maxAgeSeconds + 60;
    let reads: HistoryReads;
    ({ emulator: carol, reads } = await loadPage(channel, {}, (emulator) =>
      emulator.answerNext('fetchPrevious', [bob.stored('meeting', 'team', justOutside, 1)]),
    ));
    await waitFor(() => reads.answered === 2, 'the history');
    await new Promise((r) => setTimeout(r, 50));
    expect(store.state.notices, 'older than 2 hours').to.deep.equal([]);
    await cleanUp(carol);

    ({ emulator: carol, reads } = await loadPage(channel, {}, (emulator) =>
      emulator.answerNext('fetchPrevious', [bob.stored('meeting', 'team', justInside, 1)]),
    ));
    await waitFor(() => store.state.notices.length === 1, 'a meeting announced 1 h 59 min ago');
    expect(HISTORY_WINDOW.maxAgeSeconds).to.equal(2 * 60 * 60);
    expect(warnings.warnings).to.deep.equal([]);
  });

  it('reads the first 20 of the user’s groups and the newest 10 meeting messages of each', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `g${String(i + 1).padStart(2, '0')}`);
    const groups = Object.fromEntries(names.map((guid) => [guid, { name: guid, members: ['bob', 'carol'] }]));
    bob.close();
    bob = new Member('bob', channel, { groups });
    await bob.send('meeting', 'g01');
    await bob.send('meeting', 'g25');

    let reads: HistoryReads;
    ({ emulator: carol, reads } = await loadPage(channel, { groups }));
    await waitFor(() => reads.answered === 21, 'one groups page and 20 histories');
    await waitFor(() => store.state.notices.length === 1, 'the meeting in a group within the window');
    await new Promise((r) => setTimeout(r, 50));
    expect(reads.groupLimits).to.deep.equal([20]);
    expect(reads.guidsRead).to.deep.equal(names.slice(0, 20));
    expect(reads.messageLimits).to.deep.equal(Array(20).fill(10));
    expect(
      store.state.notices.map((n) => n.sessionId),
      'g25 is the 25th group: past the window',
    ).to.deep.equal(['g01']);
  });

  describe('ignores, with one console warning and no cc-error, a history answer that is', () => {
    const cases: Array<[string, (emulator: Emulator) => void, RegExp]> = [
      ['not a list', (e) => e.answerNext('fetchPrevious', { data: [] }), /team's history was not a list/],
      [
        'a list of things that are not messages',
        (e) => e.answerNext('fetchPrevious', [null, 42, 'meeting']),
        /team's history held messages for another conversation or none/,
      ],
      [
        'huge (more messages than asked for)',
        (e) =>
          e.answerNext(
            'fetchPrevious',
            Array.from({ length: 5000 }, (_, i) => bob.stored('meeting', 'team', 10, i + 1)),
          ),
        /team's history had 5000 entries where at most 10 were asked for/,
      ],
      [
        'foreign (another group’s meeting)',
        (e) => e.answerNext('fetchPrevious', [bob.stored('meeting', 'elsewhere', 10, 1)]),
        /team's history held messages for another conversation/,
      ],
      ['a joined-groups list that is not a list', (e) => e.answerNext('fetchNext', 'team'), /the joined-groups list was not a list/],
      [
        'a joined-groups list of non-groups',
        (e) => e.answerNext('fetchNext', [{ guid: 'team' }]),
        /the joined-groups list held entries that are not groups/,
      ],
      [
        'a failed request',
        (e) => e.failNext('fetchPrevious', { code: 'ERR_INTERNAL', message: 'The server fell over.' }),
        /reading team's history failed: ERR_INTERNAL/,
      ],
    ];
    for (const [what, fault, says] of cases) {
      it(what, async () => {
        await bob.send('meeting');
        ({ emulator: carol } = await loadPage(channel, {}, fault));
        await waitFor(() => warnings.warnings.length > 0, 'the warning');
        await new Promise((r) => setTimeout(r, 100));
        expect(warnings.warnings.length, warnings.warnings.join('\n')).to.equal(1);
        expect(warnings.warnings[0]).to.match(says);
        expect(warnings.warnings[0]).to.contain('Meetings in those groups are not offered');
        expect(seen('cc-error')).to.deep.equal([]);
        expect(seen('cc-meeting-received')).to.deep.equal([]);
        expect(store.state.notices).to.deep.equal([]);
        expect(store.state.status, 'calling still works').to.equal('ready');
      });
    }

    it('bad in several groups at once: still one warning', async () => {
      const groups = {
        team: { name: 'Team', members: ['bob', 'carol'] },
        ops: { name: 'Ops', members: ['bob', 'carol'] },
        hr: { name: 'HR', members: ['bob', 'carol'] },
      };
      bob.close();
      bob = new Member('bob', channel, { groups });
      ({ emulator: carol } = await loadPage(channel, { groups }, (e) => {
        e.answerNext('fetchPrevious', 'x');
        e.answerNext('fetchPrevious', [bob.stored('meeting', 'team', 10, 1)]);
        e.answerNext(
          'fetchPrevious',
          Array.from({ length: 11 }, () => null),
        );
      }));
      await waitFor(() => warnings.warnings.length > 0, 'the warning');
      await new Promise((r) => setTimeout(r, 100));
      expect(warnings.warnings.length).to.equal(1);
      expect(warnings.warnings[0]).to.match(/^\[cc-call-elements\] Ignored 3 chat history answer\(s\)/);
      expect(seen('cc-error')).to.deep.equal([]);
      expect(store.state.notices).to.deep.equal([]);
    });
  });
});
