// The built bundle under a strict Content-Security-Policy (issue 12, #14): no inline script or
// style, Trusted Types with only Lit's policy. A whole call, with the demo emulator's session view,
// runs with zero violations; a policy that forbids Lit's policy gets one clear console message.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { start } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

/** Opens `url`, recording CSP violations, console errors and uncaught errors. */
async function openStrict(context, url) {
  const page = await context.newPage();
  const errors = [];
  const consoleErrors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.violations.push(`${event.effectiveDirective}: ${event.blockedURI} ${event.sample}`),
    );
  });
  await page.goto(url);
  return { page, errors, consoleErrors, violations: () => page.evaluate(() => window.violations) };
}

test("a whole call under default-src 'self'; style-src 'self'; trusted-types lit-html has zero CSP violations", async () => {
  const context = await env.browser.newContext();
  try {
    const alice = await openStrict(context, `${env.url}/test/e2e/fixtures/csp-alice.html`);
    const bob = await openStrict(context, `${env.url}/test/e2e/fixtures/csp-bob.html`);
    for (const { page } of [alice, bob]) await page.waitForFunction(() => window.CCCalls?.state.status === 'ready');
    await alice.page.getByRole('button', { name: /Start video call/ }).click();
    await bob.page.getByRole('alertdialog').waitFor();
    await bob.page.getByRole('button', { name: /^Accept/ }).click();
    for (const { page } of [alice, bob]) {
      await page.waitForFunction(() => document.querySelector('cc-call-stage')?.state === 'active');
      // The emulator's session view is on screen, styled (its styles are an adopted sheet).
      await page.locator('[data-cc-emulator] .cc-emu-grid').waitFor();
      const background = await page.locator('[data-cc-emulator]').evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(background, 'rgb(27, 30, 36)', 'the session view is styled');
    }
    await alice.page.locator('cc-call-stage [part="end"]').click();
    for (const { page } of [alice, bob]) await page.waitForFunction(() => window.CCCalls.state.call?.phase !== 'active');
    for (const side of [alice, bob]) {
      assert.deepEqual(await side.violations(), []);
      assert.deepEqual(side.errors, []);
      assert.deepEqual(
        side.consoleErrors.filter((text) => /Content Security Policy|Trusted Type/i.test(text)),
        [],
      );
    }
  } finally {
    await context.close();
  }
});

test("trusted-types 'none': one console error naming the directive to add, nothing uncaught, and calling unavailable, so nobody is called from a page that cannot show the call", async () => {
  const context = await env.browser.newContext();
  try {
    const { page, errors, consoleErrors } = await openStrict(context, `${env.url}/test/e2e/fixtures/csp-tt-none.html`);
    await page.evaluate(() => {
      window.ccHeard = [];
      for (const name of ['cc-error', 'cc-call-outgoing'])
        document.addEventListener(name, (e) => window.ccHeard.push(`${name}:${e.detail.code ?? ''}`));
    });
    await page.waitForLoadState('load');
    // Said when the elements that need lit fail to load (at once here: the page has a <cc-incoming-call>),
    // which can come after `load`; then nothing more.
    const said = () => consoleErrors.some((text) => text.includes('[cc-call-elements]'));
    for (const deadline = Date.now() + 10_000; !said() && Date.now() < deadline;) await page.waitForTimeout(50);
    await page.waitForFunction(() => window.CCCalls?.state.status === 'ready');
    await page.waitForTimeout(300);
    assert.deepEqual(errors, [], 'no uncaught error');
    const ours = consoleErrors.filter((text) => text.includes('[cc-call-elements]'));
    assert.equal(ours.length, 1, consoleErrors.join('\n'));
    assert.match(ours[0], /trusted-types lit-html/);

    // Configured, yet the button says calling is not available, and pressing it calls nobody.
    const button = page.getByRole('button', { name: /Start video call, Bob Brown/ });
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    assert.equal(await page.locator('cc-call-button [part="reason"]').innerText(), 'Calling is not available');
    // Pressed anyway (Playwright's click() waits for an enabled button): from the keyboard.
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.CCCalls.state.call), null);
    assert.deepEqual(await page.evaluate(() => window.ccHeard), ['cc-error:elements-blocked']);
  } finally {
    await context.close();
  }
});
