// The example apps in examples/ (React, Vue, Angular) as a user builds them: each installs
// cc-call-elements from the tarball `npm pack` makes of this checkout (what npm would publish),
// builds in production mode with its framework's own toolchain, and is served on loopback. Then
// Alice and Bob, two pages of one browser context (the emulator connects them over a
// BroadcastChannel), complete a video call with no <cc-call-stage> on the page: the automatic
// stage must appear, show remote video, and go away. The Vue app also runs a meeting from the
// card its snippet renders.
//
// Installs are cached: `npm ci` runs only when examples/<app>/node_modules is missing or was
// installed from another package-lock.json (a stamp holds its hash); npm's own cache (~/.npm)
// keeps a cold install offline. The three installs run side by side. The tarball is installed
// afresh on every run, with --no-save, so no package.json or lockfile ever names it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_ARGS } from '../../scripts/chrome-args.mjs';
import { serve } from '../../scripts/serve-demo.mjs';
import { uniqueChannel } from './support.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAMP = '.cc-example-install';

/** Each example app: where `npm run build` puts the site. */
const APPS = [
  { name: 'react', out: 'dist' },
  { name: 'vue', out: 'dist' },
  { name: 'angular', out: 'dist/browser' },
].filter((app) => existsSync(join(ROOT, 'examples', app.name, 'package.json')));

/** The environment for npm in an example: none of the `npm test` run's own npm_* settings leak in. */
const NPM_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_(package_|lifecycle_|config_local_prefix$|config_prefix$|command$|execpath$)/i.test(key)),
);
NPM_ENV.npm_config_update_notifier = 'false';
NPM_ENV.NG_CLI_ANALYTICS = 'false'; // angular.json says so too; never prompt

function sh(command, args, cwd, timeout = 240_000) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: NPM_ENV, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const tail = `${stdout}\n${stderr}`.split('\n').filter((l) => !/Unknown user config "nodedir"/.test(l)).slice(-40).join('\n');
        reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) failed: ${error.message}\n${tail}`));
      } else resolve(stdout);
    });
  });
}

/** One file of a .tgz, as bytes. */
function tarEntry(archive, path) {
  return new Promise((resolve, reject) => {
    execFile('tar', ['-xzOf', archive, path], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

let work;
let tarball;
let browser;
/** App name → its install, started in before(). */
const installs = new Map();

/**
 * `npm ci` unless node_modules was installed from this very lockfile (a stamp holds its hash),
 * then the packed tarball with --no-save. Resolves with how long each part took.
 */
async function install(dir) {
  const started = performance.now();
  // What the installed tree depends on: the lockfile, and the platform its native packages are for.
  const lock = `${sha256(join(dir, 'package-lock.json'))} ${process.platform}-${process.arch} node${process.versions.node.split('.')[0]}`;
  const stamp = join(dir, 'node_modules', STAMP);
  const cached = existsSync(stamp) && readFileSync(stamp, 'utf8') === lock;
  if (!cached) {
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    await sh('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], dir);
    writeFileSync(stamp, lock);
  }
  const ci = seconds(started);
  // Replace whatever an earlier run installed: the tarball changes with every commit.
  rmSync(join(dir, 'node_modules/cc-call-elements'), { recursive: true, force: true });
  await sh('npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', tarball], dir);
  return `${seconds(started)} (npm ci ${cached ? 'skipped, cached' : ci})`;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'cc-frameworks-'));
  const started = performance.now();
  // --ignore-scripts: dist/ is already built (npm test builds it first); pack exactly that.
  const [packed] = JSON.parse(await sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT));
  tarball = join(work, packed.filename);
  console.log(`packed ${packed.filename} (${(packed.size / 1024).toFixed(0)} KB, ${packed.entryCount} files) in ${seconds(started)}`);
  // All installs start now and run side by side (mostly waiting on disk and network): an app's
  // install overlaps the builds and drives of the apps before it. Each app's test awaits its own.
  for (const app of APPS) {
    const done = install(join(ROOT, 'examples', app.name));
    done.catch(() => undefined); // reported by the app's install test, not as an unhandled rejection
    installs.set(app.name, done);
  }
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * A page that records what would tell a user something went wrong: uncaught errors, console
 * errors, `cc-error` events; and the console's log lines, where the snippet's handler writes.
 */
async function openClient(context, url) {
  const page = await context.newPage();
  const problems = [];
  const logs = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()} (${message.location().url})`);
    else logs.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('cc-error', (event) => console.error(`cc-error ${event.detail.code}: ${event.detail.message}`));
  });
  await page.goto(url);
  return { page, problems, logs };
}

/** Waits until the automatic stage shows the call, with the other side's video playing. */
async function remoteVideoPlays(page) {
  await page.waitForFunction(() => document.querySelector('cc-call-stage[data-cc-auto]')?.state === 'active', null, { timeout: 20_000 });
  const video = page.locator('cc-call-stage[data-cc-auto] video[data-remote]');
  await page.waitForFunction(
    () => {
      const v = document.querySelector('cc-call-stage[data-cc-auto] video[data-remote]');
      return v && v.readyState >= 2 && v.videoWidth > 0;
    },
    null,
    { timeout: 20_000 },
  );
  const first = await video.evaluate((v) => v.currentTime);
  await page.waitForFunction((t) => document.querySelector('cc-call-stage[data-cc-auto] video[data-remote]').currentTime > t, first, {
    timeout: 10_000,
  });
}

/** Until the page has no stage, or only an idle one. */
async function stageCloses(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('cc-call-stage')].every((s) => s.state === 'idle'), null, { timeout: 20_000 });
}

for (const app of APPS) {
  describe(`examples/${app.name}`, () => {
    const dir = join(ROOT, 'examples', app.name);
    const timings = {};

    test('installs its locked dependencies and cc-call-elements from the packed tarball', { timeout: 300_000 }, async () => {
      timings.install = await installs.get(app.name);

      const installed = join(dir, 'node_modules/cc-call-elements');
      assert.ok(!lstatSync(installed).isSymbolicLink(), 'the tarball is unpacked, not linked to the checkout');
      for (const file of ['package.json', 'dist/lib/index.js', 'dist/lib/elements.js', 'dist/emulator.js']) {
        const packed = await tarEntry(tarball, `package/${file}`);
        assert.ok(readFileSync(join(installed, file)).equals(packed), `node_modules/cc-call-elements/${file} is the tarball's`);
      }
      // --no-save: neither file names the tarball, whose integrity changes with every commit.
      assert.doesNotMatch(readFileSync(join(dir, 'package.json'), 'utf8'), /"cc-call-elements"/, 'package.json is untouched');
      assert.doesNotMatch(readFileSync(join(dir, 'package-lock.json'), 'utf8'), /cc-call-elements"/, 'package-lock.json is untouched');
    });

    test('builds in production mode', { timeout: 240_000 }, async () => {
      const started = performance.now();
      rmSync(join(dir, 'dist'), { recursive: true, force: true });
      await sh('npm', ['run', 'build'], dir);
      timings.build = seconds(started);
      assert.ok(existsSync(join(dir, app.out, 'index.html')), `${app.out}/index.html exists`);
    });

    test('Alice calls Bob, Bob accepts, both see video on the automatic stage, Alice ends the call', { timeout: 120_000 }, async () => {
      const started = performance.now();
      const server = await serve({ root: join(dir, app.out) });
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
      try {
        const channel = uniqueChannel(`e2e-${app.name}`);
        const at = (uid) => `${server.url}/?uid=${uid}&channel=${channel}&ice=loopback`;
        const alice = await openClient(context, at('alice'));
        const bob = await openClient(context, at('bob'));

        // The page is what the README shows: call buttons and <cc-incoming-call>, no stage.
        const callBob = alice.page.getByRole('button', { name: /video call.*Bob Brown/i });
        await callBob.waitFor();
        for (const { page } of [alice, bob]) {
          assert.equal(await page.locator('cc-call-stage').count(), 0, 'the page has no <cc-call-stage> of its own');
          assert.equal(await page.locator('cc-incoming-call:not([data-cc-auto])').count(), 1, "the snippet's <cc-incoming-call>");
        }

        const logged = alice.page.waitForEvent('console', { predicate: (m) => m.text() === 'calling Bob Brown', timeout: 10_000 });
        await callBob.click();
        await logged; // the snippet's cc-call-request handler ran

        const dialog = bob.page.locator('cc-incoming-call:not([data-cc-auto])').getByRole('alertdialog');
        await dialog.waitFor({ state: 'visible', timeout: 15_000 });
        assert.match(await dialog.innerText(), /Alice Adams/);
        await dialog.getByRole('button', { name: /^Accept/ }).click();

        await remoteVideoPlays(alice.page);
        await remoteVideoPlays(bob.page);

        // The stage's own End call (the session view of the emulator has one too).
        await alice.page.locator('cc-call-stage[data-cc-auto] [part="end"]').click();
        await stageCloses(alice.page);
        await stageCloses(bob.page);

        assert.deepEqual(alice.problems, [], "Alice's page reported no error");
        assert.deepEqual(bob.problems, [], "Bob's page reported no error");
      } finally {
        await context.close();
        await server.close();
        timings.drive = seconds(started);
        console.log(`examples/${app.name}: install ${timings.install ?? '-'}, build ${timings.build ?? '-'}, drive ${timings.drive}`);
      }
    });

    if (app.name === 'vue') {
      // The Vue snippet also shows meetings as cards, from `cc-meeting-received` and `:message`.
      test('Alice starts a team meeting, Bob joins from the card the snippet renders, the meeting ends when Alice leaves', { timeout: 120_000 }, async () => {
        const started = performance.now();
        const server = await serve({ root: join(dir, app.out) });
        const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
        try {
          const channel = uniqueChannel(`e2e-${app.name}-meeting`);
          const at = (uid) => `${server.url}/?uid=${uid}&channel=${channel}&ice=loopback`;
          const alice = await openClient(context, at('alice'));
          const bob = await openClient(context, at('bob'));
          await bob.page.getByRole('button', { name: /video call.*Alice Adams/i }).waitFor();

          await alice.page.getByRole('button', { name: /video meeting.*Team/i }).click();
          await alice.page.waitForFunction(() => document.querySelector('cc-call-stage[data-cc-auto]')?.state === 'active', null, { timeout: 20_000 });
          const cardIs = (state) =>
            bob.page.waitForFunction((s) => document.querySelector('cc-meeting-card')?.state === s, state, { timeout: 15_000 });
          await cardIs('joinable');
          await bob.page.locator('cc-meeting-card').getByRole('button', { name: /^Join/ }).click();
          await remoteVideoPlays(bob.page);
          await remoteVideoPlays(alice.page);
          await cardIs('in-meeting');

          // Alice leaves; alone, Bob's session ends too (as calls SDK v4 does), and the card says so.
          await alice.page.locator('cc-call-stage[data-cc-auto] [part="end"]').click();
          await stageCloses(alice.page);
          await stageCloses(bob.page);
          await cardIs('ended');
          assert.deepEqual(alice.problems, [], "Alice's page reported no error");
          assert.deepEqual(bob.problems, [], "Bob's page reported no error");
        } finally {
          await context.close();
          await server.close();
          console.log(`examples/${app.name}: meeting drive ${seconds(started)}`);
        }
      });
    }
  });
}
