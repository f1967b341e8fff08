/**
 * What the config block's `emulator` key loads, as one lazy chunk: the offline
 * emulator, and a notice on the page saying so. A site must never run on the
 * emulator without its users seeing it: nobody is really called.
 */
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.js';

export const EMULATOR_NOTICE_ATTRIBUTE = 'data-cc-emulator-notice';

// In the flow at the top of the page, not fixed over it: a fixed notice covered the elements it
// speaks of (a ringing stage's status and Cancel in the demo).
const NOTICE_CSS = `
  :host { all: initial; display: block; margin-block-end: 0.5rem;
    font: 600 0.8125rem/1.3 system-ui, sans-serif; color: #1d2433; background: #fff3bf; border: 1px solid #8a6d00;
    border-radius: 0.375rem; padding: 0.375rem 0.625rem; box-sizing: border-box; }
  @media (forced-colors: active) { :host { border-color: CanvasText; } }
`;

/** Shows (once) that calling runs on the offline emulator. Its own shadow root and a constructed stylesheet, so no page CSS hides it and a strict `style-src` allows it. */
function showEmulatorNotice(uid: string): void {
  if (document.querySelector(`[${EMULATOR_NOTICE_ATTRIBUTE}]`)) return;
  const host = document.createElement('div');
  host.setAttribute(EMULATOR_NOTICE_ATTRIBUTE, '');
  host.setAttribute('role', 'status');
  host.setAttribute('lang', 'en');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(NOTICE_CSS);
  root.adoptedStyleSheets = [sheet];
  root.textContent = `Offline emulator (signed in as ${uid}): calls here are simulated and nobody is really called.`;
  // Before <body>, in the flow: it covers nothing, and a site that swaps <body> on navigation keeps it.
  document.documentElement.insertBefore(host, document.body);
  console.warn('cc-call-elements: the data-cc-calls-config block turned on the offline emulator; no real call can be made.');
}

export function startEmulated(options: EmulatorOptions & { uid: string }): Emulator {
  const emulator = createEmulator(options);
  showEmulatorNotice(options.uid);
  return emulator;
}
