// From lit's own stylesheet module, not 'lit': the first load (the call button) holds no lit.
import { css } from '@lit/reactive-element/css-tag.js';

export const callButtonStyles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
    max-inline-size: 100%;
  }
  /* A paint layer of its own: a button dimmed or brightened (a call rings, or ends) is repainted
     alone, not the page around it, which may hold a thousand of them. */
  button {
    isolation: isolate;
    inline-size: 100%;
    max-inline-size: 100%;
    background: var(--cc-call-button-bg, var(--_primary));
    color: var(--cc-call-button-color, var(--_on-primary));
    font-weight: 600;
    white-space: nowrap;
  }
  /* A long label or translation is cut with an ellipsis; the button's accessible name keeps all of it.
     The label is the slot, given a box (a slot has none by default) so that it can cut its text. */
  [part='label'] {
    display: block;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  [part='reason']:not([hidden]) {
    display: block;
    margin-block-start: 4px;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  :host(:state(audio)) button {
    background: var(--cc-call-button-audio-bg, var(--cc-call-button-bg, var(--_success)));
    /* White keeps 4.5:1 on the success green in both schemes (5.1:1 light, 5.4:1 dark). */
    color: var(--cc-call-button-color, #fff);
  }
`;
