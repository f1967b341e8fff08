/**
 * A loopback static server for the benchmark: the repository root, gzip-compressed as a CDN would
 * serve it (so throttled downloads measure gzip sizes), plus files the benchmark builds in memory.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** Serves ROOT and `extra` (path → { type, body }); resolves with { url, close }. */
export function serveBench(extra = {}) {
  const cache = new Map();
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    try {
      let entry = extra[path] ?? cache.get(path);
      if (!entry) {
        const file = normalize(join(ROOT, path));
        if (!file.startsWith(ROOT + sep)) throw new Error('outside');
        entry = { type: TYPES[extname(file)] ?? 'application/octet-stream', body: await readFile(file) };
        cache.set(path, entry);
      }
      entry.gzip ??= gzipSync(entry.body);
      response.writeHead(200, { 'content-type': `${entry.type}; charset=utf-8`, 'content-encoding': 'gzip', 'cache-control': 'no-store' });
      response.end(entry.gzip);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }),
    ),
  );
}
