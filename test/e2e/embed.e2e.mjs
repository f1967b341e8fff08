// The built bundle in plain HTML pages, as a CMS or a host app embeds it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, screenshot, start, uniqueChannel } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

/** Rings Bob, Bob accepts, Alice hangs up: with the stage's own End call, or the session's (the calls SDK's UI). */
async function ringAcceptEnd(alice, bob, { endFrom = 'stage' } = {}) {
  await alice.getByRole('button', { name: 'Start video call' }).click();
  const dialog = bob.getByRole('alertdialog');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Alice Adams/);
  await bob.getByRole('button', { name: /^Accept/ }).click();
  for (const page of [alice, bob]) await page.waitForFunction(() => document.querySelector('cc-call-stage')?.state === 'active');
  const end =
    endFrom === 'stage'
      ? alice.locator('cc-call-stage [part="end"]')
      : alice.getByRole('toolbar', { name: 'Call controls' }).getByRole('button', { name: 'End call' });
  await end.click();
  for (const page of [alice, bob]) {
    await page.waitForFunction(() => window.CCCalls.store.state.call?.phase !== 'active');
  }
}

test('a page with only the script tag and the JSON config block completes a call', async () => {
  const context = await env.browser.newContext();
  const errors = [];
  try {
    const alice = await openPage(context, `${env.url}/test/e2e/fixtures/declarative.html`, errors);
    const bob = await openPage(context, `${env.url}/test/e2e/fixtures/declarative-bob.html`, errors);
    for (const page of [alice, bob]) await page.waitForFunction(() => window.CCCalls?.store.state.status === 'ready');
    await ringAcceptEnd(alice, bob);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('configure({ chat, calls }) with the host app\'s own namespaces completes ring, accept and end', async () => {
  const context = await env.browser.newContext();
  const channel = uniqueChannel('e2e-configure');
  const errors = [];
  try {
    const alice = await openPage(context, `${env.url}/test/e2e/fixtures/configure.html?uid=alice&channel=${channel}`, errors);
    const bob = await openPage(context, `${env.url}/test/e2e/fixtures/configure.html?uid=bob&channel=${channel}`, errors);
    for (const page of [alice, bob]) await page.evaluate(() => window.configured);
    await ringAcceptEnd(alice, bob, { endFrom: 'session' });
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
  const errors = [];
  const consoleErrors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e));
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(`${env.url}/test/e2e/fixtures/bad-config.html`);
    await page.waitForFunction(() => window.CCCalls?.store.state.status === 'unavailable');
    assert.equal(consoleErrors.length, 1, consoleErrors.join('\n'));
    assert.match(consoleErrors[0], /config-invalid/);
    const button = page.getByRole('button', { name: /Start video call/ });
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    await button.click({ force: true });
    assert.equal(await page.evaluate(() => window.CCCalls.store.state.call), null);
    await screenshot(page, 'button-unavailable');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a page that already has CometChat and loads the bundle twice uses one SDK copy, one store and one listener', async () => {
  const context = await env.browser.newContext();
  const errors = [];
  const requests = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e));
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${env.url}/test/e2e/fixtures/page-sdk.html`);
    await page.waitForFunction(() => window.CCCalls?.store.state.status === 'ready');
    const facts = await page.evaluate(async () => {
      const second = await import('/dist/cc-call-elements.js?second-plugin');
      return {
        user: window.CCCalls.store.state.user.id,
        sameStore: second.getStore() === window.CCCalls.store,
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
    const sdkChunks = requests.filter((path) => /^\/dist\/chunks\/cometchat-(chat|calls)-sdk-/.test(path));
    assert.deepEqual(sdkChunks, [], 'no SDK chunk is fetched when the page has its own');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
