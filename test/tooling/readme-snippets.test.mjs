/**
 * Keeps the README's snippets true. React, Vue and Angular cannot all be
 * compiled here, so every name a snippet uses is checked against what the
 * code declares: tags, attributes, properties and events against
 * custom-elements.json; string keys against src/core/strings.ts; configure
 * options against src/configure/options.ts; event names against src/core/events.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const manifest = JSON.parse(read('custom-elements.json'));

const elements = new Map();
for (const mod of manifest.modules) {
  for (const d of mod.declarations ?? []) {
    if (!d.tagName) continue;
    elements.set(d.tagName, {
      attributes: new Set((d.attributes ?? []).map((a) => a.name)),
      properties: new Set((d.members ?? []).filter((m) => m.kind === 'field' && m.privacy !== 'private').map((m) => m.name)),
      events: new Set((d.events ?? []).map((e) => e.name)),
    });
  }
}

function between(start, end) {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  assert.ok(from >= 0 && to > from, `README has ${start} … ${end}`);
  return readme.slice(from, to);
}

function codeBlocks(text) {
  return [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] }));
}

/** Every `<cc-…>` opening tag in a code sample, with the names its attributes use, classified. */
function usages(code) {
  const found = [];
  for (const [, tag, rest] of code.matchAll(/<(cc-[a-z-]+)((?:[^>"'{}]|"[^"]*"|'[^']*'|\{[^}]*\})*)>/g)) {
    for (const [, raw] of rest.matchAll(/\s([^\s=/>]+)(?:=(?:"[^"]*"|'[^']*'|\{[^}]*\}))?/g)) {
      // The framework's own, not the element's: React's key and ref, Vue's directives and :key.
      if (/^(?:key|ref|:key|v-[\w:.-]+|#\w+)$/.test(raw)) continue;
      // HTML's global attributes, and the attributes a body-swapping library reads (Turbo, htmx).
      if (/^(?:id|class|style|slot|hidden|title|lang|dir|data-[\w-]+|aria-[\w-]+|hx-[\w-]+)$/.test(raw)) continue;
      let kind = 'attribute';
      let name = raw;
      if (/^on[a-z]/.test(raw) && raw.startsWith('oncc-'))
        [kind, name] = ['event', raw.slice(2)]; // React 19
      else if (raw.startsWith('@'))
        [kind, name] = ['event', raw.slice(1)]; // Vue
      else if (/^\(.+\)$/.test(raw))
        [kind, name] = ['event', raw.slice(1, -1)]; // Angular
      else if (raw.startsWith('[attr.'))
        name = raw.slice(6, -1); // Angular attribute binding
      else if (/^\[.+\]$/.test(raw))
        [kind, name] = ['property', raw.slice(1, -1)]; // Angular property binding
      else if (raw.startsWith(':'))
        [kind, name] = ['property', raw.slice(1)]; // Vue
      else if (raw.startsWith('.')) [kind, name] = ['property', raw.slice(1)]; // lit
      found.push({ tag, kind, name });
    }
    found.push({ tag, kind: 'tag', name: tag });
  }
  return found;
}

function check(usage) {
  const element = elements.get(usage.tag);
  assert.ok(element, `<${usage.tag}> is not in custom-elements.json`);
  if (usage.kind === 'attribute') assert.ok(element.attributes.has(usage.name), `<${usage.tag}> has no attribute "${usage.name}"`);
  if (usage.kind === 'property') assert.ok(element.properties.has(usage.name), `<${usage.tag}> has no property "${usage.name}"`);
  if (usage.kind === 'event') assert.ok(element.events.has(usage.name), `<${usage.tag}> does not fire "${usage.name}"`);
}

describe('README snippets', () => {
  it('the parser finds what a snippet uses (so the checks below cannot pass vacuously)', () => {
    const sample = usages(
      '<cc-call-button id="b" uid="bob" oncc-call-request={(e) => f(e)} :message="m" v-for="m in ms" :key="m" (cc-x)="y($event)" [attr.guid]="g" data-turbo-permanent hx-preserve meetings />',
    );
    assert.deepEqual(
      sample.map((u) => `${u.kind}:${u.name}`),
      [
        'attribute:uid',
        'event:cc-call-request',
        'property:message',
        'event:cc-x',
        'attribute:guid',
        'attribute:meetings',
        'tag:cc-call-button',
      ],
    );
  });

  it('use only tags, attributes, properties and events the elements declare', () => {
    const sections = [
      between('<!-- framework-snippets:start -->', '<!-- framework-snippets:end -->'),
      between('## Script-tag use', '## Framework use'),
    ];
    const used = sections.flatMap((s) => codeBlocks(s)).flatMap((b) => usages(b.code));
    assert.ok(used.filter((u) => u.kind === 'event').length >= 3, 'the framework snippets show events');
    for (const tag of ['cc-call-button', 'cc-incoming-call', 'cc-meeting-card']) {
      assert.ok(
        used.some((u) => u.tag === tag),
        `a snippet shows <${tag}>`,
      );
    }
    used.forEach(check);
  });

  it('name only string keys that exist', () => {
    const table = read('src/core/strings.ts');
    const calls = [...readme.matchAll(/setStrings\(\{([^}]*)\}/g)];
    assert.ok(calls.length > 0, 'the README shows setStrings');
    for (const [, body] of calls) {
      for (const [, key] of body.matchAll(/(\w+):/g)) assert.match(table, new RegExp(`^  ${key}: '`, 'm'), `string key ${key}`);
    }
  });

  it('document every configure option, and only those', () => {
    const source = read('src/configure/options.ts');
    const declared = source.slice(source.indexOf('export interface ConfigureOptions'));
    const body = declared.slice(0, declared.indexOf('\n}'));
    const options = new Set([...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]));
    const table = between('## configure options', '## Elements');
    const documented = new Set(
      [...table.matchAll(/^\| ((?:`\w+`(?:, | \+ )?)+) \|/gm)].flatMap((m) => [...m[1].matchAll(/`(\w+)`/g)].map((n) => n[1])),
    );
    assert.ok(options.size >= 8, `found ${options.size} options in ConfigureOptions`);
    assert.deepEqual([...documented].sort(), [...options].sort());
  });

  it('list every event the bundle dispatches, and only those', () => {
    // The detail tables in events.ts, from which the global event maps are derived.
    const source = read('src/core/events.ts');
    const tables = [
      'interface LifecycleDetails',
      'interface IntentDetails',
      'interface SessionInfoDetails',
      'interface ElementDetails',
    ].map((start) => {
      const from = source.slice(source.indexOf(start));
      return from.slice(0, from.indexOf('\n}'));
    });
    const declared = new Set(tables.flatMap((table) => [...table.matchAll(/^\s+'(cc-[a-z-]+)':/gm)].map((m) => m[1])));
    const table = between('## Events', '## Meetings');
    const documented = new Set([...table.matchAll(/^\| `(cc-[a-z-]+)` \|/gm)].map((m) => m[1]));
    assert.deepEqual([...documented].sort(), [...declared].sort());
  });
});
