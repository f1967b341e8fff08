/**
 * The typed JSX for React 19 (`cc-call-elements/react`) stays true to the elements, and the
 * README's React snippet is the file `npm run typecheck` compiles. No dist/ needed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { elementsOf, OUTPUT, renderReactTypes } from '../../scripts/react-types.mjs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const manifest = JSON.parse(read('custom-elements.json'));
const pkg = JSON.parse(read('package.json'));

/** The keys each `export interface …Props { }` in the rendered types declares, by interface name. */
function interfaceKeys(text) {
  const keys = new Map();
  for (const [, name, body] of text.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) {
    keys.set(name, new Set([...body.matchAll(/^ {2}('[^']+'|\w+)\?:/gm)].map((m) => m[1].replace(/'/g, ''))));
  }
  return keys;
}

describe('React 19 JSX types', () => {
  it(`${OUTPUT} is what scripts/react-types.mjs writes from custom-elements.json`, () => {
    assert.equal(read(OUTPUT), renderReactTypes(manifest), `${OUTPUT} is stale: run \`node scripts/react-types.mjs\` and commit it`);
  });

  it('give every element its tag, attributes, settable properties and events, and nothing else', () => {
    const text = renderReactTypes(manifest);
    const keys = interfaceKeys(text);
    const tags = [...text.matchAll(/^ {6}'(cc-[a-z-]+)': CcJsxProps<(\w+), (\w+)>;$/gm)];
    const declared = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
    assert.ok(declared.length >= 4, 'the manifest lists the elements');
    assert.deepEqual(tags.map((m) => m[1]).sort(), declared.map((d) => d.tagName).sort());
    for (const d of declared) {
      const [, , className, props] = tags.find((m) => m[1] === d.tagName);
      assert.equal(className, d.name);
      const attributes = (d.attributes ?? []).map((a) => a.name);
      const events = (d.events ?? []).map((e) => `on${e.name}`);
      const properties = (d.members ?? [])
        .filter((m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public')
        .map((m) => m.name)
        .filter((name) => !attributes.includes(name));
      assert.deepEqual([...keys.get(props)].sort(), [...attributes, ...properties, ...events].sort(), `<${d.tagName}>`);
    }
    // Spot checks on what the README and users rely on.
    assert.ok(keys.get('CcCallButtonProps').has('call-type') && keys.get('CcCallButtonProps').has('oncc-call-request'));
    assert.ok(keys.get('CcMeetingCardProps').has('message') && keys.get('CcMeetingCardProps').has('strings'));
    assert.ok(!keys.get('CcMeetingCardProps').has('meeting'), 'a read-only getter is not a prop');
    assert.match(text, /'oncc-call-request'\?: \(event: CcEvent<'cc-call-request'>\) => void;/);
  });

  it('follow the manifest when an element gains an attribute, a property or an event', () => {
    const copy = structuredClone(manifest);
    const button = copy.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'cc-call-button');
    button.attributes.push({ name: 'auto-start', fieldName: 'autoStart', type: { text: 'boolean' } });
    button.members.push({ kind: 'field', name: 'extra', type: { text: 'string' } }, { kind: 'field', name: 'hidden2', privacy: 'private' });
    button.events.push({ name: 'cc-call-test' });
    const keys = interfaceKeys(renderReactTypes(copy)).get('CcCallButtonProps');
    for (const key of ['auto-start', 'extra', 'oncc-call-test']) assert.ok(keys.has(key), key);
    assert.ok(!keys.has('hidden2'));
    assert.equal(elementsOf(copy).length, elementsOf(manifest).length);
  });

  it('ship as an opt-in, type-only entry that npm run typecheck compiles', () => {
    assert.deepEqual(pkg.exports['./react'], { types: './dist/lib/react.d.ts', default: './dist/lib/react.js' });
    assert.equal(pkg.dependencies['@types/react'], undefined, 'React types are not a dependency');
    assert.equal(pkg.peerDependenciesMeta['@types/react']?.optional, true);
    assert.match(pkg.devDependencies['@types/react'], /^19\.\d+\.\d+$/, 'an exact 19.x devDependency');
    assert.match(pkg.scripts.typecheck, /node scripts\/react-types\.mjs --check/);
    assert.match(pkg.scripts.typecheck, /tsc --noEmit -p test\/frameworks\/tsconfig\.json/);
    assert.match(pkg.scripts.build, /npm run analyze && node scripts\/react-types\.mjs/);
    assert.match(read('rollup.config.mjs'), /fileName: 'react\.d\.ts'/);
  });

  it("the README's React and Next.js snippets are their examples' CallButtons.tsx, which npm run typecheck compiles", () => {
    const readme = read('README.md');
    const from = readme.indexOf('<!-- framework-snippets:start -->');
    const to = readme.indexOf('<!-- framework-snippets:end -->');
    assert.ok(from >= 0 && to > from, 'README has the framework snippets');
    const blocks = [...readme.slice(from, to).matchAll(/```tsx\n([\s\S]*?)```/g)].map((m) => m[1]);
    const files = ['examples/react/src/CallButtons.tsx', 'examples/nextjs/src/app/CallButtons.tsx'];
    assert.equal(blocks.length, files.length, 'two TSX blocks in the framework snippets: React, then Next.js');
    const tsconfig = read('test/frameworks/tsconfig.json');
    files.forEach((file, i) => {
      assert.equal(blocks[i], read(file));
      assert.match(blocks[i], /import type \{\} from 'cc-call-elements\/react';/, `${file} opts in to the typed JSX`);
      const included = new RegExp(`"include": \\[[^\\]]*"\\.\\./\\.\\./${file.replace(/[./]/g, '\\$&')}"`);
      assert.match(tsconfig, included, `typecheck compiles ${file}`);
    });
  });
});
