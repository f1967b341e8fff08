// The local cloud on its own, without a browser: its answers, its refusals, and that it fails
// loudly on what it does not understand. Fake Playwright routes stand in for the pages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCloud, DEFAULT_DIRECTORY } from '../../cloud/index.mjs';

/** Attaches `cloud` to a fake context; returns `send(method, url, { headers, body })` → `{ status, body }`. */
async function fakePage(cloud, uid) {
  let onRoute;
  const context = {
    route: async (_match, handler) => void (onRoute = handler),
    routeWebSocket: async () => undefined,
  };
  await cloud.attach(context, { uid });
  return async (method, url, { headers = {}, body } = {}) => {
    let answer = null;
    const route = {
      request: () => ({
        url: () => url,
        method: () => method,
        allHeaders: async () => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
        postData: () => (body === undefined ? null : JSON.stringify(body)),
      }),
      fulfill: async ({ status, body: text }) => void (answer = { status, body: text ? JSON.parse(text) : null }),
      abort: async (reason) => void (answer = { aborted: reason }),
    };
    await onRoute(route);
    return answer;
  };
}

const api = (cloud, path) => `https://${cloud.hosts.client}/v3.0/${path}`;

test('the cloud logs a user in with an auth token and hands the SDK its settings and socket credential', async () => {
  const cloud = createCloud(DEFAULT_DIRECTORY);
  const send = await fakePage(cloud, 'alice');
  const answer = await send('PUT', api(cloud, 'me'), {
    headers: { authToken: cloud.tokenFor('alice'), resource: 'dev-1' },
    body: { platform: 'WEB' },
  });
  assert.equal(answer.status, 200);
  assert.equal(answer.body.data.uid, 'alice');
  assert.equal(answer.body.data.settings.CHAT_HOST, cloud.hosts.chat);
  assert.equal(answer.body.data.settings.ANALYTICS_PING_DISABLED, true);
  assert.equal(answer.body.data.jwt.split('.').length, 3);
  const denied = await send('PUT', api(cloud, 'me'), { headers: { authToken: 'nobody' } });
  assert.equal(denied.status, 401);
  assert.equal(denied.body.error.code, 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
  cloud.assertClean();
});

test('a request the cloud does not understand is answered with an error and makes assertClean throw', async () => {
  const cloud = createCloud(DEFAULT_DIRECTORY);
  const send = await fakePage(cloud, 'alice');
  const answer = await send('GET', api(cloud, 'reactions'), { headers: { authToken: cloud.tokenFor('alice') } });
  assert.equal(answer.status, 404);
  assert.equal(answer.body.error.code, 'ERR_LOCAL_CLOUD_UNKNOWN');
  const elsewhere = await send('GET', 'https://example.com/tracker.js');
  assert.ok(elsewhere.aborted);
  assert.equal(cloud.unexpected.length, 2);
  assert.throws(() => cloud.assertClean(), /does not understand/);
  // Assets the calls SDK fetches are aborted quietly.
  const font = await send('GET', 'https://fonts.googleapis.com/css?family=Inter');
  assert.ok(font.aborted);
  assert.equal(cloud.unexpected.length, 2);
});

test("a call that is over stays over: the cloud refuses accepting or cancelling it, in CometChat's error shape", async () => {
  const cloud = createCloud(DEFAULT_DIRECTORY);
  const alice = await fakePage(cloud, 'alice');
  const bob = await fakePage(cloud, 'bob');
  const as = (uid) => ({ authToken: cloud.tokenFor(uid), resource: `${uid}-device` });
  const initiated = await alice('POST', api(cloud, 'calls'), {
    headers: as('alice'),
    body: { type: 'video', receiverType: 'user', receiver: 'bob', category: 'call', status: 'initiated' },
  });
  assert.equal(initiated.status, 200);
  const call = initiated.body.data;
  const sid = call.data.entities.on.entity.sessionid;
  assert.equal(call.data.entities.by.entity.uid, 'alice');
  assert.equal(call.data.entities.on.entity.data.entities.sender.entity.uid, 'alice');
  assert.equal(call.data.entities.for.entity.uid, 'bob');

  assert.equal((await alice('PUT', api(cloud, `calls/${sid}`), { headers: as('alice'), body: { status: 'cancelled' } })).status, 200);
  const late = await bob('PUT', api(cloud, `calls/${sid}`), { headers: as('bob'), body: { status: 'ongoing' } });
  assert.equal(late.status, 400);
  assert.deepEqual(Object.keys(late.body.error).sort(), ['code', 'message']);
  // The code CometChat's calls REST API documents, and the emulator's too (model/calls.js).
  assert.equal(late.body.error.code, 'ERR_CALL_TERMINATED');
  assert.deepEqual(cloud.callUpdates(sid), ['alice:cancelled', 'bob:ongoing']);
  // bob had no socket: the pushes are recorded as not delivered.
  assert.ok(cloud.pushes.filter((p) => p.to === 'bob').every((p) => !p.delivered));
  cloud.assertClean();
});

test('the cloud refuses what the emulator refuses, with the codes CometChat documents (model/calls.js)', async () => {
  const cloud = createCloud(DEFAULT_DIRECTORY);
  const send = await fakePage(cloud, 'alice');
  const as = (uid) => ({ headers: { authToken: cloud.tokenFor(uid), resource: `${uid}-device` } });
  const place = async (from, to, receiverType = 'user') =>
    send('POST', api(cloud, 'calls'), {
      ...as(from),
      body: { type: 'video', receiverType, receiver: to, category: 'call', status: 'initiated' },
    });
  const set = async (uid, sid, status) =>
    (await send('PUT', api(cloud, `calls/${sid}`), { ...as(uid), body: { status } })).body.error?.code ?? 'ok';

  assert.equal((await place('alice', 'alice')).body.error.code, 'ERR_CALLING_SELF');
  assert.equal((await place('dave', 'team', 'group')).body.error.code, 'ERR_GROUP_NOT_JOINED');
  const sid = (await place('alice', 'bob')).body.data.data.entities.on.entity.sessionid;
  assert.deepEqual(
    [
      await set('alice', sid, 'ended'), // never answered
      await set('carol', sid, 'ongoing'), // not called
      await set('alice', sid, 'ongoing'), // only a receiver answers
      await set('bob', sid, 'ongoing'),
      await set('bob', sid, 'ongoing'), // answered already
      await set('alice', sid, 'cancelled'), // an ongoing call can only end
      await set('bob', sid, 'ended'),
      await set('alice', sid, 'ended'), // over
    ],
    [
      'ERR_CALL_NOT_STARTED',
      'ERR_CALL_NOT_A_PART',
      'ERR_CALL_NOT_A_PART',
      'ok',
      'ERR_CALL_USER_ALREADY_JOINED',
      'ERR_CALL_ONGOING_TO_INVALID',
      'ok',
      'ERR_CALL_TERMINATED',
    ],
  );
  cloud.assertClean();
});

test("injected faults answer in CometChat's error shape, for as many requests as asked", async () => {
  const cloud = createCloud(DEFAULT_DIRECTORY);
  const send = await fakePage(cloud, 'alice');
  cloud.fail('GET', 'settings', { code: 'ERR_SETTINGS', message: 'no settings', status: 503, times: 1 });
  const first = await send('GET', api(cloud, 'settings'));
  assert.deepEqual(first, { status: 503, body: { error: { code: 'ERR_SETTINGS', message: 'no settings' } } });
  assert.equal((await send('GET', api(cloud, 'settings'))).status, 200);
  cloud.assertClean();
});
