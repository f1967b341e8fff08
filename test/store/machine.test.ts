import { expect } from '@open-wc/testing';
import { transition } from '../../src/store/machine.js';
import { unavailableReason } from '../../src/store/selectors.js';
import { initialState, isMeetingEnded } from '../../src/store/state.js';
import type { CallState, Effect, MachineEvent, MeetingInfo, Party } from '../../src/store/types.js';

const options = { now: 1000, announceMeetingEnd: true };
const alice: Party = { kind: 'user', id: 'alice', name: 'Alice', avatar: null };
const bob: Party = { kind: 'user', id: 'bob', name: 'Bob', avatar: null };
const team: Party = { kind: 'group', id: 'team', name: 'Team', avatar: null };
const error = { code: 'initiate-failed' as const, message: 'boom' };

function run(events: MachineEvent[], from: CallState = initialState) {
  let state = from;
  let effects: Effect[] = [];
  for (const event of events) ({ state, effects } = transition(state, event, options));
  return { state, effects };
}

const ready = run([{ type: 'configured', user: alice }]).state;

const LOCAL_EFFECTS = new Set(['emit', 'show-outcome', 'save-joins', 'save-dismissals', 'tell-tabs', 'expire-ringing']);

/** The effects that reach the SDK, in order. */
function sdk(effects: Effect[]) {
  return effects.filter((e) => !LOCAL_EFFECTS.has(e.type)).map((e) => e.type);
}

function emitted(effects: Effect[], name: string) {
  return effects.find((e) => e.type === 'emit' && e.name === name) as { detail: Record<string, unknown> } | undefined;
}

const ringingOut = run(
  [
    { type: 'call', target: bob, callType: 'video' },
    { type: 'initiated', callId: 1, sessionId: 's1' },
  ],
  ready,
).state;
const ringingIn = run(
  [{ type: 'incoming-call', sessionId: 's2', kind: 'direct', callType: 'audio', peer: bob, initiator: bob }],
  ready,
).state;
const activeOut = run(
  [
    { type: 'outgoing-accepted', sessionId: 's1' },
    { type: 'session-started', callId: 1 },
    { type: 'session-joined', callId: 1 },
  ],
  ringingOut,
).state;

const meeting: MeetingInfo = { sessionId: 'team', guid: 'team', type: 'video', group: team, sender: bob, sentAt: 900 };

describe('call machine: configuration', () => {
  it('refuses to call before configure has completed', () => {
    const { state, effects } = run([{ type: 'call', target: bob, callType: 'video' }]);
    expect(state.call).to.equal(null);
    expect(emitted(effects, 'cc-error')?.detail.code).to.equal('not-configured');
  });

  it('records a failed configuration as unavailable with its error', () => {
    const { state, effects } = run([{ type: 'configure-failed', error: { code: 'login-failed', message: 'bad token' } }]);
    expect(state.status).to.equal('unavailable');
    expect(state.error?.code).to.equal('login-failed');
    expect(emitted(effects, 'cc-error')?.detail.code).to.equal('login-failed');
  });

  it('rejects an incoming call as busy before configure has completed', () => {
    const { state, effects } = run([
      { type: 'incoming-call', sessionId: 's9', kind: 'direct', callType: 'video', peer: bob, initiator: bob },
    ]);
    expect(state.call).to.equal(null);
    expect(effects).to.deep.include({ type: 'reject', sessionId: 's9', status: 'busy' });
  });
});

describe('call machine: a page that cannot show or connect a call (its CSP blocks the elements or the calls SDK)', () => {
  const blocked = { code: 'elements-blocked' as const, message: 'Calling is not available: blocked' };

  it('says so once, stays unavailable through configure and reset, and starts, joins or rings nothing', () => {
    const first = run([{ type: 'calling-blocked', error: blocked }]);
    expect(emitted(first.effects, 'cc-error')?.detail.code).to.equal('elements-blocked');
    expect(run([{ type: 'calling-blocked', error: blocked }], first.state).effects).to.deep.equal([]);

    const configured = run(
      [{ type: 'configuring' }, { type: 'configured', user: alice }, { type: 'reset' }, { type: 'configured', user: alice }],
      first.state,
    );
    expect(configured.state.blocked?.code).to.equal('elements-blocked');
    expect(unavailableReason(configured.state)).to.equal('unavailable');

    for (const intent of [
      { type: 'call', target: bob, callType: 'video' },
      { type: 'start-meeting', group: team, callType: 'video' },
      { type: 'join-meeting', meeting },
    ] as MachineEvent[]) {
      const refused = run([intent], configured.state);
      expect(refused.state.call, intent.type).to.equal(null);
      expect(sdk(refused.effects), intent.type).to.deep.equal([]);
      expect(emitted(refused.effects, 'cc-error')?.detail.code, intent.type).to.equal('elements-blocked');
    }

    // Not answered busy either: the user's other devices may take it.
    const rung = run(
      [{ type: 'incoming-call', sessionId: 's9', kind: 'direct', callType: 'video', peer: bob, initiator: bob }],
      configured.state,
    );
    expect(rung.state.call).to.equal(null);
    expect(rung.effects).to.deep.equal([]);
  });

  const refused = { code: 'calls-sdk-failed' as const, message: "This page's Content-Security-Policy refused CometChat's calls SDK" };

  it("found while a call rings here: stops ringing, unanswered, so the user's other devices still can take it, and says why", () => {
    const { state, effects } = run([{ type: 'calling-blocked', error: refused }], ringingIn);
    expect(state.call).to.include({ phase: 'ended', reason: 'failed' });
    expect(state.call?.error).to.deep.equal(refused);
    expect(sdk(effects)).to.deep.equal([]);
    expect(emitted(effects, 'cc-call-ended')?.detail.reason).to.equal('failed');
    expect(emitted(effects, 'cc-error')?.detail.code).to.equal('calls-sdk-failed');
    expect(unavailableReason(state)).to.equal('unavailable');
  });

  it('found while this page rings someone: cancels the call, which could never connect here, and says why', () => {
    const { state, effects } = run([{ type: 'calling-blocked', error: refused }], ringingOut);
    expect(state.call).to.include({ phase: 'ended', reason: 'failed' });
    expect(effects).to.deep.include({ type: 'reject', sessionId: 's1', status: 'cancelled' });
    expect(sdk(effects)).to.deep.equal(['reject', 'clear-active-call']);
    expect(emitted(effects, 'cc-error')?.detail.code).to.equal('calls-sdk-failed');
  });

  it('found in a running call: leaves it alone (its session is running already)', () => {
    const { state, effects } = run([{ type: 'calling-blocked', error: refused }], activeOut);
    expect(state.call).to.deep.equal(activeOut.call);
    expect(sdk(effects)).to.deep.equal([]);
    expect(state.blocked).to.deep.equal(refused);
  });

  it('lets a page whose elements load call as before', () => {
    expect(unavailableReason(ready)).to.equal(null);
    expect(run([{ type: 'call', target: bob, callType: 'video' }], ready).state.call?.phase).to.equal('requesting');
  });
});

describe('call machine: a lost chat connection', () => {
  it('is "reconnecting" while the socket is down, refuses new calls with connection-lost, and is ready again once back', () => {
    const lost = run([{ type: 'connection-lost' }], ready);
    expect(lost.state.status).to.equal('reconnecting');
    const refused = run([{ type: 'call', target: bob, callType: 'video' }], lost.state);
    expect(refused.state.call).to.equal(null);
    expect(emitted(refused.effects, 'cc-error')?.detail.code).to.equal('connection-lost');
    expect(run([{ type: 'connection-restored' }], lost.state).state.status).to.equal('ready');
  });

  it('keeps a running call going while reconnecting, and takes a call that reaches it as proof the socket is back', () => {
    const inCall = run([{ type: 'connection-lost' }], ringingOut).state;
    expect(inCall.call?.phase).to.equal('ringing');
    const rung = run(
      [{ type: 'incoming-call', sessionId: 's9', kind: 'direct', callType: 'audio', peer: bob, initiator: bob }],
      run([{ type: 'connection-lost' }], ready).state,
    );
    expect(rung.state.call?.phase).to.equal('ringing');
    expect(sdk(rung.effects)).to.not.include('reject');
  });

  it('does not turn an unconfigured or failed page into "reconnecting"', () => {
    expect(run([{ type: 'connection-lost' }]).state.status).to.equal('unconfigured');
  });
});

describe('call machine: reset', () => {
  it('stays "configuring" when configure() is on its way again, so the page never reads "not available" meanwhile', () => {
    expect(run([{ type: 'configuring' }, { type: 'reset', reconfiguring: true }], ready).state.status).to.equal('configuring');
    expect(run([{ type: 'reset' }], ready).state.status).to.equal('unconfigured');
  });

  it('declines a ringing incoming call instead of ending a call that never started', () => {
    const { state, effects } = run([{ type: 'reset' }], ringingIn);
    expect(state.status).to.equal('unconfigured');
    expect(sdk(effects)).to.deep.equal(['reject']);
    expect(effects[0]).to.deep.equal({ type: 'reject', sessionId: 's2', status: 'rejected' });
  });

  it('hangs up an answered call with endCall', () => {
    const { state, effects } = run([{ type: 'reset' }], activeOut);
    expect(state.call).to.equal(null);
    expect(sdk(effects)).to.deep.equal(['end-call', 'clear-active-call', 'end-session']);
  });
});

describe('call machine: outgoing 1:1 calls', () => {
  it('asks the SDK to initiate exactly one call', () => {
    const { state, effects } = run([{ type: 'call', target: bob, callType: 'audio' }], ready);
    expect(state.call?.phase).to.equal('requesting');
    expect(effects).to.deep.equal([
      { type: 'initiate', callId: 1, receiverId: 'bob', receiverType: 'user', callType: 'audio' },
      // The calls SDK loads while it rings, so an accept does not wait for it.
      { type: 'prepare-session' },
    ]);
  });

  it('ignores a second call request while the first is in flight (double click)', () => {
    const first = run([{ type: 'call', target: bob, callType: 'video' }], ready).state;
    const { state, effects } = run([{ type: 'call', target: bob, callType: 'video' }], first);
    expect(state.call?.id).to.equal(1);
    expect(sdk(effects)).to.deep.equal([]);
    expect(emitted(effects, 'cc-error')?.detail.code).to.equal('call-in-progress');
  });

  it('rings once initiateCall returns a session id and announces cc-call-outgoing', () => {
    const { state, effects } = run(
      [
        { type: 'call', target: bob, callType: 'video' },
        { type: 'initiated', callId: 1, sessionId: 's1' },
      ],
      ready,
    );
    expect(state.call?.phase).to.equal('ringing');
    expect(state.call?.sessionId).to.equal('s1');
    expect(emitted(effects, 'cc-call-outgoing')?.detail).to.deep.equal({ sessionId: 's1', callType: 'video', callee: bob });
  });

  it('cancels with rejectCall(CANCELLED) then clearActiveCall, and closes at once', () => {
    const { state, effects } = run([{ type: 'cancel' }], ringingOut);
    expect(state.call).to.equal(null);
    expect(effects.slice(0, 2)).to.deep.equal([{ type: 'reject', sessionId: 's1', status: 'cancelled' }, { type: 'clear-active-call' }]);
    expect(emitted(effects, 'cc-call-ended')?.detail.reason).to.equal('cancelled');
  });

  it('closes at once on Cancel before initiateCall answers, and cancels the call when it does', () => {
    const cancelled = run([{ type: 'call', target: bob, callType: 'video' }, { type: 'cancel' }], ready);
    expect(cancelled.state.call, 'nothing waits for the network').to.equal(null);
    expect(emitted(cancelled.effects, 'cc-call-ended')?.detail.reason).to.equal('cancelled');
    const { state, effects } = run([{ type: 'initiated', callId: 1, sessionId: 's1' }], cancelled.state);
    expect(state.call).to.equal(null);
    expect(effects).to.deep.equal([{ type: 'reject', sessionId: 's1', status: 'cancelled' }, { type: 'clear-active-call' }]);
    // If the callee accepted in that instant, the late accept is hung up.
    expect(run([{ type: 'outgoing-accepted', sessionId: 's1' }], state).effects).to.deep.equal([
      { type: 'end-call', sessionId: 's1' },
      { type: 'clear-active-call', sessionId: 's1' },
    ]);
  });

  it("leaves alone an accept for a call this page never placed (another tab's)", () => {
    const { state, effects } = run([{ type: 'outgoing-accepted', sessionId: 'placed-elsewhere' }], ready);
    expect(state).to.equal(ready);
    expect(effects).to.deep.equal([]);
  });

  it('treats the same incoming call delivered twice as one call, not a busy second caller', () => {
    const { state, effects } = run(
      [{ type: 'incoming-call', sessionId: 's2', kind: 'direct', callType: 'audio', peer: bob, initiator: bob }],
      ringingIn,
    );
    expect(state).to.equal(ringingIn);
    expect(effects).to.deep.equal([]);
  });

  it('starts the session when the callee accepts', () => {
    const { state, effects } = run([{ type: 'outgoing-accepted', sessionId: 's1' }], ringingOut);
    expect(state.call?.phase).to.equal('connecting');
    expect(effects).to.deep.include({ type: 'start-session', callId: 1, sessionId: 's1', callType: 'video', kind: 'direct' });
    expect(emitted(effects, 'cc-call-accepted')?.detail).to.deep.equal({ sessionId: 's1', kind: 'direct' });
  });

  it('hangs up an accept that arrives after the caller cancelled, so the callee is not left alone', () => {
    const cancelled = run([{ type: 'cancel' }], ringingOut).state;
    const { state, effects } = run([{ type: 'outgoing-accepted', sessionId: 's1' }], cancelled);
    expect(state.call).to.equal(null);
    expect(effects).to.deep.equal([
      { type: 'end-call', sessionId: 's1' },
      { type: 'clear-active-call', sessionId: 's1' },
    ]);
  });

  for (const [status, reason] of [
    ['rejected', 'rejected'],
    ['busy', 'busy'],
    ['unanswered', 'unanswered'],
  ] as const) {
    it(`shows "${reason}" briefly when the callee's side answers ${status}`, () => {
      const { state, effects } = run([{ type: 'outgoing-rejected', sessionId: 's1', status }], ringingOut);
      expect(state.call?.phase).to.equal('ended');
      expect(state.call?.reason).to.equal(reason);
      expect(emitted(effects, 'cc-call-rejected')?.detail).to.deep.equal({ sessionId: 's1', status });
      expect(effects).to.deep.include({ type: 'show-outcome', callId: 1 });
      expect(effects).to.deep.include({ type: 'clear-active-call' });
      const closed = run([{ type: 'outcome-shown', callId: 1 }], state).state;
      expect(closed.call).to.equal(null);
    });
  }

  it('reports a failed initiateCall and leaves no call behind once shown', () => {
    const requesting = run([{ type: 'call', target: bob, callType: 'video' }], ready).state;
    const { state, effects } = run([{ type: 'initiate-failed', callId: 1, error }], requesting);
    expect(state.call?.reason).to.equal('failed');
    expect(emitted(effects, 'cc-error')?.detail).to.deep.equal(error);
  });

  it('ends an answered call with endCall, clearActiveCall and end of session, in that order', () => {
    const { state, effects } = run([{ type: 'hang-up' }], activeOut);
    // The one who hung up is told too: "Call ended" stays briefly, as for the other side.
    expect(state.call?.phase).to.equal('ended');
    expect(state.call?.reason).to.equal('hung-up');
    expect(effects.some((e) => e.type === 'show-outcome')).to.equal(true);
    expect(sdk(effects)).to.deep.equal(['end-call', 'clear-active-call', 'end-session']);
    expect(emitted(effects, 'cc-call-ended')?.detail).to.deep.equal({ sessionId: 's1', kind: 'direct', reason: 'hung-up' });
  });

  it("treats the SDK's end button like the stage's End call", () => {
    const { effects } = run([{ type: 'session-end-pressed', callId: 1 }], activeOut);
    expect(sdk(effects)).to.deep.equal(['end-call', 'clear-active-call', 'end-session']);
  });

  it('ends without endCall when the other side ended it', () => {
    const { state, effects } = run([{ type: 'call-ended-message', sessionId: 's1' }], activeOut);
    expect(sdk(effects)).to.deep.equal(['clear-active-call', 'end-session']);
    expect(state.call?.reason).to.equal('remote-ended');
  });

  // Issue 15, 4b: a page that dies sends nothing, so the session's end may be all the survivor hears.
  it('closes the call on the cloud (after a grace, in the adapter) when the session ended with no word from the other side', () => {
    const { state, effects } = run([{ type: 'session-ended', callId: 1 }], activeOut);
    expect(effects.filter((e) => e.type === 'close-call')).to.deep.equal([{ type: 'close-call', sessionId: 's1' }]);
    expect(sdk(effects)).to.deep.equal(['close-call', 'end-session']);
    expect(state.call?.reason).to.equal('remote-ended');
  });

  // Issue 15, point 6.
  it('reads a voice call that switched to video as a video call, and an in-call error as that method failing, not the call', () => {
    const voice = run(
      [
        { type: 'call', target: bob, callType: 'audio' },
        { type: 'initiated', callId: 1, sessionId: 's1' },
        { type: 'outgoing-accepted', sessionId: 's1' },
        { type: 'session-joined', callId: 1 },
      ],
      ready,
    ).state;
    expect(voice.call?.type).to.equal('audio');
    const switched = run([{ type: 'session-switched-to-video', callId: 1 }], voice).state;
    expect(switched.call?.type).to.equal('video');
    expect(switched.call?.phase).to.equal('active');
    const { state, effects } = run(
      [{ type: 'in-call-error', callId: 1, error: { code: 'in-call-failed', message: 'no such device' } }],
      switched,
    );
    expect(state.call?.phase).to.equal('active');
    expect(sdk(effects)).to.deep.equal([]);
    expect(emitted(effects, 'cc-error')?.detail.code).to.equal('in-call-failed');
  });

  it('tears the call down and reports the error when the session fails', () => {
    const { state, effects } = run(
      [{ type: 'session-error', callId: 1, error: { code: 'session-failed', message: 'no media' } }],
      activeOut,
    );
    expect(sdk(effects)).to.deep.equal(['end-call', 'clear-active-call', 'end-session']);
    expect(state.call?.reason).to.equal('failed');
    expect(emitted(effects, 'cc-error')?.detail.code).to.equal('session-failed');
  });

  it('ends the call when the session times out', () => {
    const { state, effects } = run([{ type: 'session-timeout', callId: 1 }], activeOut);
    expect(sdk(effects)).to.deep.equal(['end-call', 'clear-active-call', 'end-session']);
    expect(state.call?.reason).to.equal('timeout');
  });

  it("applies a busy that overtook initiateCall's answer once the session id is known", () => {
    const requesting = run([{ type: 'call', target: bob, callType: 'video' }], ready).state;
    const early = run([{ type: 'outgoing-rejected', sessionId: 's1', status: 'busy' }], requesting);
    expect(early.state.call?.phase, 'nothing to show until we know it is ours').to.equal('requesting');
    const { state, effects } = run([{ type: 'initiated', callId: 1, sessionId: 's1' }], early.state);
    expect(state.call).to.include({ phase: 'ended', reason: 'busy' });
    expect(emitted(effects, 'cc-call-rejected')?.detail).to.deep.equal({ sessionId: 's1', status: 'busy' });
    expect(sdk(effects)).to.deep.equal(['clear-active-call']);
  });

  it("connects an accept that overtook initiateCall's answer, and ignores an early answer for another session", () => {
    const requesting = run([{ type: 'call', target: bob, callType: 'video' }], ready).state;
    const accepted = run(
      [
        { type: 'outgoing-accepted', sessionId: 's1' },
        { type: 'initiated', callId: 1, sessionId: 's1' },
      ],
      requesting,
    );
    expect(accepted.state.call?.phase).to.equal('connecting');
    expect(sdk(accepted.effects)).to.deep.equal(['start-session']);
    const other = run(
      [
        { type: 'outgoing-rejected', sessionId: 'other', status: 'busy' },
        { type: 'initiated', callId: 1, sessionId: 's1' },
      ],
      requesting,
    );
    expect(other.state.call?.phase).to.equal('ringing');
  });

  it('releases a session that comes up after the call was already hung up', () => {
    const connecting = run([{ type: 'outgoing-accepted', sessionId: 's1' }], ringingOut).state;
    const hungUp = run([{ type: 'hang-up' }], connecting).state;
    const { effects } = run([{ type: 'session-started', callId: 1 }], hungUp);
    expect(effects).to.deep.equal([{ type: 'end-session', callId: 1 }]);
  });

  it('says the call started only once the session reports it joined, whichever comes first', () => {
    const connecting = run([{ type: 'outgoing-accepted', sessionId: 's1' }], ringingOut).state;
    const returned = run([{ type: 'session-started', callId: 1 }], connecting);
    expect(returned.state.call?.phase).to.equal('connecting');
    expect(emitted(returned.effects, 'cc-call-started')).to.equal(undefined);
    const joined = run([{ type: 'session-joined', callId: 1 }], returned.state);
    expect(joined.state.call?.phase).to.equal('active');
    expect(emitted(joined.effects, 'cc-call-started')?.detail).to.deep.equal({ sessionId: 's1', kind: 'direct', callType: 'video' });
    // The SDK may report the join before its start call returns: that return changes nothing.
    const joinedFirst = run(
      [
        { type: 'session-joined', callId: 1 },
        { type: 'session-started', callId: 1 },
      ],
      connecting,
    );
    expect(joinedFirst.state.call?.phase).to.equal('active');
    expect(joinedFirst.effects).to.deep.equal([]);
  });
});

describe('call machine: the end of a ringing call (issue 15, 4a)', () => {
  const ringingGroup = run(
    [{ type: 'incoming-call', sessionId: 'g1', kind: 'direct', callType: 'video', peer: team, initiator: bob }],
    ready,
  );

  it("stops a 1:1 ring at once when the caller's client ended the call instead of cancelling: a missed call", () => {
    const { state, effects } = run([{ type: 'call-ended-message', sessionId: 's2' }], ringingIn);
    expect(state.call).to.equal(null);
    expect(state.missed?.caller.id).to.equal('bob');
    expect(sdk(effects)).to.deep.equal([]);
    expect(emitted(effects, 'cc-call-ended')?.detail).to.deep.equal({ sessionId: 's2', kind: 'direct', reason: 'cancelled' });
  });

  it('watches a rung group call while it rings, since another member answering is never pushed here', () => {
    expect(ringingGroup.effects.filter((e) => e.type === 'watch-ringing')).to.deep.equal([
      { type: 'watch-ringing', sessionId: 'g1', guid: 'team' },
    ]);
    const oneToOne = run([{ type: 'incoming-call', sessionId: 's9', kind: 'direct', callType: 'video', peer: bob, initiator: bob }], ready);
    expect(oneToOne.effects.some((e) => e.type === 'watch-ringing')).to.equal(false);
  });

  it('stops a rung group ring when another member answered, declined or the call ended: taken elsewhere, not missed', () => {
    for (const event of [
      { type: 'call-status', sessionId: 'g1', status: 'ongoing' },
      { type: 'call-status', sessionId: 'g1', status: 'rejected' },
      { type: 'call-status', sessionId: 'g1', status: 'ended' },
      { type: 'call-ended-message', sessionId: 'g1' },
    ] as MachineEvent[]) {
      const { state, effects } = run([event], ringingGroup.state);
      expect(state.call, event.type).to.equal(null);
      expect(state.missed).to.equal(null);
      expect(sdk(effects)).to.deep.equal([]);
      expect(emitted(effects, 'cc-call-ended')?.detail.reason).to.equal('elsewhere');
    }
    const cancelled = run([{ type: 'call-status', sessionId: 'g1', status: 'cancelled' }], ringingGroup.state).state;
    expect(cancelled.missed?.caller.id).to.equal('bob');
  });

  it('ignores a status that is still initiated, for another call, or once the call is answered here', () => {
    expect(run([{ type: 'call-status', sessionId: 'g1', status: 'initiated' }], ringingGroup.state).state.call?.phase).to.equal('ringing');
    expect(run([{ type: 'call-status', sessionId: 'other', status: 'ongoing' }], ringingGroup.state).state.call?.phase).to.equal('ringing');
    const accepting = run([{ type: 'accept' }], ringingGroup.state).state;
    expect(run([{ type: 'call-status', sessionId: 'g1', status: 'ongoing' }], accepting).state.call?.phase).to.equal('accepting');
    // The caller's own side: an `ended` for its ringing call changes nothing there.
    expect(run([{ type: 'call-ended-message', sessionId: 's1' }], ringingOut).state.call?.phase).to.equal('ringing');
  });
});

describe('call machine: incoming 1:1 calls', () => {
  it('shows an incoming call and announces cc-call-incoming', () => {
    expect(ringingIn.call).to.include({ direction: 'incoming', phase: 'ringing', sessionId: 's2', type: 'audio' });
  });

  it("stops ringing by itself when the ring outlives the caller's timeout (a lost cancel), as a missed call", () => {
    const { effects } = run(
      [{ type: 'incoming-call', sessionId: 's2', kind: 'direct', callType: 'audio', peer: bob, initiator: bob }],
      ready,
    );
    expect(effects).to.deep.include({ type: 'expire-ringing', callId: 1 });
    const expired = run([{ type: 'ring-expired', callId: 1 }], ringingIn);
    expect(expired.state.call).to.equal(null);
    expect(sdk(expired.effects)).to.deep.equal([]);
    expect(emitted(expired.effects, 'cc-call-ended')?.detail).to.deep.equal({ sessionId: 's2', kind: 'direct', reason: 'unanswered' });
  });

  it('gets the session ready while an incoming call rings, and when the user reaches for a call button', () => {
    const { effects } = run(
      [{ type: 'incoming-call', sessionId: 's2', kind: 'direct', callType: 'audio', peer: bob, initiator: bob }],
      ready,
    );
    expect(effects).to.deep.include({ type: 'prepare-session' });
    expect(run([{ type: 'warm-up' }], ready).effects).to.deep.equal([{ type: 'prepare-session' }]);
    expect(run([{ type: 'warm-up' }]).effects, 'not before configure').to.deep.equal([]);
  });

  it('ignores a ring expiry once the call was answered', () => {
    const accepting = run([{ type: 'accept' }], ringingIn).state;
    expect(run([{ type: 'ring-expired', callId: 1 }], accepting).state).to.equal(accepting);
  });

  it('accepts with acceptCall, then starts the session', () => {
    const accepting = run([{ type: 'accept' }], ringingIn);
    expect(accepting.effects).to.deep.equal([{ type: 'accept', callId: 1, sessionId: 's2', callType: 'audio' }]);
    const { state, effects } = run([{ type: 'accepted', callId: 1, sessionId: 's2' }], accepting.state);
    expect(state.call?.phase).to.equal('connecting');
    expect(effects).to.deep.include({ type: 'start-session', callId: 1, sessionId: 's2', callType: 'audio', kind: 'direct' });
  });

  it('declines with rejectCall(REJECTED)', () => {
    const { state, effects } = run([{ type: 'decline' }], ringingIn);
    expect(state.call).to.equal(null);
    expect(effects[0]).to.deep.equal({ type: 'reject', sessionId: 's2', status: 'rejected' });
  });

  it('dismisses the ringing when the caller cancels or the ring times out', () => {
    for (const status of ['cancelled', 'unanswered']) {
      const { state, effects } = run([{ type: 'incoming-cancelled', sessionId: 's2', status }], ringingIn);
      expect(state.call).to.equal(null);
      expect(emitted(effects, 'cc-call-ended')?.detail.reason).to.equal(status);
    }
  });

  it('stops ringing, without rejecting, when another tab of the user handled the call', () => {
    const { state, effects } = run([{ type: 'handled-elsewhere', sessionId: 's2' }], ringingIn);
    expect(state.call).to.equal(null);
    expect(sdk(effects)).to.deep.equal([]);
    expect(emitted(effects, 'cc-call-ended')?.detail.reason).to.equal('elsewhere');
    expect(run([{ type: 'handled-elsewhere', sessionId: 'other' }], ringingIn).state).to.equal(ringingIn);
    expect(run([{ type: 'handled-elsewhere', sessionId: 's1' }], ringingOut).state, 'not an outgoing call').to.equal(ringingOut);
    const accepting = run([{ type: 'accept' }], ringingIn).state;
    expect(run([{ type: 'handled-elsewhere', sessionId: 's2' }], accepting).state, 'this tab is already answering').to.equal(accepting);
  });

  it('answers a second incoming call with BUSY and never shows it', () => {
    const { state, effects } = run(
      [{ type: 'incoming-call', sessionId: 's3', kind: 'direct', callType: 'video', peer: alice, initiator: alice }],
      ringingIn,
    );
    expect(state.call?.sessionId).to.equal('s2');
    expect(effects).to.deep.equal([
      { type: 'reject', sessionId: 's3', status: 'busy' },
      { type: 'tell-tabs', sessionId: 's3' },
    ]);
  });

  it('answers an incoming call with BUSY while in a meeting', () => {
    const inMeeting = run(
      [
        { type: 'join-meeting', meeting },
        { type: 'session-started', callId: 1 },
        { type: 'session-joined', callId: 1 },
      ],
      ready,
    ).state;
    const { effects } = run(
      [{ type: 'incoming-call', sessionId: 's3', kind: 'direct', callType: 'video', peer: bob, initiator: bob }],
      inMeeting,
    );
    expect(effects).to.deep.equal([
      { type: 'reject', sessionId: 's3', status: 'busy' },
      { type: 'tell-tabs', sessionId: 's3' },
    ]);
  });

  it('hangs up properly when acceptCall succeeds for a call the caller cancelled meanwhile', () => {
    const accepting = run([{ type: 'accept' }], ringingIn).state;
    const cancelled = run([{ type: 'incoming-cancelled', sessionId: 's2', status: 'cancelled' }], accepting).state;
    expect(cancelled.call).to.equal(null);
    const { effects } = run([{ type: 'accepted', callId: 1, sessionId: 's2' }], cancelled);
    expect(effects).to.deep.equal([
      { type: 'end-call', sessionId: 's2' },
      { type: 'clear-active-call', sessionId: 's2' },
      { type: 'tell-tabs', sessionId: 's2' },
    ]);
  });

  it('reports acceptCall failing (the caller had cancelled) and closes', () => {
    const accepting = run([{ type: 'accept' }], ringingIn).state;
    const { state, effects } = run(
      [{ type: 'accept-failed', callId: 1, sessionId: 's2', error: { code: 'accept-failed', message: 'call not initiated' } }],
      accepting,
    );
    expect(state.call?.reason).to.equal('failed');
    expect(emitted(effects, 'cc-error')?.detail.code).to.equal('accept-failed');
  });

  for (const code of ['accept-failed', 'sdk-timeout'] as const) {
    it(`declines, quietly, when acceptCall fails with ${code}, so the caller stops ringing`, () => {
      const accepting = run([{ type: 'accept' }], ringingIn).state;
      const { effects } = run([{ type: 'accept-failed', callId: 1, sessionId: 's2', error: { code, message: 'refused' } }], accepting);
      // A timed-out acceptCall may still go through: the SDK keeps its active call for the hang-up then.
      expect(effects.filter((e) => e.type !== 'emit' && e.type !== 'show-outcome')).to.deep.equal([
        { type: 'reject', sessionId: 's2', status: 'rejected', quiet: true },
        { type: 'tell-tabs', sessionId: 's2' },
        ...(code === 'sdk-timeout' ? [] : [{ type: 'clear-active-call' }]),
      ]);
    });
  }

  it('declines for the user when the camera is blocked, so the caller stops ringing', () => {
    const accepting = run([{ type: 'accept' }], ringingIn).state;
    const { effects } = run(
      [{ type: 'accept-failed', callId: 1, sessionId: 's2', error: { code: 'media-denied', message: 'blocked' } }],
      accepting,
    );
    expect(effects[0]).to.deep.equal({ type: 'reject', sessionId: 's2', status: 'rejected', quiet: true });
  });

  it('sends the decline after all when the user declined while accepting and acceptCall then failed', () => {
    const accepting = run([{ type: 'accept' }], ringingIn).state;
    const declined = run([{ type: 'decline' }], accepting);
    expect(declined.state.call, 'the ringing UI closes at once').to.equal(null);
    expect(
      declined.effects.filter((e) => e.type === 'reject'),
      'nothing to reject while the accept is in flight',
    ).to.deep.equal([]);
    const { state, effects } = run(
      [{ type: 'accept-failed', callId: 1, sessionId: 's2', error: { code: 'sdk-timeout', message: 'acceptCall timed out' } }],
      declined.state,
    );
    expect(effects).to.deep.equal([
      { type: 'reject', sessionId: 's2', status: 'rejected' },
      { type: 'tell-tabs', sessionId: 's2' },
    ]);
    expect(state.declinedWhileAccepting).to.equal(null);
    expect(emitted(effects, 'cc-error'), 'the user already moved on').to.equal(undefined);
  });

  it('hangs up, and sends no decline, when the user declined while accepting and acceptCall then succeeded', () => {
    const accepting = run([{ type: 'accept' }], ringingIn).state;
    const declined = run([{ type: 'decline' }], accepting).state;
    const { state, effects } = run([{ type: 'accepted', callId: 1, sessionId: 's2' }], declined);
    expect(effects).to.deep.equal([
      { type: 'end-call', sessionId: 's2' },
      { type: 'clear-active-call', sessionId: 's2' },
      { type: 'tell-tabs', sessionId: 's2' },
    ]);
    expect(state.declinedWhileAccepting).to.equal(null);
  });

  it('sends no decline for a failed accept of a call the caller cancelled', () => {
    const accepting = run([{ type: 'accept' }], ringingIn).state;
    const cancelled = run([{ type: 'incoming-cancelled', sessionId: 's2', status: 'cancelled' }], accepting).state;
    const { effects } = run(
      [{ type: 'accept-failed', callId: 1, sessionId: 's2', error: { code: 'accept-failed', message: 'call not initiated' } }],
      cancelled,
    );
    expect(effects).to.deep.equal([]);
  });

  it('replaces a finished call that is still showing its outcome', () => {
    const shown = run([{ type: 'outgoing-rejected', sessionId: 's1', status: 'busy' }], ringingOut).state;
    const { state } = run(
      [{ type: 'incoming-call', sessionId: 's4', kind: 'direct', callType: 'video', peer: bob, initiator: bob }],
      shown,
    );
    expect(state.call?.sessionId).to.equal('s4');
    expect(state.call?.phase).to.equal('ringing');
  });
});

describe('call machine: meetings', () => {
  it('starts a meeting by announcing it, then joining the group session', () => {
    const started = run([{ type: 'start-meeting', group: team, callType: 'video' }], ready);
    expect(started.effects).to.deep.equal([
      { type: 'announce-meeting', callId: 1, guid: 'team', callType: 'video' },
      { type: 'prepare-session' },
    ]);
    const { state, effects } = run([{ type: 'meeting-announced', callId: 1, guid: 'team' }], started.state);
    expect(state.call?.sessionId).to.equal('team');
    expect(effects).to.deep.equal([{ type: 'start-session', callId: 1, sessionId: 'team', callType: 'video', kind: 'meeting' }]);
  });

  it('marks the meeting ended if its starter left before the announcement went out', () => {
    const started = run([{ type: 'start-meeting', group: team, callType: 'video' }], ready).state;
    const left = run([{ type: 'hang-up' }], started).state;
    const { effects } = run([{ type: 'meeting-announced', callId: 1, guid: 'team' }], left);
    expect(effects).to.deep.equal([{ type: 'announce-meeting-ended', guid: 'team', sessionId: 'team' }]);
  });

  it('marks the meeting ended if its starter leaves while connecting, before anyone else is in', () => {
    const connecting = run(
      [
        { type: 'start-meeting', group: team, callType: 'video' },
        { type: 'meeting-announced', callId: 1, guid: 'team' },
      ],
      ready,
    ).state;
    const { effects } = run([{ type: 'hang-up' }], connecting);
    expect(sdk(effects)).to.deep.equal(['end-session', 'announce-meeting-ended']);
  });

  it('announces the end of a meeting whose session fails for its starter before anyone else is in, and not of one others are in', () => {
    const connecting = run(
      [
        { type: 'start-meeting', group: team, callType: 'video' },
        { type: 'meeting-announced', callId: 1, guid: 'team' },
      ],
      ready,
    ).state;
    const failure = { code: 'session-failed' as const, message: 'no token' };
    const failed = run([{ type: 'session-failed', callId: 1, error: failure }], connecting);
    expect(sdk(failed.effects)).to.deep.equal(['end-session', 'announce-meeting-ended']);
    expect(emitted(failed.effects, 'cc-error')?.detail.code).to.equal('session-failed');
    expect(failed.state.call?.reason).to.equal('failed');
    expect(isMeetingEnded(failed.state, { sessionId: 'team', sentAt: 999 }), 'our own card shows it ended too').to.equal(true);

    const withOthers = run(
      [
        { type: 'session-started', callId: 1 },
        { type: 'session-joined', callId: 1 },
        { type: 'session-participants', callId: 1, others: 2 },
        { type: 'session-error', callId: 1, error: failure },
      ],
      connecting,
    );
    expect(sdk(withOthers.effects)).to.deep.equal(['end-session']);
  });

  it('never uses endCall or rejectCall to leave a meeting', () => {
    const inMeeting = run(
      [
        { type: 'join-meeting', meeting },
        { type: 'session-started', callId: 1 },
        { type: 'session-joined', callId: 1 },
        { type: 'session-participants', callId: 1, others: 2 },
      ],
      ready,
    ).state;
    const { state, effects } = run([{ type: 'hang-up' }], inMeeting);
    expect(sdk(effects)).to.deep.equal(['end-session']);
    expect(emitted(effects, 'cc-call-ended')?.detail).to.deep.equal({ sessionId: 'team', kind: 'meeting', reason: 'left' });
    expect(state.call?.reason).to.equal('left');
    expect(state.call?.phase).to.equal('ended');
  });

  it('announces the end when the last participant leaves', () => {
    const alone = run(
      [
        { type: 'join-meeting', meeting },
        { type: 'session-started', callId: 1 },
        { type: 'session-joined', callId: 1 },
        { type: 'session-participants', callId: 1, others: 0 },
      ],
      ready,
    ).state;
    const { state, effects } = run([{ type: 'session-left', callId: 1 }], alone);
    expect(effects).to.deep.include({ type: 'announce-meeting-ended', guid: 'team', sessionId: 'team' });
    expect(isMeetingEnded(state, meeting), 'our own card shows it ended too').to.equal(true);
    const optedOut = transition(alone, { type: 'hang-up' }, { ...options, announceMeetingEnd: false });
    expect(sdk(optedOut.effects)).to.deep.equal(['end-session']);
  });

  it('remembers when this browser joined a session', () => {
    const { state, effects } = run(
      [
        { type: 'join-meeting', meeting },
        { type: 'session-joined', callId: 1 },
      ],
      ready,
    );
    expect(state.joinedAt['team']).to.deep.equal([1000]);
    expect(effects).to.deep.include({ type: 'save-joins', joinedAt: { team: [1000] } });
  });

  it('reports a received meeting and queues a notice, but ignores its own', () => {
    const { state, effects } = run([{ type: 'meeting-message', meeting, raw: 'raw' }], ready);
    expect(state.notices).to.deep.equal([meeting]);
    expect(emitted(effects, 'cc-meeting-received')?.detail).to.include({
      sessionId: 'team',
      guid: 'team',
      callType: 'video',
      message: 'raw',
    });
    const own = run([{ type: 'meeting-message', meeting: { ...meeting, sender: alice }, raw: null }], ready);
    expect(own.effects).to.deep.equal([]);
    expect(own.state.notices).to.deep.equal([]);
  });

  it('marks meetings ended from a meeting_ended message, only for announcements before it', () => {
    const { state } = run(
      [
        { type: 'meeting-message', meeting, raw: null },
        { type: 'meeting-ended-message', sessionId: 'team', sentAt: 950 },
      ],
      ready,
    );
    expect(isMeetingEnded(state, meeting)).to.equal(true);
    expect(isMeetingEnded(state, { sessionId: 'team', sentAt: 960 })).to.equal(false);
    expect(state.notices).to.deep.equal([]);
  });

  it('leaves the meeting silently when joining fails, reporting the error', () => {
    const joining = run([{ type: 'join-meeting', meeting }], ready).state;
    const { state, effects } = run([{ type: 'session-failed', callId: 1, error: { code: 'session-failed', message: 'x' } }], joining);
    expect(sdk(effects)).to.deep.equal(['end-session']);
    expect(state.call?.reason).to.equal('failed');
  });
});

describe('call machine: a dismissed meeting notice stays dismissed across a reload', () => {
  const history = (sentAt: number) => ({
    type: 'meeting-history' as const,
    meetings: [{ meeting: { ...meeting, sentAt }, raw: null }],
    ends: [],
  });

  it('remembers which announcement was dismissed, and asks for it to be saved', () => {
    const { state, effects } = run([history(900), { type: 'dismiss-notice', sessionId: 'team' }], ready);
    expect(state.notices).to.deep.equal([]);
    expect(state.dismissedAt).to.deep.equal({ team: 900 });
    expect(effects).to.deep.equal([{ type: 'save-dismissals', uid: 'alice', dismissedAt: { team: 900 } }]);
  });

  it('does not offer a dismissed announcement from the history after a reload, but offers a newer one', () => {
    const reloaded = run([{ type: 'restore-dismissals', dismissedAt: { team: 900 } }], ready).state;
    const same = run([history(900)], reloaded);
    expect(same.state.notices, 'the announcement dismissed before the reload').to.deep.equal([]);
    expect(emitted(same.effects, 'cc-meeting-received')).to.equal(undefined);
    const newer = run([history(960)], reloaded);
    expect(
      newer.state.notices.map((n) => n.sentAt),
      'the meeting started again since',
    ).to.deep.equal([960]);
  });

  it('keeps dismissals through a reset, like joins', () => {
    const dismissed = run([history(900), { type: 'dismiss-notice', sessionId: 'team' }], ready).state;
    expect(run([{ type: 'reset' }], dismissed).state.dismissedAt).to.deep.equal({ team: 900 });
  });
});

describe('machine: ids and fields from other users as keys (issue 15, point 7)', () => {
  const options = { now: 1_700_000_000, announceMeetingEnd: false };
  for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`remembers a join, an ended meeting and a rejection status named "${key}" without finding Object.prototype`, () => {
      let state = transition(
        initialState,
        { type: 'configured', user: { kind: 'user', id: 'alice', name: 'Alice', avatar: null } },
        options,
      ).state;
      const group = { kind: 'group' as const, id: key, name: 'Odd', avatar: null };
      const sender = { kind: 'user' as const, id: 'bob', name: 'Bob', avatar: null };
      const meeting = { sessionId: key, guid: key, type: 'video' as const, sender, group, sentAt: 1_699_999_999 };
      state = transition(state, { type: 'join-meeting', meeting }, options).state;
      const callId = state.call!.id;
      state = transition(state, { type: 'session-joined', callId }, options).state;
      expect(state.call?.phase).to.equal('active');
      expect(Object.hasOwn(state.joinedAt, key)).to.equal(true);
      expect(state.joinedAt[key]).to.deep.equal([options.now]);
      state = transition(state, { type: 'meeting-ended-message', sessionId: key, sentAt: 1_700_000_001 }, options).state;
      expect(state.meetingsEndedAt[key]).to.equal(1_700_000_001);
      expect(isMeetingEnded(state, { sessionId: key, sentAt: 1_700_000_000 })).to.equal(true);
      expect(isMeetingEnded(initialState, { sessionId: key, sentAt: 1 }), 'no meeting has ended on a fresh page').to.equal(false);
    });
  }

  it('reads an unknown rejection status such as "constructor" as a rejection', () => {
    const user = { kind: 'user' as const, id: 'alice', name: 'Alice', avatar: null };
    let state = transition(initialState, { type: 'configured', user }, options).state;
    state = transition(
      state,
      { type: 'call', target: { kind: 'user', id: 'bob', name: 'Bob', avatar: null }, callType: 'video' },
      options,
    ).state;
    state = transition(state, { type: 'initiated', callId: state.call!.id, sessionId: 's1' }, options).state;
    state = transition(state, { type: 'outgoing-rejected', sessionId: 's1', status: 'constructor' }, options).state;
    expect(state.call?.reason).to.equal('rejected');
  });
});
