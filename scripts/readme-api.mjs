#!/usr/bin/env node
/**
 * Writes each element's API tables, generated from custom-elements.json, into
 * README.md between the `<!-- api:start -->` and `<!-- api:end -->` markers,
 * so the README can never describe an attribute the code does not have.
 * `--check` only compares, and exits 1 when the README is stale (CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const START = '<!-- api:start -->';
const END = '<!-- api:end -->';

const cell = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (text) => (text ? `\`${cell(text)}\`` : '');

function table(headers, rows) {
  if (rows.length === 0) return '';
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function renderApi(manifest) {
  const declarations = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
  const sections = declarations.map((element) => {
    const attributes = (element.attributes ?? []).map((a) => [
      code(a.name),
      code(a.fieldName),
      code(a.type?.text),
      code(a.default),
      cell(a.description),
    ]);
    const properties = (element.members ?? [])
      .filter(
        (m) => m.kind === 'field' && m.privacy !== 'private' && m.privacy !== 'protected' && !m.static && !m.attribute && m.description,
      )
      .map((m) => [code(m.name), code(m.type?.text), cell(m.description)]);
    // The base class's generic emit() shows up as an undocumented event: list only documented ones.
    const events = (element.events ?? []).filter((e) => e.description).map((e) => [code(e.name), cell(e.description)]);
    const slots = (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]);
    const parts = (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]);
    const states = (element.cssStates ?? []).map((s) => [code(`:state(${s.name})`), cell(s.description)]);
    const props = (element.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]);
    return [
      `### \`<${element.tagName}>\``,
      cell(element.summary ?? element.description),
      attributes.length ? `**Attributes**\n\n${table(['attribute', 'property', 'type', 'default', 'description'], attributes)}` : '',
      properties.length ? `**Properties**\n\n${table(['property', 'type', 'description'], properties)}` : '',
      events.length ? `**Events**\n\n${table(['event', 'description'], events)}` : '',
      slots.length ? `**Slots**\n\n${table(['slot', 'description'], slots)}` : '',
      parts.length ? `**CSS parts**\n\n${table(['part', 'description'], parts)}` : '',
      states.length ? `**CSS custom states**\n\n${table(['state', 'description'], states)}` : '',
      props.length ? `**CSS custom properties**\n\n${table(['property', 'default', 'description'], props)}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  });
  return sections.join('\n\n');
}

function main() {
  const check = process.argv.includes('--check');
  const manifest = JSON.parse(readFileSync(`${ROOT}custom-elements.json`, 'utf8'));
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    console.error(`README.md lacks the ${START} … ${END} markers.`);
    process.exit(1);
  }
  const next = `${readme.slice(0, start + START.length)}\n\n${renderApi(manifest)}\n\n${readme.slice(end)}`;
  if (check) {
    if (next !== readme) {
      console.error('README.md element API is stale: run `npm run build` (or `node scripts/readme-api.mjs`) and commit it.');
      process.exit(1);
    }
    console.log('README.md element API matches custom-elements.json.');
    return;
  }
  if (next !== readme) writeFileSync(`${ROOT}README.md`, next);
}

main();
