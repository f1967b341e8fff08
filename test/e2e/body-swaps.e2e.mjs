// Sites that swap <body> on navigation (issue 16, point 5): Turbo Drive (@hotwired/turbo 8) and
// htmx 2's hx-boost, the real libraries from npm, on a small static site that hosts the built files
// the way a site does (/static/vendor/…). Alice's pages have only call buttons (the automatic stage
// and dialog); Bob's pages place a <cc-call-stage> with the library's one attribute (Turbo's
// data-turbo-permanent, htmx's hx-preserve) and a <cc-incoming-call> of their own on every page.
// A call rings, is answered and runs across in-page navigations on both sides, with one visible
// stage showing the remote video, and ends; a second ring survives a navigation of the page that
// rings. No page reloads, and no leave-page prompt appears.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROME_ARGS } from '../../scripts/chrome-args.mjs';
import { serve } from '../../scripts/serve-demo.mjs';
import { uniqueChannel } from './support.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHANNEL = uniqueChannel('e2e-body-swaps');

/** Each library: how its script is loaded, what turns it on, and the attribute that keeps a placed element. */
const SITES = {
  turbo: {
    name: 'Turbo Drive 8',
    file: 'node_modules/@hotwired/turbo/dist/turbo.es2017-esm.js',
    script: '<script type="module" src="/static/vendor/turbo/turbo.es2017-esm.js"></script>',
    body: '<body>',
    keep: 'data-turbo-permanent',
  },
  htmx: {
    name: 'htmx 2 hx-boost',
    file: 'node_modules/htmx.org/dist/htmx.min.js',
    script: '<script src="/static/vendor/htmx/htmx.min.js"></script>',
    body: '<body hx-boost="true">',
    keep: 'hx-preserve',
  },
};

const PEOPLE = {
  alice: { peer: 'bob', peerName: 'Bob Brown', placed: false },
  bob: { peer: 'alice', peerName: 'Alice Adams', placed: true },
};

/** One page of the site: the same layout on Home and About, as a CMS renders it. */
function page(site, uid, title) {
  const { peer, peerName, placed } = PEOPLE[uid];
  const config = { emulator: { uid, channel: `${CHANNEL}-${site}`, iceFilter: 'loopback' }, outcomeDuration: 400 };
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title} · ${uid}</title>
  <link rel="icon" href="data:,">
  ${SITES[site].script}
  <script type="module" src="/static/vendor/cc/cc-call-elements.js"></script>
  <script type="application/json" data-cc-calls-config>${JSON.stringify(config)}</script>
</head>
${SITES[site].body}
  <nav><a href="index.html">Home</a> · <a href="about.html">About</a></nav>
  <h1>${title}</h1>
  <p>Call <cc-call-button uid="${peer}" name="${peerName}"></cc-call-button></p>
  ${placed ? `<cc-call-stage id="call-stage" ${SITES[site].keep}></cc-call-stage>\n  <cc-incoming-call></cc-incoming-call>` : ''}
</body>
</html>
`;
}

let dir;
let server;
let browser;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cc-body-swaps-'));
  const vendor = join(dir, 'static/vendor');
  mkdirSync(join(vendor, 'cc'), { recursive: true });
  cpSync(join(ROOT, 'dist/cc-call-elements.js'), join(vendor, 'cc/cc-call-elements.js'));
  cpSync(join(ROOT, 'dist/chunks'), join(vendor, 'cc/chunks'), { recursive: true, filter: (file) => !file.endsWith('.map') });
  for (const [site, { file }] of Object.entries(SITES)) {
    const name = file.split('/').pop();
    mkdirSync(join(vendor, site), { recursive: true });
    cpSync(join(ROOT, file), join(vendor, site, name));
    for (const uid of Object.keys(PEOPLE)) {
      mkdirSync(join(dir, site, uid), { recursive: true });
      writeFileSync(join(dir, site, uid, 'index.html'), page(site, uid, 'Home'));
      writeFileSync(join(dir, site, uid, 'about.html'), page(site, uid, 'About'));
    }
  }
  server = await serve({ root: dir });
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS, headless: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens `uid`'s Home page and records what would tell a person something went wrong. */
async function open(context, site, uid) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console.error: ${message.text()}`));
  // A leave-page prompt (beforeunload) or any other dialog during an in-page navigation is a defect.
  page.on('dialog', (dialog) => {
    problems.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    window.ccErrors = [];
    document.addEventListener('cc-error', (event) => window.ccErrors.push(event.detail.code));
  });
  await page.goto(`${server.url}/${site}/${uid}/index.html`);
  await page.waitForFunction(() => window.CCCalls?.state.status === 'ready', null, { timeout: 30_000 });
  // Gone after a full page load: proves every navigation below stayed in this document.
  await page.evaluate(() => (window.sameDocument = true));
  return { page, problems };
}

/** Waits for the in-page navigation to `title` to finish rendering, and checks that it was one. */
async function arrived(page, title) {
  try {
    await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, title, { timeout: 20_000 });
  } catch (error) {
    const where = await page
      .evaluate(() => `${location.pathname}, showing "${document.querySelector('h1')?.textContent}"`)
      .catch(() => '?');
    throw new Error(`The navigation to ${title} did not arrive: at ${where}`, { cause: error });
  }
  assert.equal(await page.evaluate(() => window.sameDocument), true, `the navigation to ${title} swapped the body, it did not load a page`);
}

/** Follows a nav link the way the page's own script would (the modal stage covers the page during a call). */
async function follow(page, href, title) {
  await page.evaluate((h) => document.querySelector(`nav a[href="${h}"]`).click(), href);
  await arrived(page, title);
}

/** Alice's stage (added by the bundle, outside <body>) and Bob's (placed by his pages, kept by the library). */
const AUTO = 'html > cc-call-stage[data-cc-auto]';
const PLACED = 'body > cc-call-stage#call-stage:not([data-cc-auto])';

/** The stages a person sees: those with a panel rendered on screen. */
const visibleStages = (page) => page.locator('cc-call-stage').filter({ has: page.locator('[part="panel"]').filter({ visible: true }) });

/** One visible stage, active, `which` one (the automatic or the placed), whose remote video shows frames that keep coming. */
async function remoteVideoPlays(page, label, which) {
  await page.waitForFunction(() => [...document.querySelectorAll('cc-call-stage')].some((s) => s.state === 'active'), null, {
    timeout: 20_000,
  });
  assert.equal(await visibleStages(page).count(), 1, `${label}: one visible stage`);
  assert.ok(await visibleStages(page).evaluate((stage, w) => stage.matches(w), which), `${label}: the stage is ${which}`);
  assert.equal(await page.getByRole('button', { name: /^End call$/ }).count(), 1, `${label}: one End call`);
  const video = visibleStages(page).locator('video[data-remote]');
  await video.waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () => {
      const v = document.querySelector('cc-call-stage:state(active) video[data-remote]');
      return v && v.readyState >= 2 && v.videoWidth > 0 && !v.paused;
    },
    null,
    { timeout: 20_000 },
  );
  const first = await video.evaluate((v) => v.currentTime);
  await page.waitForFunction((t) => document.querySelector('cc-call-stage:state(active) video[data-remote]').currentTime > t, first, {
    timeout: 10_000,
  });
}

/** What identifies the running call and its session's DOM, to compare across a navigation. */
function callFacts(page) {
  return page.evaluate(() => {
    const video = document.querySelector('cc-call-stage:state(active) video[data-remote]');
    video.sameNode ??= Math.random();
    const { call } = window.CCCalls.state;
    return { id: call.id, sessionId: call.sessionId, phase: call.phase, video: video.sameNode };
  });
}

/** The visible ringing dialogs (every <cc-incoming-call> on the page). */
const ringingDialogs = (page) => page.getByRole('alertdialog').filter({ visible: true });

for (const site of Object.keys(SITES)) {
  test(`${SITES[site].name}: a call rings, runs and ends across in-page navigations on both sides`, { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    try {
      const started = performance.now();
      // One line per phase, so a slow or stuck run shows where it was.
      const phase = (label) => console.log(`${site} +${((performance.now() - started) / 1000).toFixed(1)} s: ${label}`);
      const alice = await open(context, site, 'alice');
      const bob = await open(context, site, 'bob');

      phase('both pages ready');
      // Alice calls Bob; Bob's page navigates while it rings, and the ring goes on on the new page.
      await alice.page.getByRole('button', { name: /Start video call.*Bob Brown/ }).click();
      await ringingDialogs(bob.page).first().waitFor({ timeout: 15_000 });
      const ringId = await bob.page.evaluate(() => window.CCCalls.state.call.id);
      await bob.page.getByRole('link', { name: 'About' }).click();
      await arrived(bob.page, 'About');
      // Alice's page navigates while it rings out: "Calling…" stays, on one stage.
      await follow(alice.page, 'about.html', 'About');
      await alice.page.waitForTimeout(300); // anything that would hang up has had its chance
      assert.equal(await ringingDialogs(bob.page).count(), 1, 'Bob: one ringing dialog after the navigation');
      assert.match(await ringingDialogs(bob.page).innerText(), /Alice Adams/);
      assert.equal(await bob.page.evaluate(() => window.CCCalls.state.call?.id), ringId, 'Bob: the same call rings');
      assert.equal(await alice.page.evaluate(() => window.CCCalls.state.call?.phase), 'ringing', 'Alice: still ringing out');
      assert.equal(await visibleStages(alice.page).count(), 1, 'Alice: one visible stage while ringing out');

      phase('the ring survived the navigations');
      await ringingDialogs(bob.page)
        .getByRole('button', { name: /^Accept/ })
        .click();
      await remoteVideoPlays(alice.page, 'Alice, in the call', AUTO);
      await remoteVideoPlays(bob.page, 'Bob, in the call', PLACED);
      const before = { alice: await callFacts(alice.page), bob: await callFacts(bob.page) };

      phase('in the call, remote video on both sides');
      // Alice goes Back (the browser's history, which the library handles in-page); Bob's page navigates by script.
      await alice.page.goBack({ waitUntil: 'commit' });
      await arrived(alice.page, 'Home');
      await follow(bob.page, 'index.html', 'Home');
      for (const [uid, { page }, which] of [
        ['alice', alice, AUTO],
        ['bob', bob, PLACED],
      ]) {
        await page.waitForTimeout(300);
        await remoteVideoPlays(page, `${uid}, after navigating`, which);
        assert.deepEqual(await callFacts(page), before[uid], `${uid}: the same call, session and video, not a new one`);
      }

      phase('the call survived the navigations');
      // Alice ends the call with the stage's End call: both stages close.
      await visibleStages(alice.page)
        .getByRole('button', { name: /^End call$/ })
        .click();
      for (const { page } of [alice, bob]) {
        await page.waitForFunction(() =>
          [...document.querySelectorAll('cc-call-stage')].every((s) => s.state === 'idle' || s.state === 'ended'),
        );
      }

      phase('the call ended');
      // A second ring, now to Alice's automatic dialog: her page navigates while it rings, and she declines.
      await bob.page.waitForFunction(() => window.CCCalls.state.call === null, null, { timeout: 10_000 });
      await bob.page.getByRole('button', { name: /Start video call.*Alice Adams/ }).click();
      await ringingDialogs(alice.page).first().waitFor({ timeout: 15_000 });
      await alice.page.getByRole('link', { name: 'About' }).click();
      await arrived(alice.page, 'About');
      await alice.page.waitForTimeout(300);
      assert.equal(await ringingDialogs(alice.page).count(), 1, 'Alice: one ringing dialog after the navigation');
      await ringingDialogs(alice.page)
        .getByRole('button', { name: /^Decline/ })
        .click();
      await bob.page.waitForFunction(() => window.CCCalls.state.call?.reason === 'rejected', null, { timeout: 10_000 });
      await ringingDialogs(alice.page).waitFor({ state: 'hidden' });

      for (const [uid, { page, problems }] of [
        ['alice', alice],
        ['bob', bob],
      ]) {
        assert.equal(await page.evaluate(() => window.sameDocument), true, `${uid}: no page was reloaded`);
        const notice = page.getByRole('status').filter({ hasText: /^Offline emulator/ });
        assert.equal(await notice.count(), 1, `${uid}: the emulator notice is still there, once`);
        assert.ok(await notice.isVisible(), `${uid}: the emulator notice is visible`);
        assert.deepEqual(await page.evaluate(() => window.ccErrors), [], `${uid}: no cc-error`);
        assert.deepEqual(problems, [], `${uid}: no page error, console error or dialog`);
      }
      console.log(`${SITES[site].name}: two calls across five navigations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await context.close();
    }
  });
}
