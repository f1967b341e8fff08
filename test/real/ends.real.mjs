// How the end of a call reaches everyone (issue 15, point 4), and the stage's in-call methods
// (point 6), on CometChat's REAL chat SDK 4.2.0 and calls SDK 4.2.6 against the local cloud.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createWorld, events, ready, ringing, stageState, start, until, waitForEvent, waitForRinging, waitForStage } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

const NAMES = { alice: 'Alice Adams', bob: 'Bob Brown', carol: 'Carol Chen' };

// A generous click timeout: on a loaded machine the calls SDK's evaluation blocks the page for tens of seconds.
const accept = (user) => user.page.getByRole('button', { name: /^Accept/ }).click({ timeout: 90_000 });
const hangUp = (user) => user.page.locator('cc-call-stage [part="end"]').click();
const stageStatus = (user) => user.page.locator('cc-call-stage [part="status"]').innerText();

/** Alice rings the group `team`; resolves once bob and carol ring. */
// A long ring timeout: the caller's SDK times out even an answered group call (a refused
// `unanswered`, see agree-flows.mjs), and on a loaded machine these tests can outlast 45 s.
async function ringGroup(world, { ringTimeout = 300, members } = {}) {
  const alice = await world.open('alice', 'cms.html', { groupRing: 'ring', ringTimeout });
  const bob = await world.open('bob', 'cms.html', { ringTimeout }, members);
  const carol = await world.open('carol', 'cms.html', { ringTimeout }, members);
  await Promise.all([alice, bob, carol].map((user) => ready(user)));
  await alice.page.locator('cc-call-button[guid="team"]').getByRole('button').click();
  const { sessionId } = await waitForEvent(alice, 'cc-call-outgoing');
  await Promise.all([waitForRinging(bob), waitForRinging(carol)]);
  return { alice, bob, carol, sessionId };
}

/** Alice calls bob (1:1), bob accepts; resolves once both are in the call. */
async function oneToOne(world, { callType = 'video', setup } = {}) {
  const alice = await world.open('alice', 'cms.html', { to: 'bob', toName: NAMES.bob }, { setup });
  const bob = await world.open('bob', 'cms.html', { to: 'alice', toName: NAMES.alice }, { setup });
  await Promise.all([ready(alice), ready(bob)]);
  if (callType === 'audio')
    await alice.page.evaluate(() => document.querySelector('cc-call-button[uid]').setAttribute('call-type', 'audio'));
  await alice.page.locator('cc-call-button[uid]').getByRole('button').click();
  const { sessionId } = await waitForEvent(alice, 'cc-call-outgoing');
  await waitForRinging(bob);
  await accept(bob);
  await Promise.all([waitForEvent(alice, 'cc-call-started'), waitForEvent(bob, 'cc-call-started')]);
  return { alice, bob, sessionId };
}

// 4a. Chat SDK 4.2.0 gives a group call's `ongoing` only to the caller's listener, but `ended` to
// every member: a member still ringing when the call ends must stop at once. Failed on b7a2b29
// (`ended` was ignored while ringing: carol rang on until her ring expired).
test('a rung group call ends while a member still rings: the `ended` stops her ringing at once', async () => {
  const world = await createWorld(env);
  // A failure in the test body is the news; the after-checks run only when it passed.
  let passed = false;
  const { cloud } = world;
  try {
    // The members cannot read the group's history here, so only the `ended` push can tell carol.
    // Only the call-status reads: every page also reads the group's meetings at configure (category custom).
    cloud.fail('GET', 'groups/team/messages', { code: 'ERR_INTERNAL', status: 500, when: (r) => r.query.categories === 'call' });
    const { alice, bob, carol, sessionId } = await ringGroup(world, { members: { expectConsoleErrors: [/status of 500/] } });
    await accept(bob);
    await Promise.all([waitForStage(alice, 'active'), waitForStage(bob, 'active')]);
    assert.equal(await ringing(carol), true, 'carol still rings: the answer never reached her listener');
    await hangUp(alice);
    await until(() => cloud.callUpdates(sessionId).includes('alice:ended'), 'alice to end the call');
    const endedAt = Date.now();
    await waitForRinging(carol, false, 5000);
    assert.ok(Date.now() - endedAt < 3000, `carol stopped ringing ${Date.now() - endedAt} ms after the call ended`);
    const ended = await waitForEvent(carol, 'cc-call-ended', { sessionId }, 2000);
    assert.equal(ended.reason, 'elsewhere');
    assert.deepEqual(await events(carol), ['cc-call-incoming', 'cc-call-ended']);
    assert.deepEqual(cloud.callUpdates(sessionId), ['bob:ongoing', 'alice:ended'], 'carol sends nothing for a call that is over');
    await Promise.all([waitForStage(alice, 'idle'), waitForStage(bob, 'idle')]);
    passed = true;
  } finally {
    await world.close({ check: passed });
  }
});

// 4a and the trap: another member's answer never reaches carol's listener, so her page asks the
// group's history (call messages) now and then while it rings, bounded by the ring's own expiry.
// Failed on b7a2b29 (carol rang on for the whole ring timeout while bob and alice talked).
test('a rung group call another member answers: the others stop ringing within seconds, with a few history reads', async () => {
  const world = await createWorld(env);
  // A failure in the test body is the news; the after-checks run only when it passed.
  let passed = false;
  const { cloud } = world;
  try {
    const { alice, bob, carol, sessionId } = await ringGroup(world);
    const rangAt = Date.now();
    await accept(bob);
    await until(() => cloud.callUpdates(sessionId).includes('bob:ongoing'), 'bob to accept');
    const answeredAt = Date.now();
    await waitForRinging(carol, false, 15_000);
    const after = Date.now() - answeredAt;
    // One look every 4 s, plus that look's answer on a page that is evaluating the calls SDK it
    // preloads while ringing: CI's load measured 7.3 and 8.4 s (quiet: under 6 s).
    assert.ok(after <= 10_000, `carol stopped ringing ${after} ms after bob answered`);
    const ended = await waitForEvent(carol, 'cc-call-ended', { sessionId }, 2000);
    assert.equal(ended.reason, 'elsewhere');
    assert.doesNotMatch(
      (await carol.page
        .locator('cc-incoming-call')
        .innerText()
        .catch(() => '')) ?? '',
      /Missed call/,
    );
    // Bounded: each ringing member reads the group's call messages at most once per 4 s of ringing;
    // the caller never does.
    // The call-status reads (category call); every page also reads the group's meetings once at configure.
    const callReads = () => cloud.requests({ method: 'GET', path: 'groups/team/messages' }).filter((r) => r.query.categories === 'call');
    const reads = callReads();
    const carolReads = reads.filter((r) => r.uid === 'carol');
    assert.ok(carolReads.length >= 1 && carolReads.length <= Math.ceil((Date.now() - rangAt) / 4000), `${carolReads.length} reads`);
    assert.equal(reads.filter((r) => r.uid === 'alice').length, 0);
    assert.equal(carolReads[0].query.categories, 'call');
    assert.equal(await stageState(carol), 'idle');
    // The call itself goes on.
    await Promise.all([waitForStage(alice, 'active'), waitForStage(bob, 'active')]);
    await new Promise((r) => setTimeout(r, 4500));
    assert.equal(callReads().length, reads.length, 'no more reads once it stopped ringing');
    await hangUp(bob);
    await Promise.all([waitForStage(alice, 'idle'), waitForStage(bob, 'idle')]);
    assert.deepEqual(cloud.callUpdates(sessionId), ['bob:ongoing', 'bob:ended']);
    passed = true;
  } finally {
    await world.close({ check: passed });
  }
});

// 4b. When a page dies mid-call nothing is sent; the survivor's session ends (the calls SDK sees
// the other leave), and the survivor closes the call on the cloud after a short grace. Failed on
// b7a2b29 (the call stayed `ongoing` on the cloud).
test("the other page dies mid-call: the survivor's call ends, and after a short grace it sends ended", async () => {
  const world = await createWorld(env);
  // A failure in the test body is the news; the after-checks run only when it passed.
  let passed = false;
  const { cloud } = world;
  try {
    const { alice, bob, sessionId } = await oneToOne(world);
    assert.deepEqual(cloud.callUpdates(sessionId), ['bob:ongoing']);
    // Bob's renderer crashes: no pagehide, no request, its sockets just close.
    // Page.crash never answers (the renderer that would answer is gone): wait for the crash itself.
    const cdp = await bob.context.newCDPSession(bob.page);
    const crashed = bob.page.waitForEvent('crash', { timeout: 10_000 });
    cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    world.users.delete('bob');
    const ended = await waitForEvent(alice, 'cc-call-ended', { sessionId }, 20_000);
    const endedAt = Date.now();
    assert.equal(ended.reason, 'remote-ended');
    await until(() => cloud.callUpdates(sessionId).includes('alice:ended'), 'alice to close the call on the cloud', 10_000);
    const put = cloud.requests({ method: 'PUT', path: `calls/${sessionId}`, status: 'ended' })[0];
    assert.ok(
      put.at - endedAt >= 2000,
      `ended went out ${put.at - endedAt} ms after the session ended: the grace is for the other side's own ended`,
    );
    assert.ok(put.at - endedAt <= 6000, `ended went out ${put.at - endedAt} ms after the session ended`);
    assert.equal(put.status, 200);
    assert.deepEqual(cloud.callUpdates(sessionId), ['bob:ongoing', 'alice:ended']);
    assert.equal(cloud.calls.get(sessionId).status, 'ended');
    await waitForStage(alice, 'idle');
    // The SDK holds no stale active call: alice can call again.
    const carol = await world.open('carol', 'cms.html', { to: 'alice', toName: NAMES.alice });
    await ready(carol);
    await callAndHangUp(carol, alice);
    passed = true;
  } finally {
    await world.close({ check: passed });
  }
});

/** `caller` calls with its page's call button, `callee` answers, and the callee hangs up: both end idle. */
async function callAndHangUp(caller, callee) {
  await caller.page.locator('cc-call-button[uid]').getByRole('button').click();
  await waitForRinging(callee);
  await accept(callee);
  await Promise.all([waitForStage(caller, 'active'), waitForStage(callee, 'active')]);
  await hangUp(callee);
  await Promise.all([waitForStage(caller, 'idle'), waitForStage(callee, 'idle')]);
}

// 4b, the other order: a normal hang-up's own `ended` is heard, and the survivor sends nothing.
test('the other side hangs up normally: exactly one ended on the wire, the other page sends none', async () => {
  const world = await createWorld(env);
  // A failure in the test body is the news; the after-checks run only when it passed.
  let passed = false;
  const { cloud } = world;
  try {
    const { alice, bob, sessionId } = await oneToOne(world);
    await hangUp(bob);
    await Promise.all([waitForStage(alice, 'idle'), waitForStage(bob, 'idle')]);
    await new Promise((r) => setTimeout(r, 4500));
    assert.deepEqual(cloud.callUpdates(sessionId), ['bob:ongoing', 'bob:ended']);
    passed = true;
  } finally {
    await world.close({ check: passed });
  }
});

// A reload is leaving: a 1:1 call ends for both, once, and neither page is left in it or ringing.
test('a reload in the middle of a 1:1 call ends it for both, with one ended on the wire; after the reload nothing rings and they can call again', async () => {
  const world = await createWorld(env);
  let passed = false;
  const { cloud } = world;
  try {
    const { alice, bob, sessionId } = await oneToOne(world);
    await until(() => cloud.xmpp.occupants(sessionId).length === 2, 'both in the conference');
    // The leave guard asks first (tabs.real.mjs tests that); here bob confirms he is leaving.
    bob.page.on('dialog', (dialog) => void dialog.accept());
    await bob.page.reload();
    const ended = await waitForEvent(alice, 'cc-call-ended', { sessionId }, 20_000);
    assert.equal(ended.reason, 'remote-ended');
    await waitForStage(alice, 'idle');
    await until(() => cloud.calls.get(sessionId)?.status === 'ended', 'the call to be ended on the cloud', 10_000);
    // The reloaded page: ready, and (a few seconds on) nothing of the old call.
    await ready(bob);
    await new Promise((r) => setTimeout(r, 4500));
    // Bob's pagehide ended it, or (when that request did not outlive the page) alice did after her grace: one of them.
    const ends = cloud.callUpdates(sessionId).filter((update) => update.endsWith(':ended'));
    assert.equal(ends.length, 1, `ended on the wire: ${cloud.callUpdates(sessionId).join(', ')}`);
    assert.deepEqual(cloud.xmpp.occupants(sessionId), [], 'nobody is left in the conference');
    assert.equal(await bob.page.evaluate(() => window.CCCalls.state.call), null);
    assert.equal(await ringing(bob), false);
    assert.equal(await stageState(bob), 'idle');
    assert.deepEqual(await events(bob), []);

    // And the SDKs hold no stale call on either side: alice calls bob again.
    await callAndHangUp(alice, bob);
    passed = true;
  } finally {
    await world.close({ check: passed });
  }
});

// 6. The stage's in-call methods on the real calls SDK. Failed on b7a2b29: a bad device id
// resolved, then the SDK's onError ended the call for both (session-failed, PUT ended); and after
// switching a voice call to video, both stages still read "Voice call".
test('in-call methods: a bad audio output rejects with in-call-failed and the call goes on; switching to video makes both stages read Video call', async () => {
  const world = await createWorld(env);
  // A failure in the test body is the news; the after-checks run only when it passed.
  let passed = false;
  const { cloud } = world;
  try {
    const { alice, bob, sessionId } = await oneToOne(world, { callType: 'audio' });
    await Promise.all([waitForStage(alice, 'active'), waitForStage(bob, 'active')]);
    assert.match(await stageStatus(alice), /Voice call/);
    const outputs = await alice.page.evaluate(() => document.querySelector('cc-call-stage').getAudioOutputDevices());
    assert.ok(Array.isArray(outputs));
    alice.expectConsoleErrors.push(/in-call-failed/);
    const bad = await alice.page.evaluate(() =>
      document
        .querySelector('cc-call-stage')
        .setAudioOutputDevice('no-such-device')
        .then(
          () => null,
          (e) => ({ code: e.code, message: e.message }),
        ),
    );
    assert.equal(bad?.code, 'in-call-failed');
    assert.match(bad.message, /no-such-device/);
    await alice.page.evaluate(() => document.querySelector('cc-call-stage').muteAudio(true));
    await alice.page.evaluate(() => document.querySelector('cc-call-stage').muteAudio(false));
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(await stageState(alice), 'active', 'alice is still in the call');
    assert.equal(await stageState(bob), 'active', 'bob is still in the call');
    assert.deepEqual(cloud.callUpdates(sessionId), ['bob:ongoing'], 'nobody ended the call');
    assert.deepEqual(
      (await events(alice, { details: true })).filter((e) => e.name === 'cc-error').map((e) => e.detail.code),
      [],
    );

    // Both listen before the switch starts.
    await bob.page.evaluate(() => {
      window.ccSwitched = 0;
      document.addEventListener('cc-call-switched-to-video', () => window.ccSwitched++);
    });
    await alice.page.evaluate(() => {
      window.ccSwitched = 0;
      document.addEventListener('cc-call-switched-to-video', () => window.ccSwitched++);
      return document.querySelector('cc-call-stage').switchToVideoCall();
    });
    // Bob's calls SDK asks him to accept the switch, in its own UI.
    await bob.page.getByRole('button', { name: 'Accept', exact: true }).click({ timeout: 15_000 });
    await until(
      async () => (await alice.page.evaluate(() => window.ccSwitched)) > 0 && (await bob.page.evaluate(() => window.ccSwitched)) > 0,
      'both pages to hear of the switch',
      // The real calls SDK renegotiates both sessions; with two real-tier files side by side in CI this
      // once took over 15 s (a fresh-clone run on 2026-12-07; it passes in seconds on a quiet machine).
      30_000,
    );
    for (const user of [alice, bob]) {
      await until(async () => /Video call/.test(await stageStatus(user)), `${user.uid}'s stage to read Video call`, 5000);
      assert.doesNotMatch(await stageStatus(user), /Voice call/);
    }
    await hangUp(alice);
    await Promise.all([waitForStage(alice, 'idle'), waitForStage(bob, 'idle')]);
    assert.deepEqual(cloud.callUpdates(sessionId), ['bob:ongoing', 'alice:ended']);
    passed = true;
  } finally {
    await world.close({ check: passed });
  }
});

/**
 * A camera that takes `ms` to open, as many laptop cameras do (an init script: it wraps the fake
 * device). It keeps every stream it hands out in `window.ccStreams`, so the test can see what is live.
 */
function slowCamera(ms) {
  return (context) =>
    context.addInitScript((ms) => {
      window.ccStreams = [];
      const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        if (constraints?.video) await new Promise((r) => setTimeout(r, ms));
        const stream = await open(constraints);
        window.ccStreams.push(stream);
        return stream;
      };
    }, ms);
}

const liveTracks = (user) =>
  user.page.evaluate(() =>
    window.ccStreams
      .flatMap((s) => s.getTracks())
      .filter((t) => t.readyState === 'live')
      .map((t) => t.kind),
  );

// Calls SDK 4.2.6 opens the camera for a switch to video without waiting; when the camera answers
// after the call ended, it connects again to a conference named "Conference". Failed on be895e0
// (and once in CI, on a loaded machine, as "Invalid conference name … roomName=Conference"): both
// cameras stayed on after the hang-up, and the next call failed for both with join-timeout.
test('hanging up while the camera still opens for a switch to video leaves no camera on, and the next call connects', async () => {
  const world = await createWorld(env);
  let passed = false;
  const { cloud } = world;
  const CAMERA_MS = 2500;
  try {
    const { alice, bob, sessionId } = await oneToOne(world, { callType: 'audio', setup: slowCamera(CAMERA_MS) });
    await Promise.all([waitForStage(alice, 'active'), waitForStage(bob, 'active')]);
    await alice.page.evaluate(() => {
      window.ccSwitched = 0;
      document.addEventListener('cc-call-switched-to-video', () => window.ccSwitched++);
      return document.querySelector('cc-call-stage').switchToVideoCall();
    });
    await bob.page.getByRole('button', { name: 'Accept', exact: true }).click({ timeout: 15_000 });
    await until(() => alice.page.evaluate(() => window.ccSwitched > 0), 'alice to hear of the switch');
    assert.deepEqual(await liveTracks(alice), ['audio'], "alice's camera is still opening");
    const hungUpAt = Date.now();
    await hangUp(alice);
    await Promise.all([waitForStage(alice, 'idle'), waitForStage(bob, 'idle')]);
    // Past the moment the cameras answer, with time for what the SDK would do with them.
    await new Promise((r) => setTimeout(r, Math.max(0, hungUpAt + CAMERA_MS + 2000 - Date.now())));
    for (const user of [alice, bob]) assert.deepEqual(await liveTracks(user), [], `${user.uid}'s camera and microphone are off`);
    assert.deepEqual(cloud.callUpdates(sessionId), ['bob:ongoing', 'alice:ended']);
    await callAndHangUp(alice, bob);
    passed = true;
  } finally {
    await world.close({ check: passed });
  }
});
