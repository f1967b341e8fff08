// Faults on CometChat's REAL SDKs: an error answer from the cloud, a chat WebSocket that drops
// and comes back while a call rings, and a cancel lost while the callee was offline.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createWorld, events, ready, ringing, start, until, waitForEvent, waitForRinging, waitForStage } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

async function pair(world, { ringTimeout = 45 } = {}) {
  const alice = await world.open('alice', 'cms.html', { to: 'bob', toName: 'Bob Brown', ringTimeout });
  const bob = await world.open('bob', 'cms.html', { to: 'alice', toName: 'Alice Adams', ringTimeout });
  await Promise.all([ready(alice), ready(bob)]);
  return [alice, bob];
}

const callButton = (user) => user.page.locator('cc-call-button[uid]').getByRole('button');
const incomingStatus = (user) => user.page.locator('cc-incoming-call [role="status"]').textContent();

test('an error answer to POST calls: cc-error initiate-failed, the stage says so and closes, nothing is stuck, and the next call rings', async () => {
  const world = await createWorld(env);
  const { cloud } = world;
  try {
    const [alice, bob] = await pair(world);
    cloud.fail('POST', 'calls', { code: 'ERR_TOO_MANY_REQUESTS', message: 'Slow down', status: 429, times: 1 });
    alice.expectConsoleErrors.push(/initiate-failed|ERR_TOO_MANY_REQUESTS|Slow down|429/);
    await callButton(alice).click();
    const error = await waitForEvent(alice, 'cc-error');
    assert.equal(error.code, 'initiate-failed');
    assert.match(error.message, /Slow down|ERR_TOO_MANY_REQUESTS/);
    await waitForStage(alice, 'ended');
    await waitForStage(alice, 'idle');
    assert.equal(await alice.page.evaluate(() => window.CCCalls.state.call), null, 'no call left behind');
    assert.equal(await callButton(alice).getAttribute('aria-disabled'), 'false', 'the button works again');
    assert.equal(await ringing(bob), false);
    assert.deepEqual(await events(bob), []);
    assert.equal(cloud.requests({ method: 'POST', path: 'calls' })[0].status, 429);
    assert.deepEqual(cloud.callUpdates(), [], 'nothing to cancel or end');

    // The SDK holds no stale active call: the next attempt rings.
    await callButton(alice).click();
    await waitForRinging(bob);
    const { sessionId } = await waitForEvent(alice, 'cc-call-outgoing');
    await alice.page.locator('cc-call-stage [part="cancel"]').click();
    await waitForRinging(bob, false);
    assert.deepEqual(cloud.callUpdates(sessionId), ['alice:cancelled']);
  } finally {
    await world.close();
  }
});

test('both chat WebSockets drop and come back while a call rings: the callee still rings, accepts, and both sides connect', async () => {
  const world = await createWorld(env);
  const { cloud } = world;
  try {
    const [alice, bob] = await pair(world);
    await callButton(alice).click();
    const { sessionId } = await waitForEvent(alice, 'cc-call-outgoing');
    await waitForRinging(bob);

    await cloud.dropSocket('alice');
    await cloud.dropSocket('bob');
    assert.equal(cloud.isOnline('alice') || cloud.isOnline('bob'), false);
    await new Promise((r) => setTimeout(r, 1500));
    cloud.restoreSocket('alice');
    cloud.restoreSocket('bob');
    await until(() => cloud.isOnline('alice') && cloud.isOnline('bob'), 'both SDKs to reconnect', 30_000);

    assert.equal(await ringing(bob), true, 'still ringing after the reconnect');
    await bob.page.getByRole('button', { name: /^Accept/ }).click();
    // Alice hears of the accept only through her reconnected socket.
    await Promise.all([waitForStage(alice, 'active'), waitForStage(bob, 'active')]);
    assert.deepEqual(cloud.callUpdates(sessionId), ['bob:ongoing']);
    await bob.page.locator('cc-call-stage [part="end"]').click();
    await Promise.all([waitForStage(alice, 'idle'), waitForStage(bob, 'idle')]);
    assert.deepEqual(cloud.callUpdates(sessionId), ['bob:ongoing', 'bob:ended']);
  } finally {
    await world.close();
  }
});

// Issue 8, "a callee can ring forever": only the caller's SDK has a ring timer, so a cancel (or
// unanswered) lost while the callee's socket was down used to leave the callee ringing until it
// pressed Accept (then accept-failed). Failed before fc84fc5, which gives the callee a ring expiry.
test('a cancel lost while the callee was offline: after reconnecting, the callee stops ringing within ringTimeout + 10 s and is told it was missed', async () => {
  // 10 s, not shorter: under CI's load a 5 s ring could time out on alice's page before the test pressed Cancel.
  const ringTimeout = 10;
  const world = await createWorld(env);
  const { cloud } = world;
  try {
    const [alice, bob] = await pair(world, { ringTimeout });
    await callButton(alice).click();
    const { sessionId } = await waitForEvent(alice, 'cc-call-outgoing');
    await waitForRinging(bob);
    const rangAt = Date.now();

    await cloud.dropSocket('bob');
    await alice.page.locator('cc-call-stage [part="cancel"]').click();
    await waitForStage(alice, 'idle');
    assert.deepEqual(cloud.callUpdates(sessionId), ['alice:cancelled']);
    assert.ok(
      cloud.pushes.some((p) => p.to === 'bob' && p.body?.data?.action === 'cancelled' && !p.delivered),
      'the cancel could not reach bob',
    );
    cloud.restoreSocket('bob');
    await until(() => cloud.isOnline('bob'), 'bob to reconnect', 30_000);

    const deadline = rangAt + (ringTimeout + 10) * 1000;
    try {
      await waitForRinging(bob, false, Math.max(1000, deadline - Date.now()));
    } catch {
      assert.fail(
        `bob still rings ${Math.round((Date.now() - rangAt) / 1000)} s after the call rang (ring timeout ${ringTimeout} s) ` +
          "for a call alice cancelled while his socket was down: nothing on the callee's side ends a ringing call",
      );
    }
    const ended = await waitForEvent(bob, 'cc-call-ended', { sessionId }, 2000);
    assert.ok(['cancelled', 'unanswered'].includes(ended.reason), `ended as ${ended.reason}`);
    assert.match(await incomingStatus(bob), /Missed call from Alice Adams/);
    assert.deepEqual(cloud.callUpdates(sessionId), ['alice:cancelled'], 'bob never accepts or rejects a call that is over');
  } finally {
    await world.close();
  }
});

test('an accept the cloud never answers: after sdkTimeout the callee is told, and nothing is left behind on its page', async () => {
  const world = await createWorld(env);
  const { cloud } = world;
  try {
    const alice = await world.open('alice', 'cms.html', { to: 'bob', toName: 'Bob Brown', ringTimeout: 45 });
    const bob = await world.open('bob', 'cms.html', { to: 'alice', toName: 'Alice Adams', sdkTimeout: 3000 });
    await Promise.all([ready(alice), ready(bob)]);
    bob.expectConsoleErrors.push(/sdk-timeout|accept-failed/);
    await callButton(alice).click();
    const { sessionId } = await waitForEvent(alice, 'cc-call-outgoing');
    await waitForRinging(bob);
    cloud.hang('PUT', `calls/${sessionId}`, { times: 1 });
    await bob.page.getByRole('button', { name: /^Accept/ }).click();
    const error = await waitForEvent(bob, 'cc-error', {}, 10_000);
    assert.match(error.code, /^(sdk-timeout|accept-failed)$/);
    await waitForStage(bob, 'idle', 10_000);
    assert.equal(await ringing(bob), false);
    assert.equal(await bob.page.evaluate(() => window.CCCalls.state.call), null, 'no call left behind on the callee');
    assert.deepEqual(cloud.requests({ path: 'call_tokens' }), [], 'no session without an accepted call');
  } finally {
    await world.close();
  }
});

// Fails on today's code: the busy callee answers before the caller's initiateCall has (the push
// overtakes the HTTP answer, as it can on a slow network and did here under load). The machine
// drops an outgoing-rejected (or outgoing-accepted) whose session id it does not know yet, while
// the call is still `requesting`, so the caller rings on until its own ring timeout. src/ needs a fix.
test('a busy answer that overtakes the answer to initiateCall still ends the call as busy', async () => {
  const world = await createWorld(env);
  const { cloud } = world;
  try {
    const [alice, bob] = await pair(world);
    const carol = await world.open('carol', 'cms.html', { to: 'bob', toName: 'Bob Brown' });
    await ready(carol);
    await callButton(alice).click();
    await waitForRinging(bob);
    await bob.page.getByRole('button', { name: /^Accept/ }).click();
    await Promise.all([waitForStage(alice, 'active'), waitForStage(bob, 'active')]);

    // Carol's initiateCall answer arrives 2 s late; bob's busy reaches her socket first.
    cloud.delay('POST', 'calls', 2000, { times: 1 });
    await callButton(carol).click();
    await until(() => cloud.callUpdates().includes('bob:busy'), 'bob to answer busy', 15_000);
    const rejected = await waitForEvent(carol, 'cc-call-rejected', {}, 10_000);
    assert.equal(rejected.status, 'busy');
    await waitForStage(carol, 'ended');
    assert.equal(await stageStateOf(alice), 'active', 'the running call is untouched');
  } finally {
    await world.close();
  }
});

function stageStateOf(user) {
  return user.page.evaluate(() => document.querySelector('cc-call-stage')?.state ?? 'idle');
}
