import { css } from 'lit';

/*
 * One layout, two shapes. Before and after a call (Calling…, the outcome) the avatar, the name and
 * the status sit centred, like a phone's call screen, with the buttons at the bottom. During a call
 * the header shrinks to one row and the session takes the room between it and the buttons.
 */
export const callStageStyles = css`
  :host {
    display: block;
    --_stage-bg: var(--cc-call-stage-bg, #0f1320);
    --_stage-text: var(--cc-call-stage-color, #f1f3f9);
  }
  :host(:state(overlay):state(idle)) {
    display: none;
  }
  :host(:state(overlay)) .backdrop {
    position: fixed;
    inset: 0;
    z-index: var(--cc-z-index, 2147483000);
    display: grid;
    place-items: center;
    background: var(--cc-call-stage-backdrop, rgb(8 10 18 / 0.6));
    padding: clamp(0px, 3vw, 32px);
  }
  .panel {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 16px;
    inline-size: 100%;
    background: var(--_stage-bg);
    color: var(--_stage-text);
    border-radius: var(--_radius);
    /* An edge against a dark page too. */
    outline: 1px solid rgb(255 255 255 / 0.12);
    outline-offset: -1px;
    padding: 20px;
    /* The stage is dark in both colour schemes: a light ring shows where focus is. */
    --_focus: var(--cc-focus-ring, 0 0 0 3px #0f1320, 0 0 0 6px #f1f3f9);
  }
  .panel:focus {
    outline: 1px solid rgb(255 255 255 / 0.12);
  }
  :host(:state(overlay)) .panel {
    max-inline-size: 1100px;
    block-size: min(760px, 100%);
    box-shadow: 0 24px 64px rgb(0 0 0 / 0.35);
  }
  :host(:state(overlay):state(calling)) .panel,
  :host(:state(overlay):state(ended)) .panel {
    max-inline-size: 440px;
    block-size: min(560px, 100%);
  }
  :host(:state(inline)) .panel {
    min-block-size: var(--cc-call-stage-min-height, 320px);
  }
  :host(:state(inline):state(idle)) .panel {
    min-block-size: var(--cc-call-stage-min-height, 160px);
    background: transparent;
    color: var(--_muted);
    outline: 1px dashed var(--_line);
    display: grid;
    place-items: center;
  }
  @media (max-width: 600px) {
    :host(:state(overlay)) .backdrop {
      padding: 0;
    }
    :host(:state(overlay)) .panel,
    :host(:state(overlay):state(calling)) .panel,
    :host(:state(overlay):state(ended)) .panel {
      max-inline-size: none;
      block-size: 100%;
      border-radius: 0;
    }
    .panel {
      padding: 16px 12px;
    }
  }

  /* Header: centred hero before and after the call, one row during it. */
  .header {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 14px;
    text-align: center;
    min-inline-size: 0;
    flex: 1;
  }
  .header .avatar {
    --cc-avatar-size: var(--cc-call-stage-avatar-size, 112px);
  }
  .titles {
    display: grid;
    gap: 6px;
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  .title {
    margin: 0;
    font-size: clamp(1.4rem, 4vw, 1.9rem);
    font-weight: 650;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .status {
    margin: 0;
    overflow-wrap: anywhere;
    color: #c5cbd8;
    font-size: 1.05rem;
    font-variant-numeric: tabular-nums;
  }
  :host(:state(connecting)) .header,
  :host(:state(active)) .header {
    flex: none;
    flex-direction: row;
    justify-content: flex-start;
    text-align: start;
    gap: 12px;
  }
  :host(:state(connecting)) .header .avatar,
  :host(:state(active)) .header .avatar {
    --cc-avatar-size: 40px;
  }
  :host(:state(connecting)) .title,
  :host(:state(active)) .title {
    font-size: 1.1rem;
  }
  :host(:state(connecting)) .status,
  :host(:state(active)) .status {
    font-size: 0.95rem;
  }
  :host(:state(calling)) .header .avatar {
    animation: breathe 1.6s ease-in-out infinite;
  }
  @keyframes breathe {
    50% {
      box-shadow: 0 0 0 14px rgb(255 255 255 / 0.08);
    }
  }

  /* Body: the session during a call; why it failed after one. */
  .body {
    display: grid;
    place-items: center;
    min-block-size: 0;
  }
  :host(:state(connecting)) .body,
  :host(:state(active)) .body {
    flex: 1;
    display: block;
    place-items: normal;
    border-radius: calc(var(--_radius) - 4px);
    /* Never cut the session off: what does not fit scrolls, with a visible scrollbar. */
    overflow: auto;
    background: rgb(0 0 0 / 0.25);
  }
  :host(:state(inline):state(connecting)) .body,
  :host(:state(inline):state(active)) .body {
    flex: none;
    block-size: var(--cc-call-stage-session-height, clamp(360px, 70vh, 640px));
  }
  .session {
    display: none;
    block-size: 100%;
  }
  :host(:state(connecting)) .session,
  :host(:state(active)) .session {
    display: block;
  }
  ::slotted([slot='session']) {
    display: block;
    inline-size: 100%;
    min-block-size: 100%;
    block-size: 100%;
  }
  .people {
    margin: 0;
    color: #c5cbd8;
    font-size: 0.875rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .detail {
    margin: 0;
    max-inline-size: 42ch;
    text-align: center;
    color: #c5cbd8;
    overflow-wrap: anywhere;
  }

  .actions {
    display: flex;
    justify-content: center;
    gap: 12px;
    flex-wrap: wrap;
  }
  .actions button {
    min-inline-size: 140px;
    min-block-size: 48px;
    border-radius: 999px;
    font-weight: 600;
  }
  .end {
    background: var(--cc-call-stage-end-bg, var(--_danger));
    color: #fff;
  }
  .again {
    background: var(--_success);
    color: #fff;
  }
  .close {
    background: var(--cc-call-stage-close-bg, #2a3142);
    color: inherit;
  }
  .idle-text {
    margin: 0;
    font-size: 0.95rem;
  }
  @media (forced-colors: active) {
    .panel {
      border: 1px solid CanvasText;
    }
  }
`;
