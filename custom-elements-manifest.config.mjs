/**
 * Custom Elements Manifest settings, read by every `cem analyze` run in this
 * directory: `npm run analyze` (writes ./custom-elements.json), and
 * scripts/check-manifest.mjs and the before-stop hook (both
 * `cem analyze --litelement --outdir <tmp>`), so all of them produce the same file.
 */
export default {
  globs: ['src/**/*.ts'],
  // The emulator is test/demo plumbing, not public API.
  exclude: ['src/emulator/**', 'src/**/*.test.ts', 'src/**/*.spec.ts', 'src/**/*.d.ts'],
  litelement: true,
  // cem would otherwise rewrite package.json's "customElements" (reformatting the whole file)
  // to point at whatever --outdir a check used. package.json already says "custom-elements.json".
  packagejson: false,
};
