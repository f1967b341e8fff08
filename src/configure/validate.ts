/**
 * configure()'s option checks, part of the configure code's lazy chunk (the main bundle pays only
 * for what every page view runs before calling).
 */
import { chatAppId, fail, isText, type ConfigureOptions } from './options.js';
import type { CcErrorInfo } from '../core/errors.js';
import { looksLike, pageCallsSdk } from '../sdk/load.js';

const OPTION_KEYS =
  'chat calls appId region authToken uid authKey ringTimeout callSettings announceMeetingEnd outcomeDuration sdkTimeout joinTimeout confirmLeave emulator'.split(
    ' ',
  );

/** A number option: absent, or a finite number from `min` to `max`; `"abc"`, -1, NaN and Infinity are refused. */
function number(value: unknown, name: string, min: number, max: number, unit: string): void {
  if (value !== undefined && !(typeof value === 'number' && value >= min && value <= max)) {
    fail('config-invalid', `\`${name}\` must be a number of ${unit} from ${min} to ${max}.`);
  }
}

export function validate(options: unknown): ConfigureOptions {
  if (!options || typeof options !== 'object') fail('config-invalid', 'configure() needs an options object.');
  const o = options as ConfigureOptions;
  if (o.chat !== undefined && !looksLike(o.chat, 'CometChat')) {
    fail('config-invalid', '`chat` must be the CometChat namespace from @cometchat/chat-sdk-javascript.');
  }
  if (o.calls !== undefined && !looksLike(o.calls, 'CometChatCalls')) {
    fail('config-invalid', '`calls` must be the CometChatCalls namespace from @cometchat/calls-sdk-javascript.');
  }
  if (!o.chat) {
    if (!isText(o.appId) || !isText(o.region)) {
      fail('config-invalid', 'configure() needs either `chat` (an initialised CometChat) or `appId` and `region`.');
    }
    if (!isText(o.authToken) && !(isText(o.uid) && isText(o.authKey))) {
      fail('config-invalid', 'configure() needs `authToken` (or, in development only, `uid` and `authKey`) to log in.');
    }
  }
  if (o.chat && !o.calls && !pageCallsSdk()) {
    // The calls SDK the bundle would import on the first call needs initialising, with both.
    if (!isText(o.appId ?? chatAppId(o.chat)) || !isText(o.region)) {
      fail(
        'config-invalid',
        'configure({ chat }) without `calls` needs `appId` and `region` too, to initialise the calls SDK it imports on the ' +
          'first call: pass them, or pass your initialised `calls` (CometChatCalls).',
      );
    }
  }
  for (const key of ['appId', 'region', 'authToken', 'uid', 'authKey'] as const) {
    if (o[key] !== undefined && !isText(o[key])) fail('config-invalid', `\`${key}\` must be a non-empty string.`);
  }
  // A timer longer than 2^31-1 ms fires at once in every browser, so the ranges stop well short of it.
  number(o.ringTimeout, 'ringTimeout', 1, 3600, 'seconds');
  number(o.outcomeDuration, 'outcomeDuration', 0, 600_000, 'ms');
  number(o.sdkTimeout, 'sdkTimeout', 100, 600_000, 'ms');
  number(o.joinTimeout, 'joinTimeout', 100, 600_000, 'ms');
  if (o.announceMeetingEnd !== undefined && typeof o.announceMeetingEnd !== 'boolean') {
    fail('config-invalid', '`announceMeetingEnd` must be true or false.');
  }
  if (o.confirmLeave !== undefined && typeof o.confirmLeave !== 'boolean') {
    fail('config-invalid', '`confirmLeave` must be true or false.');
  }
  if (o.callSettings !== undefined && typeof o.callSettings !== 'function') {
    fail('config-invalid', '`callSettings` must be a function.');
  }
  const unknown = Object.keys(o).filter((key) => !OPTION_KEYS.includes(key));
  if (unknown.length) console.warn(`[cc-call-elements] configure() ignores unknown options: ${unknown.join(', ')}`);
  return o;
}

/** What is wrong with the page's data-cc-calls-config block(s). */
export type BlockProblem = ['json', string] | ['object'] | ['several', number] | ['emulator'] | ['app'] | ['token'];

export function blockError(kind: BlockProblem[0], detail?: string | number): CcErrorInfo {
  const block = 'data-cc-calls-config block';
  const messages = {
    json: `The ${block} is not valid JSON: ${detail}`,
    object: `The ${block} must hold one JSON object.`,
    several: `The page has ${detail} ${block}s in <body> and none in <head>: put the site's own block in <head>.`,
    emulator: `Only a ${block} in <head> can turn on the offline emulator.`,
    // Said in the block's own words: a script-tag user never wrote `chat` or configure().
    app: `The ${block} needs "appId" and "region" (from your CometChat dashboard).`,
    token: `The ${block} needs "authToken": a token your server created for this user.`,
  };
  return { code: 'config-invalid', message: messages[kind] };
}
