/**
 * The script-tag entry: the library's API, the elements (the stage, the ringing dialog and the
 * meeting card as lazy chunks), `window.CCCalls`, and the declarative `data-cc-calls-config` block.
 */
import { servesPage } from './page/copies.js';
import './lazy-elements.js';
import { callState, configure, missedMeetings, noteMeetingHistory, resetCalls, subscribeToCalls } from './api.js';
import { hasUnappliedBlock } from './configure/block.js';
import { getStore } from './store/store.js';

export * from './api.js';

declare global {
  interface Window {
    /** The script-tag API: the same functions the library build exports. */
    CCCalls?: {
      configure: typeof configure;
      resetCalls: typeof resetCalls;
      missedMeetings: typeof missedMeetings;
      noteMeetingHistory: typeof noteMeetingHistory;
      /** The call state (read-only), as `callState()` returns it. */
      readonly state: ReturnType<typeof callState>;
      subscribe: typeof subscribeToCalls;
    };
  }
}

// A later copy of the bundle (a second plugin) leaves the page to the copy that serves it (page/copies.ts).
if (typeof window !== 'undefined' && servesPage()) {
  window.CCCalls ??= {
    configure,
    resetCalls,
    missedMeetings,
    noteMeetingHistory,
    get state() {
      return callState();
    },
    subscribe: subscribeToCalls,
  };
  // The block's reader is a chunk of its own: a page with a block loads it at once, and says
  // "Connecting…" from the first paint meanwhile (a bad block then says why it is unavailable).
  const declarative = () => import('./configure/declarative.js');
  const applyBlock = (): void => {
    if (!hasUnappliedBlock()) return;
    if (getStore().state.status === 'unconfigured') getStore().dispatch({ type: 'configuring' });
    void declarative().then(({ applyDeclarativeConfig }) => applyDeclarativeConfig());
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', applyBlock, { once: true });
  else applyBlock();
  // Once the page has loaded (a task later still, if this copy itself was added after that), a
  // config block added late is applied, now or as a script adds it; a page with none is told so a
  // little later, or at once when someone tries to call.
  const checkConfig = () =>
    setTimeout(
      () =>
        void declarative().then(({ applyDeclarativeConfig, applyConfigAsItArrives, watchForMissingConfig }) => {
          void applyDeclarativeConfig();
          applyConfigAsItArrives();
          watchForMissingConfig();
        }),
      0,
    );
  if (document.readyState === 'complete') checkConfig();
  else window.addEventListener('load', checkConfig, { once: true });
}
