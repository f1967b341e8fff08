#!/usr/bin/env node
/**
 * `npm run size`: gzip sizes (node:zlib, level 9) of dist/cc-call-elements.js, its core
 * (dist/chunks/core-*.js, which the entry re-exports) and every other dist/chunks/*.js, as a table.
 * The first load is the entry's static import closure: the entry and the core, each fetched as a
 * file of its own. Fails (exit 1) when
 *  - the first load is over MAIN_BUDGET_GZIP, or
 *  - the first load imports any other chunk statically, above all a CometChat SDK chunk: a static
 *    import is fetched at page start, before any call, which defeats the lazy loading. The entry
 *    imports the core and nothing else; the core imports nothing. Dynamic `import()` is the only
 *    allowed way out of the first load.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseAst } from 'rollup/parseAst';

/**
 * 10,950 B gzip for what a page pays for before any call (the entry and its core together): the call
 * button with its styles and icons (a hand-rendered element, with lit's small stylesheet module and no
 * more of lit), the store with what it knows before calling is configured (store/state.ts), the
 * selectors, the strings, and the loaders of everything else. Measured at 10,895 B on 2026-12-08,
 * raised on purpose from 10,631 B for the first paint of a contact list: a shadow DOM cloned already
 * filled per look, templates split once, names that need no cleaning returned as they are (about
 * 30 ms less script for 1,000 buttons, issue 17). Earlier: 10,608 B before afterPaint read the page's visibility, 10,613 B before the label became the slot; 10,635 B before the blocked-calling rule moved from store/state.ts to the call rules, after issue 17 (the check of a blocked lit load is a chunk of its own, csp-check-*.js; 10,706 B
 * with it; 14,812 B while the call button was a Lit element and lit, about 5 KB gzip, came with
 * it; 19,253 B before the call rules, store/rules.ts: the machine, its effects and the tab links, 5 KB
 * gzip, moved behind the start of configuration, and the config block's reader behind the block or
 * `load`; 25,128 B with all four elements and the SDK adapter in it). lit and the three Lit elements'
 * base are a lazy chunk of their own (lit-*.js), as are the stage's and dialog's own icons
 * (control-icons.ts). The stage, the ringing dialog, the meeting card, the configure
 * code with the SDK adapter, the session code and the ring are lazy chunks, loaded while nobody waits
 * (see src/lazy-elements.ts); the CometChat SDKs (about 115 KB + 690 KB gzip) and the emulator load
 * only when used. The bundle rides on pages that never start a call, so it should cost less than a
 * small image.
 *
 * A regression of the kind a budget is for fails here: a new runtime dependency, lit (or a second
 * copy of it), a lazy element, the call rules or an SDK bundled eagerly (the static-import check below
 * catches an SDK chunk imported statically too). Raise it deliberately, in review, not to make a
 * build pass.
 */
export const MAIN_BUDGET_GZIP = 10_950;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const MAIN = join(DIST, 'cc-call-elements.js');
const CHUNKS = join(DIST, 'chunks');
/** rollup.config.mjs names the SDK chunks after their package. */
const SDK_CHUNK = /^cometchat-(?:chat|calls)-sdk-/;
/** rollup.config.mjs names the chunk behind the entry `core-[hash].js`. */
const CORE_CHUNK = /^core-[\w-]+\.js$/;

export const gzipSize = (buffer) => gzipSync(buffer, { level: 9 }).length;

/** Static and dynamic module specifiers of an ES module's source. Exported for tooling tests. */
export function importsOf(code) {
  const ast = parseAst(code);
  const staticImports = [];
  const dynamicImports = [];
  for (const node of ast.body) {
    if (
      (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') &&
      node.source
    ) {
      staticImports.push(node.source.value);
    }
  }
  (function walk(node) {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'ImportExpression') {
      dynamicImports.push(node.source.type === 'Literal' ? node.source.value : '<computed>');
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') walk(value);
    }
  })(ast);
  return { staticImports, dynamicImports };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function main() {
  if (!existsSync(MAIN)) {
    console.error(`✗ ${relative(ROOT, MAIN)} does not exist: run \`npm run build\` first.`);
    return 1;
  }
  const chunkFiles = existsSync(CHUNKS)
    ? readdirSync(CHUNKS)
        .filter((f) => f.endsWith('.js'))
        .sort((a, b) => Number(!CORE_CHUNK.test(a)) - Number(!CORE_CHUNK.test(b)) || a.localeCompare(b))
        .map((f) => join(CHUNKS, f))
    : [];

  const problems = [];
  // The static import closure of the entry: what loads before the page can show a button.
  const firstLoad = new Map();
  const visit = (file, importer) => {
    if (firstLoad.has(file)) return;
    if (!existsSync(file)) {
      problems.push(`${relative(ROOT, importer)} imports ${relative(ROOT, file)}, which does not exist.`);
      return;
    }
    const { staticImports, dynamicImports } = importsOf(readFileSync(file, 'utf8'));
    firstLoad.set(file, { staticImports, dynamicImports });
    for (const specifier of staticImports) {
      const target = join(dirname(file), specifier);
      const allowed = file === MAIN && CORE_CHUNK.test(basename(target));
      if (!allowed) {
        problems.push(
          SDK_CHUNK.test(basename(target))
            ? `${relative(ROOT, file)} statically imports the SDK chunk ${specifier}: it would load at page start. Import the SDK only with import().`
            : `${relative(ROOT, file)} statically imports ${specifier}: the first load must be the entry and its core alone.`,
        );
      }
      visit(target, file);
    }
  };
  visit(MAIN, MAIN);

  const rows = [MAIN, ...chunkFiles].map((file) => {
    const buffer = readFileSync(file);
    const kind = firstLoad.has(file) ? 'first' : SDK_CHUNK.test(basename(file)) ? 'SDK, lazy' : 'lazy';
    return { file: relative(ROOT, file), kind, raw: buffer.length, gzip: gzipSize(buffer) };
  });

  const width = Math.max(...rows.map((r) => r.file.length), 4);
  const line = (a, b, c, d) => `${a.padEnd(width)}  ${b.padEnd(9)}  ${c.padStart(10)}  ${d.padStart(10)}`;
  console.log(line('file', 'loads', 'raw', 'gzip -9'));
  console.log('-'.repeat(width + 37));
  for (const r of rows) console.log(line(r.file, r.kind, kb(r.raw), kb(r.gzip)));

  const firstGzip = rows.filter((r) => r.kind === 'first').reduce((sum, r) => sum + r.gzip, 0);
  if (firstGzip > MAIN_BUDGET_GZIP) {
    problems.push(
      `the first load (${relative(ROOT, MAIN)} and its static imports) is ${kb(firstGzip)} gzip, over its ${kb(MAIN_BUDGET_GZIP)} budget.`,
    );
  }
  const dynamicImports = [...firstLoad.values()].flatMap((imports) => imports.dynamicImports);
  const lazySdk = dynamicImports.filter((s) => SDK_CHUNK.test(basename(s)));
  console.log(
    `\nfirst load: ${kb(firstGzip)} (${firstGzip.toLocaleString('en')} B) of ${kb(MAIN_BUDGET_GZIP)} gzip budget, ` +
      `${firstLoad.size} file(s); lazy: ${dynamicImports.map((s) => basename(s)).join(', ') || 'none'}`,
  );
  if (lazySdk.length === 0 && rows.some((r) => r.kind === 'SDK, lazy')) {
    console.warn('note: SDK chunks exist but the first load does not import() them directly.');
  }

  if (problems.length > 0) {
    for (const p of problems) console.error(`✗ ${p}`);
    return 1;
  }
  console.log('✓ size and loading checks passed');
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
