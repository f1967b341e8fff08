/**
 * The page's `<cc-incoming-call>`s, kept by the elements and shared by every copy of the bundle
 * (like the stages, stages.ts): with two copies on a page only one copy's class is defined, and
 * the automatic dialog (surfaces.ts) must count the elements of either. It reads how many are
 * connected, and hears each one come (`true`) and go (`false`).
 */
import { pageShared } from '../core/shared.js';

export interface Dialogs {
  /** How many are connected now. */
  count: number;
  /** Told whenever one connects (`true`) or disconnects (`false`). */
  readonly listeners: Set<(connected: boolean) => void>;
}

/** The page's one dialog registry, shared by every copy of the bundle. */
export function getDialogs(): Dialogs {
  return pageShared<Dialogs>('dialogs', () => ({ count: 0, listeners: new Set() }));
}

/** A dialog connected (`true`) or disconnected (`false`). */
export function dialogConnected(connected: boolean): void {
  const dialogs = getDialogs();
  dialogs.count += connected ? 1 : -1;
  for (const listener of dialogs.listeners) listener(connected);
}
