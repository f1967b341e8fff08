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

async function openOwn(world, uid) {
  const user = await world.open(uid, 'own-sdk.html');
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
