// The built bundle in plain HTML pages, as a CMS or a host app embeds it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, openWatchedPage, screenshot, start, uniqueChannel } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

/** Rings Bob, Bob accepts, Alice hangs up with the stage's End call: the one end control in the call. */
async function ringAcceptEnd(alice, bob) {
  await alice.getByRole('button', { name: 'Start video call' }).click();
  const dialog = bob.getByRole('alertdialog');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Alice Adams/);
  await bob.getByRole('button', { name: /^Accept/ }).click();
  for (const page of [alice, bob]) await page.waitForFunction(() => document.querySelector('cc-call-stage')?.state === 'active');
  // The session's own End call / Leave is hidden through the SDK's settings: exactly one end control.
  for (const page of [alice, bob]) {
    assert.equal(await page.getByRole('button', { name: /^(End call|Leave)$/ }).count(), 1, 'one end control in the call');
  }
  await alice.locator('cc-call-stage [part="end"]').click();
  for (const page of [alice, bob]) {
    await page.waitForFunction(() => window.CCCalls.state.call?.phase !== 'active');
  }
}

test('a page with only the script tag and the JSON config block completes a call', async () => {
  const context = await env.browser.newContext();
  const errors = [];
  try {
    const alice = await openPage(context, `${env.url}/test/e2e/fixtures/declarative.html`, errors);
    const bob = await openPage(context, `${env.url}/test/e2e/fixtures/declarative-bob.html`, errors);
    for (const page of [alice, bob]) await page.waitForFunction(() => window.CCCalls?.state.status === 'ready');
    // The block turned on the emulator: the page must say so, where a person sees it.
    const notice = alice.getByRole('status').filter({ hasText: /^Offline emulator \(signed in as alice\).*nobody is really called/ });
    assert.ok(await notice.isVisible(), 'the emulator notice is visible');
    await ringAcceptEnd(alice, bob);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a page with a config block says Connecting… from its first paint, even while the code that reads the block is still on its way', async () => {
  const context = await env.browser.newContext();
  try {
    // The block's reader and the call rules are chunks of their own: on a slow network they come late.
    await context.route(/\/dist\/chunks\/(declarative|rules)-[\w-]+\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await context.addInitScript(() => {
      // What the button says in the first frames the page paints.
      window.painted = [];
      const look = () => {
        const reason = document.querySelector('cc-call-button')?.shadowRoot?.getElementById('reason');
        if (reason) window.painted.push(reason.textContent);
        if (window.painted.length < 5) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    const { page, errors } = await openWatchedPage(context, `${env.url}/test/e2e/fixtures/declarative.html`);
    await page.waitForFunction(() => window.painted.length >= 5);
    const painted = await page.evaluate(() => window.painted);
    assert.deepEqual([...new Set(painted)], ['Connecting…'], `the button's first frames: ${painted.join(', ')}`);
    await page.waitForFunction(() => window.CCCalls?.state.status === 'ready', undefined, { timeout: 15_000 });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a page with call buttons and no configuration never fetches the call rules or the configure code', async () => {
  const context = await env.browser.newContext();
  try {
    const requested = [];
    context.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const { page, errors } = await openWatchedPage(context, `${env.url}/test/e2e/fixtures/no-config.html`);
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(500);
    const chunks = requested.filter((path) => path.startsWith('/dist/')).map((path) => path.replace(/-[\w-]+\.js$/, ''));
    assert.ok(!chunks.includes('/dist/chunks/rules'), `fetched: ${chunks.join(', ')}`);
    assert.ok(!chunks.includes('/dist/chunks/connect'), `fetched: ${chunks.join(', ')}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the session code loads when the user reaches for a call button or a call rings, never at page load', async () => {
  const context = await env.browser.newContext();
  const errors = [];
  try {
    const requested = [];
    context.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const sessionChunk = () => requested.filter((path) => /\/dist\/chunks\/session-[\w-]+\.js$/.test(path));
    const alice = await openPage(context, `${env.url}/test/e2e/fixtures/declarative.html`, errors);
    await alice.waitForFunction(() => window.CCCalls?.state.status === 'ready');
    await alice.waitForTimeout(300);
    assert.deepEqual(sessionChunk(), [], 'nothing of the session loads with the page');
    await alice.getByRole('button', { name: 'Start video call' }).hover();
    await alice.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/chunks\/session-/.test(e.name)), undefined, {
      timeout: 3000,
    });
    assert.equal(sessionChunk().length, 1, 'hovering the button fetched the session code, once');

    // A page that only rings: the code is there before anyone presses Accept.
    const bob = await openPage(context, `${env.url}/test/e2e/fixtures/declarative-bob.html`, errors);
    await bob.waitForFunction(() => window.CCCalls?.state.status === 'ready');
    await alice.getByRole('button', { name: 'Start video call' }).click();
    await bob.getByRole('alertdialog').waitFor();
    await bob.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/chunks\/session-/.test(e.name)), undefined, {
      timeout: 3000,
    });
    await bob.getByRole('button', { name: /^Decline/ }).click();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("configure({ chat, calls }) with the host app's own namespaces completes ring, accept and end", async () => {
  const context = await env.browser.newContext();
  const channel = uniqueChannel('e2e-configure');
  const errors = [];
  try {
    const alice = await openPage(context, `${env.url}/test/e2e/fixtures/configure.html?uid=alice&channel=${channel}`, errors);
    const bob = await openPage(context, `${env.url}/test/e2e/fixtures/configure.html?uid=bob&channel=${channel}`, errors);
    for (const page of [alice, bob]) await page.evaluate(() => window.configured);
    await ringAcceptEnd(alice, bob);
    const ended = await bob.evaluate(() => window.emulator.inspect());
    assert.equal(ended.session, null, "bob's session is over");
    assert.equal(ended.activeCall, null);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a broken config block gives one console error and a disabled button, and nothing throws', async () => {
  const context = await env.browser.newContext();
  try {
    const { page, errors, consoleErrors } = await openWatchedPage(context, `${env.url}/test/e2e/fixtures/bad-config.html`);
    await page.waitForFunction(() => window.CCCalls?.state.status === 'unavailable');
    assert.equal(consoleErrors.length, 1, consoleErrors.join('\n'));
    assert.match(consoleErrors[0], /config-invalid/);
    const button = page.getByRole('button', { name: /Start video call/ });
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    await button.click({ force: true });
    assert.equal(await page.evaluate(() => window.CCCalls.state.call), null);
    // The reason is shown, not only faded colours.
    assert.ok(await page.locator('cc-call-button [part="reason"]').isVisible(), 'the reason is visible');
    assert.equal((await page.locator('cc-call-button [part="reason"]').innerText()).trim(), 'Calling is not available');
    await screenshot(page, 'button-unavailable');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a config block without appId says so in the block's own words, not configure()'s", async () => {
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await page.route('**/no-app-id.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><script type="module" src="/dist/cc-call-elements.js"></script>
          <script type="application/json" data-cc-calls-config>{ "region": "us", "authToken": "t" }</script></head>
          <body><cc-call-button uid="bob"></cc-call-button></body></html>`,
      }),
    );
    const messages = [];
    page.on('console', (m) => m.type() === 'error' && messages.push(m.text()));
    await page.goto(`${env.url}/no-app-id.html`);
    await page.waitForFunction(() => window.CCCalls?.state.status === 'unavailable');
    assert.match(messages.join('\n'), /data-cc-calls-config block needs "appId" and "region"/);
    assert.doesNotMatch(messages.join('\n'), /configure\(|`chat`/);
  } finally {
    await context.close();
  }
});

/** Bob, on a page of his own on `channel`, rings Alice on page-sdk.html. Returns what Alice's page shows while it rings. */
async function ringTwoPluginPage(context, alice, channel, errors) {
  const bob = await openPage(
    context,
    `${env.url}/test/e2e/fixtures/configure.html?uid=bob&channel=${channel}&to=alice&toName=Alice+Adams`,
    errors,
  );
  await bob.evaluate(() => window.configured);
  await bob.getByRole('button', { name: 'Start video call' }).click();
  await alice.getByRole('alertdialog').first().waitFor();
  // Let every <cc-incoming-call> on the page finish rendering before counting what is visible.
  await alice.evaluate(() => Promise.all([...document.querySelectorAll('cc-incoming-call')].map((e) => e.updateComplete)));
  const ringing = {
    dialogs: await alice.getByRole('alertdialog').count(),
    text: await alice.getByRole('alertdialog').first().innerText(),
    elements: await alice.evaluate(() => document.querySelectorAll('cc-incoming-call').length),
    autoAdded: await alice.evaluate(() => document.querySelectorAll('cc-incoming-call[data-cc-auto]').length),
  };
  return ringing;
}

/** Alice declines; resolves once no ringing UI is left on her page. */
async function decline(alice) {
  await alice.getByRole('button', { name: /^Decline/ }).click();
  await alice.getByRole('alertdialog').waitFor({ state: 'hidden' });
  await alice.waitForFunction(() => !document.querySelector('cc-incoming-call[data-cc-auto]'));
}

test('a page that already has CometChat and loads the bundle twice uses one SDK copy, one store and one listener, and rings once', async () => {
  const context = await env.browser.newContext();
  const channel = uniqueChannel('e2e-page-sdk');
  const errors = [];
  const requests = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e));
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${env.url}/test/e2e/fixtures/page-sdk.html?channel=${channel}`);
    await page.waitForFunction(() => window.CCCalls?.state.status === 'ready');
    const facts = await page.evaluate(async () => {
      const second = await import('/dist/cc-call-elements.js?second-plugin');
      return {
        user: window.CCCalls.state.user.id,
        sameStore: second.callState() === window.CCCalls.state,
        listeners: window.emulator.inspect(),
        buttons: document.querySelectorAll('cc-call-button').length,
        defined: !!customElements.get('cc-call-button'),
      };
    });
    assert.equal(facts.user, 'alice');
    assert.equal(facts.sameStore, true);
    assert.equal(facts.listeners.callListeners, 1);
    assert.equal(facts.listeners.messageListeners, 1);
    assert.equal(facts.defined, true);

    // The page has no <cc-incoming-call>: one is added while Bob rings, not one per copy of the bundle.
    const ringing = await ringTwoPluginPage(context, page, channel, errors);
    assert.equal(ringing.dialogs, 1, 'one ringing dialog, not one per copy of the bundle');
    assert.equal(ringing.elements, 1);
    assert.equal(ringing.autoAdded, 1);
    assert.match(ringing.text, /Bob Brown/);
    await decline(page);

    const sdkChunks = requests.filter((path) => /^\/dist\/chunks\/cometchat-(chat|calls)-sdk-/.test(path));
    assert.deepEqual(sdkChunks, [], 'no SDK chunk is fetched when the page has its own');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('with its own <cc-incoming-call>, a page that loads the bundle twice gets no extra one when a call rings', async () => {
  const context = await env.browser.newContext();
  const channel = uniqueChannel('e2e-page-sdk-own');
  const errors = [];
  try {
    const page = await openPage(context, `${env.url}/test/e2e/fixtures/page-sdk.html?channel=${channel}&incoming=page`, errors);
    await page.waitForFunction(() => window.CCCalls?.state.status === 'ready');
    const ringing = await ringTwoPluginPage(context, page, channel, errors);
    assert.equal(ringing.dialogs, 1, "only the page's own dialog rings");
    assert.equal(ringing.elements, 1);
    assert.equal(ringing.autoAdded, 0);
    await decline(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the script tag with no config block and no configure() call gives one clear error when someone tries to call, and a later configure() still works', async () => {
  const context = await env.browser.newContext();
  const channel = uniqueChannel('e2e-no-config');
  try {
    const { page, errors, consoleErrors, ccErrorCodes } = await openWatchedPage(context, `${env.url}/test/e2e/fixtures/no-config.html`);
    await page.waitForFunction(() => window.CCCalls?.subscribe && document.readyState === 'complete');
    // The page might still configure (after fetching a token, say): nothing is reported yet.
    await page.waitForTimeout(300);
    assert.deepEqual(consoleErrors, []);
    const button = page.getByRole('button', { name: /Start video call/ });
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    await button.click({ force: true });
    await page.waitForFunction(() => window.CCCalls.state.status === 'unavailable', undefined, { timeout: 10_000 });
    await button.click({ force: true });
    assert.equal(consoleErrors.length, 1, consoleErrors.join('\n'));
    assert.match(consoleErrors[0], /config-invalid/);
    assert.match(consoleErrors[0], /data-cc-calls-config/);
    assert.match(consoleErrors[0], /CCCalls\.configure/);
    assert.deepEqual(await ccErrorCodes(), ['config-invalid']);
    assert.equal(await page.evaluate(() => window.CCCalls.state.call), null);

    await page.evaluate(async (channel) => {
      const { createEmulator } = await import('/dist/emulator.js');
      const emulator = createEmulator({ uid: 'alice', channel, media: false });
      await window.CCCalls.configure({ chat: emulator.CometChat, calls: emulator.CometChatCalls });
    }, channel);
    assert.equal(await page.evaluate(() => window.CCCalls.state.status), 'ready');
    await page.waitForFunction(() => document.querySelector('cc-call-button').shadowRoot.querySelector('[aria-disabled="false"]'));
    assert.equal(await button.getAttribute('aria-disabled'), 'false');
    assert.equal(consoleErrors.length, 1, 'configuring later adds no error');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the script tag with no config at all says so by itself a few seconds after load, without a click', async () => {
  const context = await env.browser.newContext();
  try {
    const { page, errors, consoleErrors, ccErrorCodes } = await openWatchedPage(context, `${env.url}/test/e2e/fixtures/no-config.html`);
    await page.waitForFunction(() => window.CCCalls?.subscribe && document.readyState === 'complete');
    const loadedAt = Date.now();
    await page.waitForFunction(() => window.CCCalls.state.status === 'unavailable', undefined, { timeout: 10_000 });
    assert.ok(Date.now() - loadedAt >= 4000, 'not before the grace for a page that configures late');
    assert.equal(consoleErrors.length, 1, consoleErrors.join('\n'));
    assert.match(consoleErrors[0], /config-invalid/);
    const button = page.getByRole('button', { name: /Start video call/ });
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    const reason = await page.evaluate(() => document.querySelector('cc-call-button').shadowRoot.querySelector('#reason').textContent);
    assert.equal(reason, 'Calling is not available');
    assert.deepEqual(await ccErrorCodes(), ['config-invalid']);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a page that configures only after awaiting its own work (a token fetch) gets no missing-config error', async () => {
  const context = await env.browser.newContext();
  const channel = uniqueChannel('e2e-late-configure');
  try {
    const { page, errors, consoleErrors, ccErrorCodes } = await openWatchedPage(
      context,
      `${env.url}/test/e2e/fixtures/late-configure.html?channel=${channel}`,
    );
    await page.waitForFunction(() => window.CCCalls?.state.status === 'ready', undefined, { timeout: 10_000 });
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(await ccErrorCodes(), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
