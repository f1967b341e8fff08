/**
 * The example apps' locked dependencies (examples/<app>/package-lock.json), installed with `npm ci`
 * unless node_modules was installed from that very lockfile: a stamp holds its hash and the
 * platform. test/e2e/frameworks.e2e.mjs installs through it, and `npm test` starts it for every app
 * while web-test-runner runs (scripts/test.mjs), so the installs, mostly waiting on disk and the
 * network, are done before the end-to-end tier needs them. npm's own cache (~/.npm) keeps a cold
 * install offline.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const STAMP = '.cc-example-install';

/** The environment for npm in an example: none of the `npm test` run's own npm_* settings leak in. */
export const NPM_ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_(package_|lifecycle_|config_local_prefix$|config_prefix$|command$|execpath$)/i.test(key),
  ),
);
NPM_ENV.npm_config_update_notifier = 'false';
NPM_ENV.NG_CLI_ANALYTICS = 'false'; // angular.json says so too; never prompt
NPM_ENV.NEXT_TELEMETRY_DISABLED = '1';

/** Runs `command` in `cwd` with NPM_ENV; resolves with its stdout, or rejects with the tail of its output. */
export function sh(command, args, cwd, timeout = 240_000) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: NPM_ENV, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const tail = `${stdout}\n${stderr}`
          .split('\n')
          .filter((l) => !/Unknown user config "nodedir"/.test(l))
          .slice(-40)
          .join('\n');
        reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) failed: ${error.message}\n${tail}`));
      } else resolve(stdout);
    });
  });
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** One install per app directory at a time: a second caller waits for the first instead of racing it. */
const running = new Map();

/** `npm ci` in `dir` unless its node_modules came from this lockfile; resolves with whether it was cached. */
export function installLocked(dir) {
  if (!running.has(dir)) running.set(dir, installOnce(dir));
  return running.get(dir);
}

async function installOnce(dir) {
  // What the installed tree depends on: the lockfile, and the platform its native packages are for.
  const lock = `${sha256(join(dir, 'package-lock.json'))} ${process.platform}-${process.arch} node${process.versions.node.split('.')[0]}`;
  const stamp = join(dir, 'node_modules', STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lock) return true;
  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  // At the lowest CPU priority: it runs beside web-test-runner, whose frame-counting tests must not
  // starve (one counted a button changed early when the installs shared the CPU evenly).
  const ci = ['ci', '--prefer-offline', '--no-audit', '--no-fund'];
  await (process.platform === 'win32' ? sh('npm', ci, dir) : sh('nice', ['-n', '19', 'npm', ...ci], dir));
  writeFileSync(stamp, lock);
  return false;
}

/** Every example app's locked install, side by side; resolves once all have settled (a failure is the app test's to report). */
export function installAllExamples() {
  const apps = existsSync(EXAMPLES) ? readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, 'package-lock.json'))) : [];
  return Promise.allSettled(apps.map((name) => installLocked(join(EXAMPLES, name))));
}
