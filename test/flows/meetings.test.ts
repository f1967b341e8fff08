/**
 * Group meetings through the real store and adapter on the emulator:
 * broadcast, late join, leave without endCall, last leaver ends it, and
 * messages shaped like CometChat's kits' or plainly malformed.
 */
import { expect } from '@open-wc/testing';
import type { Emulator } from '../../emulator/index.js';
import { missedMeetings } from '../../src/store/meetings.js';
import { meetingFromMessage } from '../../src/core/messages.js';
import type { ChatCustomMessage } from '../../src/sdk/types.js';
import { getStore } from '../../src/store/store.js';
import { RemoteUser, bareStage, cleanUp, configureAs, recordDocumentEvents, teamParty, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();
const call = () => store.state.call;

/** A member's client that records the custom messages it receives and can sit in a session. */
class Member extends RemoteUser {
  readonly messages: ChatCustomMessage[] = [];
  readonly container = document.createElement('div');

  constructor(uid: string, channel: string) {
    super(uid, channel);
    this.chat.addMessageListener(
      'test-member',
      new this.chat.MessageListener({ onCustomMessageReceived: (m: ChatCustomMessage) => this.messages.push(m) }),
    );
    document.body.append(this.container);
  }

  received(type: string) {
    return this.messages.filter((m) => m.getType() === type);
  }

  async joinSession(sessionId: string): Promise<void> {
    const calls = this.emulator.CometChatCalls;
    const user = await this.chat.getLoggedinUser();
    const { token } = (await calls.generateToken(sessionId, user!.getAuthToken!())) as { token: string };
    const settings = new calls.CallSettingsBuilder!().enableDefaultLayout(true).setIsAudioOnlyCall(false).build();
    await calls.startSession!(token, settings, this.container);
  }

  async leaveSession(): Promise<void> {
    await this.emulator.CometChatCalls.endSession!();
  }

  async announce(customData: unknown, metadata: object = { incrementUnreadCount: true }): Promise<ChatCustomMessage> {
    const message = new this.chat.CustomMessage('team', 'group', 'meeting', customData as object);
    message.setMetadata(metadata);
    return this.chat.sendCustomMessage(message);
  }

  override close(): void {
    super.close();
    this.container.remove();
  }
}

describe('group meetings on the emulator', () => {
  let channel: string;
  let alice: Emulator;
  let bob: Member;
  let carol: Member;
  let stage: ReturnType<typeof bareStage>;
  let recorder: ReturnType<typeof recordDocumentEvents>;
  let endCalls: number;

  beforeEach(async () => {
    channel = uniqueChannel();
    alice = await configureAs('alice', channel);
    // Count endCall on alice's own SDK: meetings must never use it.
    endCalls = 0;
    const realEndCall = alice.CometChat.endCall.bind(alice.CometChat);
    alice.CometChat.endCall = (sessionId: string) => {
      endCalls++;
      return realEndCall(sessionId);
    };
    bob = new Member('bob', channel);
    carol = new Member('carol', channel);
    stage = bareStage();
    recorder = recordDocumentEvents(['cc-meeting-received', 'cc-call-started', 'cc-call-ended', 'cc-error']);
  });

  afterEach(async () => {
    recorder.stop();
    stage.dispose();
    await cleanUp(alice, bob, carol);
  });

  const seen = (name: string) => recorder.events.filter((e) => e.type === name);

  it('starts a meeting by broadcasting the kit-compatible message and joining the group session', async () => {
    store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'audio' });
    const [message] = await waitFor(() => (bob.received('meeting').length ? bob.received('meeting') : null), 'the meeting message');
    expect(message.getCategory()).to.equal('custom');
    expect(message.getReceiverId()).to.equal('team');
    expect(message.getCustomData()).to.deep.equal({ callType: 'audio', sessionId: 'team', sessionID: 'team' });
    expect(message.getMetadata()).to.deep.equal({
      incrementUnreadCount: true,
      pushNotification: 'meeting',
      callType: 'audio',
      sessionId: 'team',
    });
    await waitFor(() => carol.received('meeting').length, 'carol to get it too');
    await waitFor(() => call()?.phase === 'active', 'alice to be in the session');
    expect(alice.inspect().session?.sessionId).to.equal('team');
    expect(seen('cc-call-started')[0].detail).to.deep.equal({ sessionId: 'team', kind: 'meeting', callType: 'audio' });
    expect(bob.heard('onIncomingCallReceived'), 'meetings never ring through the call listener').to.equal(undefined);
  });

  it('lets members join late, and leaving never calls endCall', async () => {
    store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
    await waitFor(() => call()?.phase === 'active', 'alice in the session');
    await bob.joinSession('team');
    await waitFor(() => call()?.othersInSession === 1, 'alice to see bob');
    await new Promise((r) => setTimeout(r, 200));
    await carol.joinSession('team');
    await waitFor(() => call()?.othersInSession === 2, 'alice to see the late joiner');

    store.dispatch({ type: 'hang-up' });
    await waitFor(() => alice.inspect().session === null, 'alice to leave');
    expect(endCalls).to.equal(0);
    expect(seen('cc-call-ended')[0].detail).to.deep.equal({ sessionId: 'team', kind: 'meeting', reason: 'left' });
    await new Promise((r) => setTimeout(r, 100));
    expect(bob.received('meeting_ended'), 'others are still in it').to.have.length(0);
  });

  it('marks the meeting ended for everyone when the last participant leaves', async () => {
    store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
    await waitFor(() => call()?.phase === 'active', 'alice in the session');
    await bob.joinSession('team');
    await waitFor(() => call()?.othersInSession === 1, 'alice to see bob');
    await bob.leaveSession();
    // Left alone, the calls SDK v4 ends alice's session itself: she is the last one out.
    await waitFor(() => call() === null, 'alice to leave with the others gone');
    expect(seen('cc-call-ended').at(-1)!.detail).to.deep.equal({ sessionId: 'team', kind: 'meeting', reason: 'left' });
    const [ended] = await waitFor(() => (bob.received('meeting_ended').length ? bob.received('meeting_ended') : null), 'meeting_ended');
    expect(ended.getCustomData()).to.deep.equal({ sessionId: 'team', sessionID: 'team' });
    expect(endCalls).to.equal(0);
  });

  it("joins a meeting announced exactly the way CometChat's React kit announces it", async () => {
    await bob.announce({ sessionID: 'team', sessionId: 'team', callType: 'video' });
    await waitFor(() => seen('cc-meeting-received').length, 'cc-meeting-received');
    const detail = seen('cc-meeting-received')[0].detail;
    expect(detail).to.include({ sessionId: 'team', guid: 'team', callType: 'video' });
    expect(detail.sender).to.include({ id: 'bob', name: 'Bob Brown' });
    expect(store.state.notices.map((n) => n.sessionId)).to.deep.equal(['team']);

    await bob.joinSession('team');
    store.dispatch({ type: 'join-meeting', meeting: store.state.notices[0] });
    await waitFor(() => call()?.phase === 'active', 'alice in the meeting');
    // The session learns who is already in it a moment after it starts.
    await waitFor(() => alice.inspect().session?.participants.includes('bob'), 'bob to be in the same session');
    expect(store.state.notices).to.deep.equal([]);
  });

  it("ignores a meeting message that names a session other than its group's", async () => {
    await bob.announce({ sessionID: 'secret-group', sessionId: 'secret-group', callType: 'video' });
    await bob.announce({ sessionID: 'team', sessionId: 'team', callType: 'audio' });
    await waitFor(() => seen('cc-meeting-received').length, 'the second, valid meeting');
    expect(seen('cc-meeting-received').map((e) => e.detail.sessionId)).to.deep.equal(['team']);
    expect(store.state.notices.map((n) => n.sessionId)).to.deep.equal(['team']);
  });

  it('answers a 1:1 call that rings during a meeting with BUSY', async () => {
    store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
    await waitFor(() => call()?.phase === 'active', 'alice in the session');
    const sessionId = await carol.call('alice');
    const busy = await carol.waitToHear('onOutgoingCallRejected', sessionId);
    expect(busy.status).to.equal('busy');
    expect(call()?.kind).to.equal('meeting');
  });

  it('survives malformed meeting messages and renders nothing from them as markup', async () => {
    await bob.announce({});
    await bob.announce({ sessionId: 42, callType: { evil: true } });
    await bob.announce({ sessionID: 'x'.repeat(5000) });
    await bob.chat.sendCustomMessage(new bob.chat.CustomMessage('team', 'group', 'meeting', ['not', 'an', 'object']));
    await waitFor(() => seen('cc-meeting-received').length === 4, 'all four to be handled', 3000);
    for (const event of seen('cc-meeting-received')) {
      expect(event.detail.sessionId, 'falls back to the group id').to.equal('team');
      expect(event.detail.callType).to.equal('video');
    }
    expect(seen('cc-error')).to.deep.equal([]);
  });

  it('caps and strips what other users control before anything renders it', () => {
    const message = {
      getType: () => 'meeting',
      getCategory: () => 'custom',
      getReceiverId: () => 'team',
      getReceiver: () => ({ getGuid: () => 'team', getName: () => '<img src=x onerror=alert(1)>\u202Eevil' }),
      getSender: () => ({ getUid: () => 'mallory', getName: () => 'M'.repeat(500), getAvatar: () => 'javascript:alert(1)' }),
      getSentAt: () => 1700000000,
      getCustomData: () => ({ sessionID: 'team', callType: 'audio' }),
    };
    const meeting = meetingFromMessage(message)!;
    expect(meeting.group.name).to.equal('<img src=x onerror=alert(1)>evil');
    expect(meeting.sender.name.length).to.be.at.most(80);
    expect(meeting.sender.avatar).to.equal(null);
    expect(meeting.type).to.equal('audio');
  });

  it('lists the meetings this browser never joined as missed', async () => {
    const first = await bob.announce({ sessionID: 'team', sessionId: 'team', callType: 'video' });
    await waitFor(() => store.state.notices.length, 'the notice');
    store.dispatch({ type: 'join-meeting', meeting: store.state.notices[0] });
    await waitFor(() => call()?.phase === 'active', 'alice in the meeting');
    store.dispatch({ type: 'hang-up' });
    await waitFor(() => call() === null, 'alice out of the meeting');
    const later = {
      getType: () => 'meeting',
      getCategory: () => 'custom',
      getReceiverId: () => 'team',
      getSender: () => ({ getUid: () => 'carol', getName: () => 'Carol Chen' }),
      getSentAt: () => first.getSentAt!()! + 3600,
      getCustomData: () => ({ sessionID: 'team' }),
    };
    const missed = missedMeetings([later, first], 'alice');
    expect(missed.map((m) => m.sender.id)).to.deep.equal(['carol']);
    expect(missedMeetings([first], 'bob'), "one's own meeting is never missed").to.deep.equal([]);
  });
});
