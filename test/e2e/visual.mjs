// The visual review harness: every element in every state, at 360 and 1280 px, light and dark,
// left-to-right and right-to-left, overlay and inline, and in forced colours. Each state is saved as a screenshot under
// test-output/visual/ for a person to look at, and checked with axe-core: 0 violations, no rule
// turned off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, uniqueChannel } from './support.mjs';

const OUT = fileURLToPath(new URL('../../test-output/visual/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Each combination a person might use, so every width, scheme, direction and stage mode is seen. */
export const COMBOS = [
  { width: 1280, height: 800, scheme: 'light', dir: 'ltr', mode: 'inline' },
  { width: 1280, height: 800, scheme: 'dark', dir: 'ltr', mode: 'overlay' },
  { width: 1280, height: 800, scheme: 'light', dir: 'rtl', mode: 'inline' },
  { width: 360, height: 740, scheme: 'light', dir: 'ltr', mode: 'overlay' },
  { width: 360, height: 740, scheme: 'dark', dir: 'ltr', mode: 'inline' },
  { width: 360, height: 740, scheme: 'dark', dir: 'rtl', mode: 'overlay' },
  { width: 1280, height: 800, scheme: 'light', dir: 'ltr', mode: 'overlay', forced: true },
];

/** Registers one test per combination at `width` (split by width so each file stays within the runner's time limit). */
export function reviewAt(width) {
  let env;
  before(async () => {
    env = await start();
  });
  after(() => env?.close());
  for (const combo of COMBOS.filter((c) => c.width === width)) review(() => env, combo);
}

/** axe-core on the whole page, shadow roots included; returns the violations, readable. */
async function axe(page, { forced = false } = {}) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  // In forced colours the browser paints system colours over the authored ones, and axe still
  // measures the authored ones: color-contrast is the one rule that cannot be right there. The
  // screenshot shows what is really painted.
  const options = forced
    ? { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false } } }
    : { resultTypes: ['violations'] };
  const violations = await page.evaluate(async (opts) => {
    const result = await window.axe.run(document, opts);
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')} ${v.nodes[0]?.failureSummary ?? ''}`,
    );
  }, options);
  return violations;
}

const stageState = (page, state) =>
  page.waitForFunction((s) => document.querySelector('cc-call-stage')?.state === s, state, { timeout: 15000 });

function review(getEnv, combo) {
  const name = `${combo.width}-${combo.scheme}-${combo.dir}-${combo.mode}${combo.forced ? '-forced-colors' : ''}`;
  test(`every state at ${name} looks right and has 0 axe violations`, async () => {
    const env = getEnv();
    const context = await env.browser.newContext({
      viewport: { width: combo.width, height: combo.height },
      colorScheme: combo.scheme,
      reducedMotion: 'reduce',
      forcedColors: combo.forced ? 'active' : 'none',
    });
    const errors = [];
    const problems = [];
    try {
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error));
      const channel = uniqueChannel('visual');
      await page.goto(`${env.url}/test/e2e/fixtures/visual.html?channel=${channel}&dir=${combo.dir}&mode=${combo.mode}`);
      await page.evaluate(() => window.configured);
      mkdirSync(join(OUT, name), { recursive: true });
      const shoot = async (state) => {
        // Let a state's own transitions settle (reduced motion already stops the loops).
        await page.waitForTimeout(150);
        await page.screenshot({ path: join(OUT, name, `${state}.png`), animations: 'disabled' });
        for (const v of await axe(page, { forced: combo.forced })) problems.push(`${state}: ${v}`);
      };
      const sessionId = () => page.evaluate(() => window.CCCalls.state.call?.sessionId);
      const bob = (fn, ...args) => page.evaluate(fn, ...args);

      await shoot('01-idle');

      // A meeting announced in the group: the notice, with a long name to wrap.
      await bob(() => {
        const chat = window.bob.CometChat;
        const message = new chat.CustomMessage('team', chat.RECEIVER_TYPE.GROUP, 'meeting', {
          sessionId: 'team',
          sessionID: 'team',
          callType: 'video',
        });
        return chat.sendCustomMessage(message);
      });
      await page.locator('cc-incoming-call [part="notice"]').waitFor();
      await shoot('02-meeting-notice');
      await page.locator('cc-incoming-call [part="dismiss"]').click();

      // Bob rings Alice.
      await bob(() => window.bob.CometChat.initiateCall(new window.bob.CometChat.Call('alice', 'video', 'user')));
      await page.getByRole('alertdialog').waitFor();
      await shoot('03-incoming-ringing');
      await page.getByRole('button', { name: /^Decline/ }).click();
      await page.getByRole('alertdialog').waitFor({ state: 'detached' });

      // Alice rings Bob; Bob declines.
      await page.getByRole('button', { name: 'Start video call, Bob Brown' }).click();
      await page.waitForFunction(() => window.CCCalls.state.call?.phase === 'ringing');
      await stageState(page, 'calling');
      await shoot('04-stage-calling');
      await bob((sid) => window.bob.CometChat.rejectCall(sid, 'rejected'), await sessionId());
      await stageState(page, 'ended');
      await shoot('05-stage-declined');
      await page.locator('cc-call-stage [part="close"]').click();
      await stageState(page, 'idle');

      // Alice rings Bob; Bob answers; Alice hangs up.
      await page.getByRole('button', { name: 'Start video call, Bob Brown' }).click();
      await page.waitForFunction(() => window.CCCalls.state.call?.phase === 'ringing');
      await bob((sid) => window.bob.CometChat.acceptCall(sid), await sessionId());
      await stageState(page, 'active');
      await shoot('06-stage-in-call');
      const ends = await page.getByRole('button', { name: /^(End call|Leave)$/ }).count();
      assert.equal(ends, 1, `${name}: one end control in a call`);
      await page.locator('cc-call-stage [part="end"]').click();
      await stageState(page, 'ended');
      await shoot('07-stage-call-ended');
      await page.keyboard.press('Escape');
      await stageState(page, 'idle');

      // Bob is in the team's meeting; Alice joins from the card, which then offers Return and Leave.
      await bob(async () => {
        const calls = window.bob.CometChatCalls;
        const me = await window.bob.CometChat.getLoggedinUser();
        const { token } = await calls.generateToken('team', me.getAuthToken());
        const element = document.createElement('div');
        element.hidden = true;
        document.body.append(element);
        await calls.startSession(token, new calls.CallSettingsBuilder().enableDefaultLayout(true).build(), element);
      });
      await page.locator('cc-meeting-card [part="join"]').click();
      await stageState(page, 'active');
      await page.waitForFunction(() =>
        /Bob Brown/.test(document.querySelector('cc-call-stage').shadowRoot.querySelector('[part="people"]')?.textContent),
      );
      await page.waitForFunction(() => document.querySelector('cc-meeting-card')?.state === 'in-meeting');
      await shoot('08-meeting-in-meeting');
      // Inline, the card's Leave is reachable; overlay, the stage is modal and has its own.
      await page.locator(combo.mode === 'inline' ? 'cc-meeting-card [part="leave"]' : 'cc-call-stage [part="end"]').click();
      await stageState(page, 'ended');
      await shoot('09-meeting-left');
      await page.locator('cc-call-stage [part="close"]').click();
      await stageState(page, 'idle');
    } finally {
      await context.close();
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(problems, [], `axe violations at ${name}:\n${problems.join('\n')}`);
  });
}
