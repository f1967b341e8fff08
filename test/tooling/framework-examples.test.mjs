/**
 * The example apps in examples/ and the README's framework section cannot drift apart: every
 * code block between the framework-snippets markers is a file an example app runs, byte for
 * byte, and each app stays what test/e2e/frameworks.e2e.mjs expects (pinned, locked, installing
 * cc-call-elements only from the packed tarball, relying on the automatic stage). No install or
 * build needed: the end-to-end test builds and drives the apps.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const exists = (path) => existsSync(new URL(`../../${path}`, import.meta.url));
const readme = read('README.md');

/** The README's framework snippets, in order, and the file each one is. */
const SNIPPETS = [
  { lang: 'tsx', file: 'examples/react/src/CallButtons.tsx' },
  { lang: 'ts', file: 'examples/vue/vite.config.ts' },
  { lang: 'vue', file: 'examples/vue/src/CallButtons.vue' },
  { lang: 'ts', file: 'examples/angular/src/app/call-buttons.component.ts' },
  { lang: 'tsx', file: 'examples/nextjs/src/app/CallButtons.tsx' },
];

/** Each app, the file that configures it, and the module that imports the snippet's file. */
const APPS = {
  react: { main: 'src/main.tsx', uses: ['src/main.tsx', /from '\.\/CallButtons'/] },
  vue: { main: 'src/main.ts', uses: ['src/App.vue', /from '\.\/CallButtons\.vue'/] },
  angular: { main: 'src/main.ts', uses: ['src/app/app.component.ts', /from '\.\/call-buttons\.component'/] },
  // Configured in the browser only: calls.ts is imported from an effect, once the page has hydrated.
  nextjs: { main: 'src/app/calls.ts', uses: ['src/app/page.tsx', /from '\.\/CallButtons'/] },
};

function section(start, end) {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end, from);
  assert.ok(from >= 0 && to > from, `README has ${start} … ${end}`);
  return readme.slice(from, to);
}

const codeBlocks = (text) => [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] }));

/** Every file of an app's own source (not node_modules or build output). */
function sourcesOf(app) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(new URL(`../../${dir}`, import.meta.url), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(`examples/${app}/src`);
  return [...files, `examples/${app}/index.html`].filter(exists);
}

describe('framework examples', () => {
  it('examples/ holds exactly the React, Vue, Angular and Next.js apps', () => {
    const dirs = readdirSync(new URL('../../examples/', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    assert.deepEqual(dirs, Object.keys(APPS).sort());
  });

  it('each README framework snippet is the file its example app runs, byte for byte', () => {
    const blocks = codeBlocks(section('<!-- framework-snippets:start -->', '<!-- framework-snippets:end -->'));
    assert.deepEqual(
      blocks.map((b) => b.lang),
      SNIPPETS.map((s) => s.lang),
      'the framework snippets are the React component, the Vue config and component, the Angular component and the Next.js component, in that order',
    );
    SNIPPETS.forEach(({ file }, i) => assert.equal(blocks[i].code, read(file), `the README's snippet ${i + 1} differs from ${file}`));
  });

  it('the apps use the snippet files, configure with the emulator entry as the README shows, and place no stage', () => {
    const emulatorBlock = codeBlocks(section('**Try it offline.**', '**The automatic stage.**')).find((b) =>
      b.code.includes('createEmulator'),
    );
    assert.ok(emulatorBlock, 'the README shows the emulator');
    const configureLine = emulatorBlock.code.split('\n').find((l) => l.startsWith('await configure('));
    for (const [app, { main, uses }] of Object.entries(APPS)) {
      const source = read(`examples/${app}/${main}`);
      assert.match(source, /^import \{ createEmulator \} from 'cc-call-elements\/emulator';$/m, `${app} imports the emulator entry`);
      assert.match(source, /^import \{ configure \} from 'cc-call-elements';$/m, `${app} imports configure`);
      assert.ok(source.includes(`\n${configureLine}\n`), `${app}'s ${main} configures as the README does: ${configureLine}`);
      assert.match(
        source,
        /iceFilter: params\.get\('ice'\) === 'loopback' \? 'loopback' : 'all'/,
        `${app} keeps WebRTC on loopback under ?ice=loopback`,
      );
      const [file, pattern] = uses;
      assert.match(read(`examples/${app}/${file}`), pattern, `${app} renders the snippet's component`);
      for (const path of sourcesOf(app)) {
        assert.doesNotMatch(read(path), /<cc-call-stage/, `${path} places no <cc-call-stage>: the app relies on the automatic one`);
      }
    }
  });

  it('each app pins exact versions, is locked, and never names cc-call-elements (the test installs the packed tarball)', () => {
    for (const app of Object.keys(APPS)) {
      const pkg = JSON.parse(read(`examples/${app}/package.json`));
      const lock = JSON.parse(read(`examples/${app}/package-lock.json`));
      assert.equal(pkg.private, true, `${app} is private`);
      assert.equal(typeof pkg.scripts?.build, 'string', `${app} has a build script`);
      const declared = { ...pkg.dependencies, ...pkg.devDependencies };
      assert.equal(declared['cc-call-elements'], undefined, `${app}'s package.json does not list cc-call-elements`);
      for (const [name, version] of Object.entries(declared)) assert.match(version, /^\d+\.\d+\.\d+$/, `${app}: ${name} is pinned exactly`);
      assert.equal(lock.lockfileVersion, 3);
      const root = lock.packages[''];
      assert.deepEqual({ ...root.dependencies, ...root.devDependencies }, declared, `${app}'s lockfile is in sync with its package.json`);
      assert.ok(
        !Object.keys(lock.packages).some((p) => p.endsWith('node_modules/cc-call-elements')),
        `${app}'s lockfile never names cc-call-elements`,
      );
      assert.match(read(`examples/${app}/README.md`), /npm install cc-call-elements/, `${app}'s README says how to install the library`);
    }
  });

  it('the end-to-end test drives every app, and git ignores what installs and builds leave', () => {
    const e2e = read('test/e2e/frameworks.e2e.mjs');
    for (const app of Object.keys(APPS)) assert.match(e2e, new RegExp(`\\{ name: '${app}', out: '`), `frameworks.e2e.mjs drives ${app}`);
    const ignored = read('.gitignore');
    for (const pattern of [
      'examples/*/node_modules/',
      'examples/*/dist/',
      'examples/*/.angular/',
      'examples/*/.next/',
      'examples/*/next-env.d.ts',
    ]) {
      assert.ok(ignored.split('\n').includes(pattern), `.gitignore has ${pattern}`);
    }
  });
});
