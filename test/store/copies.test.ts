import { expect } from '@open-wc/testing';

// No static import of src/: copies.ts must decide before anything of this copy exists, as on a page.
describe('a copy of the bundle on a page where an earlier copy already runs', () => {
  it('stands down, with one warning, when a copy of unknown version (from before the rule) made the store', async () => {
    const slot = globalThis as unknown as Record<symbol, unknown>;
    const storeKey = Symbol.for('cc-call-elements.store');
    slot[storeKey] = { madeBy: 'an older copy' };
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const { servesPage } = await import('../../src/page/copies.js');
      const { VERSION } = await import('../../src/core/version.js');
      expect(servesPage()).to.equal(false);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.match(
        new RegExp(`unknown from an earlier script serves it; ${VERSION.replaceAll('.', '\\.')} from \\S+copies\\.(ts|js)\\S* stands down`),
      );
    } finally {
      console.warn = warn;
      delete slot[storeKey];
    }
  });
});
