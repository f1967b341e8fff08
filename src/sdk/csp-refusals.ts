/**
 * What the page's Content-Security-Policy refuses CometChat's calls SDK (4.2) while it loads, read
 * from the violation events the browser fires meanwhile. The SDK evaluates lib-jitsi-meet from a
 * string, which needs `'unsafe-eval'`; sets script URLs with no Trusted Types policy, which
 * `require-trusted-types-for 'script'` forbids; and adds `<style>` elements, which need
 * `style-src 'unsafe-inline'`. Without the first two no call can connect; without the third its
 * call view is unstyled.
 */

/** What the calls SDK needs of a page's policy, in the policy's own words. */
export const CALLS_SDK_NEEDS = "script-src 'unsafe-eval', style-src 'unsafe-inline', and no require-trusted-types-for 'script'";

/** What the SDK did that the page refused, each with the directive that refused it. */
export interface CspRefusals {
  /** Without these the SDK cannot connect a call. */
  fatal: string[];
  /** Without these its call view is unstyled. */
  cosmetic: string[];
}

const EVAL = 'evaluating code from a string (script-src)';
const TRUSTED_TYPES = 'a script URL with no Trusted Types policy (require-trusted-types-for)';
const INLINE_STYLE = 'inline styles (style-src)';

function refusalOf(event: SecurityPolicyViolationEvent): string | undefined {
  if (event.effectiveDirective === 'require-trusted-types-for') return TRUSTED_TYPES;
  if (event.blockedURI === 'eval') return EVAL;
  if (event.blockedURI === 'inline' && event.effectiveDirective.startsWith('style-src')) return INLINE_STYLE;
  return undefined;
}

/**
 * Starts listening; `done()` stops once the events of what already ran have arrived (the browser
 * queues them as tasks), and says what was refused. `thrown`, what the load threw if it did: a
 * Trusted Types refusal also throws, so it counts even if its event were late.
 */
export function watchCspRefusals(): { done(thrown?: unknown): Promise<CspRefusals> } {
  const refused = new Set<string>();
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    const refusal = refusalOf(event);
    if (refusal) refused.add(refusal);
  };
  const target = typeof document === 'undefined' ? undefined : document;
  target?.addEventListener('securitypolicyviolation', onViolation);
  return {
    async done(thrown?: unknown) {
      if (target) await new Promise((resolve) => setTimeout(resolve, 0));
      target?.removeEventListener('securitypolicyviolation', onViolation);
      if (thrown instanceof TypeError && /requires 'TrustedScript/.test(thrown.message)) refused.add(TRUSTED_TYPES);
      const all = [...refused];
      return { fatal: all.filter((refusal) => refusal !== INLINE_STYLE), cosmetic: all.filter((refusal) => refusal === INLINE_STYLE) };
    },
  };
}
