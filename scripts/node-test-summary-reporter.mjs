/**
 * A `node --test` reporter that records one JSON summary of the run for
 * scripts/test.mjs, next to the human `spec` reporter:
 *
 *   CC_NODE_TEST_SUMMARY_FILE=summary.json node --test \
 *     --test-reporter=spec --test-reporter-destination=stdout \
 *     --test-reporter=./scripts/node-test-summary-reporter.mjs --test-reporter-destination=/dev/null …
 *
 * It counts from the per-test events (node's end-of-run totals are only
 * diagnostics text) and writes the file synchronously when the stream ends.
 * Do not combine it with --test-force-exit: that ends the run before
 * reporters finish, and the summary is never written. Without
 * CC_NODE_TEST_SUMMARY_FILE it yields the JSON to its destination instead.
 *
 * Counting matches node's: suites are not tests; a test whose only failure is
 * a failing subtest is not listed again; a file that throws before declaring a
 * test is one failed test named after the file; cancelled counts as failed,
 * todo as skipped.
 */
import { writeFileSync } from 'node:fs';

/** @param {string | undefined} outputFile */
export function createSummaryReporter(outputFile) {
  return async function* summaryReporter(source) {
    const summary = { passed: 0, failed: 0, skipped: 0, complete: false, failures: [] };
    for await (const event of source) {
      if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
      const { name, file, skip, todo, details } = event.data;
      if (details?.type === 'suite') continue;
      if (skip || todo) summary.skipped += 1;
      else if (event.type === 'test:pass') summary.passed += 1;
      else {
        summary.failed += 1;
        if (details?.error?.failureType !== 'subtestsFailed') {
          const error = details?.error;
          summary.failures.push({ file, name, message: String(error?.cause?.message ?? error?.message ?? '') });
        }
      }
    }
    summary.complete = true;
    const text = `${JSON.stringify(summary, null, 2)}\n`;
    if (outputFile) writeFileSync(outputFile, text);
    else yield text;
  };
}

export default createSummaryReporter(process.env.CC_NODE_TEST_SUMMARY_FILE);
