import { css } from 'lit';

export const meetingCardStyles = css`
  :host {
    display: block;
    max-inline-size: var(--cc-meeting-card-max-width, 360px);
  }
  .card {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 4px 12px;
    padding: 12px;
    background: var(--cc-meeting-card-bg, var(--_surface));
    color: var(--cc-meeting-card-color, var(--_text));
    border: 1px solid var(--cc-meeting-card-border, var(--_line));
    border-radius: var(--_radius);
  }
  .icon {
    display: inline-grid;
    place-items: center;
    inline-size: 40px;
    block-size: 40px;
    border-radius: 50%;
    background: var(--cc-meeting-card-icon-bg, var(--_primary));
    color: var(--cc-meeting-card-icon-color, var(--_on-primary));
  }
  .icon.audio {
    background: var(--cc-meeting-card-icon-bg, var(--_success));
  }
  :host(:state(ended)) .icon,
  :host(:state(invalid)) .icon {
    background: var(--_line);
    color: var(--_muted);
  }
  .text {
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  p {
    margin: 0;
  }
  .title {
    font-weight: 650;
  }
  .meta,
  time {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .actions {
    grid-column: 2;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 8px;
  }
  .status {
    margin-inline-end: auto;
    font-weight: 600;
    color: var(--_muted);
  }
  :host(:state(in-meeting)) .status {
    color: var(--_text);
  }
  .return {
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  .leave {
    background: var(--_danger);
    color: #fff;
    font-weight: 600;
  }
  .join {
    background: var(--cc-meeting-card-join-bg, var(--_primary));
    color: var(--cc-meeting-card-join-color, var(--_on-primary));
    font-weight: 600;
  }
`;
