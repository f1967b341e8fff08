/**
 * What `npm pack` publishes: a fresh clone has no dist/, so `prepack` builds it; the tarball holds
 * the files a site hosts (the module entry, its core, the classic loader) and the LICENSE the
 * `license` field promises. Lists the tarball with `npm pack --dry-run --ignore-scripts`, so it
 * needs dist/ built (`npm test` builds it first) but never builds.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('the published package', () => {
  it('builds dist/ before packing, so a fresh clone publishes the bundle', () => {
    assert.equal(pkg.scripts.prepack, 'npm run build');
  });

  it('ships the MIT LICENSE its license field names', () => {
    assert.equal(pkg.license, 'MIT');
    assert.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /^MIT License\n[\s\S]*Permission is hereby granted, free of charge/);
  });

  it('takes lit as a caret range, so an app shares its own lit 3', () => {
    assert.match(pkg.dependencies.lit, /^\^3\.\d+\.\d+$/);
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    assert.equal(lock.packages[''].dependencies.lit, pkg.dependencies.lit, 'package-lock.json is in sync');
  });

  it('packs the entry, its core, the classic loader, the library, the emulator and the LICENSE', () => {
    assert.ok(existsSync(join(ROOT, 'dist/cc-call-elements.js')), 'dist/ is missing: run `npm run build` first');
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
    const files = packed.files.map((f) => f.path);
    for (const file of [
      'LICENSE',
      'README.md',
      'package.json',
      'custom-elements.json',
      'dist/cc-call-elements.js',
      'dist/cc-call-elements.classic.js',
      'dist/lib/index.js',
      'dist/emulator.js',
    ]) {
      assert.ok(files.includes(file), `${file} is packed`);
    }
    assert.ok(
      files.some((f) => /^dist\/chunks\/core-[\w-]+\.js$/.test(f)),
      'the core chunk is packed',
    );
  });

  it('names the same version in src/core/version.ts as in package.json (the two-copies warning prints it)', () => {
    assert.match(
      readFileSync(join(ROOT, 'src/core/version.ts'), 'utf8'),
      new RegExp(`export const VERSION = '${pkg.version.replaceAll('.', '\\.')}';`),
    );
  });
});
