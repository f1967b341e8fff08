/**
 * Evaluated before Lit. Lit creates a Trusted Types policy named `lit-html` as it loads; a page
 * whose CSP forbids that policy (`trusted-types 'none'`) makes it throw, and the bundle would die
 * with a bare TypeError. Instead say, once, which directive the page must add.
 */
if (typeof window !== 'undefined' && 'trustedTypes' in window) {
  const onError = (event: ErrorEvent): void => {
    if (!/lit-html/.test(String(event.message)) || !/polic/i.test(String(event.message))) return;
    event.preventDefault();
    console.error("[cc-call-elements] cannot load: the page's CSP must allow Lit's Trusted Types policy: trusted-types lit-html");
  };
  window.addEventListener('error', onError);
  setTimeout(() => window.removeEventListener('error', onError));
}
export {};
