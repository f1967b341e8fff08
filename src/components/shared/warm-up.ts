import { getStore } from '../../store/store.js';

const INTENT_EVENTS = ['pointerover', 'focusin', 'pointerdown'] as const;

/** The hosts that warm up on intent, with the part that counts in each; one listener per document serves them all. */
const parts = new WeakMap<EventTarget, string>();
const listening = new WeakSet<Document>();

function onIntent(event: Event): void {
  const path = event.composedPath();
  const target = path[0];
  if (!(target instanceof Element)) return;
  for (const node of path) {
    const part = parts.get(node);
    if (part !== undefined && target.closest(`[part~="${part}"]`)) {
      getStore().dispatch({ type: 'warm-up' });
      return;
    }
  }
}

/**
 * Gets the calls SDK loading as soon as the user reaches for the control named `part` inside
 * `host` (pointer over it, focus on it, or a press), before the click: the store does it once per
 * page, while the page is idle. A page where nobody reaches for a call never loads it. The listening
 * is done once for the whole document (capturing), not by each of a thousand hosts.
 */
export function warmUpOnIntent(host: HTMLElement, part: string): void {
  parts.set(host, part);
  const doc = host.ownerDocument;
  if (listening.has(doc)) return;
  listening.add(doc);
  for (const type of INTENT_EVENTS) doc.addEventListener(type, onIntent, { passive: true, capture: true });
}
