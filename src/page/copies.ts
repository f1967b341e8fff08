/**
 * Two CMS plugins may each bundle cc-call-elements, at two URLs, of the same or different versions.
 * The page must still get one of everything: the store and the stage registry are shared through
 * `globalThis` (store/store.ts, stages.ts, dialogs.ts) and each tag is defined once, but what a copy adds to the page
 * on its own (the automatic stage and ringing dialog, the lazy element loaders) must come from one
 * copy only. The first copy to run serves the page; every later one stands down, and says so once
 * when its version differs. A copy from before this rule (it made the store but claimed nothing)
 * is an earlier copy of unknown version: it serves, and this one stands down.
 */
import { VERSION } from '../core/version.js';

const SERVING = Symbol.for('cc-call-elements.serving');
const STORE = Symbol.for('cc-call-elements.store');

interface ServingCopy {
  readonly version: string;
  readonly url: string;
  readonly copy: object;
}

/** This module instance: one per copy of the bundle on the page. */
const THIS_COPY = {};

function claim(url: string): ServingCopy {
  const slot = globalThis as unknown as Record<symbol, unknown>;
  const serving = slot[SERVING] as ServingCopy | undefined;
  if (serving && typeof serving === 'object' && serving.copy) return serving;
  // A store nobody claimed was made by a copy that predates this rule.
  const earlier = slot[STORE] !== undefined ? { version: 'unknown', url: 'an earlier script', copy: {} } : null;
  const winner: ServingCopy = earlier ?? { version: VERSION, url, copy: THIS_COPY };
  slot[SERVING] = winner;
  return winner;
}

/**
 * Decided as this module loads, before anything of this copy can make the store (entries import this
 * module first). The URL names this copy in the warning.
 */
const SERVES = decide(import.meta.url);

function decide(url: string): boolean {
  const serving = claim(url);
  if (serving.copy === THIS_COPY) return true;
  if (serving.version !== VERSION) {
    console.warn(
      `[cc-call-elements] two versions on one page: ${serving.version} from ${serving.url} serves it; ` +
        `${VERSION} from ${url} stands down. Load one copy.`,
    );
  }
  return false;
}

/** Whether this copy serves the page: adds the automatic stage and dialog, and loads the lazy elements. */
export function servesPage(): boolean {
  return SERVES;
}
