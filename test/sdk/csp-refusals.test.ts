/**
 * What the page's CSP refused the calls SDK while it loaded (src/sdk/csp-refusals.ts), from the
 * violation events the browser fires. The real tier (test/real/embed.real.mjs) has the browser
 * refuse the real SDK; here each kind of report is dispatched as the browser words it.
 */
import { expect } from '@open-wc/testing';
import { watchCspRefusals } from '../../src/sdk/csp-refusals.js';

/** A violation as Chromium reports it. */
function violation(effectiveDirective: string, blockedURI: string): SecurityPolicyViolationEvent {
  return new SecurityPolicyViolationEvent('securitypolicyviolation', {
    effectiveDirective,
    violatedDirective: effectiveDirective,
    blockedURI,
    originalPolicy: "default-src 'self'",
    disposition: 'enforce',
    statusCode: 200,
    bubbles: true,
    composed: true,
  });
}

describe('the calls SDK under a page CSP', () => {
  it('counts a refused eval and a Trusted Types sink as fatal, refused inline styles as cosmetic, and nothing else', async () => {
    const watch = watchCspRefusals();
    document.dispatchEvent(violation('script-src', 'eval'));
    document.dispatchEvent(violation('style-src-elem', 'inline'));
    document.dispatchEvent(violation('style-src-elem', 'inline'));
    document.dispatchEvent(violation('require-trusted-types-for', 'trusted-types-sink'));
    // The page's own images, and the SDK's optional models from its CDN, are not the SDK failing.
    document.dispatchEvent(violation('img-src', 'https://example.com/a.png'));
    document.dispatchEvent(violation('script-src-elem', 'https://cdn.cometchat.io/calls/v3/rnnoise.js'));
    const { fatal, cosmetic } = await watch.done();
    expect(fatal).to.have.members([
      'evaluating code from a string (script-src)',
      'a script URL with no Trusted Types policy (require-trusted-types-for)',
    ]);
    expect(cosmetic).to.deep.equal(['inline styles (style-src)']);
  });

  it('counts a Trusted Types refusal from the error the load threw, and stops listening once done', async () => {
    const watch = watchCspRefusals();
    const thrown = new TypeError(
      "Failed to set the 'src' property on 'HTMLScriptElement': This document requires 'TrustedScriptURL' assignment.",
    );
    expect(await watch.done(thrown)).to.deep.equal({
      fatal: ['a script URL with no Trusted Types policy (require-trusted-types-for)'],
      cosmetic: [],
    });
    const quiet = watchCspRefusals();
    document.dispatchEvent(violation('style-src-elem', 'inline'));
    await quiet.done();
    // Not listening any more: a later report is someone else's.
    document.dispatchEvent(violation('script-src', 'eval'));
    expect(await quiet.done()).to.deep.equal({ fatal: [], cosmetic: ['inline styles (style-src)'] });
    expect(await watchCspRefusals().done(new Error('offline'))).to.deep.equal({ fatal: [], cosmetic: [] });
  });
});
