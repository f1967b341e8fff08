/**
 * Tests of the build and test tooling itself (scripts/*.mjs), run by `node --test`
 * from scripts/test.mjs. They are fast and need no browser and no dist/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { importsOf, MAIN_BUDGET_GZIP } from '../../scripts/size.mjs';
import { summarize, summaryLine } from '../../scripts/wtr-summary-reporter.mjs';
import { createSummaryReporter } from '../../scripts/node-test-summary-reporter.mjs';
import { buildSdkModule, sdkEsmPlugin } from '../../scripts/sdk-esm-plugin.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('size: telling static imports from lazy ones', () => {
  it('finds static imports and re-exports in minified output', () => {
    const code =
      'import{a as b}from"./chunks/cometchat-chat-sdk-X1.js";export*from"./chunks/x.js";export{c}from"./y.js";' +
      'const c=1;import("./chunks/cometchat-calls-sdk-Y2.js").then(m=>m);';
    const { staticImports, dynamicImports } = importsOf(code);
    assert.deepEqual(staticImports, ['./chunks/cometchat-chat-sdk-X1.js', './chunks/x.js', './y.js']);
    assert.deepEqual(dynamicImports, ['./chunks/cometchat-calls-sdk-Y2.js']);
  });

  it('does not mistake import() inside functions, or strings, for static imports', () => {
    const code = 'const s="import x from \'./no.js\'";export async function f(){return (await import("./lazy.js")).default}';
    assert.deepEqual(importsOf(code), { staticImports: [], dynamicImports: ['./lazy.js'] });
  });

  it('keeps a 10,950 B gzip budget for the main bundle (25 KB before the lazy elements, 19,434 B before issue 17, 14,850 B with lit in it)', () => {
    assert.equal(MAIN_BUDGET_GZIP, 10_950);
  });
});

describe('wtr summary reporter', () => {
  const suite = (name, tests, suites = []) => ({ name, tests, suites });
  const test = (name, passed, skipped = false, message) => ({ name, passed, skipped, error: message ? { message } : undefined });

  it('counts passed, failed and skipped tests through nested suites', () => {
    const sessions = [
      {
        testFile: `${ROOT}test/a.test.ts`,
        passed: false,
        errors: [],
        testResults: suite(
          '',
          [],
          [suite('outer', [test('ok', true)], [suite('inner', [test('bad', false, false, 'boom'), test('later', false, true)])])],
        ),
      },
    ];
    const summary = summarize(sessions, ROOT);
    assert.deepEqual({ ...summary, failures: undefined }, { passed: 1, failed: 1, skipped: 1, files: 1, failures: undefined });
    assert.deepEqual(summary.failures, [{ file: 'test/a.test.ts', name: 'outer > inner > bad', message: 'boom' }]);
  });

  it('counts a file that failed to run as one failure', () => {
    const sessions = [
      {
        testFile: `${ROOT}test/broken.test.ts`,
        passed: false,
        status: 'FINISHED',
        errors: [{ message: 'Could not import your test module.' }],
      },
    ];
    const summary = summarize(sessions, ROOT);
    assert.equal(summary.failed, 1);
    assert.match(summary.failures[0].name, /broken\.test\.ts/);
    assert.match(summary.failures[0].message, /Could not import/);
  });

  it('prints skipped only when something was skipped', () => {
    assert.equal(summaryLine({ passed: 3, failed: 0, skipped: 0 }), '3 passed, 0 failed');
    assert.equal(summaryLine({ passed: 3, failed: 1, skipped: 2 }), '3 passed, 1 failed, 2 skipped');
  });
});

describe('node --test summary reporter', () => {
  async function report(events) {
    let out = '';
    for await (const chunk of createSummaryReporter(undefined)(
      (async function* () {
        yield* events;
      })(),
    ))
      out += chunk;
    return JSON.parse(out);
  }
  const pass = (name, extra = {}) => ({ type: 'test:pass', data: { name, file: '/x.e2e.mjs', details: {}, ...extra } });
  const fail = (name, failureType, message) => ({
    type: 'test:fail',
    data: { name, file: '/x.e2e.mjs', details: { error: { failureType, cause: message ? { message } : undefined } } },
  });

  it('counts tests like node does, and lists real failures but not their parents', async () => {
    const summary = await report([
      pass('ok'),
      pass('later', { skip: true }),
      pass('someday', { todo: true }),
      fail('child', 'testCodeFailure', 'nope'),
      fail('parent', 'subtestsFailed'),
      {
        type: 'test:fail',
        data: { name: 'suite', file: '/x.e2e.mjs', details: { type: 'suite', error: { failureType: 'subtestsFailed' } } },
      },
      fail('/y.e2e.mjs', 'testCodeFailure', 'crash at top level'),
      { type: 'test:diagnostic', data: { nesting: 0, message: 'tests 6' } },
    ]);
    assert.deepEqual(
      { passed: summary.passed, failed: summary.failed, skipped: summary.skipped, complete: summary.complete },
      { passed: 1, failed: 3, skipped: 2, complete: true },
    );
    assert.deepEqual(
      summary.failures.map((f) => f.name),
      ['child', '/y.e2e.mjs'],
    );
  });

  it('reports an empty run as complete with nothing counted', async () => {
    assert.deepEqual(await report([]), { passed: 0, failed: 0, skipped: 0, complete: true, failures: [] });
  });
});

describe('sdk-esm plugin', () => {
  it('maps the bare SDK specifiers to the served ESM builds', () => {
    const plugin = sdkEsmPlugin();
    assert.equal(plugin.resolveImport({ source: '@cometchat/chat-sdk-javascript' }), '/__sdk/chat.js');
    assert.equal(plugin.resolveImport({ source: '@cometchat/calls-sdk-javascript' }), '/__sdk/calls.js');
    assert.equal(plugin.resolveImport({ source: 'lit' }), undefined);
  });

  it('bundles the chat SDK into an ES module exporting CometChat', async () => {
    const code = await buildSdkModule('chat');
    assert.match(code, /export\s*\{[^}]*\bas CometChat\b/);
    assert.match(code, /export\s*\{[^}]*\bas default\b|export default/);
  });

  it('serves nothing outside /__sdk/', async () => {
    assert.equal(await sdkEsmPlugin().serve({ path: '/src/index.ts' }), undefined);
    assert.equal(await sdkEsmPlugin().serve({ path: '/__sdk/other.js' }), undefined);
  });
});

describe('npm test without a browser', () => {
  it('explains how to get one and exits 1', () => {
    const result = spawnSync(process.execPath, ['scripts/test.mjs'], {
      cwd: ROOT,
      env: { ...process.env, CHROME_PATH: '/nonexistent/chrome' },
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /CHROME_PATH is set to \/nonexistent\/chrome/);
    assert.match(result.stderr, /sudo apt-get install chromium/);
  });
});
