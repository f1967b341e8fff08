// The built files hosted as real sites host them (test/e2e/site/): WordPress's markup for a
// script module (`?ver=`), two plugins that each bundle the elements, a CMS that keeps only
// classic scripts, and an optimised page whose scripts, markup and config arrive late. Each page
// completes a call between two pages side by side, with one visible stage showing the remote video.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROME_ARGS } from '../../scripts/chrome-args.mjs';
import { OTHER_VERSION, serveSite } from './site/server.mjs';
import { uniqueChannel } from './support.mjs';

let site;
let browser;
before(async () => {
  [site, browser] = await Promise.all([
    serveSite(),
    chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS, headless: true }),
  ]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * Opens `page` for `uid` and records what would tell a site owner something is wrong: uncaught
 * errors, console errors and warnings, `cc-error`s, the files fetched, and each `cc-call-incoming`.
 */
async function openSitePage(context, page, uid, channel) {
  const tab = await context.newPage();
  const seen = { errors: [], consoleErrors: [], warnings: [], requests: [] };
  tab.on('pageerror', (error) => seen.errors.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
    if (message.type() === 'warning') seen.warnings.push(message.text());
  });
  tab.on('request', (request) => seen.requests.push(new URL(request.url()).pathname + new URL(request.url()).search));
  await tab.addInitScript(() => {
    window.ccErrors = [];
    window.ccIncoming = 0;
    document.addEventListener('cc-error', (event) => window.ccErrors.push(event.detail.code));
    document.addEventListener('cc-call-incoming', () => window.ccIncoming++);
  });
  await tab.goto(`${site.url}/blog/${page}/?uid=${uid}&channel=${channel}`);
  return { page: tab, seen };
}

async function openPair(context, page) {
  const channel = uniqueChannel(`site-${page}`);
  const alice = await openSitePage(context, page, 'alice', channel);
  const bob = await openSitePage(context, page, 'bob', channel);
  return { alice, bob };
}

const ready = (page, timeout = 15_000) => page.waitForFunction(() => window.CCCalls?.state.status === 'ready', null, { timeout });

/** What a person sees of the call on `page`: the stages, the one on top, and whether the remote video plays in it. */
async function visibleStage(page) {
  await page.bringToFront(); // what a person looks at; a tab behind others may not paint video
  await page.waitForFunction(
    () => {
      const video = [...document.querySelectorAll('cc-call-stage video[data-remote]')].find((v) => v.readyState >= 2 && v.videoWidth > 0);
      return video && video.currentTime > 0;
    },
    null,
    { timeout: 45_000 },
  );
  return page.evaluate(() => {
    const stages = [...document.querySelectorAll('cc-call-stage')];
    // The stage with the remote video is the one a person sees if nothing covers that video.
    const onTop = stages.filter((stage) => {
      const video = stage.querySelector('video[data-remote]');
      const box = video?.getBoundingClientRect();
      if (!box || box.width === 0 || box.height === 0 || video.videoWidth === 0 || video.paused) return false;
      return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('cc-call-stage') === stage;
    });
    return { stages: stages.length, visible: onTop.length, remoteVideoPlays: onTop.length > 0 };
  });
}

/**
 * Alice rings Bob, Bob accepts from the one ringing dialog, both see one stage with the other's
 * video and one End control, Alice ends, and both stages close.
 */
async function completeCall({ alice, bob }) {
  await alice.page.bringToFront();
  await alice.page.getByRole('button', { name: 'Start video call' }).click();
  await bob.page.bringToFront();
  await bob.page.getByRole('alertdialog').first().waitFor();
  await bob.page.evaluate(() => Promise.all([...document.querySelectorAll('cc-incoming-call')].map((e) => e.updateComplete)));
  assert.equal(await bob.page.getByRole('alertdialog').count(), 1, 'one ringing dialog');
  assert.equal(await bob.page.evaluate(() => window.ccIncoming), 1, 'one cc-call-incoming for one ring');
  await bob.page.getByRole('button', { name: /^Accept/ }).click();
  for (const { page } of [alice, bob]) {
    assert.deepEqual(
      await visibleStage(page),
      { stages: 1, visible: 1, remoteVideoPlays: true },
      'one visible stage, showing the remote video',
    );
    assert.equal(await page.getByRole('button', { name: /^(End call|Leave)$/ }).count(), 1, 'one end control');
  }
  await alice.page.bringToFront();
  // force: no wait for two equal animation frames, which a loaded machine may not paint for a long time;
  // the check above already found the stage on top, and this is still a real mouse click on the button.
  await alice.page.locator('cc-call-stage [part="end"]').click({ force: true });
  for (const { page } of [alice, bob]) {
    await page.waitForFunction(() => [...document.querySelectorAll('cc-call-stage')].every((stage) => stage.state === 'idle'), null, {
      timeout: 15_000,
    });
  }
}

function assertClean(...pages) {
  for (const { seen } of pages) {
    assert.deepEqual(seen.errors, [], 'no uncaught error');
    assert.deepEqual(seen.consoleErrors, [], 'no console error');
  }
}

const fetched = (seen, pattern) => seen.requests.filter((path) => pattern.test(path));

test("WordPress's script-module markup, `?ver=` on the URL, loads the code once and completes a call with one stage", async () => {
  const context = await browser.newContext();
  try {
    const pair = await openPair(context, 'wp-module');
    for (const { page } of [pair.alice, pair.bob]) await ready(page);
    await completeCall(pair);
    for (const { seen } of [pair.alice, pair.bob]) {
      assert.deepEqual(
        fetched(seen, /cc-call-elements\.js/),
        ['/wp-content/plugins/a/vendor/cc/cc-call-elements.js?ver=0.1.0'],
        'the entry once, as printed',
      );
      assert.equal(fetched(seen, /\/chunks\/core-/).length, 1, 'the core once');
      assert.equal(fetched(seen, /\/chunks\/cc-call-stage-/).length, 1, 'the stage code once');
    }
    assertClean(pair.alice, pair.bob);
    assert.deepEqual(await pair.alice.page.evaluate(() => window.ccErrors), []);
  } finally {
    await context.close();
  }
});

test('two plugins that both bundle the elements give one stage, one ringing dialog and one cc-call-incoming per ring', async () => {
  const context = await browser.newContext();
  try {
    const pair = await openPair(context, 'two-plugins');
    for (const { page } of [pair.alice, pair.bob]) await ready(page);
    await completeCall(pair);
    for (const { page, seen } of [pair.alice, pair.bob]) {
      // Both copies ran (each fetched its own core) and the second stood down without a word: same version.
      assert.equal(fetched(seen, /\/plugins\/[ab]\/vendor\/cc\/chunks\/core-/).length, 2);
      assert.equal(
        fetched(seen, /\/plugins\/b\/vendor\/cc\/chunks\/cc-call-stage-/).length,
        0,
        'the second copy loads no element of its own',
      );
      assert.deepEqual(
        seen.warnings.filter((text) => /two versions/.test(text)),
        [],
      );
      assert.equal(
        await page.evaluate(() => document.querySelectorAll('cc-incoming-call, cc-call-stage').length),
        0,
        'the automatic elements are gone',
      );
    }
    assertClean(pair.alice, pair.bob);
  } finally {
    await context.close();
  }
});

test('two plugins of different versions: the first one serves, and one console warning names both', async () => {
  const context = await browser.newContext();
  try {
    const pair = await openPair(context, 'two-versions');
    for (const { page } of [pair.alice, pair.bob]) await ready(page);
    await completeCall(pair);
    for (const { seen } of [pair.alice, pair.bob]) {
      const warnings = seen.warnings.filter((text) => /two versions/.test(text));
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /0\.1\.0 from \S+\/plugins\/a\/vendor\/cc\/\S+ serves/);
      assert.match(warnings[0], new RegExp(`${OTHER_VERSION.replaceAll('.', '\\.')} from \\S+/plugins/other/vendor/cc/\\S+ stands down`));
      assert.equal(fetched(seen, /\/plugins\/other\/vendor\/cc\/chunks\/cc-/).length, 0, 'the other version loads no element');
    }
    assertClean(pair.alice, pair.bob);
  } finally {
    await context.close();
  }
});

test('a second copy that is broken (chunks missing, or a core that is not JavaScript) never takes the page down', async () => {
  const context = await browser.newContext();
  try {
    const pair = await openPair(context, 'broken-copy');
    for (const { page } of [pair.alice, pair.bob]) await ready(page);
    await completeCall(pair);
    for (const { page, seen } of [pair.alice, pair.bob]) {
      // The browser reports the broken files (a 404, a syntax error); the working copy adds nothing to that.
      assert.ok(
        seen.errors.every((message) => /Unexpected token/.test(message)),
        seen.errors.join('\n'),
      );
      assert.ok(
        seen.consoleErrors.every((text) => /404|Not Found/i.test(text)),
        seen.consoleErrors.join('\n'),
      );
      assert.deepEqual(await page.evaluate(() => window.ccErrors), []);
    }
  } finally {
    await context.close();
  }
});

test('a classic <script src> of cc-call-elements.classic.js, for CMSs that strip type="module", completes a call', async () => {
  const context = await browser.newContext();
  try {
    const pair = await openPair(context, 'classic');
    for (const { page } of [pair.alice, pair.bob]) await ready(page);
    await completeCall(pair);
    for (const { seen } of [pair.alice, pair.bob]) {
      assert.deepEqual(fetched(seen, /cc-call-elements\./), [
        '/static/vendor/cc/cc-call-elements.classic.js?ver=0.1.0',
        '/static/vendor/cc/cc-call-elements.js',
      ]);
    }
    assertClean(pair.alice, pair.bob);
  } finally {
    await context.close();
  }
});

test('scripts delayed until the first interaction, markup a page builder inserts later and a config block added by script complete a call', async () => {
  const context = await browser.newContext();
  try {
    const pair = await openPair(context, 'late');
    for (const { page } of [pair.alice, pair.bob]) {
      await page.waitForFunction(() => document.readyState === 'complete');
      assert.equal(await page.evaluate(() => typeof window.CCCalls), 'undefined', 'nothing runs before the first interaction');
      await page.mouse.move(10, 10);
      await page.mouse.move(20, 20);
      await page.waitForFunction(() => window.configAddedAt !== undefined, null, { timeout: 10_000 });
      // Applied as it arrives, not only when the missing-config grace (5 s) runs out or someone clicks.
      await page.waitForFunction(
        () => document.querySelector('script[data-cc-calls-config]')?.hasAttribute('data-cc-calls-applied'),
        null,
        { timeout: 3_000 },
      );
      await ready(page);
      await page.getByRole('button', { name: 'Start video call' }).waitFor();
    }
    await completeCall(pair);
    assertClean(pair.alice, pair.bob);
  } finally {
    await context.close();
  }
});

test("the emulator notice never covers the elements (the demo at 1400×900, Alice's call ringing)", async () => {
  const { serve } = await import('../../scripts/serve-demo.mjs');
  // With CC_SITE_DIST (see site/server.mjs), the demo of the checkout that built it.
  const demo = await serve({ port: 0, ...(process.env.CC_SITE_DIST && { root: join(process.env.CC_SITE_DIST, '..') }) });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${demo.url}/demo/?media=off&channel=${uniqueChannel('site-demo')}`);
    const alice = page.frameLocator('iframe[src*="uid=alice"]');
    for (const uid of ['alice', 'bob'])
      await page.frameLocator(`iframe[src*="uid=${uid}"]`).locator('.me-status').filter({ hasText: 'Online' }).waitFor();
    await alice
      .locator('cc-call-button[uid="bob"]')
      .first()
      .getByRole('button', { name: /Start video call/ })
      .click();
    await alice.locator('cc-call-stage [part="status"]').filter({ hasText: 'Ringing' }).waitFor();
    const frame = page.frames().find((f) => new URL(f.url()).searchParams.get('uid') === 'alice');
    const overlaps = await frame.evaluate(() => {
      const notice = document.querySelector('[data-cc-emulator-notice]').getBoundingClientRect();
      const parts = [...document.querySelectorAll('cc-call-button, cc-meeting-card, cc-incoming-call, cc-call-stage')].flatMap((host) =>
        [...host.shadowRoot.querySelectorAll('[part]')].map((node) => ({
          name: `${host.localName} [part="${node.getAttribute('part')}"]`,
          box: node.getBoundingClientRect(),
        })),
      );
      const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return parts.filter(({ box }) => box.width > 0 && box.height > 0 && meet(box, notice)).map(({ name }) => name);
    });
    assert.deepEqual(overlaps, [], 'nothing of the elements lies under the notice');
    // Nor is the notice hidden to get there: it has a size, and nothing covers it where it is.
    const notice = await frame.evaluate(() => {
      const element = document.querySelector('[data-cc-emulator-notice]');
      element.scrollIntoView({ block: 'nearest' });
      const box = element.getBoundingClientRect();
      return {
        sized: box.width > 100 && box.height > 10,
        onTop: document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === element,
      };
    });
    assert.deepEqual(notice, { sized: true, onTop: true }, 'the notice itself can be seen');
    await alice.locator('cc-call-stage [part="cancel"]').click();
  } finally {
    await context.close();
    await demo.close();
  }
});
