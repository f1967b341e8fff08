// The example apps in examples/ (React, Vue, Angular, Next.js) as a user builds them: each installs
// cc-call-elements from the tarball `npm pack` makes of this checkout (what npm would publish),
// builds in production mode with its framework's own toolchain, and is served on loopback. Then
// Alice and Bob, two pages of one browser context (the emulator connects them over a
// BroadcastChannel), complete a video call with no <cc-call-stage> on the page: the automatic
// stage must appear, show remote video, and go away. The Vue app also runs a meeting from the
// card its snippet renders. The Next.js app renders on the server: `next start` serves the
// production build, and `next dev`, started as soon as its install is done and run beside the
// builds, loads a page and must log no hydration mismatch (React checks the attributes of
// server-rendered markup only in development).
//
// Installs are cached: `npm ci` runs only when examples/<app>/node_modules is missing or was
// installed from another package-lock.json (scripts/example-installs.mjs, which `npm test` also
// starts while web-test-runner runs). The installs run side by side. The tarball is installed
// afresh on every run, with --no-save, so no package.json or lockfile ever names it.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_ARGS } from '../../scripts/chrome-args.mjs';
import { installLocked, NPM_ENV, sh } from '../../scripts/example-installs.mjs';
import { serve } from '../../scripts/serve-demo.mjs';
import { uniqueChannel } from './support.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Each example app: where `npm run build` puts the site. */
const APPS = [
  { name: 'react', out: 'dist' },
  { name: 'vue', out: 'dist' },
  { name: 'angular', out: 'dist/browser' },
  // Rendered on the server for each request, so there is no index.html: `next start` serves .next/.
  { name: 'nextjs', out: '.next', built: 'BUILD_ID', next: true },
].filter((app) => existsSync(join(ROOT, 'examples', app.name, 'package.json')));

/** One file of a .tgz, as bytes. */
function tarEntry(archive, path) {
  return new Promise((resolve, reject) => {
    execFile('tar', ['-xzOf', archive, path], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

let work;
let tarball;
let browser;
/** App name → its install, started in before(). */
const installs = new Map();
/** The Next.js app's `next dev` check, started in before() once its install is done. */
let devCheck;

/** The app's locked dependencies (cached, see scripts/example-installs.mjs), then the packed tarball with --no-save. */
async function install(dir) {
  const started = performance.now();
  const cached = await installLocked(dir);
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
  const launched = chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS, headless: true });
  const next = APPS.find((app) => app.next);
  if (next) {
    devCheck = Promise.all([installs.get(next.name), launched]).then(([, b]) => loadUnderDev(join(ROOT, 'examples', next.name), b));
    devCheck.catch(() => undefined); // reported by its own test
  }
  browser = await launched;
});

after(async () => {
  await devCheck?.catch(() => undefined);
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

/** A free port on loopback. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Process groups of the Next.js servers still running: stopped even if this file is cut short. */
const nextGroups = new Set();
let nextGuarded = false;
function stopNextGroups() {
  for (const pid of nextGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * `next start` or `next dev` in an example, on loopback; resolves with its URL once it answers `/`
 * (for `dev`, once the page has compiled). `close()` stops it and the workers it started.
 */
async function startNext(dir, command) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [join(dir, 'node_modules/next/dist/bin/next'), command, '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: dir,
      env: NPM_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so close() stops the workers too
    },
  );
  if (!nextGuarded) {
    nextGuarded = true;
    // A runner timeout ends this process with SIGTERM: take the servers (their own process groups) along.
    process.once('exit', stopNextGroups);
    for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(1));
  }
  nextGroups.add(child.pid);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve)).then(() => nextGroups.delete(child.pid));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await exited;
  };
  const deadline = performance.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next ${command} exited (${child.exitCode}):\n${output.slice(-4000)}`);
    const answer = await fetch(`${url}/`).catch(() => null);
    if (answer?.ok) break;
    if (performance.now() > deadline) {
      await close();
      throw new Error(`next ${command} did not answer within 180 s:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, close, output: () => output };
}

/**
 * Under `next dev`: fetches Alice's page as the server renders it, loads it, and waits until it has
 * hydrated and its effect has configured calling (her call button is usable). Resolves with the
 * server's markup and everything the page logged.
 */
async function loadUnderDev(dir, chromiumBrowser) {
  const started = performance.now();
  const server = await startNext(dir, 'dev');
  const compiled = seconds(started);
  const context = await chromiumBrowser.newContext({ viewport: { width: 1024, height: 768 } });
  try {
    const url = `${server.url}/?uid=alice&channel=${uniqueChannel('e2e-nextjs-dev')}&ice=loopback`;
    const html = await (await fetch(url)).text();
    const page = await context.newPage();
    const messages = [];
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()} (${message.location().url})`));
    page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
    await page.goto(url);
    const callBob = page.getByRole('button', { name: /video call.*Bob Brown/i });
    await page.waitForFunction(
      () =>
        document.querySelector('cc-call-button[uid="bob"]')?.shadowRoot?.querySelector('button')?.getAttribute('aria-disabled') === 'false',
      null,
      { timeout: 60_000 },
    );
    await callBob.waitFor();
    // React reports hydration differences as it commits, before any effect; give the console a moment.
    await page.waitForTimeout(500);
    return { html, messages, timing: `server ready ${compiled}, page ${seconds(started)}` };
  } finally {
    await context.close();
    await server.close();
  }
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
  await page.waitForFunction(() => [...document.querySelectorAll('cc-call-stage')].every((s) => s.state === 'idle'), null, {
    timeout: 20_000,
  });
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

    test('builds in production mode', { timeout: 420_000 }, async () => {
      const started = performance.now();
      // `next build` cleans its own output and keeps .next/dev, where `next dev` may be running now.
      rmSync(app.next ? join(dir, app.out, app.built) : join(dir, 'dist'), { recursive: true, force: true });
      await sh('npm', ['run', 'build'], dir, app.next ? 420_000 : 240_000);
      timings.build = seconds(started);
      const built = app.built ?? 'index.html';
      assert.ok(existsSync(join(dir, app.out, built)), `${app.out}/${built} exists`);
    });

    test('Alice calls Bob, Bob accepts, both see video on the automatic stage, Alice ends the call', { timeout: 240_000 }, async () => {
      const started = performance.now();
      const server = app.next ? await startNext(dir, 'start') : await serve({ root: join(dir, app.out) });
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

    if (app.next) {
      test('under next dev, the server-rendered elements hydrate and React logs no hydration mismatch', { timeout: 420_000 }, async () => {
        const { html, messages, timing } = await devCheck;
        console.log(`examples/${app.name}: next dev ${timing}`);
        // The elements were rendered on the server, with the attributes the JSX gave them, and nothing else.
        assert.match(
          html,
          /<cc-call-button uid="bob" name="Bob Brown" call-type="video"><\/cc-call-button>/,
          'the server rendered the call button',
        );
        assert.match(html, /<cc-incoming-call meetings=""><\/cc-incoming-call>/, 'the server rendered <cc-incoming-call meetings>');
        assert.deepEqual(
          messages.filter((m) => /hydrat|didn't match|did not match/i.test(m)),
          [],
          'React logged no hydration mismatch',
        );
        assert.deepEqual(
          messages.filter((m) => /^(error|pageerror):/.test(m)),
          [],
          'the page logged no error',
        );
      });
    }

    if (app.name === 'vue') {
      // The Vue snippet also shows meetings as cards, from `cc-meeting-received` and `:message`.
      test(
        'Alice starts a team meeting, Bob joins from the card the snippet renders, the meeting ends when Alice leaves',
        { timeout: 120_000 },
        async () => {
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
            await alice.page.waitForFunction(() => document.querySelector('cc-call-stage[data-cc-auto]')?.state === 'active', null, {
              timeout: 20_000,
            });
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
        },
      );
    }
  });
}
