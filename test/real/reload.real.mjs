// A reload in the middle of a meeting, on CometChat's REAL SDKs: after configure() the page reads
// the chat history through the SDK's own GroupsRequest and MessagesRequest (answered by the local
// cloud from the messages it stored), offers the meeting again, and Join puts the user back in the
// same session. A meeting with a later meeting_ended is not offered.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createWorld, events, ready, start, waitForStage } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

async function until(predicate, what, timeout = 20_000) {
  const end = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** How long a session may take to start here (the bundle's own bound is the page's sdkTimeout). */
const SESSION_START = 60_000;
const notice = (user) => user.page.locator('cc-incoming-call [part="notice"]');
const join = (user) => user.page.locator('cc-incoming-call [part="join"]');
const occupants = (cloud) => cloud.xmpp.occupants('team').sort();

/** Carol's history reads after her `n`-th page load (each load reads the groups, then each group). */
function historyReads(cloud, since) {
  return cloud.wire.filter(
    (r) => r.uid === 'carol' && r.method === 'GET' && r.at >= since && (r.path === 'groups' || r.path === 'groups/team/messages'),
  );
}

test('a reload in the middle of a meeting offers it again from the chat history, and Join puts the user back in the same session; once it has ended, a reload offers nothing', async () => {
  const world = await createWorld(env);
  const { cloud } = world;
  let passed = false;
  try {
    // A real calls SDK session can take more than the usual 15 s to start on a busy 2-core machine.
    const slowMachine = { sdkTimeout: '40000' };
    const alice = await world.open('alice', 'cms.html', slowMachine);
    const carol = await world.open('carol', 'cms.html', slowMachine);
    await Promise.all([ready(alice), ready(carol)]);

    // Alice starts the team's meeting; Carol's page shows the live notice.
    await alice.page.locator('cc-call-button[guid="team"]').getByRole('button').click();
    await waitForStage(alice, 'active', SESSION_START);
    await notice(carol).waitFor({ timeout: 20_000 });
    await until(() => occupants(cloud).join() === 'alice', 'alice in the conference');

    // Carol reloads (or moves to another page of the site). Nothing on the new page was rebuilt to offer the
    // meeting, but the chat history does.
    const reloadedAt = Date.now();
    await carol.page.reload();
    await ready(carol);
    await notice(carol).waitFor({ timeout: 20_000 });
    assert.match(await notice(carol).innerText(), /Alice Adams.*Team/s);

    // What the real SDK asked the cloud for: one page of 20 joined groups, then the team's newest 10 meeting messages.
    const reads = historyReads(cloud, reloadedAt);
    const groups = reads.find((r) => r.path === 'groups');
    assert.ok(groups, 'GroupsRequest reads GET groups');
    assert.deepEqual(
      { per_page: groups.query.per_page, hasJoined: groups.query.hasJoined, page: groups.query.page },
      { per_page: '20', hasJoined: '1', page: '1' },
    );
    assert.deepEqual(
      groups.answer.data.map((g) => g.guid),
      ['team'],
    );
    const messages = reads.find((r) => r.path === 'groups/team/messages');
    assert.ok(messages, 'MessagesRequest reads GET groups/team/messages');
    assert.equal(messages.query.per_page, '10');
    assert.equal(messages.query.affix, 'prepend');
    assert.deepEqual(
      messages.answer.data.map((m) => m.type),
      ['meeting'],
      'the cloud answered from what it stored',
    );
    assert.ok(!(await events(carol)).includes('cc-error'));

    // Join: the same session (the group's GUID), with Alice.
    await join(carol).click();
    await waitForStage(carol, 'active', SESSION_START);
    await until(() => occupants(cloud).join() === 'alice,carol', 'carol in the conference');
    assert.deepEqual(
      cloud.requests({ path: 'call_tokens', method: 'POST' }).map((r) => `${r.uid}:${r.body.sessionId}`),
      ['alice:team', 'carol:team'],
    );
    assert.deepEqual(cloud.requests({ path: /^calls/ }), [], 'a meeting never uses the call endpoints');

    // Carol leaves; alone, Alice's session ends and she announces the end. A reload now offers nothing.
    await carol.page.locator('cc-call-stage [part="end"]').click();
    await waitForStage(carol, 'idle');
    await waitForStage(alice, 'idle');
    await until(() => cloud.requests({ method: 'POST', path: 'messages' }).some((r) => r.body.type === 'meeting_ended'), 'meeting_ended');
    const secondReload = Date.now();
    await carol.page.reload();
    await ready(carol);
    await until(
      () => historyReads(cloud, secondReload).some((r) => r.path === 'groups/team/messages' && r.status === 200),
      'the history read after the second reload',
    );
    const [read] = historyReads(cloud, secondReload).filter((r) => r.path === 'groups/team/messages');
    assert.deepEqual(
      read.answer.data.map((m) => m.type),
      ['meeting', 'meeting_ended'],
    );
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await notice(carol).count(), 0, 'an ended meeting is not offered');
    assert.deepEqual(
      (await events(carol)).filter((name) => name === 'cc-meeting-received' || name === 'cc-error'),
      [],
    );
    passed = true;
  } finally {
    // After a failure, its own message (not the page's console) is the one to read.
    await world.close({ check: passed });
  }
});
