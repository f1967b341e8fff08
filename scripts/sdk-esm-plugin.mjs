/**
 * A @web/dev-server plugin that serves CometChat's REAL SDKs to tests as ES modules.
 *
 * Both packages ship only webpack UMD bundles, so the dev server's nodeResolve
 * cannot give a browser their named exports. This plugin pre-bundles each one
 * with esbuild into an ES module (once per run, on first request, kept in
 * memory) and serves it at:
 *
 *   /__sdk/chat.js   exports `CometChat`      (default: the UMD's module.exports)
 *   /__sdk/calls.js  exports `CometChatCalls` (default: the UMD's module.exports)
 *
 * It also resolves the bare specifiers `@cometchat/chat-sdk-javascript` and
 * `@cometchat/calls-sdk-javascript` to those URLs, so the adapter's lazy
 * `import('@cometchat/…')` runs for real under the test runner.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

export const SDKS = {
  chat: { pkg: '@cometchat/chat-sdk-javascript', name: 'CometChat' },
  calls: { pkg: '@cometchat/calls-sdk-javascript', name: 'CometChatCalls' },
};

const PREFIX = '/__sdk/';

/**
 * Bundles one SDK into ESM source text. Exported for tooling tests.
 * @param {keyof typeof SDKS} key
 */
export async function buildSdkModule(key) {
  const { pkg, name } = SDKS[key];
  const entry = require.resolve(pkg);
  const result = await build({
    stdin: {
      // `import * as` on a CommonJS module gives its exports as properties plus `default`.
      contents: [
        `import * as sdk from ${JSON.stringify(pkg)};`,
        `const ns = sdk.${name} ?? sdk.default?.${name};`,
        `if (!ns) throw new Error(${JSON.stringify(`${pkg} has no ${name} export`)});`,
        `export { ns as ${name} };`,
        `export default sdk.default ?? sdk;`,
      ].join('\n'),
      resolveDir: dirname(entry),
      sourcefile: `__sdk/${key}.js`,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0].text;
}

/** @returns {import('@web/dev-server-core').Plugin} */
export function sdkEsmPlugin() {
  /** @type {Map<string, Promise<string>>} */
  const cache = new Map();
  const get = (key) => {
    if (!cache.has(key)) {
      const started = Date.now();
      const pending = buildSdkModule(key).then((code) => {
        if (process.env.CC_DEBUG_SDK) console.log(`[sdk-esm] built ${key} in ${Date.now() - started} ms`);
        return code;
      });
      // A failed build is retried on the next request instead of being cached.
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
    }
    return cache.get(key);
  };
  const byPackage = new Map(Object.entries(SDKS).map(([key, { pkg }]) => [pkg, `${PREFIX}${key}.js`]));

  return {
    name: 'cc-sdk-esm',
    resolveImport({ source }) {
      return byPackage.get(source);
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const key = context.path.slice(PREFIX.length).replace(/\.js$/, '');
      if (!Object.hasOwn(SDKS, key)) return undefined;
      try {
        return { body: await get(key), type: 'js', headers: { 'cache-control': 'no-store' } };
      } catch (error) {
        const message = `[sdk-esm] could not bundle ${SDKS[key].pkg}: ${error?.message ?? error}`;
        console.error(message);
        return { body: `throw new Error(${JSON.stringify(message)});`, type: 'js' };
      }
    },
  };
}
