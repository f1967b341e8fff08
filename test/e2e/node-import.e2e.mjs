// Server rendering (Next.js, Nuxt) imports the library build in Node: that must not throw,
// and must not touch browser-only globals at import time.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('the library build imports in Node without throwing and exposes its API', async () => {
  const lib = await import('../../dist/lib/index.js');
  assert.equal(typeof lib.configure, 'function');
  assert.equal(typeof lib.resetCalls, 'function');
  assert.equal(typeof lib.missedMeetings, 'function');
  assert.equal(lib.callState().status, 'unconfigured');
});

test('configure() in Node rejects with a coded error instead of throwing synchronously', async () => {
  const { configure } = await import('../../dist/lib/index.js');
  await assert.rejects(
    () => configure({}),
    (error) => error.code === 'config-invalid',
  );
});
