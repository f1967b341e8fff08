/** This build's version, as in package.json (test/tooling/scripts.test.mjs keeps the two equal). */
export const VERSION = '0.1.0';
