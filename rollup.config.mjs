/**
 * Three builds (`npm run build` = `rollup -c && npm run analyze`):
 *
 *  dist/cc-call-elements.js  src/standalone.ts, for a script tag or a CDN: a thin entry that
 *                            re-exports dist/chunks/core-[hash].js, the minified ES module with lit
 *                            and our code. Every lazy chunk imports the core, never the entry, so
 *                            the entry's URL may carry any query or fragment (WordPress's `?ver=`)
 *                            without the page holding two instances of the code. The CometChat SDKs
 *                            (webpack UMD bundles, which node-resolve + commonjs handle) and
 *                            anything else behind a dynamic import() land in dist/chunks/, fetched
 *                            only when that import runs. scripts/size.mjs checks the budget of the
 *                            entry with the core and that nothing else is imported statically.
 *  dist/cc-call-elements.classic.js  src/classic-entry.js: for a classic `<script src>` (a CMS
 *                            that strips type="module"): it import()s the entry beside it.
 *  dist/lib/                 src/index.ts with preserveModules, for bundler users: lit and
 *                            @cometchat/* stay external; .d.ts files beside each module; the JS is
 *                            not minified, but its lit templates are (as below).
 *                            Also dist/lib/react.d.ts, the opt-in typed JSX for React 19
 *                            (`cc-call-elements/react`), copied from src/react.d.ts.
 *  dist/emulator.js          emulator/index.ts, self-contained: the offline emulator for demos, tests and
 *                            framework apps (`cc-call-elements/emulator`); its .d.ts under dist/types/.
 *
 * Weight (the main bundle is judged by it; `npm run size` measures it):
 *  - scripts/minify-lit-templates.mjs minifies the CSS in css`` templates with esbuild and
 *    collapses line-break indentation in html``/svg`` templates, in the first two builds.
 *  - rollup's treeshake preset 'smallest' was tried and rejected: it drops src/elements.ts's
 *    top-level store subscription (the auto stage and auto incoming dialog).
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import { transform } from 'esbuild';
import MagicString from 'magic-string';
import { minifyLitTemplates } from './scripts/minify-lit-templates.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Bare imports that stay imports in the library build. Not tslib: the TS plugin forces
 * importHelpers, but the code needs no helper (no decorators, ES2022 target); if one ever
 * appears it is bundled, so users never need tslib installed.
 */
const LIB_EXTERNAL = /^(?:lit|lit-html|lit-element)(?:\/|$)|^@lit(?:-labs)?\/|^@cometchat\//;

/** Files under dist/chunks/ are named after what they hold, so the size report is readable. */
const NAMED_CHUNKS = [
  { match: '/node_modules/@cometchat/chat-sdk-javascript/', name: 'cometchat-chat-sdk' },
  { match: '/node_modules/@cometchat/calls-sdk-javascript/', name: 'cometchat-calls-sdk' },
  // The configure code, whichever small helper chunk rollup merged into it (and named it after).
  { match: '/src/configure/connect.ts', name: 'connect' },
  // What the configure code, the call rules and the SDK chunks share (see experimentalMinChunkSize).
  { match: 'commonjsHelpers', name: 'shared' },
  // lit and the base of the three Lit elements: the call button, in the first load, holds no lit.
  { match: '/node_modules/lit-html/', name: 'lit' },
];

function chunkFileNames(chunk) {
  const named = NAMED_CHUNKS.find(({ match }) => chunk.moduleIds.some((id) => id.replaceAll('\\', '/').includes(match)));
  if (!named && chunk.moduleIds.some((id) => id.replaceAll('\\', '/').endsWith('/src/standalone.ts'))) return 'chunks/core-[hash].js';
  return `chunks/${named ? named.name : '[name]'}-[hash].js`;
}

/**
 * V8's explicit compile hint (Chrome 136+; a plain comment elsewhere) at the top of the calls SDK
 * chunk. Its evaluation, while a call rings, runs most of its functions at once: compiled eagerly,
 * they compile on a background thread as the chunk streams in, not lazily on the main thread.
 * Measured here: that evaluation's long task 1.40 s → 1.16 s (medians of 4), the same CPU in all.
 * After the minifier, which would drop the comment.
 */
function compileHint() {
  return {
    name: 'compile-hint',
    renderChunk(code, chunk) {
      if (!chunk.fileName.startsWith('chunks/cometchat-calls-sdk-')) return null;
      const hinted = new MagicString(code).prepend('//# allFunctionsCalledOnLoad\n');
      return { code: hinted.toString(), map: hinted.generateMap({ hires: 'boundary' }) };
    },
  };
}

/** `process.env.NODE_ENV` → "production" in everything bundled (there is no `process` in a browser). */
function nodeEnvProduction() {
  return {
    name: 'node-env-production',
    transform(code) {
      if (!code.includes('process.env.NODE_ENV')) return null;
      return { code: code.replace(/\bprocess\.env\.NODE_ENV\b/g, '"production"'), map: null };
    },
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && /\bprocess\.env\b/.test(file.code)) {
          this.error(`${file.fileName} still references process.env, which is undefined in a browser.`);
        }
      }
    },
  };
}

/** Empties this build's outputs first, so chunks with old hashes do not pile up in dist/chunks. */
function clean(...paths) {
  return {
    name: 'clean',
    buildStart() {
      for (const path of paths) rmSync(here(path), { recursive: true, force: true });
    },
  };
}

/**
 * Minifies each chunk with esbuild (already a devDependency), so there is no terser dependency.
 * `treeShaking` lets esbuild drop side-effect-free top-level code rollup kept (tslib's unused
 * SuppressedError polyfill expression); it keeps every call not marked pure, as rollup does.
 * `legalComments: 'eof'` keeps lit's BSD-3-Clause notices, each once, at the end of the file,
 * instead of one copy per lit module inline.
 */
function esbuildMinify() {
  return {
    name: 'esbuild-minify',
    async renderChunk(code, chunk, options) {
      const result = await transform(code, {
        loader: 'js',
        format: 'esm',
        target: 'es2022',
        minify: true,
        treeShaking: true,
        legalComments: 'eof',
        sourcemap: options.sourcemap ? 'external' : false,
        sourcefile: chunk.fileName,
      });
      return { code: result.code, map: result.map || null };
    },
  };
}

/**
 * The TypeScript plugin, compiling only src/ (the repo tsconfig also includes test/ and demo/).
 * Type errors are printed as warnings; `npm run typecheck` is the gate for them.
 */
function ts(compilerOptions = {}, exclude = [], include = ['src/**/*.ts']) {
  return typescript({
    tsconfig: here('./tsconfig.json'),
    // Patterns are relative to the repo, not to compilerOptions.rootDir (src/ in the library build).
    filterRoot: here('.'),
    include,
    exclude: ['**/*.test.ts', 'test/**', 'demo/**', ...exclude],
    compilerOptions: { declaration: false, declarationMap: false, sourceMap: true, ...compilerOptions },
  });
}

/**
 * `cc-call-elements/react`: src/react.d.ts (generated by scripts/react-types.mjs and committed)
 * lands as dist/lib/react.d.ts beside index.d.ts, whose types it imports; tsc emits nothing for
 * a .d.ts, so it is copied. An empty react.js beside it lets a plain
 * `import 'cc-call-elements/react'` resolve in a bundler too (`import type` is erased anyway).
 */
function reactTypes() {
  return {
    name: 'react-types',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'react.d.ts', source: readFileSync(here('./src/react.d.ts'), 'utf8') });
      this.emitFile({ type: 'asset', fileName: 'react.js', source: 'export {};\n' });
    },
  };
}

/** dist/cc-call-elements.classic.js, a classic script (no import/export), copied as it is. */
function classicEntry() {
  return {
    name: 'classic-entry',
    generateBundle() {
      const source = readFileSync(here('./src/classic-entry.js'), 'utf8');
      this.emitFile({ type: 'asset', fileName: 'cc-call-elements.classic.js', source });
    },
  };
}

const browserResolve = () => nodeResolve({ browser: true, preferBuiltins: false });

/**
 * Warnings about the SDKs' own code (eval, `this` at top level, their import circles) are theirs,
 * not ours. An import circle in our own code fails the build: src/ points one way, down to core/
 * (test/tooling/layers.test.mjs checks the same, type-only imports included).
 */
function onwarn(warning, warn) {
  const inSdk = (warning.id ?? warning.loc?.file ?? '').includes('/node_modules/@cometchat/');
  if (inSdk && (warning.code === 'EVAL' || warning.code === 'THIS_IS_UNDEFINED')) return;
  if (warning.code === 'CIRCULAR_DEPENDENCY') {
    if (warning.ids?.every((id) => id.includes('/node_modules/'))) return;
    throw new Error(`Import circle: ${warning.message}`);
  }
  warn(warning);
}

export default [
  {
    input: here('./src/standalone.ts'),
    // The entry exports only its own API, so rollup moves the code into a chunk (the core) behind a
    // thin facade, and lazy chunks import the core by its content-hashed name: a query on the
    // entry's URL (`?ver=`) cannot make the browser instantiate the code twice.
    preserveEntrySignatures: 'strict',
    output: {
      dir: here('./dist'),
      format: 'es',
      entryFileNames: 'cc-call-elements.js',
      chunkFileNames,
      // Tiny side-effect-free chunks are merged into one that loads with them. Not up to 1 KB: that
      // merged the timing helper the configure code and the call rules share into the first load.
      // It now shares a chunk with the SDK chunks' 140-byte commonjs helper (`shared-[hash].js`),
      // which the configure code loads, so the calls SDK chunk is still one request at Accept.
      experimentalMinChunkSize: 500,
      sourcemap: true,
    },
    plugins: [
      clean('./dist/chunks', './dist/cc-call-elements.js', './dist/cc-call-elements.js.map', './dist/cc-call-elements.classic.js'),
      classicEntry(),
      nodeEnvProduction(),
      browserResolve(),
      commonjs(),
      // The config block's `emulator` key loads the emulator as a lazy chunk.
      // outDir: the plugin needs one inside dist/ once allowJs is on (model/ is plain JS).
      ts({ outDir: here('./dist') }, [], ['src/**/*.ts', 'emulator/**/*.ts', 'model/**/*.js']),
      minifyLitTemplates(),
      esbuildMinify(),
      compileHint(),
    ],
    onwarn,
  },

  {
    input: here('./src/index.ts'),
    external: (id) => LIB_EXTERNAL.test(id),
    output: {
      dir: here('./dist/lib'),
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: here('./src'),
      entryFileNames: '[name].js',
      sourcemap: true,
    },
    plugins: [
      clean('./dist/lib'),
      nodeEnvProduction(),
      // The script-tag entry (and its config block, which can start the emulator) is not part of
      // the library: no stray .d.ts for them.
      ts({ declaration: true, declarationMap: true, outDir: here('./dist/lib'), rootDir: here('./src') }, [
        'src/standalone.ts',
        'src/configure/declarative.ts',
        'src/configure/emulated.ts',
      ]),
      minifyLitTemplates(),
      reactTypes(),
    ],
    onwarn,
  },

  // `cc-call-elements/emulator`: one self-contained file, its declarations under dist/types/
  // (emulator/*.d.ts and the SDK shapes they name, src/sdk/types.d.ts, at the same relative paths).
  {
    input: here('./emulator/index.ts'),
    output: { dir: here('./dist'), entryFileNames: 'emulator.js', format: 'es', inlineDynamicImports: true, sourcemap: true },
    plugins: [
      clean('./dist/types'),
      nodeEnvProduction(),
      browserResolve(),
      commonjs(),
      ts(
        { declaration: true, declarationDir: here('./dist/types'), outDir: here('./dist'), rootDir: here('.') },
        [],
        ['emulator/**/*.ts', 'model/**/*.js', 'src/sdk/types.ts'],
      ),
    ],
    onwarn,
  },
];
