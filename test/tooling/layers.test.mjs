/**
 * The shape of src/: every folder points down, nothing points back up, and no module imports
 * itself through others. Every import counts (static, dynamic, `import type`, `export … from`):
 * a type-only import still ties one layer to another's shapes, and a lazy import() is still a
 * dependency (a circle through one splits oddly into chunks and reads badly). TypeScript's own
 * pre-parser (`ts.preProcessFile`) lists a file's imports, so strings and comments never count.
 * Reads src/ only: no build needed.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

/**
 * Which folders each folder of src/ may import, besides itself. `core` is the ground floor and
 * imports nothing; the entries at src/'s root may import anything. The order, bottom up:
 * core ← store ← sdk, page ← configure, components ← entries.
 */
export const LAYERS = {
  core: [],
  store: ['core'],
  sdk: ['core', 'store'],
  page: ['core', 'store'],
  configure: ['core', 'store', 'sdk', 'page'],
  components: ['core', 'store', 'page'],
};

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `./x.js` as written in a .ts file names `./x.ts`. */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const target = resolve(dirname(from), specifier);
  for (const candidate of [target.replace(/\.js$/, '.ts'), target, `${target}.ts`, join(target, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  assert.fail(`${relative(ROOT, from)} imports ${specifier}, which does not exist`);
}

/** Every file of src/ with the files (in or out of src/) it imports. */
function importGraph() {
  const graph = new Map();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(file, [...new Set(importedFiles.map(({ fileName }) => resolveImport(file, fileName)).filter(Boolean))]);
  }
  return graph;
}

/** The folder of src/ a file belongs to: `core`, `store`, …, or '' for the entries at the root. */
function layerOf(file) {
  const rel = relative(SRC, file);
  if (rel.startsWith('..')) return null; // outside src/ (the emulator, beside it)
  const [first, ...rest] = rel.split(/[\\/]/);
  return rest.length ? first : '';
}

/** Every circle of imports, each as the files it runs through (Tarjan's strongly connected components). */
export function circles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component);
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('the layers of src/', () => {
  const graph = importGraph();

  it('puts every file in a known folder, or at the root as an entry', () => {
    const unknown = [...graph.keys()].map(layerOf).filter((layer) => layer !== '' && !(layer in LAYERS));
    assert.deepEqual([...new Set(unknown)], [], `add these folders to LAYERS in ${relative(ROOT, fileURLToPath(import.meta.url))}`);
  });

  it('has no import circle between files', () => {
    const found = circles(graph).map((component) => component.map((file) => relative(ROOT, file)).sort());
    assert.deepEqual(found, []);
  });

  it('has each folder import only the folders below it, and the ground floor none', () => {
    const upward = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      if (from === '') continue; // an entry may import anything
      for (const target of targets) {
        const to = layerOf(target);
        if (to === null) {
          // Beside src/: only configure/ may load the emulator (the config block's `emulator` key).
          if (from !== 'configure') upward.push(`${relative(ROOT, file)} → ${relative(ROOT, target)}`);
        } else if (to !== from && !LAYERS[from].includes(to)) {
          upward.push(`${relative(ROOT, file)} → ${relative(ROOT, target)}`);
        }
      }
    }
    assert.deepEqual(upward, []);
  });

  it('sees a circle when there is one (the check itself)', () => {
    const a = '/a.ts';
    const b = '/b.ts';
    const c = '/c.ts';
    assert.deepEqual(
      circles(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, [a]],
        ]),
      ).map((component) => component.sort()),
      [[a, b, c]],
    );
    assert.deepEqual(
      circles(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, []],
        ]),
      ),
      [],
    );
  });
});
