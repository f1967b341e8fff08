// From lit's own stylesheet module, not 'lit': the first load (the call button) holds no lit.
import { css } from '@lit/reactive-element/css-tag.js';

/** The look every element shares: the theme's custom properties, buttons, icons, focus, reduced motion. */
export const hostStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--cc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--cc-color-text, #1d2433);
    --_surface: var(--cc-color-surface, #ffffff);
    --_text: var(--cc-color-text, #1d2433);
    --_muted: var(--cc-color-muted, #5b6475);
    --_line: var(--cc-color-border, #dfe3ec);
    --_primary: var(--cc-color-primary, #3b5bdb);
    --_on-primary: var(--cc-color-on-primary, #ffffff);
    --_success: var(--cc-color-success, #1a7f37);
    --_danger: var(--cc-color-danger, #c92a2a);
    --_radius: var(--cc-radius, 12px);
    --_focus: var(--cc-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_primary) 45%, transparent));
  }
  @media (prefers-color-scheme: dark) {
    :host {
      color: var(--cc-color-text, #e8ebf2);
      --_surface: var(--cc-color-surface, #1a1e28);
      --_text: var(--cc-color-text, #e8ebf2);
      --_muted: var(--cc-color-muted, #a3abbb);
      --_line: var(--cc-color-border, #2f3646);
      --_primary: var(--cc-color-primary, #748ffc);
      --_on-primary: var(--cc-color-on-primary, #0b1020);
      /* White text on these keeps 4.5:1 (WCAG AA) on the dark surfaces too. */
      --_success: var(--cc-color-success, #1f7a35);
      --_danger: var(--cc-color-danger, #c92a2a);
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button {
    font: inherit;
    cursor: pointer;
    border: 0;
    border-radius: var(--_radius);
    min-block-size: 44px;
    max-inline-size: 100%;
    overflow-wrap: anywhere;
    padding-block: 0.55em;
    padding-inline: 1em;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    transition: filter 120ms ease, transform 120ms ease;
  }
  @media (forced-colors: active) {
    button {
      border: 1px solid;
    }
  }
  button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  button:hover:not([aria-disabled='true']):not(:disabled) {
    filter: brightness(1.08);
  }
  button:active:not([aria-disabled='true']):not(:disabled) {
    transform: scale(0.98);
  }
  button[aria-disabled='true'],
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  /* Not clipped (the icons stay inside their box anyway): a clip is one more paint property per
     icon, and the browser's per-frame layering work grows with them on a page of many buttons. */
  svg {
    inline-size: 1.25em;
    block-size: 1.25em;
    flex: none;
    overflow: visible;
  }
  /* Text in the page's language, or the English fallback on a right-to-left page without a translation:
     each paragraph takes the direction of its own words, so English never reads back to front. */
  p,
  h2 {
    unicode-bidi: plaintext;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;
