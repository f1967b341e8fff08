/**
 * The emulated chat SDK: ringing between clients over a BroadcastChannel,
 * with the initiator's client deciding races; custom messages; login and
 * listener semantics; failNext.
 */
import { expect } from '@open-wc/testing';
import { createEmulator, type Emulator } from '../../emulator/index.js';
import { Client, closeAll, rejectionOf, settledWithin, sleep, uniqueChannel, waitFor } from './util.js';

describe('emulated CometChat: ringing', () => {
  let channel: string;
  let alice: Client;
  let bob: Client;
  let extra: Array<Client | Emulator> = [];

  beforeEach(() => {
    channel = uniqueChannel();
    alice = new Client({ uid: 'alice', channel });
    bob = new Client({ uid: 'bob', channel });
    extra = [];
  });
  afterEach(() => closeAll(alice, bob, ...extra));

  it('has the real SDK constants', () => {
    const chat = alice.chat;
    expect(chat.CALL_STATUS).to.deep.equal({
      INITIATED: 'initiated',
      ONGOING: 'ongoing',
      UNANSWERED: 'unanswered',
      REJECTED: 'rejected',
      BUSY: 'busy',
      CANCELLED: 'cancelled',
      ENDED: 'ended',
    });
    expect(chat.CALL_TYPE).to.deep.equal({ AUDIO: 'audio', VIDEO: 'video' });
    expect(chat.RECEIVER_TYPE).to.deep.equal({ USER: 'user', GROUP: 'group' });
    expect([chat.CATEGORY_CUSTOM, chat.CATEGORY_CALL]).to.deep.equal(['custom', 'call']);
    const call = new chat.Call('bob', 'video', 'user');
    expect([call.getReceiverId(), call.getType(), call.getReceiverType(), call.getCategory()]).to.deep.equal([
      'bob',
      'video',
      'user',
      'call',
    ]);
  });

  it('rings the callee, connects on accept, and tells the caller when the callee hangs up', async () => {
    const call = await alice.chat.initiateCall(new alice.chat.Call('bob', 'video', 'user'));
    const sessionId = call.getSessionId();
    expect(sessionId).to.match(/^v1\.emu\./);
    expect(call.getStatus()).to.equal('initiated');
    expect(call.getSender().getUid()).to.equal('alice');
    expect(alice.emulator.inspect().activeCall).to.equal(sessionId);

    const incoming = await bob.waitToHear('onIncomingCallReceived', sessionId);
    expect(incoming.status).to.equal('initiated');
    expect(incoming.call.getCallInitiator().getName()).to.equal('Alice Adams');
    expect(incoming.call.getReceiverId()).to.equal('bob');
    expect(incoming.call.getType()).to.equal('video');
    expect(bob.emulator.inspect().activeCall).to.equal(null); // ringing is not an active call yet

    const accepted = await bob.chat.acceptCall(sessionId);
    expect(accepted.getStatus()).to.equal('ongoing');
    expect(bob.emulator.inspect().activeCall).to.equal(sessionId);
    const outgoing = await alice.waitToHear('onOutgoingCallAccepted', sessionId);
    expect(outgoing.status).to.equal('ongoing');

    const ended = await bob.chat.endCall(sessionId);
    expect(ended?.getStatus()).to.equal('ended');
    expect(bob.emulator.inspect().activeCall).to.equal(null);
    const heard = await alice.waitToHear('onCallEndedMessageReceived', sessionId);
    expect(heard.status).to.equal('ended');
    expect(alice.emulator.inspect().activeCall).to.equal(null);
    expect(bob.heard('onCallEndedMessageReceived')).to.equal(undefined);
  });

  it('reports a rejection to the caller with status rejected', async () => {
    const sessionId = await alice.call('bob');
    await bob.waitToHear('onIncomingCallReceived', sessionId);
    const rejected = await bob.chat.rejectCall(sessionId, bob.chat.CALL_STATUS.REJECTED);
    expect(rejected.getStatus()).to.equal('rejected');
    const heard = await alice.waitToHear('onOutgoingCallRejected', sessionId);
    expect(heard.status).to.equal('rejected');
    expect(alice.emulator.inspect().activeCall).to.equal(null);
  });

  it('reports busy to the caller with status busy', async () => {
    const sessionId = await alice.call('bob');
    await bob.waitToHear('onIncomingCallReceived', sessionId);
    await bob.chat.rejectCall(sessionId, 'busy');
    expect((await alice.waitToHear('onOutgoingCallRejected', sessionId)).status).to.equal('busy');
  });

  it('stops the callee ringing when the caller cancels, and then refuses to accept', async () => {
    const sessionId = await alice.call('bob');
    await bob.waitToHear('onIncomingCallReceived', sessionId);
    const cancelled = await alice.chat.rejectCall(sessionId, 'cancelled');
    expect(cancelled.getStatus()).to.equal('cancelled');
    expect(alice.emulator.inspect().activeCall).to.equal(null);
    expect((await bob.waitToHear('onIncomingCallCancelled', sessionId)).status).to.equal('cancelled');

    const error = await rejectionOf(bob.chat.acceptCall(sessionId));
    expect(error.code).to.equal('ERR_CALL_TERMINATED');
    expect(alice.heard('onOutgoingCallAccepted')).to.equal(undefined);
    expect(bob.emulator.inspect().activeCall).to.equal(null);
  });

  it('gives up after the ring timeout on both sides with status unanswered', async () => {
    const started = performance.now();
    const sessionId = await alice.call('bob', { timeout: 1 });
    const caller = await alice.waitToHear('onOutgoingCallRejected', sessionId, 3000);
    const callee = await bob.waitToHear('onIncomingCallCancelled', sessionId, 3000);
    expect(performance.now() - started).to.be.within(900, 2500);
    expect([caller.status, callee.status]).to.deep.equal(['unanswered', 'unanswered']);
    expect(alice.emulator.inspect().activeCall).to.equal(null);
    expect((await rejectionOf(bob.chat.acceptCall(sessionId))).code).to.equal('ERR_CALL_TERMINATED');
  });

  it("lets exactly one of the callee's tabs accept, and stops the other ringing", async () => {
    const bob2 = new Client({ uid: 'bob', channel });
    extra.push(bob2);
    const sessionId = await alice.call('bob');
    await bob.waitToHear('onIncomingCallReceived', sessionId);
    await bob2.waitToHear('onIncomingCallReceived', sessionId);

    const outcomes = await Promise.all(
      [bob, bob2].map((c) =>
        c.chat.acceptCall(sessionId).then(
          () => 'accepted',
          (e: { code: string }) => e.code,
        ),
      ),
    );
    expect([...outcomes].sort()).to.deep.equal(['ERR_CALL_USER_ALREADY_JOINED', 'accepted']);
    const loser = outcomes[0] === 'accepted' ? bob2 : bob;
    const winner = loser === bob ? bob2 : bob;
    expect((await loser.waitToHear('onIncomingCallCancelled', sessionId)).status).to.equal('ongoing');
    await alice.waitToHear('onOutgoingCallAccepted', sessionId);
    await sleep(50);
    expect(winner.heard('onIncomingCallCancelled')).to.equal(undefined);
    expect(alice.calls.filter((e) => e.name === 'onOutgoingCallAccepted')).to.have.length(1);
  });

  it('resolves a cancel-versus-accept race one way only, as the initiator saw it', async () => {
    const sessionId = await alice.call('bob');
    await bob.waitToHear('onIncomingCallReceived', sessionId);
    const accept = bob.chat.acceptCall(sessionId).then(
      () => 'accepted',
      (e: { code: string }) => e.code,
    );
    const cancel = alice.chat.rejectCall(sessionId, 'cancelled').then(
      () => 'cancelled',
      (e: { code: string }) => e.code,
    );
    const [accepted, cancelled] = await Promise.all([accept, cancel]);
    // The cancel runs on the arbiter at once, so it wins; the accept is refused, never half-applied.
    expect(cancelled).to.equal('cancelled');
    expect(accepted).to.equal('ERR_CALL_TERMINATED');
    await bob.waitToHear('onIncomingCallCancelled', sessionId);
    expect(alice.heard('onOutgoingCallAccepted')).to.equal(undefined);
  });

  it('rings every other member of a group, and validates receivers', async () => {
    const carol = new Client({ uid: 'carol', channel });
    const dave = new Client({ uid: 'dave', channel });
    extra.push(carol, dave);
    const sessionId = await alice.call('team', { group: true, type: 'audio' });
    const [b, c] = await Promise.all([
      bob.waitToHear('onIncomingCallReceived', sessionId),
      carol.waitToHear('onIncomingCallReceived', sessionId),
    ]);
    expect(b.call.getReceiverType()).to.equal('group');
    expect(c.call.getReceiver()).to.have.property('getGuid');
    await sleep(50);
    expect(dave.calls).to.deep.equal([]);
    expect(alice.heard('onIncomingCallReceived')).to.equal(undefined);

    const chat = dave.chat;
    const codes = await Promise.all([
      rejectionOf(chat.initiateCall(new chat.Call('team', 'video', 'group'))),
      rejectionOf(chat.initiateCall(new chat.Call('nobody', 'video', 'user'))),
      rejectionOf(chat.initiateCall(new chat.Call('dave', 'video', 'user'))),
      rejectionOf(chat.initiateCall(new chat.Call('nogroup', 'video', 'group'))),
    ]).then((errors) => errors.map((e) => e.code));
    expect(codes).to.deep.equal(['ERR_GROUP_NOT_JOINED', 'ERR_UID_NOT_FOUND', 'ERR_CALLING_SELF', 'ERR_GUID_NOT_FOUND']);
  });

  it("rings a group's other members on after one answers, and ends the call for every member", async () => {
    const carol = new Client({ uid: 'carol', channel });
    extra.push(carol);
    const sessionId = await alice.call('team', { group: true });
    await Promise.all([bob.waitToHear('onIncomingCallReceived', sessionId), carol.waitToHear('onIncomingCallReceived', sessionId)]);
    await bob.chat.acceptCall(sessionId);
    await alice.waitToHear('onOutgoingCallAccepted', sessionId);
    await sleep(100);
    // The real SDK (4.2.0) takes a group call's `ongoing` only on the initiator's side.
    expect(carol.heard('onIncomingCallCancelled'), 'carol still rings').to.equal(undefined);
    await alice.chat.endCall(sessionId);
    await Promise.all([bob.waitToHear('onCallEndedMessageReceived', sessionId), carol.waitToHear('onCallEndedMessageReceived', sessionId)]);
  });

  it("keeps a group call's ring timer running after an answer, as the real SDK does: then the caller forgets the call and its endCall tells nobody", async () => {
    const sessionId = await alice.call('team', { group: true, timeout: 1 });
    await bob.waitToHear('onIncomingCallReceived', sessionId);
    await bob.chat.acceptCall(sessionId);
    await alice.waitToHear('onOutgoingCallAccepted', sessionId);
    expect(alice.emulator.inspect().activeCall).to.equal(sessionId);
    await waitFor(() => alice.emulator.inspect().activeCall === null, 'the ring timer to clear the active call', 3000);
    expect(alice.heard('onOutgoingCallRejected'), 'no event for it').to.equal(undefined);
    expect(await alice.chat.endCall(sessionId)).to.equal(null);
    await sleep(200);
    expect(bob.heard('onCallEndedMessageReceived'), 'nothing reached bob').to.equal(undefined);
  });

  it('refuses a second call while one is active, as the real SDK does, until clearActiveCall', async () => {
    await alice.call('bob');
    const error = await rejectionOf(alice.chat.initiateCall(new alice.chat.Call('carol', 'video', 'user')));
    expect(error.code).to.equal('CALL_ALREADY_INITIATED');
    alice.chat.clearActiveCall();
    expect(alice.chat.getActiveCall()).to.equal(null);
    expect(await alice.call('carol')).to.match(/^v1\.emu\./);
  });

  it('rejects endCall for a call that is not ongoing, with a code', async () => {
    const sessionId = await alice.call('bob');
    expect((await rejectionOf(alice.chat.endCall(sessionId))).code).to.equal('ERR_CALL_NOT_STARTED');
  });

  it('ends only the active call, as the real SDK does: without one it tells nobody, with another it never answers', async () => {
    const sessionId = await alice.call('bob');
    await bob.waitToHear('onIncomingCallReceived', sessionId);
    await bob.chat.acceptCall(sessionId);
    await alice.waitToHear('onOutgoingCallAccepted', sessionId);
    const other = alice.chat.endCall('v1.emu.other').then(
      () => 'answered',
      () => 'answered',
    );
    expect(await Promise.race([other, sleep(300).then(() => 'pending')])).to.equal('pending');
    alice.chat.clearActiveCall();
    expect(await alice.chat.endCall(sessionId)).to.equal(null);
    await sleep(200);
    expect(bob.heard('onCallEndedMessageReceived'), 'nothing reached bob').to.equal(undefined);
  });

  it("rejects with a timeout when the initiator's client never answers", async function () {
    this.timeout(8000);
    const sessionId = await alice.call('bob');
    await bob.waitToHear('onIncomingCallReceived', sessionId);
    alice.emulator.close(); // the arbiter is gone, as if its tab crashed
    const started = performance.now();
    const error = await rejectionOf(bob.chat.acceptCall(sessionId));
    expect(error.code).to.equal('ERR_TIMEOUT');
    expect(performance.now() - started).to.be.within(2900, 4500);
  });
});

describe('emulated CometChat: listeners and messages', () => {
  let channel: string;
  const open: Array<Client | Emulator> = [];
  const client = (uid: string) => {
    const c = new Client({ uid, channel });
    open.push(c);
    return c;
  };

  beforeEach(() => {
    channel = uniqueChannel();
  });
  afterEach(() => closeAll(...open.splice(0)));

  it('replaces a listener re-added under the same id, calls every id, and stops after removal', async () => {
    const alice = client('alice');
    const bob = createEmulator({ uid: 'bob', channel, media: false });
    open.push(bob);
    const heard: string[] = [];
    const listener = (tag: string) => new bob.CometChat.CallListener({ onIncomingCallReceived: () => heard.push(tag) });
    bob.CometChat.addCallListener('one', listener('first'));
    bob.CometChat.addCallListener('one', listener('replacement'));
    bob.CometChat.addCallListener('two', listener('second id'));
    expect(bob.inspect().callListeners).to.equal(2);

    const sessionId = await alice.call('bob');
    await waitFor(() => heard.length >= 2, 'both listeners');
    await sleep(30);
    expect([...heard].sort()).to.deep.equal(['replacement', 'second id']);

    await alice.chat.rejectCall(sessionId, 'cancelled');
    bob.CometChat.removeCallListener('one');
    bob.CometChat.removeCallListener('two');
    expect(bob.inspect().callListeners).to.equal(0);
    heard.length = 0;
    await alice.call('bob');
    await sleep(100);
    expect(heard).to.deep.equal([]);
  });

  it('delivers a group custom message to the other members and the sender’s other tabs, not back to the sending client', async () => {
    const alice = client('alice');
    const alice2 = client('alice');
    const bob = client('bob');
    const carol = client('carol');
    const dave = client('dave');
    const chat = alice.chat;
    const message = new chat.CustomMessage('team', chat.RECEIVER_TYPE.GROUP, 'meeting', { callType: 'video', sessionId: 'team' });
    message.setMetadata({ pushNotification: 'meeting' });
    const sent = await chat.sendCustomMessage(message);
    expect(sent.getSender().getUid()).to.equal('alice');
    expect(sent.getId()).to.be.a('number');
    expect(Math.abs(sent.getSentAt() - Date.now() / 1000)).to.be.below(5);

    const [forBob] = await waitFor(() => (bob.messages.length ? bob.messages : null), 'bob to get the message');
    await waitFor(() => carol.messages.length && alice2.messages.length, 'carol and alice’s other tab');
    await sleep(50);
    expect(alice.messages).to.have.length(0);
    expect(dave.messages).to.have.length(0);
    expect(bob.messages).to.have.length(1);
    expect(forBob.getCategory()).to.equal('custom');
    expect(forBob.getType()).to.equal('meeting');
    expect(forBob.getReceiverId()).to.equal('team');
    expect(forBob.getReceiverType()).to.equal('group');
    expect(forBob.getCustomData()).to.deep.equal({ callType: 'video', sessionId: 'team' });
    expect(forBob.getMetadata()).to.deep.equal({ pushNotification: 'meeting' });
    expect(forBob.getSender().getName()).to.equal('Alice Adams');
    expect(forBob.getId()).to.equal(sent.getId());
  });

  it('sends to a single user too, and refuses groups you are not in', async () => {
    const alice = client('alice');
    const bob = client('bob');
    const dave = client('dave');
    await alice.chat.sendCustomMessage(new alice.chat.CustomMessage('bob', 'user', 'note', { n: 1 }));
    const [note] = await waitFor(() => (bob.messages.length ? bob.messages : null), 'the note');
    expect(note.getCustomData()).to.deep.equal({ n: 1 });
    const error = await rejectionOf(dave.chat.sendCustomMessage(new dave.chat.CustomMessage('team', 'group', 'meeting', {})));
    expect(error.code).to.equal('ERR_GROUP_NOT_JOINED');
  });

  it('ignores malformed and foreign frames on the channel', async () => {
    const alice = client('alice');
    const bob = client('bob');
    const raw = new BroadcastChannel(channel);
    try {
      raw.postMessage('not json {');
      raw.postMessage({ app: 'someone-else', kind: 'call-event' });
      raw.postMessage(
        JSON.stringify({
          app: 'cc-emulator',
          v: 1,
          kind: 'call-event',
          from: 'x',
          name: 'onIncomingCallReceived',
          to: ['bob'],
          call: { sessionId: 5 },
        }),
      );
      raw.postMessage(JSON.stringify({ app: 'cc-emulator', v: 1, kind: 'message', from: 'x', to: ['bob'], message: null }));
      raw.postMessage(JSON.stringify({ app: 'cc-emulator', v: 1, kind: 'call-event', from: 'x', name: 'toString', to: ['bob'] }));
      await sleep(50);
      expect(bob.calls).to.deep.equal([]);
      expect(bob.messages).to.deep.equal([]);
      // …and the clients still work.
      const sessionId = await alice.call('bob');
      await bob.waitToHear('onIncomingCallReceived', sessionId);
    } finally {
      raw.close();
    }
  });
});

describe('emulated CometChat: login and failures', () => {
  let channel: string;
  const open: Emulator[] = [];
  beforeEach(() => {
    channel = uniqueChannel();
  });
  afterEach(() => closeAll(...open.splice(0)));

  const emulator = (uid?: string) => {
    const e = createEmulator({ uid, channel, media: false });
    open.push(e);
    return e;
  };

  it('rejects network calls with USER_NOT_LOGED_IN until login, and endCall resolves null', async () => {
    const { CometChat: chat, inspect } = emulator();
    expect(await chat.getLoggedinUser()).to.equal(null);
    const codes = await Promise.all([
      rejectionOf(chat.initiateCall(new chat.Call('bob', 'video', 'user'))),
      rejectionOf(chat.acceptCall('v1.emu.x')),
      rejectionOf(chat.rejectCall('v1.emu.x', 'rejected')),
      rejectionOf(chat.sendCustomMessage(new chat.CustomMessage('team', 'group', 'meeting', {}))),
    ]).then((errors) => errors.map((e) => e.code));
    expect(codes).to.deep.equal(['USER_NOT_LOGED_IN', 'USER_NOT_LOGED_IN', 'USER_NOT_LOGED_IN', 'USER_NOT_LOGED_IN']);
    expect(await chat.endCall('v1.emu.x')).to.equal(null);

    expect(await chat.init('app', new chat.AppSettingsBuilder().setRegion('eu').subscribePresenceForAllUsers().build())).to.equal(true);
    expect(chat.getAppId()).to.equal('app');
    expect((await rejectionOf(chat.login('emu-token:nobody'))).code).to.equal('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
    expect((await rejectionOf(chat.login('nobody', 'key'))).code).to.equal('ERR_UID_NOT_FOUND');
    const user = await chat.login('emu-token:carol');
    expect([user.getUid(), user.getName(), user.getAuthToken()]).to.deep.equal(['carol', 'Carol Chen', 'emu-token:carol']);
    expect((await chat.getLoggedInUser())?.getUid()).to.equal('carol');
    expect(inspect().uid).to.equal('carol');
    expect((await chat.login('dave', 'any-auth-key')).getUid()).to.equal('dave');
    await chat.logout();
    expect(await chat.getLoggedinUser()).to.equal(null);
  });

  it('fails the next named call with the given error, once, without side effects', async () => {
    const alice = emulator('alice');
    const bob = new Client({ uid: 'bob', channel });
    try {
      alice.failNext('initiateCall', { code: 'ERR_TEST', message: 'refused by the test' });
      const call = () => alice.CometChat.initiateCall(new alice.CometChat.Call('bob', 'video', 'user'));
      const error = await rejectionOf(call());
      expect(error).to.include({ code: 'ERR_TEST', message: 'refused by the test' });
      expect(alice.inspect().activeCall).to.equal(null);
      await sleep(50);
      expect(bob.calls).to.deep.equal([]);
      const placed = await call();
      await bob.waitToHear('onIncomingCallReceived', placed.getSessionId());
    } finally {
      closeAll(bob);
    }
  });

  it("makes the next named call hang with 'hang'", async () => {
    const alice = emulator('alice');
    alice.failNext('sendCustomMessage', 'hang');
    const chat = alice.CometChat;
    const send = () => chat.sendCustomMessage(new chat.CustomMessage('team', 'group', 'meeting', {}));
    expect(await settledWithin(send(), 200)).to.equal('pending');
    expect(await settledWithin(send(), 200)).to.have.property('value');
  });
});
