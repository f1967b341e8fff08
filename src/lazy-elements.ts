/**
 * The script-tag bundle's elements. The call button comes with the first load; the stage, the
 * ringing dialog and the meeting card are chunks of their own, so a page that only shows call
 * buttons downloads less. They load while nobody waits: at once when the page has one of them, at
 * the first idle moment once calling is configured, and whenever a call needs one.
 */
import { servesPage } from './page/copies.js';
import './components/cc-call-button/cc-call-button.js';
import { getStore } from './store/store.js';

function once(load: () => Promise<unknown>): () => Promise<unknown> {
  let loading: Promise<unknown> | null = null;
  // A failed load (a network blip) may be retried by the next caller.
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      // Why a load failed matters only once one has: the check comes with its own chunk.
      void import('./page/csp-check.js').then(({ reportBlockedLit }) => reportBlockedLit(error)).catch(() => undefined);
      return Promise.reject(error);
    }));
}

const loaders = {
  'cc-call-stage': once(() => import('./components/cc-call-stage/cc-call-stage.js')),
  'cc-incoming-call': once(() => import('./components/cc-incoming-call/cc-incoming-call.js')),
  'cc-meeting-card': once(() => import('./components/cc-meeting-card/cc-meeting-card.js')),
};
type LazyTag = keyof typeof loaders;
const TAGS = Object.keys(loaders) as LazyTag[];

function loadAll(): void {
  for (const tag of TAGS) void loaders[tag]().catch(() => undefined);
}

/** Loads the element of every lazy tag under `root` (the page's own, as they appear). */
function loadPresent(root: ParentNode): void {
  for (const tag of TAGS) if (root.querySelector(tag)) void loaders[tag]().catch(() => undefined);
}

// A copy that stands down (page/copies.ts) loads nothing: the serving copy's elements are the page's.
if (typeof document !== 'undefined' && servesPage()) {
  // The automatic stage and dialog (page/surfaces.ts) matter only once calling is being configured (no
  // call can exist before): they load then, long before configure() can have connected.
  const stopWaiting = getStore().subscribe(({ status }) => {
    if (status === 'unconfigured') return;
    stopWaiting();
    void import('./page/surfaces.js').then(({ provideSurfaces }) =>
      provideSurfaces({ stage: loaders['cc-call-stage'], incoming: loaders['cc-incoming-call'] }),
    );
  });

  // The page's own elements, now and as a framework or CMS adds them, until all three are defined.
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) loadPresent(node.parentNode ?? node);
    if (TAGS.every((tag) => customElements.get(tag))) observer.disconnect();
  });
  const watch = () => {
    loadPresent(document);
    observer.observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch, { once: true });
  else watch();

  // Once calling is configured, everything a call may show loads at the first idle moment.
  const unsubscribe = getStore().subscribe(({ status }) => {
    if (status !== 'ready') return;
    unsubscribe();
    if (typeof requestIdleCallback === 'function') requestIdleCallback(loadAll, { timeout: 2000 });
    else setTimeout(loadAll, 200);
  });
}
