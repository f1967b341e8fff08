/** A round avatar: the (already checked) image URL, or initials when there is none or it fails to load. */
import { css, html, nothing } from 'lit';
import type { Party } from '../../core/types.js';

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return (
    letters
      .map((w) => Array.from(w)[0] ?? '')
      .join('')
      .toUpperCase() || '?'
  );
}

function hideBroken(event: Event): void {
  (event.target as HTMLImageElement).hidden = true;
}

export function avatar(party: Party | null, part = 'avatar') {
  const name = party?.name ?? '';
  return html`<span class="avatar" part=${part} aria-hidden="true">
    <span class="avatar-initials">${initials(name)}</span>
    ${
      party?.avatar
        ? html`<img class="avatar-image" src=${party.avatar} alt="" referrerpolicy="no-referrer" loading="lazy" @error=${hideBroken} />`
        : nothing
    }
  </span>`;
}

export const avatarStyles = css`
  .avatar {
    --_size: var(--cc-avatar-size, 48px);
    position: relative;
    display: inline-grid;
    place-items: center;
    inline-size: var(--_size);
    block-size: var(--_size);
    border-radius: 50%;
    overflow: hidden;
    flex: none;
    background: var(--cc-avatar-bg, linear-gradient(135deg, #4f46e5, #0ea5e9));
    color: var(--cc-avatar-color, #fff);
    font-weight: 650;
    font-size: calc(var(--_size) * 0.38);
    user-select: none;
  }
  .avatar-image {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
`;
