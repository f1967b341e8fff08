/**
 * The script-tag entry: the library's API, the elements (the stage, the ringing dialog and the
 * meeting card as lazy chunks), `window.CCCalls`, and the declarative `data-cc-calls-config` block.
 */
import './csp-check.js';
import './lazy-elements.js';
import { callState, configure, missedMeetings, noteMeetingHistory, resetCalls, subscribeToCalls } from './api.js';
import { applyDeclarativeConfig, watchForMissingConfig } from './declarative.js';

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

if (typeof window !== 'undefined') {
  // A second copy of the bundle keeps the first one's API; the store is shared anyway.
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
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => void applyDeclarativeConfig(), { once: true });
  } else {
    void applyDeclarativeConfig();
  }
  // Once the page has loaded (a task later still, if this copy itself was added after that), a
  // config block added late is applied; a page with none is told so a little later, or at once
  // when someone tries to call.
  const checkConfig = () =>
    setTimeout(() => {
      void applyDeclarativeConfig();
      watchForMissingConfig();
    }, 0);
  if (document.readyState === 'complete') checkConfig();
  else window.addEventListener('load', checkConfig, { once: true });
}
