/**
 * The bad-input corpus (issue 12): options, config blocks, attributes, messages, SDK rejections and
 * hangs, each with the `cc-error` code it must produce (or none) and the state it must leave.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements.js';
import type { CcCallButton } from '../../src/components/cc-call-button/cc-call-button.js';
import { configure, resetCalls, type ConfigureOptions } from '../../src/configure/configure.js';
import { applyDeclarativeConfig } from '../../src/configure/declarative.js';
import type { CcErrorCode } from '../../src/core/errors.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.js';
import { DEFAULT_GROUPS, DEFAULT_USERS } from '../../emulator/directory.js';
import { getStore } from '../../src/store/store.js';
import type { CallState } from '../../src/store/types.js';
import {
  RemoteUser,
  bareStage,
  bobParty,
  cleanUp,
  configureAs,
  recordDocumentEvents,
  sleep,
  teamParty,
  uniqueChannel,
  waitFor,
} from '../helpers.js';

const store = getStore();

interface Context {
  channel: string;
  /** Alice, configured on the emulator (only for the cases that say `configured`). */
  alice: Emulator;
  bob: RemoteUser;
  /** An emulated, logged-in chat and calls SDK for option cases. */
  sdk: Emulator;
}

interface Case {
  name: string;
  configured?: boolean;
  /** Does the bad thing; resolves once its outcome is due. */
  run(ctx: Context): Promise<unknown>;
  /** The cc-error code it must produce, or null for none. */
  code: CcErrorCode | null;
  /** The state it must leave. */
  after(state: CallState): void;
  /** Who exists in the emulated app, for the cases that need odd ids. */
  directory?: Pick<EmulatorOptions, 'users' | 'groups'>;
}

const unavailable = (state: CallState) => {
  expect(state.status).to.equal('unavailable');
  expect(state.user).to.equal(null);
  expect(state.call).to.equal(null);
};
const noCall = (state: CallState) => expect(state.call?.phase ?? null).to.be.oneOf([null, 'ended']);
const failedCall = (state: CallState) => expect(state.call?.reason ?? 'failed').to.equal('failed');
const readyNoCall = (state: CallState) => {
  expect(state.status).to.equal('ready');
  noCall(state);
};

/** configure() with `options` (functions get the emulated SDKs) must reject with `config-invalid`. */
function badOption(name: string, options: (ctx: Context) => unknown, code: CcErrorCode = 'config-invalid'): Case {
  return {
    name: `configure(): ${name}`,
    code,
    run: (ctx) => configure(options(ctx) as ConfigureOptions).catch(() => undefined),
    after: unavailable,
  };
}

const sdkOf = (ctx: Context) => ({ chat: ctx.sdk.CometChat, calls: ctx.sdk.CometChatCalls });

function block(name: string, head: string[], body: string[]): Case {
  return {
    name: `config block: ${name}`,
    code: 'config-invalid',
    run: () => {
      const doc = document.implementation.createHTMLDocument('page');
      const tag = (json: string) => `<script type="application/json" data-cc-calls-config>${json}</script>`;
      doc.head.innerHTML = head.map(tag).join('');
      doc.body.innerHTML = body.map(tag).join('');
      return applyDeclarativeConfig(doc) ?? Promise.resolve();
    },
    after: unavailable,
  };
}

function button(name: string, attributes: Record<string, string>, code: CcErrorCode): Case {
  return {
    name: `<cc-call-button>: ${name}`,
    configured: true,
    code,
    run: async () => {
      const el = await fixture<CcCallButton>(html`<cc-call-button></cc-call-button>`);
      for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
      await el.updateComplete;
      el.shadowRoot!.querySelector('button')!.click();
      await sleep(50);
    },
    after: readyNoCall,
  };
}

/** A call or meeting whose SDK `method` fails or hangs. */
function sdkFault(name: string, method: string, fault: 'hang' | 'error', start: (ctx: Context) => Promise<void>, code: CcErrorCode): Case {
  return {
    name: `SDK: ${method} ${fault === 'hang' ? 'never answers' : 'rejects'} (${name})`,
    configured: true,
    code,
    run: async (ctx) => {
      ctx.alice.failNext(method, fault === 'hang' ? 'hang' : { code: 'ERR_BAD', message: `${method} refused` });
      await start(ctx);
      await waitFor(() => store.state.call?.reason === 'failed' || store.state.call === null, 'the call to fail', 3000);
    },
    after: failedCall,
  };
}

const callBob = async () => store.dispatch({ type: 'call', target: bobParty, callType: 'video' });
const startMeeting = async () => store.dispatch({ type: 'start-meeting', group: teamParty, callType: 'video' });
const answerBob = async (ctx: Context) => {
  await ctx.bob.call('alice');
  await waitFor(() => store.state.call?.phase === 'ringing', 'alice to ring');
  store.dispatch({ type: 'accept' });
};

/** Bob sends the group a custom message; nothing may break, and no notice may come of it. */
function message(name: string, type: string, data: unknown, notice: string | null = null): Case {
  return {
    name: `message: ${name}`,
    configured: true,
    code: null,
    run: async (ctx) => {
      const chat = ctx.bob.chat;
      const custom = new chat.CustomMessage('team', 'group', type, data as object);
      await chat.sendCustomMessage(custom);
      await sleep(100);
    },
    after: (state) => {
      readyNoCall(state);
      expect(
        state.notices.map((n) => n.sessionId),
        notice ? "a notice for the group's own session" : 'no notice from a message that cannot be joined',
      ).to.deep.equal(notice ? [notice] : []);
    },
  };
}

/**
 * Ids and fields from other users that name members of Object.prototype: wherever such a string
 * indexes a collection, a plain lookup would find the prototype's member (issue 15, point 7).
 */
const OUTSIDE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

/** An app with a group and a user whose ids are `key`. */
function oddDirectory(key: string): Pick<EmulatorOptions, 'users' | 'groups'> {
  return {
    users: { ...DEFAULT_USERS, [key]: { name: 'Odd User' } },
    groups: { ...DEFAULT_GROUPS, [key]: { name: 'Odd Group', members: ['alice', 'bob', key] } },
  };
}

const inCall = (state: CallState) => {
  expect(state.status).to.equal('ready');
  expect(state.call?.phase, 'in the call').to.equal('active');
};

function outsideKeyCases(key: string): Case[] {
  const group = { kind: 'group' as const, id: key, name: 'Odd Group', avatar: null };
  return [
    {
      name: `outside key: a meeting in the group "${key}", started and joined`,
      configured: true,
      directory: oddDirectory(key),
      code: null,
      run: async () => {
        store.dispatch({ type: 'start-meeting', group, callType: 'video' });
        await waitFor(() => store.state.call?.phase === 'active', 'alice in the meeting', 8000);
      },
      after: (state) => {
        inCall(state);
        expect(Object.hasOwn(state.joinedAt, key) && Array.isArray(state.joinedAt[key]), 'the join is remembered').to.equal(true);
      },
    },
    {
      name: `outside key: Bob's meeting in the group "${key}", joined from its notice, then ended`,
      configured: true,
      directory: oddDirectory(key),
      code: null,
      run: async (ctx) => {
        const chat = ctx.bob.chat;
        await chat.sendCustomMessage(new chat.CustomMessage(key, 'group', 'meeting', { sessionId: key, callType: 'video' }));
        const notice = await waitFor(() => store.state.notices.find((n) => n.sessionId === key), 'the notice');
        store.dispatch({ type: 'join-meeting', meeting: notice });
        await waitFor(() => store.state.call?.phase === 'active', 'alice in the meeting', 8000);
        await chat.sendCustomMessage(new chat.CustomMessage(key, 'group', 'meeting_ended', { sessionId: key }));
        await waitFor(() => Object.hasOwn(store.state.meetingsEndedAt, key), 'the end to be noted');
      },
      after: (state) => {
        inCall(state);
        expect(typeof state.meetingsEndedAt[key], 'the end is a time').to.equal('number');
      },
    },
    {
      name: `outside key: a call to the user "${key}", answered`,
      configured: true,
      directory: oddDirectory(key),
      code: null,
      run: async (ctx) => {
        const callee = new RemoteUser(key, ctx.channel, oddDirectory(key));
        try {
          store.dispatch({ type: 'call', target: { kind: 'user', id: key, name: 'Odd User', avatar: null }, callType: 'video' });
          const { sessionId } = await callee.waitToHear('onIncomingCallReceived');
          await callee.chat.acceptCall(sessionId);
          await waitFor(() => store.state.call?.phase === 'active', 'alice in the call', 8000);
        } finally {
          callee.close();
        }
      },
      after: (state) => expect(state.status).to.equal('ready'),
    },
  ];
}

const corpus: Case[] = [
  badOption('no options', () => undefined),
  badOption('a string', () => 'appId=abc'),
  badOption('an empty object', () => ({})),
  badOption('appId without region', () => ({ appId: 'app', authToken: 't' })),
  badOption('appId and region but no token', () => ({ appId: 'app', region: 'us' })),
  badOption('chat is a plain object', () => ({ chat: {} })),
  badOption('chat is a DOM element (clobbering)', () => ({ chat: document.body })),
  badOption('calls is a plain object', (ctx) => ({ chat: ctx.sdk.CometChat, calls: { generateToken: 1 } })),
  badOption('chat without calls, appId or region', (ctx) => ({ chat: ctx.sdk.CometChat })),
  badOption('sdkTimeout -1', (ctx) => ({ ...sdkOf(ctx), sdkTimeout: -1 })),
  badOption('sdkTimeout "abc"', (ctx) => ({ ...sdkOf(ctx), sdkTimeout: 'abc' })),
  badOption('sdkTimeout 0', (ctx) => ({ ...sdkOf(ctx), sdkTimeout: 0 })),
  badOption('sdkTimeout NaN', (ctx) => ({ ...sdkOf(ctx), sdkTimeout: NaN })),
  badOption('sdkTimeout Infinity', (ctx) => ({ ...sdkOf(ctx), sdkTimeout: Infinity })),
  badOption('sdkTimeout beyond what a timer can hold', (ctx) => ({ ...sdkOf(ctx), sdkTimeout: 1e12 })),
  badOption('outcomeDuration -5', (ctx) => ({ ...sdkOf(ctx), outcomeDuration: -5 })),
  badOption('outcomeDuration "2500"', (ctx) => ({ ...sdkOf(ctx), outcomeDuration: '2500' })),
  badOption('ringTimeout 0', (ctx) => ({ ...sdkOf(ctx), ringTimeout: 0 })),
  badOption('ringTimeout "45"', (ctx) => ({ ...sdkOf(ctx), ringTimeout: '45' })),
  badOption('ringTimeout 1e9', (ctx) => ({ ...sdkOf(ctx), ringTimeout: 1e9 })),
  badOption('announceMeetingEnd "yes"', (ctx) => ({ ...sdkOf(ctx), announceMeetingEnd: 'yes' })),
  badOption('confirmLeave "no"', (ctx) => ({ ...sdkOf(ctx), confirmLeave: 'no' })),
  badOption('callSettings is not a function', (ctx) => ({ ...sdkOf(ctx), callSettings: 'grid' })),
  badOption('appId is a number', (ctx) => ({ ...sdkOf(ctx), appId: 5 })),
  badOption('region is empty', (ctx) => ({ ...sdkOf(ctx), region: '' })),
  badOption('authToken is an object', () => ({ appId: 'app', region: 'us', authToken: {} })),
  badOption(
    'nobody logged in to the given SDK',
    (ctx) => {
      ctx.sdk.failNext('getLoggedinUser', { code: 'ERR', message: 'no user' });
      return sdkOf(ctx);
    },
    'login-failed',
  ),
  block('not JSON', ['{ "appId": '], []),
  block('a JSON array', ['[1, 2]'], []),
  block('JSON null', ['null'], []),
  block('the emulator from page content', [], ['{ "emulator": { "uid": "alice" } }']),
  block(
    'two blocks in <body>, none in <head>',
    [],
    ['{ "appId": "a", "region": "us", "authToken": "t" }', '{ "appId": "b", "region": "us", "authToken": "t" }'],
  ),
  button('neither uid nor guid', {}, 'no-target'),
  button('a uid with a control character', { uid: 'bo\u0000b' }, 'no-target'),
  button('a uid of 300 characters', { uid: 'b'.repeat(300) }, 'no-target'),
  button('call-type="vidoe"', { uid: 'bob', 'call-type': 'vidoe' }, 'config-invalid'),
  sdkFault('1:1 call', 'initiateCall', 'error', callBob, 'initiate-failed'),
  sdkFault('1:1 call', 'initiateCall', 'hang', callBob, 'sdk-timeout'),
  sdkFault('answering', 'acceptCall', 'error', answerBob, 'accept-failed'),
  sdkFault('answering', 'acceptCall', 'hang', answerBob, 'sdk-timeout'),
  sdkFault('meeting', 'sendCustomMessage', 'error', startMeeting, 'meeting-send-failed'),
  sdkFault('meeting', 'generateToken', 'error', startMeeting, 'session-failed'),
  sdkFault('meeting', 'startSession', 'hang', startMeeting, 'sdk-timeout'),
  message('a meeting naming another group’s session', 'meeting', { sessionId: 'other-group', callType: 'video' }),
  message('a meeting with a session id of control characters (the group’s own is used)', 'meeting', { sessionId: '\u0007\u0008' }, 'team'),
  message('a meeting whose custom data is a string', 'meeting_ended', 'not an object'),
  ...OUTSIDE_KEYS.flatMap(outsideKeyCases),
];

describe('bad-input corpus', () => {
  let ctx: Context;
  let recorder: ReturnType<typeof recordDocumentEvents>;
  let stage: ReturnType<typeof bareStage>;
  let consoleError: typeof console.error;
  let consoleWarn: typeof console.warn;

  it(`holds at least 40 bad inputs (${corpus.length})`, () => {
    expect(corpus.length).to.be.at.least(40);
  });

  for (const entry of corpus) {
    it(`${entry.name} → ${entry.code ?? 'no cc-error'}`, async () => {
      const channel = uniqueChannel();
      consoleError = console.error;
      consoleWarn = console.warn;
      console.error = () => undefined; // each case is meant to log one
      console.warn = () => undefined;
      stage = bareStage();
      try {
        const sdk = createEmulator({ uid: 'alice', channel: `${channel}-options`, media: false });
        const alice = entry.configured ? await configureAs('alice', channel, entry.directory, { sdkTimeout: 300 }) : (undefined as never);
        const bob = new RemoteUser('bob', channel, entry.directory);
        ctx = { channel, alice, bob, sdk };
        recorder = recordDocumentEvents(['cc-error']);
        await entry.run(ctx);
        await sleep(20);
        const codes = recorder.events.map((e) => (e.detail as { code: string }).code);
        if (entry.code) expect(codes, 'the cc-error codes').to.include(entry.code);
        else expect(codes, 'no cc-error').to.deep.equal([]);
        entry.after(store.state);
      } finally {
        recorder?.stop();
        stage.dispose();
        await cleanUp(ctx?.alice, ctx?.bob, ctx?.sdk);
        await resetCalls();
        document.querySelectorAll('[data-cc-emulator-notice]').forEach((e) => e.remove());
        console.error = consoleError;
        console.warn = consoleWarn;
      }
    });
  }
});
