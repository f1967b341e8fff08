#!/usr/bin/env node
/**
 * Fails when the committed custom-elements.json is stale.
 *
 * Regenerates the manifest into a temporary directory with the same command
 * the before-stop hook uses (`cem analyze --litelement --outdir <tmp>`, which
 * reads custom-elements-manifest.config.mjs) and compares it byte for byte with
 * the committed copy: `git show HEAD:custom-elements.json` inside a git
 * checkout (the build rewrites the working copy, so comparing with that would
 * always pass in CI), the working copy otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MANIFEST = 'custom-elements.json';
const FIX = `Run \`npm run analyze\` and commit ${MANIFEST}.`;

function cemBinary() {
  const require = createRequire(join(ROOT, 'package.json'));
  return join(dirname(require.resolve('@custom-elements-manifest/analyzer/package.json')), 'cem.js');
}

function committedManifest() {
  const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: ROOT, encoding: 'utf8' });
  if (inGit.status === 0 && inGit.stdout.trim() === 'true') {
    const shown = spawnSync('git', ['show', `HEAD:${MANIFEST}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    return { source: `HEAD:${MANIFEST}`, text: shown.status === 0 ? shown.stdout : null };
  }
  const path = join(ROOT, MANIFEST);
  return { source: MANIFEST, text: existsSync(path) ? readFileSync(path, 'utf8') : null };
}

/** The first differing line with a little context, enough to see what changed. */
function firstDifference(expected, actual) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 3);
  const show = (lines, mark) => lines.slice(from, i + 4).map((l, k) => `${from + k === i ? mark : ' '} ${from + k + 1}: ${l}`);
  return [`first difference at line ${i + 1}:`, '  committed:', ...show(a, '-'), '  regenerated:', ...show(b, '+')].join('\n');
}

// cem joins --outdir onto the working directory even when it is absolute, so pass it relative.
const tmp = mkdtempSync(join(ROOT, '.cem-check-'));
let failed = false;
try {
  execFileSync(process.execPath, [cemBinary(), 'analyze', '--litelement', '--quiet', '--outdir', relative(ROOT, tmp)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const fresh = readFileSync(join(tmp, MANIFEST), 'utf8');
  const committed = committedManifest();
  if (committed.text === null) {
    console.error(`✗ ${committed.source} does not exist. ${FIX}`);
    failed = true;
  } else if (committed.text !== fresh) {
    const working = existsSync(join(ROOT, MANIFEST)) ? readFileSync(join(ROOT, MANIFEST), 'utf8') : null;
    console.error(`✗ ${committed.source} is stale: it differs from what \`cem analyze --litelement\` generates now.`);
    console.error(firstDifference(committed.text, fresh));
    console.error(working === fresh ? `Your working copy of ${MANIFEST} is current; commit it.` : FIX);
    failed = true;
  } else {
    const elements = JSON.parse(fresh)
      .modules.flatMap((m) => m.declarations ?? [])
      .filter((d) => d.customElement && d.tagName);
    console.log(
      `✓ ${committed.source} is up to date (${elements.length} custom element(s): ${elements.map((d) => d.tagName).join(', ') || 'none'}).`,
    );
  }
} catch (error) {
  console.error(`✗ could not regenerate the manifest: ${error.message}`);
  failed = true;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
