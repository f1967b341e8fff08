// The emulator and the real SDKs agree (issue 8): each flow is written once, below, as a driver
// (what the users click) and the `cc-*` events each user's page must see, and runs on both
// backends: "real" (CometChat's real chat and calls SDKs against the local cloud, cms.html) and
// "emulator" (the same page with its config block switched to the offline emulator,
// emulated.html). Where they differed, the emulator was made to follow the real SDKs.
// The flows with `realIn` run their real backend there instead, inside the test of calls.real.mjs
// that drives the same flow and also checks its wire (`assertAgrees`): one real run of each flow per CI.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createWorld, ready, recordCcEvents, start, waitForEvent, waitForRinging, waitForStage } from './support.mjs';

let env;

const NAMES = { alice: 'Alice Adams', bob: 'Bob Brown', carol: 'Carol Chen' };

/**
 * Each backend opens the users of one flow, each on a page of the same markup, and resolves once
 * all are logged in. `params` fill the fixture's placeholders (to, toName, ringTimeout, groupRing).
 */
const BACKENDS = {
  /** One browser context and one fresh cloud per user, as test/real/*.real.mjs. */
  async real(uids, params, { consoleErrors = {} } = {}) {
    const world = await createWorld(env);
    const users = {};
    try {
      await Promise.all(
        uids.map(
          async (uid) => (users[uid] = await world.open(uid, 'cms.html', params(uid), { expectConsoleErrors: consoleErrors[uid] ?? [] })),
        ),
      );
      await Promise.all(Object.values(users).map((user) => ready(user)));
    } catch (error) {
      await world.close({ check: false });
      throw error;
    }
    return { users, cloud: world.cloud, close: (options) => world.close(options) };
  },
  /** One context for the flow (the emulator's clients meet on a BroadcastChannel), a page per user. */
  async emulator(uids, params) {
    const context = await env.browser.newContext();
    // The browser asks for a favicon now and then; the test server has none (a 404 console error).
    await context.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
    const channel = `agree-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    const users = {};
    const close = async ({ check = true } = {}) => {
      try {
        if (!check) return;
        for (const user of Object.values(users)) {
          assert.deepEqual(user.errors.map(String), [], `${user.uid}'s page threw`);
          assert.deepEqual(user.consoleErrors, [], `${user.uid}'s page logged console errors`);
        }
      } finally {
        await context.close().catch(() => undefined);
      }
    };
    try {
      const open = async (uid) => {
        const page = await context.newPage();
        // `cloud` only so support.mjs can explain a failed wait.
        const user = { uid, page, cloud: { wire: [] }, errors: [], consoleErrors: [] };
        page.on('pageerror', (error) => user.errors.push(error));
        page.on('console', (message) => message.type() === 'error' && user.consoleErrors.push(message.text()));
        page.on('requestfinished', async (request) => {
          const response = await request.response().catch(() => null);
          if (response && response.status() >= 400) user.consoleErrors.push(`HTTP ${response.status()} ${request.url()}`);
        });
        await page.addInitScript(recordCcEvents);
        const query = new URLSearchParams({ uid, channel, ringTimeout: '45', sdkTimeout: '15000', groupRing: '', ...params(uid) });
        await page.goto(`${env.url}/test/real/fixtures/emulated.html?${query}`);
        users[uid] = user;
      };
      await Promise.all(uids.map(open));
      await Promise.all(Object.values(users).map((user) => ready(user)));
    } catch (error) {
      await close({ check: false });
      throw error;
    }
    return { users, close };
  },
};

/**
 * An event as the table writes it: its name without `cc-` / `cc-call-`, then the detail fields that
 * say what happened (kind, status, reason, an error's code). 'ended direct hung-up'.
 */
function label({ name, detail }) {
  const short = name.replace(/^cc-call-/, '').replace(/^cc-/, '');
  const party = detail.callee ?? detail.caller ?? detail.sender;
  const fields = [
    party && `${detail.callee ? 'to' : 'from'}:${party.id}`,
    detail.group && `in:${detail.group.id}`,
    detail.callType,
    detail.kind,
    detail.status,
    detail.reason,
    detail.code,
  ];
  return [short, ...fields].filter((part) => part != null).join(' ');
}

const sequence = (user) => user.page.evaluate(() => window.ccEvents.map(({ name, detail }) => ({ name, detail })));

// ── what users do ──────────────────────────────────────────────────────────

/** `caller` presses its 1:1 call button; resolves once each of `callees` rings. */
async function ring(caller, ...callees) {
  await caller.page.locator('cc-call-button[uid]').getByRole('button').click();
  await waitForEvent(caller, 'cc-call-outgoing');
  await Promise.all(callees.map((callee) => waitForRinging(callee)));
}
const accept = (user) => user.page.getByRole('button', { name: /^Accept/ }).click();
const decline = (user) => user.page.getByRole('button', { name: /^Decline/ }).click();
const cancel = (user) => user.page.locator('cc-call-stage [part="cancel"]').click();
const hangUp = (user) => user.page.locator('cc-call-stage [part="end"]').click();
/** In a call: the stage is active and the session has been joined. */
const inCall = (...users) =>
  Promise.all(users.map(async (user) => (await waitForStage(user, 'active'), waitForEvent(user, 'cc-call-started'))));

// ── the flows, once ────────────────────────────────────────────────────────

/**
 * `users`: who opens a page (each calls `to`, or alice when it is `to`); `drive`: what they do,
 * resolving once the flow is over; `expect`: each user's `cc-*` events, in order, once every
 * stage is idle and nothing rings (but on `stillRinging`'s pages, which must still ring); `real`:
 * console errors the real backend's pages may log, and what to check on its cloud's wire; `realIn`:
 * the file whose test drives the flow on the real SDKs and asserts its events there (`assertAgrees`).
 */
const FLOWS = [
  {
    name: 'ring, accept, the caller hangs up',
    realIn: 'calls.real.mjs',
    users: ['alice', 'bob'],
    async drive({ alice, bob }) {
      await ring(alice, bob);
      await accept(bob);
      await inCall(alice, bob);
      await hangUp(alice);
    },
    expect: {
      alice: ['outgoing to:bob video', 'accepted direct', 'started video direct', 'ended direct hung-up'],
      bob: ['incoming from:alice video direct', 'accepted direct', 'started video direct', 'ended direct remote-ended'],
    },
  },
  {
    name: 'ring, accept, the callee hangs up',
    users: ['alice', 'bob'],
    async drive({ alice, bob }) {
      await ring(alice, bob);
      await accept(bob);
      await inCall(alice, bob);
      await hangUp(bob);
    },
    expect: {
      alice: ['outgoing to:bob video', 'accepted direct', 'started video direct', 'ended direct remote-ended'],
      bob: ['incoming from:alice video direct', 'accepted direct', 'started video direct', 'ended direct hung-up'],
    },
  },
  {
    name: 'the callee declines',
    realIn: 'calls.real.mjs',
    users: ['alice', 'bob'],
    async drive({ alice, bob }) {
      await ring(alice, bob);
      await decline(bob);
    },
    expect: {
      alice: ['outgoing to:bob video', 'rejected rejected', 'ended direct rejected'],
      bob: ['incoming from:alice video direct', 'ended direct declined'],
    },
  },
  {
    name: 'the caller cancels while it rings',
    realIn: 'calls.real.mjs',
    users: ['alice', 'bob'],
    async drive({ alice, bob }) {
      await ring(alice, bob);
      await cancel(alice);
    },
    expect: {
      alice: ['outgoing to:bob video', 'ended direct cancelled'],
      bob: ['incoming from:alice video direct', 'ended direct cancelled'],
    },
  },
  {
    name: 'a third user calls during a call: busy',
    realIn: 'calls.real.mjs',
    users: ['alice', 'bob', 'carol'],
    async drive({ alice, bob, carol }) {
      await ring(alice, bob);
      await accept(bob);
      await inCall(alice, bob);
      await carol.page.locator('cc-call-button[uid]').getByRole('button').click();
      await waitForEvent(carol, 'cc-call-ended');
      await hangUp(bob);
    },
    expect: {
      alice: ['outgoing to:bob video', 'accepted direct', 'started video direct', 'ended direct remote-ended'],
      bob: ['incoming from:alice video direct', 'accepted direct', 'started video direct', 'ended direct hung-up'],
      carol: ['outgoing to:bob video', 'rejected busy', 'ended direct busy'],
    },
  },
  {
    name: 'nobody answers: the ring timeout',
    realIn: 'calls.real.mjs',
    users: ['alice', 'bob'],
    ringTimeout: 3,
    async drive({ alice, bob }) {
      await alice.page.locator('cc-call-button[uid]').getByRole('button').click();
      // Not waiting to see it ring: on a loaded machine a 3 s ring can be over before bob's page shows it.
      await Promise.all([waitForEvent(alice, 'cc-call-ended', {}, 20_000), waitForEvent(bob, 'cc-call-ended', {}, 20_000)]);
    },
    expect: {
      alice: ['outgoing to:bob video', 'rejected unanswered', 'ended direct unanswered'],
      bob: ['incoming from:alice video direct', 'ended direct unanswered'],
    },
  },
  {
    name: 'ringing a group: the caller cancels, every member stops ringing',
    realIn: 'calls.real.mjs',
    users: ['alice', 'bob', 'carol'],
    groupRing: true,
    async drive({ alice, bob, carol }) {
      await alice.page.locator('cc-call-button[guid="team"]').getByRole('button').click();
      await Promise.all([waitForRinging(bob), waitForRinging(carol)]);
      await cancel(alice);
    },
    expect: {
      alice: ['outgoing to:team video', 'ended direct cancelled'],
      bob: ['incoming from:alice video direct', 'ended direct cancelled'],
      carol: ['incoming from:alice video direct', 'ended direct cancelled'],
    },
  },
  {
    // The real chat SDK (4.2.0) takes a group call's `ongoing` only on the initiator's side, so a
    // member who did not answer hears of the answer by reading the group's call messages while it
    // rings, or of the end from its `ended` (issue 15, 4a): either way it stops ringing, taken elsewhere.
    // Failed on b7a2b29: carol rang on until her own ring expiry.
    name: 'ringing a group: one member accepts, the caller hangs up; the other member stops ringing',
    users: ['alice', 'bob', 'carol'],
    groupRing: true,
    async drive({ alice, bob, carol }) {
      await alice.page.locator('cc-call-button[guid="team"]').getByRole('button').click();
      await Promise.all([waitForRinging(bob), waitForRinging(carol)]);
      await accept(bob);
      await inCall(alice, bob);
      await hangUp(alice);
    },
    expect: {
      alice: ['outgoing to:team video', 'accepted direct', 'started video direct', 'ended direct hung-up'],
      bob: ['incoming from:alice video direct', 'accepted direct', 'started video direct', 'ended direct remote-ended'],
      carol: ['incoming from:alice video direct', 'ended direct elsewhere'],
    },
  },
  {
    // As with an answer: a group call's `rejected` reaches only the initiator's SDK; the other member
    // reads that the call is over from the group's call messages. Failed on b7a2b29 (carol rang on).
    name: 'ringing a group: one member declines, the caller sees it declined; the other member stops ringing',
    users: ['alice', 'bob', 'carol'],
    groupRing: true,
    async drive({ alice, bob, carol }) {
      await alice.page.locator('cc-call-button[guid="team"]').getByRole('button').click();
      await Promise.all([waitForRinging(bob), waitForRinging(carol)]);
      await decline(bob);
    },
    expect: {
      alice: ['outgoing to:team video', 'rejected rejected', 'ended direct rejected'],
      bob: ['incoming from:alice video direct', 'ended direct declined'],
      carol: ['incoming from:alice video direct', 'ended direct elsewhere'],
    },
  },
  {
    name: 'ringing a group with a short ring timeout: a member accepts, and the call outlives the timeout',
    users: ['alice', 'bob'],
    groupRing: true,
    // Long enough for bob to answer first on a loaded machine.
    ringTimeout: 8,
    real: {
      // The real chat SDK clears the caller's ring timer when a 1:1 call is answered, but not a
      // group call: ringTimeout after placing it, alice's SDK sends `unanswered` for a call that is
      // ongoing; the cloud refuses it (400, logged by the browser) and the SDK forgets its active
      // call all the same (endCallSession). Alice's hang-up still sends `ended` (issue 15, 4c: the
      // adapter gives the SDK its call back first); on b7a2b29 nothing was sent and the call stayed
      // ongoing in the cloud. The emulator does the same (see emulator/chat.ts #expire, #initiate).
      consoleErrors: { alice: [/status of 400/] },
      check(cloud) {
        assert.deepEqual(cloud.callUpdates(), ['bob:ongoing', 'alice:unanswered', 'alice:ended']);
        assert.equal(cloud.wire.find((r) => r.method === 'PUT' && r.body?.status === 'unanswered').status, 400);
        assert.equal(cloud.wire.find((r) => r.method === 'PUT' && r.body?.status === 'ended').status, 200);
      },
    },
    async drive({ alice, bob }) {
      await alice.page.locator('cc-call-button[guid="team"]').getByRole('button').click();
      const placed = Date.now();
      await waitForRinging(bob);
      await accept(bob);
      await inCall(alice, bob);
      // Still in the call a second after the caller's ring timeout.
      await new Promise((r) => setTimeout(r, Math.max(0, placed + 9000 - Date.now())));
      await hangUp(alice);
    },
    expect: {
      alice: ['outgoing to:team video', 'accepted direct', 'started video direct', 'ended direct hung-up'],
      bob: ['incoming from:alice video direct', 'accepted direct', 'started video direct', 'ended direct remote-ended'],
    },
  },
  {
    name: 'a meeting: started, a member joins from the notice, both leave',
    users: ['alice', 'bob'],
    async drive({ alice, bob }) {
      await alice.page.locator('cc-call-button[guid="team"]').getByRole('button').click();
      await inCall(alice);
      await bob.page.locator('cc-incoming-call [part="join"]').click();
      await inCall(bob);
      await hangUp(bob);
      // Alone, alice's session ends by itself (the calls SDK v4 ends the last participant's session).
    },
    expect: {
      // Alone, alice's session ended by itself: the calls SDK v4 ends the last participant's session.
      alice: ['started video meeting', 'ended meeting left'],
      bob: ['meeting-received from:alice in:team video', 'started video meeting', 'ended meeting left'],
    },
  },
];

/**
 * Runs the flows `pick` chooses, on both backends, in the calling test file. The flows are split over
 * two files (1:1 calls, group calls and meetings) so that `npm test` can run them side by side.
 */
export function agree(pick) {
  before(async () => {
    env = await start();
  });
  after(() => env?.close());
  for (const flow of FLOWS.filter(pick)) runFlow(flow);
}

/**
 * Waits until the flow is over for everyone (no stage open; nothing ringing, but on `stillRinging`'s
 * pages), then a moment for a late event; resolves with each user's events, labelled.
 */
async function settledEvents(users, stillRinging = []) {
  await Promise.all(Object.values(users).map((user) => waitForStage(user, 'idle')));
  await Promise.all(Object.values(users).map((user) => waitForRinging(user, stillRinging.includes(user.uid))));
  await new Promise((r) => setTimeout(r, 300));
  const seen = {};
  for (const [uid, user] of Object.entries(users)) seen[uid] = (await sequence(user)).map(label);
  return seen;
}

/**
 * The real backend of the flow `name` (one with `realIn`), asserted by the test that drove it on
 * the real SDKs: `users` by uid, once that test's own flow is over.
 */
export async function assertAgrees(name, users) {
  const flow = FLOWS.find((f) => f.name === name);
  assert.ok(flow?.realIn, `${name} is a flow whose real backend runs elsewhere`);
  assert.deepEqual(await settledEvents(users, flow.stillRinging), flow.expect, `real: the events each page saw (${name})`);
}

function runFlow(flow) {
  describe(flow.name, () => {
    for (const backend of Object.keys(BACKENDS)) {
      if (backend === 'real' && flow.realIn) continue; // asserted in that file, with the wire
      test(backend, async () => {
        const params = (uid) => {
          const to = flow.users.includes('bob') && uid !== 'bob' ? 'bob' : 'alice';
          return { to, toName: NAMES[to], ringTimeout: String(flow.ringTimeout ?? 45), groupRing: flow.groupRing ? 'ring' : '' };
        };
        const { users, cloud, close } = await BACKENDS[backend](flow.users, params, { consoleErrors: flow.real?.consoleErrors });
        let ok = false;
        try {
          await flow.drive(users);
          const stillRinging = flow.stillRinging ?? [];
          const seen = await settledEvents(users, stillRinging);
          for (const uid of stillRinging)
            assert.equal(await users[uid].page.getByRole('alertdialog').isVisible(), true, `${backend}: ${uid} still rings`);
          assert.deepEqual(seen, flow.expect, `${backend}: the events each page saw`);
          if (cloud) flow.real?.check?.(cloud);
          ok = true;
        } finally {
          await close({ check: ok });
        }
      });
    }
  });
}
