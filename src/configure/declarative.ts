/**
 * Script-tag configuration without code: a CMS template renders
 *
 *   <script type="application/json" data-cc-calls-config>
 *     { "appId": "…", "region": "us", "authToken": "…" }
 *   </script>
 *
 * and the standalone bundle configures itself from it. The first block in `<head>` counts (page
 * content can only add blocks to `<body>`); without one, a single block in `<body>` does, but it can
 * never turn on the emulator, and two or more there are refused. `"emulator": { "uid": "alice" }`
 * instead runs on the offline CometChat emulator (demos and tests), with a notice on the page.
 * A chunk of its own in the script-tag bundle, which loads it at once for a page with a block (and
 * says "Connecting…" meanwhile), and after `load` for one without (standalone.ts).
 */
import { APPLIED, CONFIG_SELECTOR, unappliedBlocks } from './block.js';
import { configure, configureWasCalled, type ConfigureOptions } from './configure.js';
import type { BlockProblem } from './validate.js';
import { getStore } from '../store/store.js';

export { CONFIG_SELECTOR };

/** JSON can carry only data: functions and SDK namespaces come from code. */
export interface DeclarativeConfig extends Omit<ConfigureOptions, 'chat' | 'calls' | 'callSettings'> {
  emulator?: { uid: string; channel?: string; callsVersion?: 4 | 5; iceFilter?: 'loopback' | 'all'; media?: boolean };
}

async function apply(config: DeclarativeConfig): Promise<void> {
  const { emulator, ...options } = config;
  // A block that reads well means "Connecting…" from the first paint, before any chunk loads.
  getStore().dispatch({ type: 'configuring' });
  if (!emulator) return configure(options);
  const { startEmulated } = await import('./emulated.js');
  const emulated = startEmulated(emulator);
  return configure({ ...options, chat: emulated.CometChat, calls: emulated.CometChatCalls });
}

/**
 * Applies the page's declarative configuration once, even when two copies of
 * the bundle run. A bad block is reported once (console and `cc-error`) and
 * leaves the elements showing that calling is unavailable.
 */
export function applyDeclarativeConfig(root: ParentNode = document): Promise<void> | null {
  const blocks = unappliedBlocks(root);
  if (!blocks.length) return null;
  // The site's block is the one in <head>: page content (a CMS article, a comment) can only add
  // blocks to <body>, and must not choose the account, app or emulator the site runs on.
  const inHead = blocks.filter((block) => block.closest('head'));
  const element = inHead[0] ?? blocks[0]!;
  element.setAttribute(APPLIED, '');
  let config: DeclarativeConfig | null = null;
  let problem: BlockProblem | null = null;
  if (!inHead.length && blocks.length > 1) problem = ['several', blocks.length];
  else {
    try {
      config = JSON.parse(element.textContent ?? '') as DeclarativeConfig;
      if (!config || typeof config !== 'object' || Array.isArray(config)) problem = ['object'];
      else if (config.emulator !== undefined && !inHead.length) problem = ['emulator'];
      else if (config.emulator === undefined) problem = missingAccount(config);
    } catch (error) {
      problem = ['json', (error as Error).message];
    }
  }
  if (problem || !config) {
    // Rare, so its wording loads with configure()'s checks, through connect.js: the configure code
    // stays one chunk (imported on its own, validate.ts and its options became a second one).
    const [kind, detail] = problem ?? ['object'];
    return import('./connect.js').then(({ blockError }) =>
      getStore().dispatch({ type: 'configure-failed', error: blockError(kind, detail) }),
    );
  }
  // configure() already reported a failure through the store; nothing is left unhandled.
  return apply(config).catch(() => undefined);
}

/** What a block without the emulator lacks to log in, if anything. */
function missingAccount(config: DeclarativeConfig): BlockProblem | null {
  const text = (key: keyof DeclarativeConfig) => typeof config[key] === 'string';
  if (!text('appId') || !text('region')) return ['app'];
  return text('authToken') || (text('uid') && text('authKey')) ? null : ['token'];
}

/**
 * A page with the script tag but neither a config block nor a configure() call
 * would otherwise just sit there with every button disabled. Reports one
 * `config-invalid` error that says how to fix it; a later configure() still
 * works. Only the standalone bundle does this: framework apps call configure()
 * after their own login, whenever they like.
 */
function reportMissingConfig(root: ParentNode = document): void {
  // A block the page added after DOMContentLoaded is still applied.
  if (applyDeclarativeConfig(root) || root.querySelector(CONFIG_SELECTOR)) return;
  const store = getStore();
  // Two copies of the bundle both get here; the first one's report moves the status on.
  if (store.state.status !== 'unconfigured' || configureWasCalled()) return;
  store.dispatch({
    type: 'configure-failed',
    error: {
      code: 'config-invalid',
      message:
        'Calling is not configured: add a <script type="application/json" data-cc-calls-config> block ' +
        '(e.g. { "appId": "…", "region": "us", "authToken": "…" }) or call CCCalls.configure({ … }) from a script.',
    },
  });
}

/** Elements whose press means "call now". */
const CALLING_TAGS = new Set(['CC-CALL-BUTTON', 'CC-MEETING-CARD']);

/**
 * How long after `load` a page without any configuration is told so: long enough for a page's own
 * script to fetch the user's auth token and call configure(), short enough that a page that will
 * never configure says so while someone is still looking.
 */
export const MISSING_CONFIG_GRACE_MS = 5000;

/**
 * Reports a missing configuration (see {@link reportMissingConfig}) `graceMs` after it is called
 * (at `load`), or as soon as someone presses a call button or a meeting card's Join, whichever
 * comes first. Not at `load` itself: a page's own script may still be fetching the user's auth
 * token before it configures, and reporting then would be a false alarm on every page view.
 */
export function watchForMissingConfig(root: Document = document, graceMs = MISSING_CONFIG_GRACE_MS): void {
  const report = (): void => {
    clearTimeout(timer);
    root.removeEventListener('click', onClick, true);
    reportMissingConfig(root);
  };
  const onClick = (event: Event): void => {
    if (event.composedPath().some((node) => node instanceof Element && CALLING_TAGS.has(node.tagName))) report();
  };
  const timer = setTimeout(report, graceMs);
  // Capturing, so the report is in before the element's own click handler looks at the store.
  root.addEventListener('click', onClick, true);
}

/**
 * A block that a script adds after the page has loaded (a consent manager, a tag manager, a page
 * builder) is applied as it arrives, not only when the missing-config grace runs out. Watches until
 * calling is configured one way or another.
 */
export function applyConfigAsItArrives(root: Document = document): void {
  const store = getStore();
  const done = (): boolean => store.state.status !== 'unconfigured' || configureWasCalled();
  if (done()) return;
  const observer = new MutationObserver((records) => {
    const added = records.some((record) =>
      [...record.addedNodes].some(
        (node) => node instanceof Element && (node.matches(CONFIG_SELECTOR) || node.querySelector(CONFIG_SELECTOR)),
      ),
    );
    if (added) void applyDeclarativeConfig(root);
    if (added || done()) observer.disconnect();
  });
  observer.observe(root.documentElement, { childList: true, subtree: true });
}
