/**
 * Unit, component and contract tests: `test/**\/*.test.ts`, in Chromium.
 * Run through `npm test` (scripts/test.mjs), which finds the browser, or
 * directly: `CHROME_PATH=/usr/bin/chromium npx wtr [files…]`.
 */
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { CHROME_ARGS } from './scripts/chrome-args.mjs';
import { sdkEsmPlugin } from './scripts/sdk-esm-plugin.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';

const rootDir = fileURLToPath(new URL('.', import.meta.url));

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
// No --user-data-dir in CHROME_ARGS: puppeteer makes (and deletes) a temporary profile.

export default {
  rootDir,
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  // Tests isolate themselves with unique BroadcastChannel names, so two pages may run at once.
  concurrency: 2,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  // Generous: the first request for /__sdk/calls.js bundles a 2.6 MB UMD file on a cold CI machine.
  testsStartTimeout: 60_000,
  // Per test file, not per run. A long model-based hunt (FUZZ_RUNS) gets 10 s per run on top, as the test itself allows.
  testsFinishTimeout: 180_000 + (Number(process.env.FUZZ_RUNS) || 0) * 10_000,
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: true, args: CHROME_ARGS },
      // Each test file's page in a window of its own: two pages that run at once are then both
      // visible, so animation frames come (a tab behind another gets none, and a test waiting for one stalls).
      createPage: ({ context }) => context.newPage({ type: 'window' }),
    }),
  ],
  // sdkEsmPlugin comes first so its resolveImport claims the bare @cometchat/* specifiers before nodeResolve does.
  plugins: [
    // The model-based test reads its seed and run count from here: FUZZ_RUNS=2000 FUZZ_SEED=7 npm test -- test/model/call-model.test.ts
    {
      name: 'fuzz-settings',
      executeCommand: ({ command }) =>
        command === 'fuzz-settings'
          ? { runs: Number(process.env.FUZZ_RUNS) || null, seed: Number(process.env.FUZZ_SEED) || null }
          : undefined,
    },
    sdkEsmPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  // @open-wc/testing loads lit's dev build, which says so in every file; keep every other log.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  testFramework: {
    config: { ui: 'bdd', timeout: 10_000 },
  },
  reporters: [defaultReporter(), summaryReporter({ printLine: !process.env.WTR_SUMMARY_FILE })],
};
