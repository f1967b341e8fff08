/**
 * The emulated calls SDK: v4 and v5 sessions between clients, their events,
 * the default layout, real WebRTC media on loopback, and cleanup.
 */
import { expect } from '@open-wc/testing';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.js';
import { closeAll, rejectionOf, sleep, uniqueChannel, waitFor } from './util.js';

interface Heard {
  name: string;
  payload: unknown;
}

const V4_EVENTS = [
  'onUserJoined',
  'onUserLeft',
  'onUserListUpdated',
  'onCallEnded',
  'onCallEndButtonPressed',
  'onSessionTimeout',
  'onError',
];
const V5_EVENTS = [
  'onSessionJoined',
  'onSessionLeft',
  'onLeaveSessionButtonClicked',
  'onParticipantJoined',
  'onParticipantLeft',
  'onParticipantListChanged',
  'onSessionTimedOut',
];

type Participant = { uid: string; name: string; isLocalUser: boolean };

/** One emulated user with a container on the page and a record of its session events. */
class Member {
  readonly emulator: Emulator;
  readonly container = document.createElement('div');
  readonly events: Heard[] = [];

  constructor(
    readonly uid: string,
    options: EmulatorOptions,
  ) {
    this.emulator = createEmulator({ uid, media: false, ...options });
    this.container.style.cssText = 'width:480px;height:270px';
    document.body.append(this.container);
  }

  get calls() {
    return this.emulator.CometChatCalls;
  }

  async token(sessionId: string): Promise<string> {
    return (await this.calls.generateToken(sessionId, `emu-token:${this.uid}`)).token;
  }

  /** v4: startSession with a listener recording every event. */
  async start(sessionId: string, tweak: (builder: any) => void = () => undefined): Promise<void> {
    const calls = this.calls;
    const handlers: Record<string, (payload?: unknown) => void> = {};
    for (const name of V4_EVENTS) handlers[name] = (payload) => this.events.push({ name, payload });
    const builder = new calls.CallSettingsBuilder!()
      .enableDefaultLayout(true)
      .setIsAudioOnlyCall(false)
      .setCallListener(new calls.OngoingCallListener!(handlers));
    tweak(builder);
    await calls.startSession!(await this.token(sessionId), builder.build(), this.container);
  }

  /** v5: subscribe to every event, then joinSession; returns the unsubscribe functions by name. */
  async join(sessionId: string, settings: Record<string, unknown> = {}): Promise<Record<string, () => void>> {
    const off: Record<string, () => void> = {};
    for (const name of V5_EVENTS) off[name] = this.calls.addEventListener!(name, (payload) => this.events.push({ name, payload }));
    await this.calls.joinSession!(await this.token(sessionId), { sessionType: 'VIDEO', ...settings }, this.container);
    return off;
  }

  heard(name: string): Heard[] {
    return this.events.filter((e) => e.name === name);
  }

  waitToHear(name: string, match: (payload: any) => boolean = () => true, ms?: number): Promise<Heard> {
    return waitFor(() => this.events.find((e) => e.name === name && match(e.payload)), `${name} on ${this.uid}`, ms);
  }

  /** The latest participant list this member was told about. */
  lastList(name: string): Participant[] {
    const lists = this.heard(name);
    return (lists[lists.length - 1]?.payload ?? []) as Participant[];
  }

  remoteVideo(): HTMLVideoElement | null {
    return this.container.querySelector('video[data-remote]');
  }

  localTracks(): MediaStreamTrack[] {
    const video = this.container.querySelector<HTMLVideoElement>('[data-local] video');
    return (video?.srcObject as MediaStream | null)?.getTracks() ?? [];
  }

  endButton(): HTMLButtonElement | undefined {
    return [...this.container.querySelectorAll('button')].find((b) => /end call|leave/i.test(b.textContent ?? ''));
  }

  close(): void {
    this.emulator.close();
    this.container.remove();
  }
}

/** Rings `callee` from `caller` and accepts, so both clients know the session is a 1:1 ringing call. */
async function ringAndAccept(caller: Member, callee: Member): Promise<string> {
  const { CometChat: theirs } = callee.emulator;
  const rang: string[] = [];
  theirs.addCallListener('ring', new theirs.CallListener({ onIncomingCallReceived: (c) => rang.push(c.getSessionId()) }));
  const chat = caller.emulator.CometChat;
  const sessionId = (await chat.initiateCall(new chat.Call(callee.uid, 'video', 'user'))).getSessionId();
  await waitFor(() => rang.includes(sessionId), 'the callee to ring');
  theirs.removeCallListener('ring');
  await theirs.acceptCall(sessionId);
  return sessionId;
}

const framesArrive = (video: HTMLVideoElement | null) => !!video && video.videoWidth > 0 && video.readyState >= 2;

describe('emulated CometChatCalls v4', () => {
  let channel: string;
  let members: Member[];
  let cleanups: Array<() => void>;
  const member = (uid: string, options: EmulatorOptions = {}) => {
    const m = new Member(uid, { channel, ...options });
    members.push(m);
    return m;
  };

  beforeEach(() => {
    channel = uniqueChannel();
    members = [];
    cleanups = [];
  });
  afterEach(() => {
    members.forEach((m) => m.close());
    cleanups.forEach((fn) => fn());
  });

  it('has the v4 session API only', () => {
    const calls = member('alice').calls;
    for (const name of ['startSession', 'endSession', 'CallSettingsBuilder', 'OngoingCallListener', 'addCallEventListener']) {
      expect(calls, name).to.have.property(name);
    }
    for (const name of ['joinSession', 'leaveSession', 'addEventListener']) expect(name in calls, name).to.equal(false);
  });

  it('connects two clients with real media over loopback, and ends cleanly', async function () {
    this.timeout(15000);
    const media: EmulatorOptions = { media: true, iceFilter: 'loopback' };
    const alice = member('alice', media);
    const bob = member('bob', media);
    // Watch the channel: with iceFilter 'loopback' no other address may be offered to a peer.
    const candidates: string[] = [];
    const tap = new BroadcastChannel(channel);
    tap.onmessage = ({ data }) => {
      const frame = JSON.parse(data as string);
      if (frame.kind === 'rtc' && frame.signal?.candidate) candidates.push(frame.signal.candidate.candidate);
    };
    cleanups.push(() => tap.close());
    const sessionId = await ringAndAccept(alice, bob);
    await Promise.all([alice.start(sessionId), bob.start(sessionId)]);

    // Frames from the other side's fake camera actually decode on each side.
    await waitFor(() => framesArrive(alice.remoteVideo()), 'bob’s video at alice', 10000);
    await waitFor(() => framesArrive(bob.remoteVideo()), 'alice’s video at bob', 10000);
    expect(candidates).to.not.be.empty;
    expect(candidates.map((c) => c.split(' ')[4]).filter((address) => address !== '127.0.0.1' && address !== '::1')).to.deep.equal([]);
    expect(alice.remoteVideo()!.closest('[data-uid]')!.getAttribute('data-uid')).to.equal('bob');
    expect(alice.container.querySelector('[data-local]')!.getAttribute('data-uid')).to.equal('alice');
    expect(alice.container.querySelector('[data-uid="bob"]')!.textContent).to.contain('Bob Brown');
    expect((alice.container.querySelector('[data-local] video') as HTMLVideoElement).muted).to.equal(true);
    expect(alice.emulator.inspect()).to.deep.include({ liveTracks: 2 });
    const { participants, sessionId: running } = alice.emulator.inspect().session!;
    expect({ sessionId: running, participants }).to.deep.equal({ sessionId, participants: ['alice', 'bob'] });
    const joined = await alice.waitToHear('onUserJoined');
    expect(joined.payload).to.deep.include({ uid: 'bob', name: 'Bob Brown', isLocalUser: false });
    const list = alice.lastList('onUserListUpdated');
    expect(list.map((u) => [u.uid, u.isLocalUser])).to.deep.equal([
      ['alice', true],
      ['bob', false],
    ]);

    // The layout's end button only reports the press; the app decides to end.
    alice.endButton()!.click();
    expect(alice.heard('onCallEndButtonPressed')).to.have.length(1);
    expect(alice.emulator.inspect().session).to.not.equal(null);

    const bobTracks = bob.localTracks();
    expect(bobTracks).to.have.length(2);
    bob.calls.endSession!();
    expect(bobTracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
    expect(bob.emulator.inspect()).to.deep.include({ liveTracks: 0, session: null });
    expect(bob.container.childElementCount).to.equal(0);

    await alice.waitToHear('onCallEnded');
    expect(alice.heard('onUserLeft')[0].payload).to.deep.include({ uid: 'bob' });
    expect(alice.remoteVideo()).to.equal(null);
    expect(alice.emulator.inspect().session?.participants).to.deep.equal(['alice']);

    alice.calls.endSession!();
    expect(alice.emulator.inspect().liveTracks).to.equal(0);
    expect(alice.container.childElementCount).to.equal(0);
  });

  it("tells a late joiner who is there, and ends the last one's group session only once everyone else left, as v4 4.2.6 does", async () => {
    const alice = member('alice');
    const bob = member('bob');
    const carol = member('carol');
    const extra: Heard[] = [];
    alice.calls.addCallEventListener!('extra', { onUserLeft: (user) => extra.push({ name: 'onUserLeft', payload: user }) });
    await alice.start('team');
    await bob.start('team');
    await alice.waitToHear('onUserJoined', (u) => u.uid === 'bob');
    await carol.start('team');

    await waitFor(() => carol.lastList('onUserListUpdated').length === 3, 'carol to learn of alice and bob');
    const list = carol.lastList('onUserListUpdated');
    expect(list.map((u) => u.uid).sort()).to.deep.equal(['alice', 'bob', 'carol']);
    expect(list.filter((u) => u.isLocalUser).map((u) => u.uid)).to.deep.equal(['carol']);
    expect(carol.container.querySelectorAll('[data-uid]')).to.have.length(3);

    bob.calls.endSession!();
    await alice.waitToHear('onUserLeft', (u) => u.uid === 'bob');
    await carol.waitToHear('onUserLeft', (u) => u.uid === 'bob');
    await sleep(50);
    expect(alice.heard('onCallEnded'), 'not while carol is still there').to.deep.equal([]);
    carol.calls.endSession!();
    await alice.waitToHear('onUserLeft', (u) => u.uid === 'carol');
    await alice.waitToHear('onCallEnded');
    expect(extra.map((e) => (e.payload as Participant).uid)).to.deep.equal(['bob', 'carol']);
    alice.calls.removeCallEventListener!('extra');
  });

  it('times out a session left alone for the idle period', async () => {
    const alice = member('alice');
    const started = performance.now();
    await alice.start('team', (b) => b.setIdleTimeoutPeriod(1));
    expect(alice.container.childElementCount).to.equal(1);
    await alice.waitToHear('onSessionTimeout', undefined, 3000);
    expect(performance.now() - started).to.be.within(900, 2500);
    expect(alice.emulator.inspect().session).to.equal(null);
    expect(alice.container.childElementCount).to.equal(0);
  });

  it('reports a bad token through onError, renders nothing, and resolves', async () => {
    const alice = member('alice');
    const calls = alice.calls;
    const errors: unknown[] = [];
    const settings = new calls.CallSettingsBuilder!()
      .setCallListener(new calls.OngoingCallListener!({ onError: (e) => errors.push(e) }))
      .build();
    await calls.startSession!('not-a-token', settings, alice.container);
    await waitFor(() => errors.length, 'onError');
    expect(errors[0]).to.include({ code: 'INVALID_ARGUMENT_EXCEPTION' });
    expect(alice.container.childElementCount).to.equal(0);
    expect(alice.emulator.inspect().session).to.equal(null);
    expect((await rejectionOf(calls.generateToken('team', 'emu-token:nobody'))).code).to.equal('INVALID_AUTH_TOKEN');
  });

  it('keeps going with a visible notice when the camera or microphone is refused', async function () {
    this.timeout(15000);
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia;
    devices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    const alice = member('alice', { media: true, iceFilter: 'loopback' });
    try {
      await alice.start('team');
    } finally {
      devices.getUserMedia = original;
    }
    const notice = alice.container.querySelector('[data-local]')!.textContent;
    expect(notice).to.contain('Camera or microphone unavailable');
    expect(alice.emulator.inspect()).to.deep.include({ liveTracks: 0 });
    expect(alice.emulator.inspect().session?.sessionId).to.equal('team');

    // It still receives the others' media.
    const bob = member('bob', { media: true, iceFilter: 'loopback' });
    await bob.start('team');
    await waitFor(() => framesArrive(alice.remoteVideo()), 'bob’s video at alice', 10000);
  });

  it('shows name tiles and no camera in an audio-only session', async () => {
    const alice = member('alice', { media: true, iceFilter: 'loopback' });
    await alice.start('team', (b) => b.setIsAudioOnlyCall(true));
    expect(alice.container.querySelector('video')).to.equal(null);
    expect(alice.emulator.inspect().liveTracks).to.equal(1);
    expect(alice.container.querySelector('[data-local]')!.textContent).to.contain('A').and.to.contain('Alice Adams');
  });

  it('renders names from other users as text only', async () => {
    const evil = '<img src=x onerror="window.__ccEmuPwned=1">';
    const users = { alice: { name: 'Alice Adams' }, mallory: { name: evil } };
    const alice = member('alice', { users });
    const mallory = member('mallory', { users });
    await alice.start('team');
    await mallory.start('team');
    await alice.waitToHear('onUserJoined');
    expect(alice.container.querySelector('[data-uid="mallory"]')!.textContent).to.contain(evil);
    expect(alice.container.querySelector('img')).to.equal(null);
    expect((window as { __ccEmuPwned?: number }).__ccEmuPwned).to.equal(undefined);
  });

  it('counts a frame that goes away (pagehide) as leaving', async function () {
    this.timeout(10000);
    const alice = member('alice');
    await alice.start('team');
    const frame = document.createElement('iframe');
    frame.srcdoc = `<script type="module">
      import { createEmulator } from '/emulator/index.ts';
      const bob = createEmulator({ uid: 'bob', channel: ${JSON.stringify(channel)}, media: false });
      const calls = bob.CometChatCalls;
      const { token } = await calls.generateToken('team', 'emu-token:bob');
      await calls.startSession(token, new calls.CallSettingsBuilder().build(), document.body);
    </script>`;
    document.body.append(frame);
    try {
      await alice.waitToHear('onUserJoined', (u) => u.uid === 'bob', 8000);
    } finally {
      frame.remove();
    }
    await alice.waitToHear('onUserLeft', (u) => u.uid === 'bob');
    expect(alice.emulator.inspect().session?.participants).to.deep.equal(['alice']);
  });
});

describe('emulated CometChatCalls v5', () => {
  let channel: string;
  let members: Member[];
  const member = (uid: string, options: EmulatorOptions = {}) => {
    const m = new Member(uid, { channel, callsVersion: 5, ...options });
    members.push(m);
    return m;
  };

  beforeEach(() => {
    channel = uniqueChannel();
    members = [];
  });
  afterEach(() => members.forEach((m) => m.close()));

  it('has the v5 session API only', () => {
    const calls = member('alice').calls;
    for (const name of ['joinSession', 'leaveSession', 'addEventListener', 'generateToken']) expect(calls, name).to.have.property(name);
    for (const name of ['startSession', 'endSession', 'CallSettingsBuilder', 'OngoingCallListener']) {
      expect(name in calls, name).to.equal(false);
    }
  });

  it('reports joins, leaves and the leave button, and stops reporting after unsubscribe', async () => {
    const alice = member('alice');
    const bob = member('bob');
    const off = await alice.join('team');
    expect(alice.heard('onSessionJoined')).to.have.length(1);
    await bob.join('team');

    const joined = await alice.waitToHear('onParticipantJoined');
    expect(joined.payload).to.deep.include({ uid: 'bob', name: 'Bob Brown', isLocalUser: false });
    await waitFor(() => alice.lastList('onParticipantListChanged').length === 2, 'a list of two');
    expect(alice.lastList('onParticipantListChanged').map((p) => [p.uid, p.isLocalUser])).to.deep.equal([
      ['alice', true],
      ['bob', false],
    ]);

    const leave = alice.endButton()!;
    expect(leave.textContent).to.equal('Leave');
    leave.click();
    expect(alice.heard('onLeaveSessionButtonClicked')).to.have.length(1);
    expect(alice.emulator.inspect().session).to.not.equal(null);

    off.onParticipantLeft();
    await bob.calls.leaveSession!();
    expect(bob.heard('onSessionLeft')).to.have.length(1);
    expect(bob.container.childElementCount).to.equal(0);
    await waitFor(() => alice.lastList('onParticipantListChanged').length === 1, 'bob to leave alice’s list');
    expect(alice.heard('onParticipantLeft')).to.deep.equal([]);

    await alice.calls.leaveSession!();
    expect(alice.heard('onSessionLeft')).to.have.length(1);
    await alice.calls.leaveSession!(); // not in a session: nothing more to report
    expect(alice.heard('onSessionLeft')).to.have.length(1);
  });

  it('hides the leave button or the whole control panel when asked', async () => {
    const alice = member('alice');
    await alice.join('team', { hideLeaveSessionButton: true });
    expect(alice.endButton()).to.equal(undefined);
    await alice.join('team', { hideControlPanel: true });
    expect(alice.container.querySelector('button')).to.equal(null);
    expect(alice.container.querySelectorAll('.cc-emu-session')).to.have.length(1);
  });

  it('times out alone after the idle period', async () => {
    const alice = member('alice');
    await alice.join('team', { idleTimeoutPeriod: 1 });
    await alice.waitToHear('onSessionTimedOut', undefined, 3000);
    expect(alice.emulator.inspect().session).to.equal(null);
    expect(alice.container.childElementCount).to.equal(0);
  });

  it('stops every track on leaveSession, and on close() mid-session', async function () {
    this.timeout(15000);
    const media: EmulatorOptions = { media: true, iceFilter: 'loopback' };
    const alice = member('alice', media);
    const bob = member('bob', media);
    await alice.join('team');
    await bob.join('team');
    await waitFor(() => framesArrive(alice.remoteVideo()), 'bob’s video at alice', 10000);

    const aliceTracks = alice.localTracks();
    expect(alice.emulator.inspect().liveTracks).to.equal(2);
    await alice.calls.leaveSession!();
    expect(aliceTracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
    expect(alice.emulator.inspect().liveTracks).to.equal(0);
    await bob.waitToHear('onParticipantLeft', (p) => p.uid === 'alice');

    await alice.join('team');
    await waitFor(() => alice.emulator.inspect().session?.participants.length === 2, 'alice to rejoin bob');
    const bobTracks = bob.localTracks();
    bob.emulator.close();
    expect(bobTracks.every((t) => t.readyState === 'ended')).to.equal(true);
    expect(bob.emulator.inspect().liveTracks).to.equal(0);
    expect(bob.container.childElementCount).to.equal(0);
    await alice.waitToHear('onParticipantLeft', (p) => p.uid === 'bob');
  });
});

describe('emulated CometChatCalls with two independent instances in one page', () => {
  it('keeps state apart: one logging out does not log the other out', async () => {
    const channel = uniqueChannel();
    const one = createEmulator({ uid: 'alice', channel, media: false });
    const two = createEmulator({ uid: 'alice', channel, media: false });
    try {
      await one.CometChat.logout();
      expect(await one.CometChat.getLoggedinUser()).to.equal(null);
      expect((await two.CometChat.getLoggedinUser())?.getUid()).to.equal('alice');
      expect(one.CometChat).to.not.equal(two.CometChat);
    } finally {
      closeAll(one, two);
    }
  });
});
