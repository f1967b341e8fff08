/**
 * Contract: the adapter's lazy `import('@cometchat/…')` reaches the REAL SDKs,
 * and only when called. Under the test runner the bare specifiers resolve to
 * the ESM builds that scripts/sdk-esm-plugin.mjs serves at /__sdk/*.js, the
 * same URLs sdk-shape.test.ts imports, so both see one module instance.
 */
import { expect } from '@open-wc/testing';
import { loadCallsSdk, loadChatSdk } from '../../src/sdk/load.js';

const sdkRequests = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/__sdk/'));

type Globals = { CometChat?: unknown; CometChatCalls?: unknown };

describe('contract: lazy SDK loading', () => {
  it('fetches no SDK just by importing the loader', () => {
    expect(sdkRequests()).to.deep.equal([]);
  });

  it('imports the real chat SDK through the bare specifier when asked', async () => {
    expect((globalThis as Globals).CometChat, 'no page-level CometChat to fall back on').to.equal(undefined);
    const chat = await loadChatSdk();
    const { CometChat } = await import(['/__sdk', 'chat.js'].join('/'));
    expect(chat).to.equal(CometChat);
    expect(chat.CALL_STATUS.UNANSWERED).to.equal('unanswered');
    expect(sdkRequests()).to.include('/__sdk/chat.js');
    expect(sdkRequests()).not.to.include('/__sdk/calls.js');
    const foreign = performance.getEntriesByType('resource').filter((e) => new URL(e.name).origin !== location.origin);
    expect(
      foreign.map((e) => e.name),
      'the chat SDK fetches nothing from elsewhere on import',
    ).to.deep.equal([]);
  });

  it('imports the real calls SDK through the bare specifier when asked', async function () {
    // The first request bundles the 2.6 MB UMD build; on a busy two-core machine that can take a while.
    this.timeout(60_000);
    const calls = await loadCallsSdk();
    const { CometChatCalls } = await import(['/__sdk', 'calls.js'].join('/'));
    expect(calls).to.equal(CometChatCalls);
    expect(calls.startSession).to.be.a('function');
    expect(sdkRequests()).to.include('/__sdk/calls.js');
  });

  it("makes no cross-origin request except the calls SDK's Google Fonts import", () => {
    // The calls SDK injects a stylesheet with `@import url(https://fonts.googleapis.com/css?family=Inter)`
    // as soon as it is imported: one more reason it must load only when a call starts.
    // (The test browser cannot reach it: see --host-resolver-rules in scripts/chrome-args.mjs.)
    const foreign = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => new URL(url).origin !== location.origin);
    expect(foreign.filter((url) => !url.startsWith('https://fonts.googleapis.com/css?family=Inter'))).to.deep.equal([]);
  });
});
