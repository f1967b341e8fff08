/**
 * Production bundlers drop a module whose exports nobody imports when package.json's
 * `sideEffects` does not list it, top-level code included. That once dropped the automatic
 * stage and the automatic incoming call from every Vite app. These tests bundle the built
 * library (dist/lib) with Rollup as an app would, honouring `sideEffects` exactly as
 * @rollup/plugin-node-resolve reads it, and check the whole published surface for the same
 * class of bug. They need `npm run build` (or `rollup -c`) first; `npm test` does that.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const LIB = join(ROOT, 'dist/lib');

/** `sideEffects` globs as regular expressions over `./`-relative paths. */
const sideEffectPatterns = pkg.sideEffects.map(
  (glob) =>
    new RegExp(
      `^${glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '\u0000')
        .replace(/\*/g, '[^/]*')
        // eslint-disable-next-line no-control-regex -- NUL stands in for `**/` while the single `*`s are replaced
        .replace(/\u0000/g, '(?:.*/)?')}$`,
    ),
);
const listed = (file) => sideEffectPatterns.some((re) => re.test(`./${relative(ROOT, file)}`));

/** An app folder whose node_modules holds this package (by symlink) next to nothing else. */
let app;
before(() => {
  assert.ok(existsSync(join(LIB, 'index.js')), 'dist/lib is missing: run `npm run build` first');
  app = mkdtempSync(join(tmpdir(), 'cc-side-effects-'));
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(ROOT, join(app, 'node_modules', pkg.name), 'dir');
});
after(() => rmSync(app, { recursive: true, force: true }));

/** Bundles `code` as an app's entry module the way a production build does; returns the output. */
async function bundleApp(code) {
  const bundle = await rollup({
    input: 'app-entry',
    external: (id) => /^(?:lit|@lit|@cometchat)(?:\/|$)/.test(id),
    plugins: [
      {
        name: 'app-entry',
        resolveId: (id) => (id === 'app-entry' ? id : null),
        load: (id) => (id === 'app-entry' ? code : null),
      },
      nodeResolve({ browser: true, rootDir: app, modulePaths: [join(app, 'node_modules')] }),
    ],
    onwarn: () => {},
  });
  try {
    const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}

const TAGS = ['cc-call-button', 'cc-incoming-call', 'cc-meeting-card', 'cc-call-stage'];

describe('a production bundle of the library', () => {
  for (const [what, entry] of [
    ["import 'cc-call-elements'", `import 'cc-call-elements';`],
    ['importing only configure', `import { configure } from 'cc-call-elements'; window.configureCalls = configure;`],
  ]) {
    it(`keeps the four elements, the automatic stage and the automatic incoming call (${what})`, async () => {
      const code = await bundleApp(entry);
      for (const tag of TAGS) assert.match(code, new RegExp(`define\\('${tag}'`), `${tag} is defined`);
      // elements.ts's top-level code: the stage factory and the subscriptions that add the automatic elements.
      assert.match(code, /\.setFactory\(/, 'the automatic stage is registered');
      assert.match(code, /addAutomatic\('cc-call-stage'\)/, 'the automatic stage can be added');
      assert.match(code, /addAutomatic\('cc-incoming-call'\)/, 'the automatic incoming call can be added');
    });
  }
});

describe('the published surface', () => {
  const files = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
    );

  /** Modules imported only for their effects: a bare `import './x.js'`, or a package entry point. */
  function importedForEffects() {
    const bare = new Set();
    for (const file of files(LIB)) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import\s*['"](\.[^'"]+)['"]/gm)) {
        bare.add(join(file, '..', spec));
      }
    }
    for (const target of Object.values(pkg.exports)) {
      const path = typeof target === 'string' ? target : target.default;
      if (path.endsWith('.js')) bare.add(join(ROOT, path));
    }
    return bare;
  }

  it('lists every module with top-level effects that a page imports for those effects', async () => {
    const forEffects = importedForEffects();
    const unlisted = files(LIB).filter((file) => !listed(file));
    assert.ok(unlisted.length > 5, 'some library modules are side-effect free');
    const offenders = [];
    for (const file of unlisted) {
      // Import the module for its effects alone, as `import 'x'` does: whatever survives
      // tree-shaking is top-level code that a bundler trusting sideEffects would drop.
      const bundle = await rollup({
        input: 'probe',
        external: (id) => id !== 'probe' && id !== file,
        treeshake: { moduleSideEffects: (id) => id === file || id === 'probe' },
        plugins: [
          {
            name: 'probe',
            resolveId: (id) => (id === 'probe' ? id : null),
            load: (id) => (id === 'probe' ? `import ${JSON.stringify(file)};` : null),
          },
        ],
        onwarn: () => {},
      });
      const { output } = await bundle.generate({ format: 'es' });
      await bundle.close();
      // Code that only sets up exports (a class with static styles) may look effectful to Rollup;
      // it is harmless as long as nobody imports the module just to run it.
      if (output[0].code.trim() !== '' && forEffects.has(file)) offenders.push(relative(ROOT, file));
    }
    assert.deepEqual(offenders, [], 'modules imported for their effects must be listed in package.json sideEffects');
  });

  it('leaves no module imported for its effects out of sideEffects', () => {
    const missing = [...importedForEffects()].filter((file) => file.startsWith(LIB) && !listed(file)).map((f) => relative(ROOT, f));
    // react.js is empty (types only): nothing to keep.
    assert.deepEqual(
      missing.filter((f) => f !== 'dist/lib/react.js'),
      [],
    );
  });

  it('lists only files that exist', () => {
    const built = files(join(ROOT, 'dist')).map((file) => `./${relative(ROOT, file)}`);
    pkg.sideEffects.forEach((glob, i) => {
      assert.ok(
        built.some((path) => sideEffectPatterns[i].test(path)),
        `${glob} matches a built file`,
      );
    });
  });
});
