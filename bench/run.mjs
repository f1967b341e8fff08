#!/usr/bin/env node
/**
 * `npm run bench`: where a person waits, measured in headless Chromium against the built bundle
 * (`npm run build` first), each figure beside its reference from the same run:
 *
 *  - Accept → the calls SDK's first request (generateToken's POST call_tokens), with the real calls
 *    SDK chunk, at 10 Mbit/s and 40 ms latency (CDP throttling), after 3 s of ringing: prefetched
 *    (as shipped) vs cold (no idle callback ever runs, so nothing loads ahead).
 *  - ring → the first frame that paints the ringing dialog with opacity > 0, and the next one (the page
 *    is free again): a page with 1,000 call buttons vs one with 1, paired and alternating, with the
 *    long tasks (PerformanceObserver 'longtask', over 50 ms) in the second after each ring.
 *  - 1,000 call buttons painted: ours vs plain React 19 rendering the same DOM and CSS in light DOM.
 *  - the initial bundle: gzip bytes of dist/cc-call-elements.js and its static imports.
 *  - meeting card mount with `sent-at` vs without (200 cards).
 *
 * Prints the median and p95 of each, and the ratios. `--quick` runs each once or twice (CI proves
 * it works; the figures mean nothing then); `--only=ring,card` runs some. Traffic stays on loopback.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { parseAst } from 'rollup/parseAst';
import { CHROME_ARGS } from '../scripts/chrome-args.mjs';
import { serveBench } from './server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const RUNS = quick ? { accept: 1, ring: 1, paint: 2, card: 2 } : { accept: 5, ring: 15, paint: 30, card: 16 };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const ms = (x) => `${x.toFixed(0)} ms`;

/** gzip bytes of `file` and every chunk it imports statically. */
function initialBundleBytes(file) {
  const seen = new Set();
  let total = 0;
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    const code = readFileSync(path);
    total += gzipSync(code, { level: 9 }).length;
    for (const node of parseAst(code.toString()).body) {
      if (
        node.type === 'ImportDeclaration' ||
        ((node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && node.source)
      ) {
        visit(join(dirname(path), node.source.value));
      }
    }
  };
  visit(file);
  return total;
}

async function reactPage() {
  const result = await build({
    entryPoints: [join(ROOT, 'bench/pages/react-paint.jsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const script = result.outputFiles[0].contents;
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/bench/react-paint.js"></script></head><body></body></html>';
  return {
    '/bench/react-paint.html': { type: 'text/html', body: Buffer.from(html) },
    '/bench/react-paint.js': { type: 'text/javascript', body: Buffer.from(script) },
  };
}

async function main() {
  if (!existsSync(join(ROOT, 'dist/cc-call-elements.js')) || !existsSync(join(ROOT, 'dist/emulator.js'))) {
    console.error('dist/ is missing: run `npm run build` first.');
    process.exitCode = 1;
    return;
  }
  const server = await serveBench(await reactPage());
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: CHROME_ARGS,
    headless: true,
  });
  const figures = { accept: acceptFigure, ring: ringFigure, paint: paintFigure, bundle: bundleFigure, card: cardFigure };
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  const results = [];
  try {
    for (const [name, figure] of Object.entries(figures)) {
      if (!only || only.includes(name)) results.push(await figure(browser, server.url));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(
    `\ncc-call-elements benchmark${quick ? ' (quick: one or two runs each, figures not meaningful)' : ''}, ${new Date().toISOString().slice(0, 10)}, Chromium ${browser.version()}\n`,
  );
  console.log('| figure | ours (median / p95) | reference (median / p95) | ratio | target |');
  console.log('|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.figure} | ${r.ours} | ${r.reference} | ${r.ratio} | ${r.target} |`);
}

/** Ms from `t0` (Date.now) to the first request whose URL matches, on `page`. */
function nextRequest(page, pattern) {
  return new Promise((resolve) => {
    const onRequest = (request) => {
      if (!pattern.test(request.url())) return;
      page.off('request', onRequest);
      resolve(Date.now());
    };
    page.on('request', onRequest);
  });
}

async function acceptOnce(browser, url, cold) {
  const context = await browser.newContext();
  try {
    const channel = `bench-accept-${Math.random().toString(36).slice(2)}`;
    const caller = await context.newPage();
    await caller.goto(`${url}/bench/pages/ring.html?n=1&uid=alice&peer=bob&channel=${channel}`);
    await caller.waitForFunction(() => window.CCCalls?.state.status === 'ready');
    const callee = await context.newPage();
    const cdp = await context.newCDPSession(callee);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 40,
      downloadThroughput: 1_250_000,
      uploadThroughput: 1_250_000,
    });
    await callee.goto(`${url}/bench/pages/accept.html?uid=bob&channel=${channel}${cold ? '&cold' : ''}`);
    await callee.waitForFunction(() => window.ready === true, undefined, { timeout: 30_000 });
    // The callee's long tasks from the ring on: loading the calls SDK ahead means evaluating it then.
    await callee.evaluate(() => {
      window.ringTasks = [];
      new PerformanceObserver((list) => window.ringTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    });
    await caller.locator('cc-call-button').first().click();
    await callee.getByRole('alertdialog').waitFor();
    await callee.waitForTimeout(3000);
    const longestWhileRinging = await callee.evaluate(() => Math.max(0, ...window.ringTasks));
    const requested = nextRequest(callee, /\/call_tokens/);
    const pressed = Date.now();
    await callee.getByRole('button', { name: /^Accept/ }).click();
    const at = await Promise.race([requested, new Promise((r) => setTimeout(() => r(null), 30_000))]);
    if (at === null) throw new Error('the calls SDK never asked for a token');
    return { ms: at - pressed, longestWhileRinging };
  } finally {
    await context.close();
  }
}

async function acceptFigure(browser, url) {
  const prefetched = [];
  const cold = [];
  for (let i = 0; i < RUNS.accept; i++) {
    prefetched.push(await acceptOnce(browser, url, false));
    cold.push(await acceptOnce(browser, url, true));
  }
  const took = (runs) => runs.map((run) => run.ms);
  return {
    figure:
      'Accept → generateToken request, real calls SDK, 10 Mbit/s + 40 ms, after 3 s ringing; the longest task while ringing (the calls SDK evaluating)',
    ours: `${ms(median(took(prefetched)))} / ${ms(p95(took(prefetched)))}; longest task ${ms(median(prefetched.map((run) => run.longestWhileRinging)))}`,
    reference: `cold ${ms(median(took(cold)))} / ${ms(p95(took(cold)))}; longest task ${ms(median(cold.map((run) => run.longestWhileRinging)))}`,
    ratio: `${(median(took(cold)) / median(took(prefetched))).toFixed(1)}× faster`,
    target: '≤ 300 ms',
  };
}

/** A caller and a callee with `n` call buttons, each in a context of its own, on one emulator channel. */
async function ringPair(browser, url, n) {
  const context = await browser.newContext();
  const channel = `bench-ring-${n}-${Math.random().toString(36).slice(2)}`;
  const caller = await context.newPage();
  await caller.goto(`${url}/bench/pages/ring.html?n=1&uid=alice&peer=bob&channel=${channel}&caller`);
  const callee = await context.newPage();
  await callee.goto(`${url}/bench/pages/ring.html?n=${n}&uid=bob&peer=alice&channel=${channel}`);
  for (const page of [caller, callee]) await page.waitForFunction(() => window.CCCalls?.state.status === 'ready');
  let rung = 0;
  return {
    /** Rings the callee once; resolves with { ms, longTasks } a second after the ring. */
    async ring() {
      await callee.bringToFront();
      await caller.waitForFunction(() => window.CCCalls.state.call === null);
      await caller.locator('cc-call-button').first().click();
      rung += 1;
      await callee.waitForFunction((count) => window.rings.length === count && window.rings.at(-1).ms !== null, rung, { timeout: 30_000 });
      const result = await callee.evaluate(() => window.rings.at(-1));
      await callee.getByRole('button', { name: /^Decline/ }).click();
      await callee.waitForFunction(() => window.CCCalls.state.call === null);
      return result;
    },
    close: () => context.close(),
  };
}

async function ringFigure(browser, url) {
  const one = await ringPair(browser, url, 1);
  const many = await ringPair(browser, url, 1000);
  const times = { one: [], many: [] };
  const longTasks = { one: [], many: [] };
  try {
    // The first ring also builds the dialog's element and styles for the first time: left out.
    await one.ring();
    await many.ring();
    // Paired, alternating runs: the machine's noise falls on both.
    for (let i = 0; i < RUNS.ring; i++) {
      for (const [side, pair] of [
        ['one', one],
        ['many', many],
      ]) {
        const { ms, longTasks: tasks } = await pair.ring();
        times[side].push(ms);
        longTasks[side].push(...tasks);
      }
    }
  } finally {
    await one.close();
    await many.close();
  }
  const tasks = (list) =>
    list.length
      ? `${list.length} long task(s) in ${RUNS.ring} rings, longest ${ms(Math.max(...list))}`
      : `no long task in ${RUNS.ring} rings`;
  return {
    figure:
      'ring → dialog painted (opacity > 0) and the next frame, 1,000 buttons vs 1 button; long tasks (> 50 ms) in the second after each ring',
    ours: `${ms(median(times.many))} / ${ms(p95(times.many))}; ${tasks(longTasks.many)}`,
    reference: `1 button ${ms(median(times.one))} / ${ms(p95(times.one))}; ${tasks(longTasks.one)}`,
    ratio: `${(median(times.many) / median(times.one)).toFixed(2)}×`,
    target: '≤ 1.5×, no long task',
  };
}

async function paintOnce(browser, url, impl, sample) {
  const page = await browser.newPage();
  try {
    if (impl === 'ours') {
      await page.goto(`${url}/bench/pages/paint.html`);
      await page.waitForFunction(() => window.ready === true);
    } else {
      await page.goto(`${url}/bench/react-paint.html`);
      await page.waitForFunction(() => typeof window.setup === 'function');
      await page.evaluate((s) => window.setup(s), sample);
    }
    return await page.evaluate(() => window.paintButtons(1000));
  } finally {
    await page.close();
  }
}

async function paintFigure(browser, url) {
  const probe = await browser.newPage();
  await probe.goto(`${url}/bench/pages/paint.html`);
  await probe.waitForFunction(() => window.ready === true);
  const sample = await probe.evaluate(() => window.sample());
  await probe.close();
  const ours = [];
  const react = [];
  // Paired runs, in alternating order (ours first, then React first): the machine's noise, and
  // whatever the page before leaves behind, fall on both.
  for (let i = 0; i < RUNS.paint; i++) {
    if (i % 2 === 0) ours.push(await paintOnce(browser, url, 'ours', sample));
    react.push(await paintOnce(browser, url, 'react', sample));
    if (i % 2 === 1) ours.push(await paintOnce(browser, url, 'ours', sample));
  }
  return {
    figure: '1,000 call buttons painted, ours vs plain React 19 (same DOM and CSS, light DOM)',
    ours: `${ms(median(ours))} / ${ms(p95(ours))}`,
    reference: `React ${ms(median(react))} / ${ms(p95(react))}`,
    ratio: `${(median(ours) / median(react)).toFixed(2)}×`,
    target: '≤ 1.05×',
  };
}

function bundleFigure() {
  const bytes = initialBundleBytes(join(ROOT, 'dist/cc-call-elements.js'));
  return {
    figure: 'initial bundle (static import closure of dist/cc-call-elements.js), gzip',
    ours: `${bytes.toLocaleString('en')} B`,
    reference: '25,128 B (before)',
    ratio: `${(bytes / 25128).toFixed(2)}×`,
    target: '≤ 15,000 B',
  };
}

async function cardFigure(browser, url) {
  const page = await browser.newPage();
  try {
    await page.goto(`${url}/bench/pages/card.html`);
    await page.waitForFunction(() => window.ready === true);
    await page.evaluate(() => window.mountCards(20, true)); // warm up the element and its styles
    const withTime = [];
    const without = [];
    // Pairs in alternating order (with, without; without, with): neither always follows the other's garbage.
    for (let i = 0; i < RUNS.card; i++) {
      for (const time of i % 2 ? [false, true] : [true, false]) {
        const ms = await page.evaluate((t) => window.mountCards(200, t), time);
        (time ? withTime : without).push(ms);
      }
    }
    return {
      figure: 'meeting card mount (200 cards), with sent-at vs without',
      ours: `${ms(median(withTime))} / ${ms(p95(withTime))}`,
      reference: `without ${ms(median(without))} / ${ms(p95(without))}`,
      ratio: `${(median(withTime) / median(without)).toFixed(2)}×`,
      target: '≤ 1.2×',
    };
  } finally {
    await page.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
