// How a page gets CometChat's REAL SDKs: the bundle loads its own chunks (a CMS page with only
// the JSON config block), or the page brings and logs in its own and hands them to configure().
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  chunkPath,
  createWorld,
  events,
  listenerCounts,
  ready,
  sdkChunksFetched,
  spyOnListeners,
  start,
  waitForEvent,
  waitForRinging,
  waitForStage,
} from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

/** Ring, accept, wait for both sessions, hang up, wait for both stages to close. Returns the session id. */
async function fullCall(alice, bob) {
  await alice.page.locator('cc-call-button[uid]').getByRole('button').click();
  const { sessionId } = await waitForEvent(alice, 'cc-call-outgoing');
  await waitForRinging(bob);
  await bob.page.getByRole('button', { name: /^Accept/ }).click();
  await Promise.all([waitForStage(alice, 'active'), waitForStage(bob, 'active')]);
  for (const user of [alice, bob]) await user.page.waitForFunction(() => document.querySelector('cc-call-stage [slot="session"] video'));
  await alice.page.locator('cc-call-stage [part="end"]').click();
  await Promise.all([waitForStage(alice, 'idle'), waitForStage(bob, 'idle')]);
  return sessionId;
}

test('a CMS page with only the JSON config block: the bundle loads its chat SDK chunk, logs in, registers one call and one message listener, and fetches the calls SDK only for the first call', async () => {
  const world = await createWorld(env);
  try {
    const spy = (context) => spyOnListeners(context, { chunk: chunkPath('cometchat-chat-sdk') });
    const alice = await world.open('alice', 'cms.html', { to: 'bob', toName: 'Bob Brown' }, { setup: spy });
    const bob = await world.open('bob', 'cms.html', { to: 'alice', toName: 'Alice Adams' }, { setup: spy });
    await Promise.all([ready(alice), ready(bob)]);

    for (const user of [alice, bob]) {
      assert.deepEqual(sdkChunksFetched(user), ['cometchat-chat-sdk'], `${user.uid}: the chat SDK chunk, and not the calls SDK chunk yet`);
      assert.deepEqual(await listenerCounts(user), { wrapped: true, call: 1, message: 1 });
      // Logged in with the block's auth token: one PUT me with it, and no auth-key login.
      const logins = world.cloud.requests({ method: 'PUT', path: 'me', uid: user.uid });
      assert.equal(logins.length, 1);
      assert.equal(logins[0].host, `${world.cloud.appId}.apiclient-${world.cloud.region}.cometchat.io`);
      assert.equal(world.cloud.isOnline(user.uid), true, `${user.uid}'s chat socket is up`);
    }
    assert.deepEqual(world.cloud.requests({ path: /auth_tokens$/ }), []);
    const user = await alice.page.evaluate(() => window.CCCalls.state.user);
    assert.equal(user.id, 'alice');
    assert.equal(user.name, 'Alice Adams');

    const sid = await fullCall(alice, bob);
    assert.deepEqual(world.cloud.callUpdates(sid), ['bob:ongoing', 'alice:ended']);
    for (const u of [alice, bob]) {
      assert.deepEqual(
        sdkChunksFetched(u),
        ['cometchat-chat-sdk', 'cometchat-calls-sdk'],
        `${u.uid}: the calls SDK chunk once, for the call`,
      );
      assert.deepEqual(await listenerCounts(u), { wrapped: true, call: 1, message: 1 }, 'still one of each after a call');
    }
    // One listener: the call rang once on bob's page.
    assert.equal((await events(bob)).filter((e) => e === 'cc-call-incoming').length, 1);
  } finally {
    await world.close();
  }
});

test('a page that brings its own SDKs and logs in itself (auth key) hands them to configure(): no SDK chunk of ours is fetched, and a call works', async () => {
  const world = await createWorld(env);
  try {
    const alice = await world.open('alice', 'own-sdk.html', { to: 'bob', toName: 'Bob Brown' }, { setup: (c) => spyOnListeners(c) });
    const bob = await world.open('bob', 'own-sdk.html', { to: 'alice', toName: 'Alice Adams' }, { setup: (c) => spyOnListeners(c) });
    for (const user of [alice, bob]) {
      await user.page.evaluate(() => window.configured);
      await ready(user);
      assert.deepEqual(await listenerCounts(user), { wrapped: true, call: 1, message: 1 });
      // The page's own login: an auth token from the admin API with the auth key, then PUT me.
      const [keyLogin] = world.cloud.requests({ method: 'POST', path: `users/${user.uid}/auth_tokens` });
      assert.ok(keyLogin, `${user.uid} logged in with the auth key`);
      assert.equal(keyLogin.host, `${world.cloud.appId}.api-${world.cloud.region}.cometchat.io`);
      assert.equal(world.cloud.requests({ method: 'PUT', path: 'me', uid: user.uid }).length, 1, 'configure() does not log in again');
    }
    // Presence through the chat socket: alice's SDK hears bob come online.
    await alice.page.waitForFunction(() => window.presence.includes('bob:online'));
    const sid = await fullCall(alice, bob);
    assert.deepEqual(world.cloud.callUpdates(sid), ['bob:ongoing', 'alice:ended']);
    for (const user of [alice, bob]) assert.deepEqual(sdkChunksFetched(user), [], `${user.uid} fetched no SDK chunk of ours`);
    await bob.context.close();
    await alice.page.waitForFunction(() => window.presence.includes('bob:offline'));
    assert.deepEqual(await events(alice), ['cc-call-outgoing', 'cc-call-accepted', 'cc-call-started', 'cc-call-ended']);
  } finally {
    await world.close();
  }
});

/** Records the page's CSP violations as `directive blocked-uri` in `window.violations`. */
function recordViolations(context) {
  return context.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}

/** What README's Security section says a page needs for real calls: the elements' strict policy plus what the calls SDK needs. */
const CALLS_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' https://cdn.cometchat.io",
  "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
  "font-src 'self' https://fonts.gstatic.com",
  "connect-src 'self' https://*.cometchat.io wss://*.cometchat.io",
  "img-src 'self' data: blob: https://*.cometchat.io",
  "media-src 'self' blob:",
].join('; ');

test("a page whose Content-Security-Policy allows what the calls SDK needs ('unsafe-eval', inline styles) completes a call with no violation", async () => {
  const world = await createWorld(env);
  try {
    const open = (uid, to) => world.open(uid, 'cms.html', { to, csp: CALLS_POLICY }, { setup: recordViolations });
    const alice = await open('alice', 'bob');
    const bob = await open('bob', 'alice');
    await Promise.all([ready(alice), ready(bob)]);
    const sid = await fullCall(alice, bob);
    assert.deepEqual(world.cloud.callUpdates(sid), ['bob:ongoing', 'alice:ended']);
    for (const user of [alice, bob])
      assert.deepEqual(await user.page.evaluate(() => window.violations), [], `${user.uid}'s CSP violations`);
  } finally {
    await world.close();
  }
});

// Calls SDK 4.2.6 swallows a refused eval (its script loader logs it) and then never connects: before,
// an accepted call sat in Connecting… until joinTimeout. Now each page finds the refusal as the SDK
// loads ahead (the caller's on the press, the callee's while ringing), and calling stops there.
for (const [refuses, policy, refusal] of [
  ['eval', "default-src 'self'; connect-src 'self' https: wss:", /evaluating code from a string \(script-src\)/],
  [
    'a script URL without Trusted Types',
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; connect-src 'self' https: wss:; require-trusted-types-for 'script'; trusted-types lit-html",
    /a script URL with no Trusted Types policy \(require-trusted-types-for\)/,
  ],
]) {
  test(`a page whose Content-Security-Policy refuses the calls SDK ${refuses}: as the SDK loads, the call that could never connect ends on both sides with calls-sdk-failed saying what the policy needs, and calling turns unavailable`, async () => {
    const world = await createWorld(env);
    try {
      // The browser's reports of each refusal, the SDK's script loader's, and ours.
      const expectConsoleErrors = [
        /Content Security Policy|'default-src' is used as a fallback|requires 'TrustedScript(URL)?' assignment/,
        /^\[Script Loader\] EvalError: Evaluating a string as JavaScript violates/,
        /^\[cc-call-elements\] calls-sdk-failed: This page's Content-Security-Policy refused/,
      ];
      const open = (uid, to) => world.open(uid, 'cms.html', { to, csp: policy }, { expectConsoleErrors });
      const alice = await open('alice', 'bob');
      const bob = await open('bob', 'alice');
      await Promise.all([ready(alice), ready(bob)]);
      await alice.page.locator('cc-call-button[uid]').getByRole('button').click();
      const { sessionId } = await waitForEvent(alice, 'cc-call-outgoing');
      for (const user of [alice, bob]) {
        const { message } = await waitForEvent(user, 'cc-error', { code: 'calls-sdk-failed' });
        assert.match(message, refusal);
        assert.match(message, /needs script-src 'unsafe-eval', style-src 'unsafe-inline', and no require-trusted-types-for 'script'/);
      }
      await Promise.all([waitForStage(alice, 'idle'), waitForStage(bob, 'idle'), waitForRinging(bob, false)]);
      assert.equal((await waitForEvent(alice, 'cc-call-ended', { sessionId })).reason, 'failed');
      // Bob's page stops ringing as it finds the refusal, or hears alice's cancel first.
      assert.match((await waitForEvent(bob, 'cc-call-ended', { sessionId })).reason, /^(failed|cancelled)$/);
      assert.deepEqual(world.cloud.callUpdates(sessionId), ['alice:cancelled'], 'bob never answered; alice cancelled');
      for (const user of [alice, bob]) {
        const button = user.page.locator('cc-call-button[uid]').getByRole('button');
        await button.and(user.page.locator('[aria-disabled="true"]')).waitFor();
        assert.match(
          await user.page.locator('cc-call-button[uid] [part="reason"]').textContent(),
          /not available/i,
          `${user.uid}'s call button says why`,
        );
        assert.equal((await events(user)).filter((name) => name === 'cc-error').length, 1, `${user.uid}: one cc-error`);
      }
    } finally {
      await world.close();
    }
  });
}
