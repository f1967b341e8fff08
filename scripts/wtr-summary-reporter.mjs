/**
 * A web-test-runner reporter that writes a machine-readable summary of the run
 * to a JSON file, for scripts/test.mjs to add to the end-to-end results.
 * The default reporter stays on for humans; this one prints nothing unless
 * `printLine` is set, in which case it prints the standalone
 * `N passed, N failed[, N skipped]` line last.
 *
 * Counting: every test is passed, failed or skipped. A test file whose session
 * failed without a failing test (it did not import, its browser crashed, a
 * hook threw, it timed out) counts as one failed "test" named after the file,
 * so a broken file can never look like a green run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/** Flattens a mocha suite tree into [{ name, passed, skipped, error }]. */
function flatten(suite, prefix = []) {
  if (!suite) return [];
  const path = suite.name ? [...prefix, suite.name] : prefix;
  return [
    ...(suite.tests ?? []).map((t) => ({ ...t, fullName: [...path, t.name].join(' > ') })),
    ...(suite.suites ?? []).flatMap((s) => flatten(s, path)),
  ];
}

/** Pure: sessions (from the runner) → summary object. Exported for tooling tests. */
export function summarize(sessions, rootDir = process.cwd()) {
  const summary = { passed: 0, failed: 0, skipped: 0, files: 0, failures: [] };
  for (const session of sessions) {
    summary.files += 1;
    const file = relative(rootDir, session.testFile);
    const tests = flatten(session.testResults);
    let failedHere = 0;
    for (const t of tests) {
      if (t.skipped) summary.skipped += 1;
      else if (t.passed) summary.passed += 1;
      else {
        summary.failed += 1;
        failedHere += 1;
        summary.failures.push({ file, name: t.fullName, message: t.error?.message ?? '' });
      }
    }
    const sessionErrors = session.errors ?? [];
    if (session.passed === false && failedHere === 0) {
      summary.failed += 1;
      const message = sessionErrors.map((e) => e.message).join('; ') || `session ended with status ${session.status}`;
      summary.failures.push({ file, name: `${file} (file failed to run)`, message });
    }
  }
  return summary;
}

export function summaryLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

/**
 * @param {{ outputFile?: string, printLine?: boolean }} [options]
 * @returns {import('@web/test-runner').Reporter}
 */
export function summaryReporter(options = {}) {
  const outputFile = resolve(options.outputFile ?? process.env.WTR_SUMMARY_FILE ?? '.wtr-summary.json');
  let rootDir = process.cwd();
  let last;
  const write = (sessions) => {
    last = summarize(sessions, rootDir);
    mkdirSync(dirname(outputFile), { recursive: true });
    writeFileSync(outputFile, `${JSON.stringify(last, null, 2)}\n`);
  };
  return {
    start({ config }) {
      rootDir = config.rootDir ?? rootDir;
    },
    onTestRunFinished({ sessions }) {
      write(sessions);
    },
    stop({ sessions }) {
      write(sessions);
      if (options.printLine) {
        // Printed on exit so it lands after the default reporter's final output.
        process.once('exit', () => process.stdout.write(`${summaryLine(last)}\n`));
      }
    },
  };
}
