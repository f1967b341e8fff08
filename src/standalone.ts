/**
 * The script-tag entry: everything in the library build, plus `window.CCCalls`
 * and the declarative `data-cc-calls-config` block.
 */
import { configure, getStore, missedMeetings, resetCalls } from './index.js';
import { applyDeclarativeConfig } from './declarative.js';

export * from './index.js';

declare global {
  interface Window {
    /** The script-tag API: the same functions the library build exports. */
    CCCalls?: { configure: typeof configure; resetCalls: typeof resetCalls; missedMeetings: typeof missedMeetings; store: ReturnType<typeof getStore> };
  }
}

if (typeof window !== 'undefined') {
  // A second copy of the bundle keeps the first one's API; the store is shared anyway.
  window.CCCalls ??= { configure, resetCalls, missedMeetings, store: getStore() };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => void applyDeclarativeConfig(), { once: true });
  } else {
    void applyDeclarativeConfig();
  }
}
