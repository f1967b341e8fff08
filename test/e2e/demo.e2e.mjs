// The demo as a person uses it: Alice, Bob and Carol in three iframes, each its own client,
// with the fake camera, real WebRTC between the frames (ICE limited to loopback), and
// screenshots of each element's states under test-output/screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot, start, uniqueChannel } from './support.mjs';

let env;
let context;
let page;
const errors = [];

before(async () => {
  env = await start();
  context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${env.url}/demo/?ice=loopback&channel=${uniqueChannel('e2e-demo')}`);
  for (const uid of ['alice', 'bob', 'carol']) {
    await client(uid).locator('.me-status').filter({ hasText: 'Online' }).waitFor();
  }
});

after(async () => {
  await context?.close();
  await env?.close();
});

function frameOf(uid) {
  return page.frames().find((f) => new URL(f.url()).searchParams.get('uid') === uid);
}

function client(uid) {
  return page.frameLocator(`iframe[src*="uid=${uid}"]`);
}

/**
 * Waits until `count` remote videos on `uid`'s stage show decoded frames, then reports them:
 * the proof that media crossed between the iframes over WebRTC.
 */
async function remoteFrames(uid, count = 1) {
  const frame = frameOf(uid);
  await frame.waitForFunction(
    (n) => {
      const videos = [...document.querySelectorAll('cc-call-stage video[data-remote]')];
      return videos.length >= n && videos.every((v) => v.videoWidth > 0 && v.getVideoPlaybackQuality().totalVideoFrames > 0);
    },
    count,
    { timeout: 15000 },
  );
  return frame.evaluate(() =>
    [...document.querySelectorAll('cc-call-stage video[data-remote]')].map((v) => ({
      width: v.videoWidth,
      frames: v.getVideoPlaybackQuality().totalVideoFrames,
    })),
  );
}

/** The stage's status line ("Declined", "In meeting"…); innerText of a host would not reach into its shadow root. */
const stageStatus = (frame) => frame.locator('cc-call-stage [part="status"]').innerText();

async function waitForStage(uid, state) {
  await frameOf(uid).waitForFunction((s) => document.querySelector('cc-call-stage')?.state === s, state, { timeout: 15000 });
}

test('the demo shows three users side by side, each ready to call', async () => {
  await screenshot(page, 'demo-1280');
  const names = await page.locator('iframe').evaluateAll((frames) => frames.map((f) => f.title));
  assert.deepEqual(names, ["Alice's client", "Bob's client", "Carol's client"]);
  await screenshot(page.locator('iframe[src*="uid=alice"]'), 'button-idle');
});

test('Alice rings Bob, Bob accepts, video flows both ways, and Alice hangs up', async () => {
  const alice = client('alice');
  const bob = client('bob');
  await alice.locator('li', { hasText: 'Bob Brown' }).getByRole('button', { name: 'Start video call' }).click();
  await waitForStage('alice', 'calling');
  await screenshot(page.locator('iframe[src*="uid=alice"]'), 'stage-outgoing');

  const dialog = bob.getByRole('alertdialog');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Alice Adams/);
  await screenshot(page.locator('iframe[src*="uid=bob"]'), 'incoming-ringing');
  await bob.getByRole('button', { name: /^Accept/ }).click();

  await waitForStage('alice', 'active');
  await waitForStage('bob', 'active');
  const [aliceSees] = await remoteFrames('alice');
  const [bobSees] = await remoteFrames('bob');
  assert.ok(aliceSees?.width > 0, 'Alice receives video from Bob');
  assert.ok(bobSees?.width > 0, 'Bob receives video from Alice');
  await screenshot(page, 'demo-in-call');
  await screenshot(alice.locator('cc-call-stage'), 'stage-in-call');

  await alice.locator('cc-call-stage [part="end"]').click();
  await waitForStage('alice', 'idle');
  await frameOf('bob').waitForFunction(() => ['ended', 'idle'].includes(document.querySelector('cc-call-stage').state));
  await waitForStage('bob', 'idle');
  const tracks = await frameOf('alice').evaluate(() => document.querySelectorAll('cc-call-stage video').length);
  assert.equal(tracks, 0, 'no video left on the stage');
});

test('Bob declines, and Alice sees "Declined"', async () => {
  await client('alice').locator('li', { hasText: 'Bob Brown' }).getByRole('button', { name: 'Start voice call' }).click();
  await client('bob').getByRole('alertdialog').waitFor();
  await client('bob')
    .getByRole('button', { name: /^Decline/ })
    .click();
  await waitForStage('alice', 'ended');
  assert.match(await stageStatus(client('alice')), /Declined/);
  await screenshot(page.locator('iframe[src*="uid=alice"]'), 'stage-declined');
  await waitForStage('alice', 'idle');
});

test('Carol starts a team meeting, Bob joins from the card, Alice joins late, and the last to leave ends it', async () => {
  const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(client);
  await carol.getByRole('button', { name: 'Start video meeting' }).click();
  await waitForStage('carol', 'active');

  const bobCard = bob.locator('cc-meeting-card').last();
  await bobCard.waitFor();
  await screenshot(bobCard, 'meeting-card-live');
  await screenshot(page, 'meeting-notice');
  await bobCard.getByRole('button', { name: /^Join/ }).click();
  await waitForStage('bob', 'active');

  // Alice has ignored it for a while; the card still lets her in.
  await new Promise((r) => setTimeout(r, 1000));
  await alice.locator('cc-meeting-card').last().getByRole('button', { name: /^Join/ }).click();
  await waitForStage('alice', 'active');
  const aliceSees = await remoteFrames('alice', 2);
  assert.equal(aliceSees.length, 2);
  assert.ok(
    aliceSees.every((v) => v.width > 0),
    'the late joiner sees both others',
  );
  assert.match(await bobCard.locator('[part="status"]').innerText(), /In meeting/);
  await screenshot(page, 'demo-meeting');
  await screenshot(alice.locator('cc-call-stage'), 'stage-meeting');

  for (const uid of ['carol', 'bob']) {
    await client(uid).locator('cc-call-stage [part="end"]').click();
    await waitForStage(uid, 'idle');
  }
  // Left alone, Alice's session ends by itself, as the calls SDK v4 ends it; she is the last one out.
  await waitForStage('alice', 'idle');
  await bob.locator('cc-meeting-card').last().filter({ hasText: 'Ended' }).waitFor({ timeout: 10000 });
  await carol.locator('cc-meeting-card').last().filter({ hasText: 'Ended' }).waitFor({ timeout: 10000 });
  await screenshot(bobCard, 'meeting-card-ended');
  assert.deepEqual(errors, []);
});

test('a dark colour scheme carries through the page and the elements', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    const card = client('bob').locator('cc-meeting-card').last();
    const background = await card.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('[part="card"]')).backgroundColor);
    assert.notEqual(background, 'rgb(255, 255, 255)', 'the meeting card is not left white');
    await screenshot(page, 'demo-dark');
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
});

test('the elements fit a 360 px wide phone screen', async () => {
  const phone = await context.newPage();
  try {
    await phone.setViewportSize({ width: 360, height: 740 });
    const channel = uniqueChannel('e2e-phone');
    await phone.goto(`${env.url}/demo/client.html?uid=carol&channel=${channel}&media=off`);
    await phone.locator('.me-status').filter({ hasText: 'Online' }).waitFor();
    await screenshot(phone, 'client-360');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 360 px (overflow ${overflow}px)`);

    // Ring Carol's phone from a second client on the same channel.
    const caller = await context.newPage();
    await caller.goto(`${env.url}/demo/client.html?uid=alice&channel=${channel}&media=off`);
    await caller.locator('.me-status').filter({ hasText: 'Online' }).waitFor();
    await caller.locator('li', { hasText: 'Carol Chen' }).getByRole('button', { name: 'Start video call' }).click();
    await phone.getByRole('alertdialog').waitFor();
    await screenshot(phone, 'incoming-360');
    await phone.keyboard.press('Escape');
    await caller.waitForFunction(() => document.querySelector('cc-call-stage').state === 'ended');
    assert.match(await stageStatus(caller), /Declined/);
    await caller.close();
  } finally {
    await phone.close();
  }
});
