/**
 * A local CometChat cloud for tests and demos: the REST API, the chat WebSocket and a minimal
 * calls backend (call tokens and an XMPP-over-WebSocket conference), enough for CometChat's REAL
 * `@cometchat/chat-sdk-javascript` 4.2.0 and `@cometchat/calls-sdk-javascript` 4.2.6 to log in,
 * ring, accept, decline, cancel, end, time out, send group messages and render sessions.
 *
 * It has no network of its own. `cloud.attach(context, { uid })` serves it to one Playwright
 * BrowserContext through `context.route()` and `context.routeWebSocket()`; every context of a
 * test shares one cloud (one directory, one set of calls, messages and sockets).
 *
 * What the SDKs send and expect is written down in /work/shared/COMETCHAT-WIRE.md. Everything
 * the cloud does not understand is recorded in `cloud.unexpected` (tests assert it stays empty)
 * and answered with an error, never silently.
 *
 *   const cloud = createCloud({ users: [{ uid: 'alice', name: 'Alice Adams' }], groups: [...] });
 *   await cloud.attach(aliceContext, { uid: 'alice' });
 *   ...
 *   cloud.requests({ method: 'PUT', path: /^calls\// })   // the recorded wire
 *   cloud.assertClean()                                  // nothing unexpected happened
 *
 * Pin the SDK versions: this depends on their internals.
 */
import { DEMO_GROUPS, DEMO_USERS, refuseCall, refuseStatus } from '../model/index.js';
import { createHistory } from './history.mjs';
import { createXmppServer } from './xmpp.mjs';

/**
 * @typedef {{ uid: string, name: string, avatar?: string }} UserEntry
 * @typedef {{ guid: string, name: string, type?: string, members: string[] }} GroupEntry
 * @typedef {{ at: number, method: string, host: string, path: string, query: Record<string,string>,
 *   body: any, device: string | null, uid: string | null, status?: number }} WireRecord
 * @typedef {{ method?: string, path: string | RegExp, error?: { code: string, message?: string },
 *   status?: number, hang?: boolean, delay?: number, times?: number, body?: (record: WireRecord) => boolean }} Fault
 */

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
  'access-control-max-age': '600',
};

/** Hosts the SDKs fetch assets from (fonts, noise-suppression models, backgrounds): aborted quietly. */
const QUIET_BLOCK = /^(?:fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.cometchat\.io)$/;

const now = () => Math.floor(Date.now() / 1000);

function b64url(value) {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A JWT-shaped token (the SDKs only decode it; nobody checks the signature). */
export function fakeJwt(payload) {
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.${b64url('local-cloud-signature')}`;
}

function decodeJwt(token) {
  try {
    return JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

function isLoopback(url) {
  const { hostname, protocol } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * Creates one cloud: the state one test shares between all of its pages.
 *
 * @param {{ appId?: string, region?: string, authKey?: string, users?: UserEntry[], groups?: GroupEntry[],
 *   log?: (line: string) => void }} [options]
 */
export function createCloud(options = {}) {
  const appId = options.appId ?? 'local-app';
  const region = options.region ?? 'us';
  const authKey = options.authKey ?? 'local-auth-key';
  const log = options.log ?? (() => undefined);
  const clientHost = `${appId}.apiclient-${region}.cometchat.io`;
  const adminHost = `${appId}.api-${region}.cometchat.io`;
  const chatHost = `${appId}.websocket-${region}.cometchat.io`;
  const callHost = `${appId}.call-${region}.cometchat.io`;
  const webrtcHost = `rtc-${region}.local-cloud.cometchat.io`;
  const analyticsHost = `metrics-${region}.local-cloud.cometchat.io`;

  /** @type {Map<string, UserEntry>} */
  const users = new Map((options.users ?? []).map((u) => [u.uid, { ...u }]));
  /** @type {Map<string, GroupEntry>} */
  const groups = new Map((options.groups ?? []).map((g) => [g.guid, { type: 'public', ...g, members: [...g.members] }]));
  /** authToken → uid. Each user has `<uid>-token`; `issueToken` makes more. */
  const tokens = new Map([...users.keys()].map((uid) => [`${uid}-token`, uid]));
  /** The chat WebSocket's credential (the login answer's `jwt`) → uid. */
  const jwts = new Map();
  /** @type {WireRecord[]} */
  const wire = [];
  /** Frames the pages sent on the chat WebSocket. */
  const frames = [];
  /** Pushes the cloud sent (or could not send because the socket was down). */
  const pushes = [];
  /** Requests and frames the cloud did not understand. */
  const unexpected = [];
  /** Asset requests aborted on purpose (fonts, cdn.cometchat.io). */
  const blocked = [];
  /** @type {Fault[]} */
  const faults = [];
  /** Hung requests, answered with an error when the cloud is disposed. */
  const hanging = new Set();
  /** @type {Map<string, any>} session id → call */
  const calls = new Map();
  /** Every message sent (call messages included), in order. */
  const messages = [];
  let messageId = 100;
  let callSequence = 0;
  /** Chat sockets: { uid, device, ws, context, authed } */
  const sockets = new Set();
  /** uid → true while that user's chat socket is held down by a test. */
  const down = new Set();
  const attached = [];
  const xmpp = createXmppServer({ domain: webrtcHost, log, onUnexpected: (what) => unexpected.push(what) });

  const settings = {
    CLIENT_API_HOST: clientHost,
    ADMIN_API_HOST: `${adminHost}/v3.0`,
    CHAT_API_VERSION: 'v3.0',
    CHAT_HOST: chatHost,
    CHAT_WSS_PORT: '443',
    CHAT_WS_PORT: '80',
    CHAT_USE_SSL: true,
    WEBRTC_HOST: webrtcHost,
    ANALYTICS_HOST: analyticsHost,
    ANALYTICS_VERSION: 'v1',
    ANALYTICS_PING_DISABLED: true,
    ANALYTICS_USE_SSL: true,
    APP_VERSION: 4,
    MODE: 'DEFAULT',
    EXTENSION_DOMAIN: `extensions.local-cloud.cometchat.io`,
  };

  function userEntity(uid) {
    const u = users.get(uid) ?? { uid, name: uid };
    const online = [...sockets].some((s) => s.uid === uid && s.authed);
    return { uid: u.uid, name: u.name, ...(u.avatar ? { avatar: u.avatar } : {}), status: online ? 'online' : 'offline', role: 'default' };
  }

  function groupEntity(guid) {
    const g = groups.get(guid) ?? { guid, name: guid, type: 'public', members: [] };
    return { guid: g.guid, name: g.name, type: g.type ?? 'public', membersCount: g.members.length, hasJoined: true };
  }

  function entityFor(id, type) {
    return type === 'group' ? { entity: groupEntity(id), entityType: 'group' } : { entity: userEntity(id), entityType: 'user' };
  }

  function conversationId(sender, receiver, receiverType) {
    return receiverType === 'group' ? `group_${receiver}` : [sender, receiver].sort().join('_user_');
  }

  /** The call message CometChat's server sends for `call` after `actor` set its status. */
  function callMessage(call, actor) {
    const message = {
      id: String(++messageId),
      conversationId: conversationId(call.initiator, call.receiver, call.receiverType),
      sender: actor,
      receiver: call.receiver,
      receiverType: call.receiverType,
      category: 'call',
      type: call.type,
      sentAt: now(),
      updatedAt: now(),
      data: {
        action: call.status,
        entities: {
          by: entityFor(actor, 'user'),
          for: entityFor(call.receiver, call.receiverType),
          on: {
            entityType: 'call',
            entity: {
              sessionid: call.sid,
              status: call.status,
              type: call.type,
              initiatedAt: call.initiatedAt,
              ...(call.joinedAt ? { joinedAt: call.joinedAt } : {}),
              ...(call.endedAt ? { endedAt: call.endedAt } : {}),
              data: {
                entities: {
                  sender: entityFor(call.initiator, 'user'),
                  receiver: entityFor(call.receiver, call.receiverType),
                },
              },
            },
          },
        },
      },
    };
    messages.push(message);
    return message;
  }

  /** Everyone a call concerns: its initiator and its receiver (or the group's members). */
  function callParties(call) {
    const members = call.receiverType === 'group' ? (groups.get(call.receiver)?.members ?? []) : [call.receiver];
    return [...new Set([call.initiator, ...members])];
  }

  /**
   * Pushes a `message` frame to every chat socket of `uids`, stamped with the sending device's id
   * (the echo rule: the SDK drops a frame whose deviceId is its own session id).
   */
  function push(uids, body, { device, type = 'message', sender }) {
    for (const uid of uids) {
      const targets = [...sockets].filter((s) => s.uid === uid && s.authed);
      if (targets.length === 0) pushes.push({ to: uid, device: null, type, body, delivered: false });
      for (const socket of targets) {
        const frame = {
          appId,
          type,
          sender,
          receiver: body?.receiver ?? uid,
          receiverType: body?.receiverType ?? 'user',
          deviceId: device ?? 'local-cloud',
          body,
        };
        pushes.push({ to: uid, device: socket.device, type, body, delivered: socket.device !== device });
        socket.ws.send(JSON.stringify(frame));
      }
    }
  }

  function error(status, code, message) {
    return { status, body: { error: { code, message: message ?? code } } };
  }
  const ok = (data) => ({ status: 200, body: { data } });

  function requireUser(record) {
    if (!record.uid) return error(401, 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', 'The auth token is missing or unknown.');
    return null;
  }

  const history = createHistory({ groups, messages, groupEntity });
  /** The directory as CometChat's rules read it. */
  const directory = {
    hasUser: (uid) => users.has(uid),
    hasGroup: (guid) => groups.has(guid),
    members: (guid) => groups.get(guid)?.members ?? [],
  };

  /** The REST API. Returns `{ status, body }`, or null for a request it does not understand. */
  function handle(record, headers) {
    const { method, path, body } = record;
    let m;
    // Login with an auth key (admin API).
    if (method === 'POST' && (m = path.match(/^users\/([^/]+)\/auth_tokens$/))) {
      if (headers.apikey !== authKey) return error(401, 'ERR_APIKEY_NOT_FOUND', 'Unknown auth key.');
      const uid = decodeURIComponent(m[1]);
      if (!users.has(uid)) return error(404, 'ERR_UID_NOT_FOUND', `No user ${uid}.`);
      const token = `${uid}-token-${Math.random().toString(36).slice(2, 8)}`;
      tokens.set(token, uid);
      return ok({ ...userEntity(uid), authToken: token });
    }
    if (method === 'GET' && path === 'settings') return ok(settings);
    if ((method === 'PUT' || method === 'GET') && path === 'me') {
      const denied = requireUser(record);
      if (denied) return denied;
      const jwt = fakeJwt({ uid: record.uid, appId, iat: now() });
      jwts.set(jwt, record.uid);
      return ok({
        ...userEntity(record.uid),
        authToken: headers.authtoken,
        jwt,
        settings,
        wsChannel: { identity: `${appId}_user_${record.uid}` },
      });
    }
    if (method === 'DELETE' && path === 'me') return ok({ success: true });
    if (method === 'POST' && path === 'user_sessions') return ok({});
    if (method === 'GET' && (m = path.match(/^users\/([^/]+)$/))) {
      const uid = decodeURIComponent(m[1]);
      return users.has(uid) ? ok(userEntity(uid)) : error(404, 'ERR_UID_NOT_FOUND', `No user ${uid}.`);
    }
    if (method === 'GET' && (m = path.match(/^groups\/([^/]+)$/))) {
      const guid = decodeURIComponent(m[1]);
      return groups.has(guid) ? ok(groupEntity(guid)) : error(404, 'ERR_GUID_NOT_FOUND', `No group ${guid}.`);
    }

    // Calls.
    if (method === 'POST' && path === 'calls') {
      const denied = requireUser(record);
      if (denied) return denied;
      const receiverType = body?.receiverType === 'group' ? 'group' : 'user';
      const receiver = String(body?.receiver ?? '');
      const refused = refuseCall(directory, record.uid, receiverType, receiver);
      if (refused) return error(refused.status, refused.code, refused.message);
      const sid = `v1.${region}.${appId}.${Date.now()}${String(++callSequence).padStart(3, '0')}`;
      const call = {
        sid,
        initiator: record.uid,
        receiver,
        receiverType,
        type: body?.type === 'audio' ? 'audio' : 'video',
        status: 'initiated',
        initiatedAt: now(),
        history: [{ status: 'initiated', by: record.uid, at: now() }],
      };
      calls.set(sid, call);
      const message = callMessage(call, record.uid);
      push(
        callParties(call).filter((uid) => uid !== record.uid),
        message,
        { device: record.device, sender: record.uid },
      );
      return ok(message);
    }
    if (method === 'PUT' && (m = path.match(/^calls\/([^/]+)$/))) {
      const denied = requireUser(record);
      if (denied) return denied;
      const call = calls.get(decodeURIComponent(m[1]));
      if (!call) return error(404, 'ERR_CALL_SESSION_NOT_FOUND', 'No such call.');
      const status = String(body?.status ?? '');
      // CometChat's rules (model/calls.js), as the emulator's arbiter applies them.
      const receivers = callParties(call).filter((uid) => uid !== call.initiator);
      const refused = refuseStatus(
        { status: call.status, initiator: call.initiator, receivers, answeredBy: call.answeredBy },
        status,
        record.uid,
      );
      if (refused) return error(refused.status, refused.code, refused.message);
      call.status = status;
      call.history.push({ status, by: record.uid, at: now() });
      if (status === 'ongoing') {
        call.joinedAt = now();
        call.answeredBy = record.uid;
      }
      if (status === 'ended') call.endedAt = now();
      const message = callMessage(call, record.uid);
      let to = callParties(call);
      // The caller's SDK sends `unanswered` itself and fires its own listener from the answer.
      if (status === 'unanswered') to = to.filter((uid) => uid !== call.initiator);
      push(to, message, { device: record.device, sender: record.uid });
      return ok(message);
    }
    if (method === 'GET' && (m = path.match(/^calls\/([^/]+)$/))) {
      const call = calls.get(decodeURIComponent(m[1]));
      return call ? ok(callMessage(call, call.history.at(-1).by)) : error(404, 'ERR_CALL_SESSION_NOT_FOUND', 'No such call.');
    }

    // Messages.
    if (method === 'POST' && path === 'messages') {
      const denied = requireUser(record);
      if (denied) return denied;
      const receiverType = body?.receiverType === 'group' ? 'group' : 'user';
      const receiver = String(body?.receiver ?? '');
      if (receiverType === 'group' && !groups.get(receiver)?.members.includes(record.uid)) {
        return error(403, 'ERR_GROUP_NOT_JOINED', `${record.uid} is not a member of ${receiver}.`);
      }
      if (receiverType === 'user' && !users.has(receiver)) return error(404, 'ERR_UID_NOT_FOUND', `No user ${receiver}.`);
      const message = {
        id: String(++messageId),
        muid: body?.muid,
        conversationId: conversationId(record.uid, receiver, receiverType),
        sender: record.uid,
        receiver,
        receiverType,
        category: body?.category ?? 'custom',
        type: body?.type,
        sentAt: now(),
        updatedAt: now(),
        ...(body?.metadata ? { metadata: body.metadata } : {}),
        data: {
          ...(body?.data ?? {}),
          ...(body?.customData ? { customData: body.customData } : {}),
          entities: { sender: entityFor(record.uid, 'user'), receiver: entityFor(receiver, receiverType) },
        },
      };
      messages.push(message);
      const to = receiverType === 'group' ? groups.get(receiver).members : [receiver, record.uid];
      push(to, message, { device: record.device, sender: record.uid });
      return ok(message);
    }
    // Reading what was stored: the joined groups, a conversation's messages (cloud/history.mjs).
    const stored = history(record);
    if (stored) return stored;

    // The calls SDK.
    if (method === 'POST' && path === 'call_tokens') {
      const denied = requireUser(record);
      if (denied) return denied;
      const sessionId = body?.sessionId;
      if (!sessionId) return error(400, 'ERR_BAD_REQUEST', 'sessionId is required.');
      const token = fakeJwt({ data: { appId, region, uid: record.uid, sessionId, authToken: headers.authtoken }, iat: now() });
      return ok({ token });
    }
    if (method === 'GET' && path === 'call_tokens') {
      const payload = decodeJwt(headers.calltoken);
      if (!payload?.data?.sessionId) return error(401, 'ERR_CALL_TOKEN_INVALID', 'The call token is missing or invalid.');
      const { uid, sessionId, authToken } = payload.data;
      return ok({
        callToken: headers.calltoken,
        settings: {
          WEBRTC_HOST: webrtcHost,
          PRESENTER_MODE_ENABLED: false,
          ANALYTICS_HOST: analyticsHost,
          ANALYTICS_VERSION: 'v1',
          ANALYTICS_PING_DISABLED: true,
        },
        payload: {
          data: {
            appId,
            region,
            authToken,
            user: { uid, name: users.get(uid)?.name ?? uid, avatar: users.get(uid)?.avatar ?? '' },
            sessionId,
            passthrough: {},
          },
          room: sessionId,
        },
      });
    }
    if (method === 'POST' && /^(?:v1\/)?calls\/ping$/.test(path)) return ok({});
    return null;
  }

  function matchFault(record) {
    const index = faults.findIndex(
      (f) =>
        (!f.method || f.method === record.method) &&
        (typeof f.path === 'string' ? f.path === record.path : f.path.test(record.path)) &&
        (!f.body || f.body(record)),
    );
    if (index < 0) return null;
    const fault = faults[index];
    if (fault.times !== undefined && --fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  /** One REST request from a page. */
  async function onRequest(route, context) {
    const request = route.request();
    const url = new URL(request.url());
    if (QUIET_BLOCK.test(url.hostname)) {
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    }
    if (!url.hostname.endsWith('.cometchat.io')) {
      unexpected.push({ kind: 'host', method: request.method(), url: url.href });
      return route.abort('blockedbyclient');
    }
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS_HEADERS });
    const headers = await request.allHeaders();
    let body = null;
    const raw = request.postData();
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const path = url.pathname
      .replace(/^\/+/, '')
      .replace(/^v\d+(?:\.\d+)?\//, '')
      .replace(/\/+$/, '');
    const authUid = tokens.get(headers.authtoken) ?? null;
    /** @type {WireRecord} */
    const record = {
      at: Date.now(),
      method: request.method(),
      host: url.hostname,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      device: headers.resource ?? null,
      uid: authUid,
      context: context.uid,
    };
    wire.push(record);
    const fault = matchFault(record);
    if (fault?.hang) {
      record.status = 'hung';
      hanging.add(route);
      return;
    }
    let answer =
      fault && !fault.delay
        ? error(fault.status ?? 500, fault.error?.code ?? 'ERR_INTERNAL', fault.error?.message ?? 'Injected by the test.')
        : handle(record, headers);
    if (!answer) {
      unexpected.push({ kind: 'request', method: record.method, url: url.href, body });
      answer = error(404, 'ERR_LOCAL_CLOUD_UNKNOWN', `The local cloud does not implement ${record.method} ${path}.`);
    }
    record.status = answer.status;
    record.answer = answer.body;
    log(`${context.uid ?? '?'} ${record.method} ${path} → ${answer.status}`);
    // A slow answer: the cloud has done the work (and pushed), the page hears of it later.
    if (fault?.delay) await new Promise((resolve) => setTimeout(resolve, fault.delay));
    await route
      .fulfill({
        status: answer.status,
        headers: { ...CORS_HEADERS, 'content-type': 'application/json' },
        body: JSON.stringify(answer.body),
      })
      .catch(() => undefined); // the page went away
  }

  /** One chat WebSocket from a page. */
  function onChatSocket(ws, context) {
    if (down.has(context.uid)) {
      ws.close({ code: 1006 }).catch?.(() => undefined);
      return;
    }
    const socket = { uid: null, device: null, ws, context, authed: false, open: true };
    sockets.add(socket);
    context.sockets.add(socket);
    ws.onMessage((data) => {
      let frame;
      try {
        frame = JSON.parse(String(data));
      } catch {
        unexpected.push({ kind: 'frame', data: String(data) });
        return;
      }
      frames.push({ uid: socket.uid ?? frame.sender, at: Date.now(), frame });
      if (frame.action === 'ping') return void ws.send(JSON.stringify({ action: 'pong' }));
      if (frame.type === 'auth') {
        const uid = jwts.get(frame.body?.auth);
        if (!uid || uid !== frame.sender) {
          log(`${frame.sender} chat socket refused: unknown credential`);
          ws.send(JSON.stringify({ type: 'auth', body: { code: '401', status: 'ERROR', message: 'AUTH_FAILED' } }));
          return;
        }
        socket.uid = uid;
        socket.device = frame.body?.deviceId ?? frame.deviceId;
        socket.authed = true;
        ws.send(JSON.stringify({ appId, type: 'auth', body: { code: '200', status: 'OK' } }));
        log(`${uid} chat socket up (${socket.device})`);
        // Presence: everyone else hears that this user is online (each page's SDK decides what to tell its listeners).
        const others = [...users.keys()].filter((other) => other !== uid);
        push(
          others,
          { action: 'online', timestamp: now(), user: userEntity(uid) },
          { device: socket.device, type: 'presence', sender: uid },
        );
        return;
      }
      if (frame.type === 'presence') {
        if (!socket.authed) return;
        const others = [...users.keys()].filter((uid) => uid !== socket.uid);
        push(others, { ...frame.body, user: userEntity(socket.uid) }, { device: socket.device, type: 'presence', sender: socket.uid });
        return;
      }
      if (frame.type === 'receipts' || frame.type === 'typing_indicator') return;
      unexpected.push({ kind: 'frame', uid: socket.uid, frame });
    });
    ws.onClose(() => closed(socket));
  }

  function closed(socket) {
    if (!socket.open) return;
    socket.open = false;
    sockets.delete(socket);
    socket.context.sockets.delete(socket);
    if (socket.authed) {
      log(`${socket.uid} chat socket closed`);
      const others = [...users.keys()].filter((uid) => uid !== socket.uid);
      if (![...sockets].some((s) => s.uid === socket.uid && s.authed)) {
        push(
          others,
          { action: 'offline', timestamp: now(), user: { ...userEntity(socket.uid), status: 'offline' } },
          { type: 'presence', sender: socket.uid },
        );
      }
    }
  }

  const cloud = {
    appId,
    region,
    authKey,
    hosts: { client: clientHost, admin: adminHost, chat: chatHost, call: callHost, webrtc: webrtcHost },
    users,
    groups,
    calls,
    messages,
    wire,
    frames,
    pushes,
    unexpected,
    blocked,
    xmpp,

    /** The auth token a page of `uid` logs in with. */
    tokenFor(uid) {
      return `${uid}-token`;
    },

    /** Another valid auth token for `uid`, as a server that creates one per page view hands out. */
    issueToken(uid) {
      const token = `${uid}-token-${Math.random().toString(36).slice(2, 8)}`;
      tokens.set(token, uid);
      return token;
    },

    /**
     * Serves this cloud to one browser context (one user). Everything that is not loopback goes
     * through the cloud: CometChat's hosts are answered, assets are aborted, anything else is
     * recorded as unexpected.
     *
     * @param {import('playwright-core').BrowserContext} context
     * @param {{ uid?: string }} [who] the user this context belongs to (for logs, and to drop its socket)
     */
    async attach(context, who = {}) {
      const ctx = { uid: who.uid ?? null, sockets: new Set(), context };
      attached.push(ctx);
      await context.route(
        (url) => !isLoopback(url.href),
        (route) => onRequest(route, ctx),
      );
      await context.routeWebSocket(
        (url) => !isLoopback(url.href.replace(/^ws/, 'http')),
        (ws) => {
          const url = new URL(ws.url());
          if (url.hostname === chatHost) return onChatSocket(ws, ctx);
          if (url.pathname.startsWith('/xmpp-websocket') && url.hostname === `xmpp.${webrtcHost}`) return xmpp.accept(ws, ctx);
          unexpected.push({ kind: 'websocket', url: url.href });
          ws.close({ code: 1008, reason: 'unknown host' }).catch?.(() => undefined);
        },
      );
      return ctx;
    },

    /** Recorded REST requests, optionally filtered by method, path (string or RegExp), uid or body fields. */
    requests(filter = {}) {
      return wire.filter(
        (r) =>
          (!filter.method || r.method === filter.method) &&
          (!filter.path || (typeof filter.path === 'string' ? r.path === filter.path : filter.path.test(r.path))) &&
          (!filter.uid || r.uid === filter.uid) &&
          (!filter.status || r.body?.status === filter.status),
      );
    },

    /** `PUT calls/{sid}` requests, as `uid:status` strings in order (e.g. ['bob:ongoing', 'alice:ended']). */
    callUpdates(sid) {
      return wire
        .filter((r) => r.method === 'PUT' && (sid ? r.path === `calls/${sid}` : r.path.startsWith('calls/')))
        .map((r) => `${r.uid}:${r.body?.status}`);
    },

    /** Makes the next `times` (default: every) matching request fail with `{ error: { code, message } }`. */
    fail(method, path, { code = 'ERR_INTERNAL', message = 'Injected by the test.', status = 500, times, when } = {}) {
      // `when(record)`: only the matching requests of that method and path fail.
      faults.push({ method, path, error: { code, message }, status, times, body: when });
    },

    /**
     * Makes the next `times` (default: every) matching request answer `ms` late: the cloud does the
     * work and sends its pushes at once, only the answer is held back (a slow network).
     */
    delay(method, path, ms, { times } = {}) {
      faults.push({ method, path, delay: ms, times });
    },

    /** Makes matching requests never answer (until the cloud is disposed). */
    hang(method, path, { times } = {}) {
      faults.push({ method, path, hang: true, times });
    },

    /** Removes every injected fault. */
    clearFaults() {
      faults.length = 0;
    },

    /** How many authenticated chat sockets `uid` has (one per tab that is connected). */
    socketCount(uid) {
      return [...sockets].filter((s) => s.uid === uid && s.authed).length;
    },

    /** Whether `uid` has an authenticated chat socket. */
    isOnline(uid) {
      return [...sockets].some((s) => s.uid === uid && s.authed);
    },

    /** Drops every chat socket of `uid`'s context and refuses new ones until `restoreSocket(uid)`. */
    async dropSocket(uid) {
      down.add(uid);
      for (const socket of [...sockets].filter((s) => s.uid === uid || s.context.uid === uid)) {
        await socket.ws.close({ code: 1006, reason: 'dropped by the test' }).catch(() => undefined);
        closed(socket);
      }
    },

    /** Lets `uid`'s chat socket connect again (the SDK reconnects by itself). */
    restoreSocket(uid) {
      down.delete(uid);
    },

    /** Fails with a readable message if the cloud saw anything it did not understand. */
    assertClean() {
      const all = [...unexpected];
      if (all.length)
        throw new Error(
          `The local cloud got ${all.length} request(s) it does not understand:\n${all.map((u) => JSON.stringify(u)).join('\n')}`,
        );
    },

    /** Answers hung requests with an error and forgets the sockets. */
    async dispose() {
      for (const route of hanging) await route.abort('failed').catch(() => undefined);
      hanging.clear();
      xmpp.dispose();
    },
  };
  return cloud;
}

/** The directory most tests use, the emulator's too (model/directory.js): alice, bob, carol, dave, and a group `team` of the first three. */
export const DEFAULT_DIRECTORY = {
  users: Object.entries(DEMO_USERS).map(([uid, user]) => ({ uid, ...user })),
  groups: Object.entries(DEMO_GROUPS).map(([guid, group]) => ({ guid, name: group.name, members: [...group.members] })),
};
