// Group meetings on CometChat's REAL SDKs: the broadcast, the notice, the card from the group's
// history, joining and leaving without the call endpoints, and the last one out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createWorld, events, ready, start, waitForEvent, waitForStage } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

async function openOwn(world, uid, options) {
  const user = await world.open(uid, 'own-sdk.html', {}, options);
  await user.page.evaluate(() => window.configured);
  await ready(user);
  return user;
}

async function until(predicate, what, timeout = 15_000) {
  const end = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sessionVideo = (user) =>
  user.page.waitForFunction(() => document.querySelector('cc-call-stage [slot="session"] video'), undefined, { timeout: 30_000 });

test('a meeting: one custom meeting message on the wire, the notice joins without acceptCall, a late joiner joins from the history card, everyone leaves without endCall, and the last one out announces the end', async () => {
  const world = await createWorld(env);
  const { cloud } = world;
  try {
    const alice = await openOwn(world, 'alice');
    const bob = await openOwn(world, 'bob');

    await alice.page.locator('cc-call-button[guid="team"]').getByRole('button').click();
    await waitForStage(alice, 'active');
    await sessionVideo(alice);

    // The broadcast, as CometChat's UI kits send it, plus push metadata.
    const sent = cloud.requests({ method: 'POST', path: 'messages' });
    assert.equal(sent.length, 1);
    const { body } = sent[0];
    assert.equal(sent[0].uid, 'alice');
    assert.equal(body.receiver, 'team');
    assert.equal(body.receiverType, 'group');
    assert.equal(body.category, 'custom');
    assert.equal(body.type, 'meeting');
    assert.deepEqual(body.data.customData, { callType: 'video', sessionId: 'team', sessionID: 'team' });
    assert.deepEqual(body.data.metadata ?? body.metadata, {
      incrementUnreadCount: true,
      pushNotification: 'meeting',
      callType: 'video',
      sessionId: 'team',
    });
    assert.deepEqual(body.metadata, { incrementUnreadCount: true, pushNotification: 'meeting', callType: 'video', sessionId: 'team' });
    // Meetings never ring: no call endpoint at all.
    assert.deepEqual(cloud.requests({ path: /^calls/ }), []);
    // It went to bob's device (and carol has no socket yet), not back to alice's own.
    assert.deepEqual(
      cloud.pushes.filter((p) => p.body?.type === 'meeting' && p.delivered).map((p) => p.to),
      ['bob'],
    );

    // Bob: the notice, and Join joins the session (the group's GUID) with no acceptCall.
    const received = await waitForEvent(bob, 'cc-meeting-received');
    assert.deepEqual(
      { ...received, sender: received.sender.id, group: received.group.id },
      { sessionId: 'team', guid: 'team', callType: 'video', sender: 'alice', group: 'team' },
    );
    const notice = bob.page.locator('cc-incoming-call [part="notice"]');
    await notice.waitFor();
    assert.match(await notice.innerText(), /Alice Adams.*Team/s);
    await bob.page.locator('cc-incoming-call [part="join"]').click();
    await waitForStage(bob, 'active');
    await sessionVideo(bob);
    await until(() => cloud.xmpp.occupants('team').length === 2, 'bob in the conference');
    assert.deepEqual(cloud.xmpp.occupants('team').sort(), ['alice', 'bob']);
    assert.deepEqual(
      cloud.requests({ path: 'call_tokens', method: 'POST' }).map((r) => r.body.sessionId),
      ['team', 'team'],
    );

    // Carol opens her page late: the group's history through the SDK's MessagesRequest, a card, Join.
    const carol = await openOwn(world, 'carol');
    const history = await carol.page.evaluate(async () => {
      const messages = await window.groupHistory('team');
      window.CCCalls.noteMeetingHistory(messages);
      const card = document.createElement('cc-meeting-card');
      card.message = messages.at(-1);
      document.getElementById('history').append(card);
      // The script-tag bundle defines the card as its chunk loads (at once, now that one is on the page).
      await customElements.whenDefined('cc-meeting-card');
      await card.updateComplete;
      return { count: messages.length, type: messages.at(-1)?.getType(), state: card.state };
    });
    assert.deepEqual(history, { count: 1, type: 'meeting', state: 'joinable' });
    const [fetch] = cloud.requests({ method: 'GET', path: 'groups/team/messages' });
    assert.ok(fetch, 'MessagesRequest reads GET groups/team/messages');
    await carol.page.locator('cc-meeting-card [part="join"]').click();
    await waitForStage(carol, 'active');
    await until(() => cloud.xmpp.occupants('team').length === 3, 'carol in the conference');
    assert.equal(await carol.page.locator('cc-meeting-card').evaluate((card) => card.state), 'in-meeting');

    // Everyone leaves; nobody calls endCall.
    await carol.page.locator('cc-call-stage [part="end"]').click();
    await waitForStage(carol, 'idle');
    await until(() => cloud.xmpp.occupants('team').length === 2, 'carol out of the conference');
    assert.equal(
      await carol.page.locator('cc-meeting-card').evaluate((card) => card.state),
      'joinable',
      'a meeting still running can be joined again',
    );

    await bob.page.locator('cc-call-stage [part="end"]').click();
    await waitForStage(bob, 'idle');
    // Alone, alice's calls SDK (v4) ends her session itself.
    await waitForStage(alice, 'idle');
    await until(() => cloud.xmpp.occupants('team').length === 0, 'an empty conference');
    await until(() => cloud.requests({ method: 'POST', path: 'messages' }).length === 2, 'meeting_ended');
    const ends = cloud.requests({ method: 'POST', path: 'messages' }).filter((r) => r.body.type === 'meeting_ended');
    assert.equal(ends.length, 1, 'one meeting_ended');
    assert.equal(ends[0].uid, 'alice', 'from the last one out');
    assert.equal(ends[0].body.receiver, 'team');
    assert.deepEqual(cloud.requests({ path: /^calls/ }), [], 'no call endpoint, ever');
    await carol.page.waitForFunction(() => document.querySelector('cc-meeting-card').state === 'ended');

    for (const user of [alice, bob, carol]) {
      const names = await events(user);
      assert.ok(names.includes('cc-call-started') && names.at(-1) === 'cc-call-ended', `${user.uid}: ${names}`);
      assert.ok(!names.includes('cc-error'), `${user.uid}: ${names}`);
    }
  } finally {
    await world.close();
  }
});

/**
 * A screen picker the user answers after `ms` (an init script over getDisplayMedia; the "screen" is
 * the fake camera). Every stream it hands out is kept in `window.ccScreens`.
 */
function slowScreenPicker(ms) {
  return (context) =>
    context.addInitScript((ms) => {
      window.ccScreens = [];
      window.ccPickerOpened = 0;
      navigator.mediaDevices.getDisplayMedia = async () => {
        window.ccPickerOpened++;
        await new Promise((r) => setTimeout(r, ms));
        // The device itself, not the page's getUserMedia (which the bundle guards during a call).
        const stream = await MediaDevices.prototype.getUserMedia.call(navigator.mediaDevices, { video: true });
        window.ccScreens.push(stream);
        return stream;
      };
    }, ms);
}

// Calls SDK 4.2.6 starts a screen share without waiting for the picker; when a screen is picked
// after the user left, its screen-share connection joins the session by itself. Failed on be895e0:
// alice was back in the conference, sharing, after she had left the meeting.
test('leaving a meeting while the screen picker is open shares nothing: the picked screen stops and nobody rejoins', async () => {
  const world = await createWorld(env);
  const { cloud } = world;
  const PICKER_MS = 2500;
  try {
    const alice = await openOwn(world, 'alice', {
      setup: slowScreenPicker(PICKER_MS),
      // lib-jitsi-meet logs the refused share, with our reason.
      expectConsoleErrors: [/getDisplayMedia error .*The call ended before the camera, microphone or screen opened/],
    });
    const bob = await openOwn(world, 'bob');
    await alice.page.locator('cc-call-button[guid="team"]').getByRole('button').click();
    await waitForStage(alice, 'active');
    await sessionVideo(alice);
    await bob.page.locator('cc-incoming-call [part="join"]').click();
    await waitForStage(bob, 'active');
    await until(() => cloud.xmpp.occupants('team').length === 2, 'both in the conference');

    await alice.page.locator('cc-call-stage [slot="session"] #screenShareButton').click();
    await alice.page.waitForFunction(() => window.ccPickerOpened === 1);
    const leftAt = Date.now();
    await alice.page.locator('cc-call-stage [part="end"]').click();
    await waitForStage(alice, 'idle');
    await until(() => !cloud.xmpp.occupants('team').includes('alice'), 'alice out of the conference');
    // Past the moment the screen is picked, with time for what the SDK would do with it.
    await new Promise((r) => setTimeout(r, Math.max(0, leftAt + PICKER_MS + 3000 - Date.now())));
    assert.equal(await alice.page.evaluate(() => window.ccScreens.length), 1, 'the picker answered');
    assert.deepEqual(
      await alice.page.evaluate(() => window.ccScreens.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length),
      0,
      'the picked screen is not captured',
    );
    assert.ok(!cloud.xmpp.occupants('team').includes('alice'), 'alice did not come back');
    assert.deepEqual(
      cloud.xmpp.events.filter((e) => e.uid === 'alice' && e.event === 'join' && e.at > leftAt),
      [],
      'nothing of alice joined after she left',
    );
    // Alone, bob's calls SDK (v4) ends his session itself.
    await waitForStage(bob, 'idle');
  } finally {
    await world.close();
  }
});
