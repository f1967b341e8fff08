import { css } from 'lit';

export const callStageStyles = css`
  :host {
    display: block;
    --_stage-bg: var(--cc-call-stage-bg, #0f1320);
    --_stage-text: var(--cc-call-stage-color, #f1f3f9);
  }
  :host([mode='overlay'][state='idle']) {
    display: none;
  }
  :host([mode='overlay']) .backdrop {
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
    display: grid;
    grid-template-rows: auto 1fr auto;
    gap: 12px;
    inline-size: 100%;
    background: var(--_stage-bg);
    color: var(--_stage-text);
    border-radius: var(--_radius);
    padding: 16px;
    overflow: hidden;
    /* The stage is dark in both colour schemes: a light ring shows where focus is. */
    --_focus: var(--cc-focus-ring, 0 0 0 3px rgb(255 255 255 / 0.8));
  }
  :host([mode='overlay']) .panel {
    max-inline-size: 1100px;
    block-size: min(760px, 100%);
    box-shadow: 0 24px 64px rgb(0 0 0 / 0.35);
  }
  :host([mode='inline']) .panel {
    min-block-size: var(--cc-call-stage-min-height, 220px);
  }
  :host([mode='inline'][state='connecting']) .body,
  :host([mode='inline'][state='active']) .body {
    min-block-size: var(--cc-call-stage-session-height, min(70vh, 360px));
  }
  :host([mode='inline'][state='idle']) .panel {
    background: transparent;
    color: var(--_muted);
    border: 1px dashed var(--_line);
    place-items: center;
    grid-template-rows: 1fr;
  }
  @media (max-width: 600px) {
    :host([mode='overlay']) .backdrop {
      padding: 0;
    }
    :host([mode='overlay']) .panel {
      block-size: 100%;
      border-radius: 0;
    }
  }
  .header {
    display: flex;
    align-items: center;
    gap: 12px;
    min-inline-size: 0;
  }
  .titles {
    display: grid;
    min-inline-size: 0;
  }
  .title {
    margin: 0;
    font-size: 1.15rem;
    font-weight: 650;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .status {
    margin: 0;
    overflow-wrap: anywhere;
    opacity: 0.8;
    font-size: 0.95rem;
  }
  .body {
    position: relative;
    display: grid;
    place-items: center;
    min-block-size: 0;
    border-radius: calc(var(--_radius) - 4px);
    overflow: hidden;
  }
  .session {
    position: absolute;
    inset: 0;
    display: none;
  }
  :host([state='connecting']) .session,
  :host([state='active']) .session {
    display: block;
  }
  ::slotted([slot='session']) {
    display: block;
    inline-size: 100%;
    block-size: 100%;
  }
  .hero {
    display: grid;
    justify-items: center;
    gap: 16px;
    text-align: center;
    padding: 24px;
  }
  .hero .avatar {
    --cc-avatar-size: var(--cc-call-stage-avatar-size, 112px);
  }
  :host([state='calling']) .hero .avatar {
    animation: breathe 1.6s ease-in-out infinite;
  }
  @keyframes breathe {
    50% {
      transform: scale(1.06);
      box-shadow: 0 0 0 14px rgb(255 255 255 / 0.08);
    }
  }
  .outcome {
    font-size: 1.25rem;
    font-weight: 650;
  }
  .detail {
    margin: 0;
    max-inline-size: 42ch;
    opacity: 0.85;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    justify-content: center;
    gap: 12px;
    flex-wrap: wrap;
  }
  .end {
    background: var(--cc-call-stage-end-bg, var(--_danger));
    color: #fff;
    min-inline-size: 140px;
    font-weight: 600;
  }
  .close {
    background: var(--cc-call-stage-close-bg, rgb(255 255 255 / 0.14));
    color: inherit;
    min-inline-size: 120px;
  }
  .idle-text {
    margin: 0;
    font-size: 0.95rem;
  }
`;
