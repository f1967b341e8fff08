#!/usr/bin/env node
/**
 * Serves the repository over http on localhost for the demo (`npm start`)
 * and the end-to-end tests. Loopback only; no dependencies.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.wav': 'audio/wav',
};

/**
 * Starts the server; resolves with its URL and a close function. Port 0 picks a free one.
 * `root` is the folder served (default: the repository), e.g. an example app's build output.
 */
export function serve({ port = 0, host = '127.0.0.1', root = ROOT } = {}) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = normalize(join(base, path));
    if (!file.startsWith(base + sep) && file !== base) return void response.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      await stat(file);
    } catch {
      return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolvePromise({ url: `http://${host}:${actual}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const preferred = Number(process.env.PORT ?? 8000);
  const { url } = await serve({ port: preferred }).catch(() => serve({ port: 0 }));
  console.log(`cc-call-elements demo: ${url}/demo/`);
  console.log('Alice, Bob and Carol run side by side on an emulated CometChat. Press Ctrl+C to stop.');
}
