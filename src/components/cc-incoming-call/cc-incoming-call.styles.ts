import { css } from 'lit';

export const incomingCallStyles = css`
  :host {
    --_panel-bg: var(--cc-incoming-call-bg, #0f1320);
    --_panel-text: var(--cc-incoming-call-color, #f1f3f9);
    position: fixed;
    z-index: var(--cc-z-index, 2147483000);
    inset-block-start: var(--cc-incoming-call-inset, 16px);
    inset-inline: 0;
    display: flex;
    justify-content: center;
    pointer-events: none;
  }
  :host(:state(idle)) {
    display: contents;
  }
  .dialog,
  .notice {
    pointer-events: auto;
    inline-size: min(100vw - 24px, 380px);
    background: var(--_panel-bg);
    color: var(--_panel-text);
    border-radius: calc(var(--_radius) * 1.5);
    box-shadow: 0 18px 48px rgb(0 0 0 / 0.35);
    /* An edge against a dark page too. */
    outline: 1px solid rgb(255 255 255 / 0.14);
    outline-offset: -1px;
    animation: arrive 220ms ease-out;
    /* The panel is dark in both colour schemes: a light ring, apart from the button, shows where focus is. */
    --_focus: var(--cc-focus-ring, 0 0 0 3px #0f1320, 0 0 0 6px #f1f3f9);
  }
  @media (forced-colors: active) {
    .dialog,
    .notice {
      border: 1px solid CanvasText;
    }
  }
  .dialog {
    display: grid;
    justify-items: center;
    gap: 14px;
    padding: 24px 20px 20px;
    text-align: center;
  }
  @keyframes arrive {
    from {
      opacity: 0;
      transform: translateY(-12px);
    }
  }
  .pulse {
    position: relative;
    isolation: isolate;
    border-radius: 50%;
    --cc-avatar-size: var(--cc-incoming-call-avatar-size, 88px);
  }
  /* A ring that grows out of the avatar and fades. Only transform and opacity change, so the
     compositor runs it: the page is not repainted every frame while a call rings (a page with a
     thousand call buttons would be). At rest, and with reduced motion, it is not seen. */
  .pulse::before {
    content: '';
    position: absolute;
    inset: 0;
    z-index: -1;
    border-radius: 50%;
    background: var(--cc-incoming-call-pulse, rgb(47 158 68 / 0.6));
    opacity: 0;
    pointer-events: none;
  }
  :host(:state(ringing)) .pulse::before {
    animation: pulse 1.4s ease-out infinite;
    will-change: transform, opacity;
  }
  @keyframes pulse {
    from {
      opacity: 1;
      transform: scale(1);
    }
    to {
      opacity: 0;
      transform: scale(1.5);
    }
  }
  .titles {
    display: grid;
    gap: 4px;
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  .title {
    margin: 0;
    font-size: 1.3rem;
    font-weight: 650;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .subtitle {
    margin: 0;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    opacity: 0.85;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    justify-content: space-around;
    align-items: start;
    inline-size: 100%;
    gap: 16px;
    padding-block-start: 6px;
  }
  .accept,
  .decline {
    flex: 0 1 auto;
    min-inline-size: 0;
    max-inline-size: 45%;
    flex-direction: column;
    gap: 8px;
    background: none;
    color: inherit;
    padding: 6px 10px;
    border-radius: 20px;
  }
  .disc {
    display: grid;
    place-items: center;
    inline-size: 64px;
    block-size: 64px;
    border-radius: 50%;
    color: #fff;
  }
  .disc svg {
    inline-size: 28px;
    block-size: 28px;
  }
  .accept .disc {
    background: var(--cc-incoming-call-accept-bg, var(--_success));
  }
  .decline .disc {
    background: var(--cc-incoming-call-decline-bg, var(--_danger));
  }
  .label {
    font-size: 0.9rem;
    max-inline-size: 100%;
    overflow-wrap: anywhere;
    text-align: center;
  }
  .notice {
    display: grid;
    gap: 12px;
    padding: 14px;
    --cc-avatar-size: 40px;
  }
  .notice-head {
    display: flex;
    align-items: center;
    gap: 12px;
    min-inline-size: 0;
  }
  /* Long names are clamped to two lines, never broken mid-word into a column of letters. */
  .notice-text {
    flex: 1;
    margin: 0;
    min-inline-size: 0;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    overflow: hidden;
    overflow-wrap: break-word;
  }
  /* The buttons get their own row. */
  .notice-actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
  .join {
    background: var(--cc-incoming-call-join-bg, var(--_primary));
    color: var(--_on-primary);
    font-weight: 600;
  }
  .dismiss {
    background: #2a3142;
    color: inherit;
  }

  /* On a phone, ringing takes the screen like a phone's own call screen. */
  @media (max-width: 600px) {
    :host(:state(ringing)),
    :host(:state(accepting)) {
      inset: 0;
      pointer-events: auto;
      background: var(--_panel-bg);
    }
    :host(:state(ringing)) .dialog,
    :host(:state(accepting)) .dialog {
      inline-size: 100%;
      block-size: 100%;
      border-radius: 0;
      box-shadow: none;
      outline: none;
      grid-template-rows: 1fr auto auto 1fr auto;
      padding: 32px 20px 48px;
    }
    .pulse {
      grid-row: 2;
      --cc-avatar-size: var(--cc-incoming-call-avatar-size, 120px);
    }
    .titles {
      grid-row: 3;
    }
    .actions {
      grid-row: 5;
    }
  }
`;
