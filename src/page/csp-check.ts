/**
 * lit creates a Trusted Types policy named `lit-html` as it loads, with the stage, the ringing dialog
 * and the meeting card (the call buttons need none). A page whose CSP forbids that policy
 * (`trusted-types 'none'`) makes that load fail with a bare TypeError. Then no call can be shown on
 * the page: calling becomes unavailable here, so nobody is called (or rings) from a page that could
 * not show the call, and the page is told which directive to add.
 */
import { getStore } from '../store/store.js';

const BLOCKED =
  "Calling is not available on this page: the call stage, ringing dialog and meeting card cannot load because its CSP forbids Lit's Trusted Types policy. Add: trusted-types lit-html";

/**
 * Whether `error` is lit's policy being refused; if so, makes calling unavailable on this page. The
 * store says so once: a `cc-error` `elements-blocked`, logged on the console.
 */
export function reportBlockedLit(error: unknown): boolean {
  const message = String((error as Error | undefined)?.message ?? error);
  if (!/lit-html/.test(message) || !/polic/i.test(message)) return false;
  getStore().dispatch({ type: 'calling-blocked', error: { code: 'elements-blocked', message: BLOCKED } });
  return true;
}
