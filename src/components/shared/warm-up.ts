import { getStore } from '../../store/store.js';

const INTENT_EVENTS = ['pointerover', 'focusin', 'pointerdown'] as const;

/**
 * Gets the calls SDK loading as soon as the user reaches for the control named `part` inside
 * `host` (pointer over it, focus on it, or a press), before the click: the store does it once per
 * page, while the page is idle. A page where nobody reaches for a call never loads it.
 */
export function warmUpOnIntent(host: HTMLElement, part: string): void {
  const onIntent = (event: Event) => {
    const target = event.composedPath()[0];
    if (target instanceof Element && target.closest(`[part~="${part}"]`)) getStore().dispatch({ type: 'warm-up' });
  };
  for (const type of INTENT_EVENTS) host.addEventListener(type, onIntent, { passive: true });
}
