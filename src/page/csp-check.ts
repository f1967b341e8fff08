/**
 * lit creates a Trusted Types policy named `lit-html` as it loads, with the stage, the ringing dialog
 * and the meeting card (the call buttons need none). A page whose CSP forbids that policy
 * (`trusted-types 'none'`) makes that load fail with a bare TypeError: say instead, once, which
 * directive the page must add.
 */
let explained = false;

/** Whether `error` is lit's policy being refused; if so, says once on the console what the page must allow. */
export function explainBlockedLit(error: unknown): boolean {
  const message = String((error as Error | undefined)?.message ?? error);
  if (!/lit-html/.test(message) || !/polic/i.test(message)) return false;
  if (!explained) {
    explained = true;
    console.error(
      "[cc-call-elements] the call stage, ringing dialog and meeting card cannot load: the page's CSP must allow Lit's Trusted Types policy: trusted-types lit-html",
    );
  }
  return true;
}
