/**
 * A small static site that hosts the built bundle the way real sites do, for the site e2e tier
 * (test/e2e/site.e2e.mjs): the files of dist/ copied into a CMS's vendor folder and into
 * WordPress plugin folders, and pages under /blog/ whose markup is what those systems print.
 *
 *   /static/vendor/cc/…                      dist/, as a CMS's vendor folder
 *   /wp-content/plugins/{a,b}/vendor/cc/…    dist/, bundled by two plugins
 *   /wp-content/plugins/other/vendor/cc/…    dist/, claiming another version (OTHER_VERSION)
 *   /wp-content/plugins/broken/vendor/cc/…   dist/ without its chunks (an upload cut short)
 *   /wp-content/plugins/garbled/vendor/cc/…  dist/ with a core that is not JavaScript
 *   /blog/<page>/?uid=alice&channel=…        test/e2e/site/pages/<page>.html, rendered
 *
 * Like a CMS, the server renders pages: {{uid}}, {{peer}}, {{peerName}} and {{channel}} come from
 * the page's query string (word characters only). Queries on other files are ignored, as a static
 * file server does, so `?ver=0.1.0` fetches the same file.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** CC_SITE_DIST hosts another build instead (e.g. an older commit's, to see these tests fail on it). */
const DIST = process.env.CC_SITE_DIST || join(ROOT, 'dist');
const PAGES = fileURLToPath(new URL('./pages/', import.meta.url));
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
export const OTHER_VERSION = '0.0.9-other';

const NAMES = { alice: 'Alice Adams', bob: 'Bob Brown' };
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };

/** How each mount changes the files of dist/ it serves. */
const MOUNTS = [
  { prefix: '/static/vendor/cc/' },
  { prefix: '/wp-content/plugins/a/vendor/cc/' },
  { prefix: '/wp-content/plugins/b/vendor/cc/' },
  {
    prefix: '/wp-content/plugins/other/vendor/cc/',
    // The version is one string literal in the core; a build of another release differs in it.
    edit: (path, code) => (/^chunks\/core-/.test(path) ? replaceOnce(code, JSON.stringify(VERSION), JSON.stringify(OTHER_VERSION)) : code),
  },
  { prefix: '/wp-content/plugins/broken/vendor/cc/', missing: (path) => path.startsWith('chunks/') },
  { prefix: '/wp-content/plugins/garbled/vendor/cc/', edit: (path, code) => (/^chunks\/core-/.test(path) ? `<?php ${code}` : code) },
];

function replaceOnce(code, from, to) {
  const at = code.indexOf(from);
  if (at < 0 || code.indexOf(from, at + 1) >= 0) throw new Error(`expected ${from} exactly once in the core`);
  return code.slice(0, at) + to + code.slice(at + from.length);
}

function render(template, query) {
  const uid = query.get('uid') ?? 'alice';
  const values = { uid, peer: query.get('peer') ?? (uid === 'alice' ? 'bob' : 'alice'), channel: query.get('channel') ?? 'site' };
  values.peerName = NAMES[values.peer] ?? values.peer;
  for (const [key, value] of Object.entries(values)) if (!/^[\w -]+$/.test(value)) throw new Error(`bad ${key}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => values[key] ?? '');
}

async function respond(request, response) {
  const url = new URL(request.url ?? '/', 'http://site');
  const send = (status, type, body) => response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  const page = /^\/blog\/([\w-]+)\/$/.exec(url.pathname);
  if (page) {
    const template = await readFile(join(PAGES, `${page[1]}.html`), 'utf8').catch(() => null);
    return template === null ? send(404, 'text/plain', 'Not found') : send(200, TYPES['.html'], render(template, url.searchParams));
  }
  if (url.pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
  const mount = MOUNTS.find(({ prefix }) => url.pathname.startsWith(prefix));
  if (!mount) return send(404, 'text/plain', 'Not found');
  const path = url.pathname.slice(mount.prefix.length);
  const file = normalize(join(DIST, path));
  if (!file.startsWith(DIST + sep) || path.startsWith('lib/') || mount.missing?.(path)) return send(404, 'text/plain', 'Not found');
  if (
    !(await stat(file).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    return send(404, 'text/plain', 'Not found');
  const code = await readFile(file, 'utf8');
  return send(200, TYPES[extname(file)] ?? 'application/octet-stream', mount.edit ? mount.edit(path, code) : code);
}

/** Starts the site on a free loopback port; resolves with its URL and close(). */
export function serveSite() {
  const server = createServer((request, response) =>
    respond(request, response).catch((error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))),
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
