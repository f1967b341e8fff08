#!/usr/bin/env node
/**
 * Writes src/react.d.ts, the opt-in typed JSX for React 19 (`cc-call-elements/react`), from
 * custom-elements.json, so it names exactly the tags, attributes, properties and events the
 * elements declare. Value types are not copied from the manifest's text: each entry points at
 * the element class's own field (`CcMeetingCard['callType']`) or at `CcEvent<'cc-…'>`, so tsc
 * checks every name the manifest lists against src/.
 *
 * The file is committed (CI type-checks the README's React snippet against it before any
 * build) and copied to dist/lib/react.d.ts by rollup.config.mjs. `npm run build` runs this after
 * `cem analyze`, and then also refreshes dist/lib/react.d.ts if a build is there.
 * `--check` only compares, and exits 1 when src/react.d.ts is stale (`npm run typecheck`).
 *
 * What React 19 does with a prop on a custom element, and so what each entry allows:
 *  - `on<name>` with a function: addEventListener(name), so `oncc-call-request` → `cc-call-request`;
 *  - a name the element has as a property (`uid`, `meetings`, `message`, `callType`): sets it;
 *  - anything else (`call-type`, `sent-at`, `class`, `slot`): setAttribute, with String(value).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUTPUT = 'src/react.d.ts';
const DIST_COPY = 'dist/lib/react.d.ts';

const doc = (text, indent) => {
  const clean = String(text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\*\//g, '*\\/')
    .trim();
  return clean ? `${indent}/** ${clean} */\n` : '';
};

/** The custom elements in the manifest, by tag, with what a JSX entry needs. */
export function elementsOf(manifest) {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .sort((a, b) => a.tagName.localeCompare(b.tagName))
    .map((d) => {
      const attributes = (d.attributes ?? []).filter((a) => a.fieldName);
      const attributeNames = new Set(attributes.map((a) => a.name));
      const properties = (d.members ?? []).filter(
        (m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public' && !attributeNames.has(m.name),
      );
      return {
        tag: d.tagName,
        className: d.name,
        description: (d.summary ?? d.description ?? '').split('\n\n')[0],
        attributes,
        properties,
        events: d.events ?? [],
      };
    });
}

const propsName = (className) => `${className}Props`;
/** A property key as written in an interface: quoted only when it is not an identifier. */
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

export function renderReactTypes(manifest) {
  const elements = elementsOf(manifest);
  const classes = elements.map((e) => e.className).sort();
  const interfaces = elements.map(({ tag, className, attributes, properties, events }) => {
    const lines = [];
    for (const a of attributes) {
      // Same name as the property: React sets the property. Otherwise it sets the attribute.
      const type = a.name === a.fieldName ? `${className}['${a.fieldName}']` : `CcAttribute<${className}['${a.fieldName}']>`;
      lines.push(`${doc(a.description, '  ')}  ${key(a.name)}?: ${type};`);
    }
    for (const p of properties)
      lines.push(
        `${doc(`${p.description ?? ''} (Property: React 19 sets it on the element.)`, '  ')}  ${p.name}?: ${className}['${p.name}'];`,
      );
    for (const e of events) lines.push(`${doc(e.description, '  ')}  ${key(`on${e.name}`)}?: (event: CcEvent<'${e.name}'>) => void;`);
    return `/** What JSX may pass to \`<${tag}>\`, besides React's HTML attributes, \`ref\` and \`key\`. */\nexport interface ${propsName(className)} {\n${lines.join('\n')}\n}`;
  });
  const entries = elements.map(
    ({ tag, className, description }) => `${doc(description, '      ')}      '${tag}': CcJsxProps<${className}, ${propsName(className)}>;`,
  );
  return `// Generated from custom-elements.json by scripts/react-types.mjs (\`npm run build\`): do not edit.
/**
 * Typed JSX for React 19. Opt in once, anywhere in a TypeScript React app:
 *
 *     import type {} from 'cc-call-elements/react';
 *
 * Each tag then takes its attributes (\`call-type="video"\`), its properties (\`message={m}\`,
 * \`strings={{…}}\`), React's HTML attributes, \`ref\` and \`key\`, and its events as \`on<event>\`
 * handlers (\`oncc-call-request={(e) => e.detail.target}\`), which React 19 adds as listeners.
 * Needs @types/react 19; nothing else in the package refers to React.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CcEvent, ${classes.join(', ')} } from './index.js';

/** An attribute React sets with setAttribute: a number may also be written as a string. */
type CcAttribute<T> = T extends number ? T | \`\${T}\` : T;

/** React's props for an HTML element (with \`ref\` typed as the element), ours winning on a clash. */
type CcJsxProps<E extends HTMLElement, P> = Omit<DetailedHTMLProps<HTMLAttributes<E>, E>, keyof P> & P;

${interfaces.join('\n\n')}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${entries.join('\n')}
    }
  }
}
`;
}

function main() {
  const check = process.argv.includes('--check');
  const manifest = JSON.parse(readFileSync(`${ROOT}custom-elements.json`, 'utf8'));
  const next = renderReactTypes(manifest);
  const current = existsSync(`${ROOT}${OUTPUT}`) ? readFileSync(`${ROOT}${OUTPUT}`, 'utf8') : null;
  if (check) {
    if (next !== current) {
      console.error(`${OUTPUT} is stale: run \`node scripts/react-types.mjs\` (or \`npm run build\`) and commit it.`);
      process.exit(1);
    }
    console.log(`${OUTPUT} matches custom-elements.json.`);
    return;
  }
  if (next !== current) writeFileSync(`${ROOT}${OUTPUT}`, next);
  if (existsSync(`${ROOT}dist/lib`)) writeFileSync(`${ROOT}${DIST_COPY}`, next);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
