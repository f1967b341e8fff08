/**
 * configure({ chat }) without `calls`: where the calls SDK comes from. The
 * page's own `window.CometChatCalls` is used as the page initialised it; a
 * calls SDK the bundle would import itself needs `appId` and `region`, and
 * configure() says so at once rather than on the first call.
 */
import { expect } from '@open-wc/testing';
import { configure, resetCalls } from '../../src/configure/configure.js';
import { createEmulator, type Emulator } from '../../emulator/index.js';
import { getStore } from '../../src/store/store.js';
import { RemoteUser, bareStage, bobParty, recordDocumentEvents, uniqueChannel, waitFor } from '../helpers.js';

const store = getStore();
type Globals = { CometChatCalls?: unknown };

describe('configure({ chat }) without calls', () => {
  let channel: string;
  let emulators: Array<{ close(): void }>;
  let recorder: ReturnType<typeof recordDocumentEvents>;

  beforeEach(() => {
    channel = uniqueChannel();
    emulators = [];
    recorder = recordDocumentEvents(['cc-error']);
  });

  afterEach(async () => {
    recorder.stop();
    delete (globalThis as Globals).CometChatCalls;
    await resetCalls();
    for (const emulator of emulators) emulator.close();
  });

  function client(uid?: string): Emulator {
    const emulator = createEmulator({ uid, channel, media: false });
    emulators.push(emulator);
    return emulator;
  }

  it("uses the page's window.CometChatCalls as the page initialised it, and the call connects", async () => {
    const alice = client('alice');
    let inits = 0;
    const init = alice.CometChatCalls.init;
    alice.CometChatCalls.init = (settings?: unknown) => {
      inits++;
      return init(settings);
    };
    // What CometChat's calls script tag leaves behind, after the page initialised it.
    (globalThis as Globals).CometChatCalls = alice.CometChatCalls;
    const bob = new RemoteUser('bob', channel);
    emulators.push(bob);
    const stage = bareStage();
    try {
      await configure({ chat: alice.CometChat, outcomeDuration: 60 });
      expect(store.state.status).to.equal('ready');

      store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
      const { sessionId } = await bob.waitToHear('onIncomingCallReceived');
      await bob.chat.acceptCall(sessionId);
      await waitFor(() => store.state.call?.phase === 'active', 'the session to start');
      expect(alice.inspect().session?.sessionId).to.equal(sessionId);
      expect(inits, 'the page already initialised its calls SDK').to.equal(0);
      expect(recorder.events).to.deep.equal([]);
    } finally {
      stage.dispose();
    }
  });

  it('with no window.CometChatCalls and no appId or region, rejects at once with config-invalid saying what to pass', async () => {
    const alice = client('alice');
    const error = await configure({ chat: alice.CometChat }).catch((e: unknown) => e);
    expect(error).to.have.property('code', 'config-invalid');
    const message = (error as Error).message;
    expect(message).to.include('`appId`').and.include('`region`').and.include('`calls`');
    expect(store.state.status).to.equal('unavailable');
    expect(recorder.events.map((e) => e.detail.code)).to.deep.equal(['config-invalid']);
  });

  it('with no window.CometChatCalls, rejects a region without an app id when the chat SDK was not initialised with one', async () => {
    const alice = client('alice');
    const error = await configure({ chat: alice.CometChat, region: 'us' }).catch((e: unknown) => e);
    expect(error).to.have.property('code', 'config-invalid');
    expect(store.state.status).to.equal('unavailable');
  });

  it('with no window.CometChatCalls, is ready when given appId and region', async () => {
    const alice = client('alice');
    await configure({ chat: alice.CometChat, appId: 'demo-app', region: 'us' });
    expect(store.state.status).to.equal('ready');
    expect(store.state.user?.id).to.equal('alice');
  });

  it('with no window.CometChatCalls, reads the app id from the chat SDK the app initialised, and needs only region', async () => {
    const app = client();
    const settings = new app.CometChat.AppSettingsBuilder().setRegion('us').build();
    await app.CometChat.init('demo-app', settings);
    await app.CometChat.login('emu-token:alice');
    await configure({ chat: app.CometChat, region: 'us' });
    expect(store.state.status).to.equal('ready');
    expect(store.state.user?.id).to.equal('alice');
  });
});
