// Many tabs of one user, and leaving a page mid-call, on CometChat's REAL chat and calls SDKs
// against the local cloud. Two pages of one browser context share localStorage and IndexedDB,
// as two tabs of one browser do.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createWorld, ready, start, waitForEvent, waitForRinging, waitForStage } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many authenticated chat sockets `uid` has on the cloud. */
function socketsOf(cloud, uid) {
  return cloud.socketCount(uid);
}

async function until(what, check, timeout = 15_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(100);
  }
}

/** alice calls bob; resolves with the session id once every one of `tabs` rings. */
async function ringAll(alice, tabs) {
  await alice.page.locator('cc-call-button[uid]').getByRole('button').click();
  const { sessionId } = await waitForEvent(alice, 'cc-call-outgoing');
  for (const tab of tabs) await waitForRinging(tab);
  return sessionId;
}

test('a second tab of the same user reuses the stored login: both tabs keep their socket, and a call is answered in each tab in turn', async () => {
  const world = await createWorld(env);
  try {
    const bob = await world.open('bob', 'cms.html', { to: 'alice' });
    const alice = await world.open('alice', 'cms.html', { to: 'bob' });
    await Promise.all([ready(bob), ready(alice)]);
    const bob2 = await world.openTab(bob, 'cms.html', { to: 'alice' });
    await ready(bob2);
    // The second tab logs nobody out: no DELETE me, and bob's first socket stays up.
    await sleep(3000);
    assert.deepEqual(await bob.page.evaluate(() => document.hasFocus()), false, 'the first tab is in the background');
    assert.equal(socketsOf(world.cloud, 'bob'), 2, "both of bob's tabs keep a chat socket");
    for (const tab of [bob, bob2]) assert.equal(await tab.page.evaluate(() => window.CCCalls.state.status), 'ready');
    assert.deepEqual(world.cloud.requests({ method: 'DELETE', path: 'me' }), [], 'no tab logs the user out');

    for (const [answering, other] of [
      [bob2, bob],
      [bob, bob2],
    ]) {
      await answering.page.bringToFront();
      const sid = await ringAll(alice, [bob, bob2]);
      await answering.page.getByRole('button', { name: /^Accept/ }).click();
      await Promise.all([waitForStage(alice, 'active'), waitForStage(answering, 'active')]);
      await waitForRinging(other, false);
      await alice.page.locator('cc-call-stage [part="end"]').click();
      await Promise.all([waitForStage(alice, 'idle'), waitForStage(answering, 'idle')]);
      assert.deepEqual(world.cloud.callUpdates(sid), ['bob:ongoing', 'alice:ended']);
    }
  } finally {
    await world.close();
  }
});

test('a tab whose socket another tab closed says "Reconnecting…" within 10 s, comes back by itself, and rings again', async () => {
  const world = await createWorld(env);
  try {
    const bob = await world.open('bob', 'cms.html', { to: 'alice' });
    const alice = await world.open('alice', 'cms.html', { to: 'bob' });
    await Promise.all([ready(bob), ready(alice)]);
    // The second tab got a fresh token for bob and no `uid` beside it: it cannot tell the stored
    // login is bob's, so it logs in again, and the SDK in the first tab drops its socket.
    const bob2 = await world.openTab(bob, 'cms.html', { to: 'alice', authToken: world.cloud.issueToken('bob') });
    await ready(bob2);
    const lostAt = world.cloud.requests({ method: 'DELETE', path: 'me' })[0]?.at;
    assert.ok(lostAt, 'the second tab logged in again');
    await bob.page.waitForFunction(() => window.CCCalls.state.status === 'reconnecting', undefined, { timeout: 10_000 });
    await bob.page.locator('cc-call-button[uid] [part="reason"]').getByText('Reconnecting…').waitFor({ timeout: 5000 });
    assert.equal(await bob.page.locator('cc-call-button[uid]').getByRole('button').getAttribute('aria-disabled'), 'true');
    // Back by itself, with a socket of its own, without logging anyone out.
    await ready(bob, 15_000);
    await until("both of bob's tabs have a socket", () => socketsOf(world.cloud, 'bob') === 2);
    assert.equal(world.cloud.requests({ method: 'DELETE', path: 'me' }).length, 1);

    await bob.page.bringToFront();
    const sid = await ringAll(alice, [bob, bob2]);
    await bob.page.getByRole('button', { name: /^Accept/ }).click();
    await Promise.all([waitForStage(alice, 'active'), waitForStage(bob, 'active')]);
    await waitForRinging(bob2, false);
    await bob.page.locator('cc-call-stage [part="end"]').click();
    await Promise.all([waitForStage(alice, 'idle'), waitForStage(bob, 'idle')]);
    assert.deepEqual(world.cloud.callUpdates(sid), ['bob:ongoing', 'bob:ended']);
  } finally {
    await world.close();
  }
});

test('leaving the page mid-call asks first; staying keeps the call running on both sides, though the calls SDK leaves on beforeunload by itself', async () => {
  const world = await createWorld(env);
  try {
    const alice = await world.open('alice', 'cms.html', { to: 'bob' });
    const bob = await world.open('bob', 'cms.html', { to: 'alice' });
    await Promise.all([ready(alice), ready(bob)]);
    const sid = await ringAll(alice, [bob]);
    await bob.page.getByRole('button', { name: /^Accept/ }).click();
    await Promise.all([waitForStage(alice, 'active'), waitForStage(bob, 'active')]);
    await until('both are in the conference', () => world.cloud.xmpp.occupants(sid).length === 2);

    const dialogs = [];
    alice.page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss(); // "Stay on this page"
    });
    await alice.page.close({ runBeforeUnload: true });
    await until('the leave confirmation', () => dialogs.length > 0, 5000);
    assert.deepEqual(dialogs, ['beforeunload']);
    assert.equal(alice.page.isClosed(), false, 'alice stayed');

    // Long enough for a conference left on beforeunload to be noticed on the other side.
    await sleep(4000);
    assert.deepEqual(world.cloud.xmpp.occupants(sid).sort(), ['alice', 'bob'], 'both are still in the conference');
    assert.equal(await alice.page.evaluate(() => window.CCCalls.state.call?.phase), 'active');
    assert.equal(await bob.page.evaluate(() => window.CCCalls.state.call?.phase), 'active');
    assert.deepEqual(world.cloud.callUpdates(sid), ['bob:ongoing'], 'nobody ended the call');

    await alice.page.locator('cc-call-stage [part="end"]').click();
    await Promise.all([waitForStage(alice, 'idle'), waitForStage(bob, 'idle')]);
    // With no call at stake, leaving asks nothing.
    await alice.page.close({ runBeforeUnload: true });
    await until("alice's page closed", () => alice.page.isClosed(), 5000);
    assert.deepEqual(dialogs, ['beforeunload']);
  } finally {
    await world.close();
  }
});
