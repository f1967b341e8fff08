// Shared plumbing for the end-to-end tests: the demo server, Chromium with the
// test flags, and a place for screenshots a person can look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_ARGS } from '../../scripts/chrome-args.mjs';
import { serve } from '../../scripts/serve-demo.mjs';

export const SHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

/** Starts the server and a browser; `close()` stops both. */
export async function start() {
  const server = await serve({ port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: CHROME_ARGS,
    headless: true,
  });
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** A page that fails the test on any uncaught page error. */
export async function openPage(context, url, errors = []) {
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(url);
  return page;
}

/**
 * Opens `url` and records what a page embedding the bundle would see go wrong: uncaught errors,
 * console errors, and the `cc-error` events dispatched on its document.
 */
export async function openWatchedPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  const consoleErrors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  await page.addInitScript(() => {
    window.ccErrors = [];
    document.addEventListener('cc-error', (event) => window.ccErrors.push(event.detail));
  });
  await page.goto(url);
  const ccErrorCodes = () => page.evaluate(() => window.ccErrors.map((detail) => detail.code));
  return { page, errors, consoleErrors, ccErrorCodes };
}

export async function screenshot(target, name) {
  mkdirSync(SHOTS, { recursive: true });
  // Finite animations (a dialog arriving) jump to their end; infinite ones (the ringing pulse) to their start.
  await target.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
}

export function uniqueChannel(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
