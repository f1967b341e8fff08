import { expect } from '@open-wc/testing';
import { RING_EXPIRY_MARGIN_MS, runEffect, type EffectContext, type StoreSettings } from '../../src/store/effects.js';
import type { CallBackend, SessionSink } from '../../src/store/ports.js';
import type { MachineEvent } from '../../src/store/types.js';
import { SdkTimeout } from '../../src/core/timing.js';

const settings: StoreSettings = { outcomeMs: 1234, announceMeetingEnd: true, ringTimeoutMs: 5000 };

/** An effect context around `backend`, recording what the table feeds back. */
function contextFor(backend: Partial<CallBackend>) {
  const dispatched: MachineEvent[] = [];
  const emitted: Array<{ name: string; detail: unknown }> = [];
  const timers: Array<{ ms: number; event: MachineEvent }> = [];
  const told: string[] = [];
  const work: Promise<unknown>[] = [];
  const context: EffectContext = {
    backend: () => backend as CallBackend,
    settings: () => settings,
    dispatch: (event) => dispatched.push(event),
    emit: (name, detail) => emitted.push({ name, detail }),
    later: (ms, event) => timers.push({ ms, event }),
    track: (promise) => work.push(promise),
    tellTabs: (sessionId) => told.push(sessionId),
    sessionContainer: async () => document.createElement('div'),
  };
  const settled = () => Promise.allSettled(work);
  return { context, dispatched, emitted, timers, told, settled };
}

describe("the store's effect table", () => {
  it("feeds initiateCall's session id back as `initiated`, and its failure as `initiate-failed`", async () => {
    const ok = contextFor({ initiate: async () => 'sess-1' });
    runEffect({ type: 'initiate', callId: 3, receiverId: 'bob', receiverType: 'user', callType: 'video' }, ok.context);
    await ok.settled();
    expect(ok.dispatched).to.deep.equal([{ type: 'initiated', callId: 3, sessionId: 'sess-1' }]);

    const failed = contextFor({ initiate: () => Promise.reject({ code: 'ERR', message: 'no' }) });
    runEffect({ type: 'initiate', callId: 4, receiverId: 'bob', receiverType: 'user', callType: 'video' }, failed.context);
    await failed.settled();
    expect(failed.dispatched).to.deep.equal([
      { type: 'initiate-failed', callId: 4, error: { code: 'initiate-failed', message: 'ERR: no' } },
    ]);
  });

  it('still feeds back an answer that came after the timeout, so the machine can undo it', async () => {
    let answer!: (sessionId: string) => void;
    const late = new Promise<string>((resolve) => (answer = resolve));
    const { context, dispatched, settled } = contextFor({ initiate: () => Promise.reject(new SdkTimeout('initiateCall', 200, late)) });
    runEffect({ type: 'initiate', callId: 5, receiverId: 'bob', receiverType: 'user', callType: 'audio' }, context);
    await settled();
    expect(dispatched.map((e) => e.type)).to.deep.equal(['initiate-failed']);
    answer('sess-late');
    await late;
    await Promise.resolve();
    expect(dispatched.at(-1)).to.deep.equal({ type: 'initiated', callId: 5, sessionId: 'sess-late' });
  });

  it('passes the call type with an accept, and reports a late acceptCall as accepted', async () => {
    const calls: unknown[][] = [];
    const late = Promise.resolve();
    const { context, dispatched, settled } = contextFor({
      accept: (...args: unknown[]) => {
        calls.push(args);
        return Promise.reject(new SdkTimeout('acceptCall', 100, late));
      },
    });
    runEffect({ type: 'accept', callId: 2, sessionId: 's2', callType: 'audio' }, context);
    await settled();
    await late;
    await Promise.resolve();
    expect(calls).to.deep.equal([['s2', 'audio']]);
    expect(dispatched.map((e) => e.type)).to.deep.equal(['accept-failed', 'accepted']);
  });

  it('tags every session signal with its call, and reports the start', async () => {
    let sink!: SessionSink;
    const { context, dispatched, settled } = contextFor({
      startSession: async (request, givenSink) => {
        expect(request).to.include({ callId: 7, sessionId: 'team', callType: 'video', kind: 'meeting' });
        expect(await request.container()).to.be.instanceOf(HTMLElement);
        sink = givenSink;
        sink({ type: 'session-joined' });
      },
    });
    runEffect({ type: 'start-session', callId: 7, sessionId: 'team', callType: 'video', kind: 'meeting' }, context);
    await settled();
    sink({ type: 'session-participants', others: 2 });
    expect(dispatched).to.deep.equal([
      { type: 'session-joined', callId: 7 },
      { type: 'session-started', callId: 7 },
      { type: 'session-participants', callId: 7, others: 2 },
    ]);
  });

  it('reports a failed command as a coded cc-error and feeds nothing back', async () => {
    const { context, dispatched, emitted, settled } = contextFor({ reject: () => Promise.reject(new Error('offline')) });
    runEffect({ type: 'reject', sessionId: 's1', status: 'rejected' }, context);
    await settled();
    expect(dispatched).to.deep.equal([]);
    expect(emitted).to.deep.equal([{ name: 'cc-error', detail: { code: 'reject-failed', message: 'offline' } }]);
  });

  it('times the outcome and the ring expiry from the settings, and tells other tabs', () => {
    const { context, timers, told } = contextFor({});
    runEffect({ type: 'show-outcome', callId: 1 }, context);
    runEffect({ type: 'expire-ringing', callId: 2 }, context);
    runEffect({ type: 'tell-tabs', sessionId: 's9' }, context);
    expect(timers).to.deep.equal([
      { ms: 1234, event: { type: 'outcome-shown', callId: 1 } },
      { ms: 5000 + RING_EXPIRY_MARGIN_MS, event: { type: 'ring-expired', callId: 2 } },
    ]);
    expect(told).to.deep.equal(['s9']);
  });
});
