/**
 * A rollup plugin that shrinks lit's tagged templates in our own modules at build time, without
 * new weight: esbuild (already the minifier) minifies the CSS, and magic-string (a declared
 * devDependency, but the very copy @rollup/plugin-commonjs already installed) keeps source maps.
 *
 * Why not @lit-labs/rollup-plugin-minify-html-literals 0.2.0: it installs 40 more packages
 * (about 25 MB: html-minifier-next, terser, clean-css, lightningcss and its native binary), and
 * lightningcss restructures CSS without a browser target (it reorders declarations, rewrites
 * `@media (max-width: 600px)` as range syntax `(width<=600px)`), so each release would need a
 * review of what it did to our styles. It saved only about 0.1 KB gzip more than this.
 *
 *  css`…`        minified by esbuild's CSS minifier, which only drops whitespace and comments and
 *                shortens numbers and colours; it keeps rule and declaration order. Each `${}` is
 *                replaced by a placeholder identifier first and put back afterwards. A template is
 *                left exactly as written if esbuild warns about it, if a placeholder does not come
 *                back exactly once and in order, or if it has an escape that does not cook.
 *  html`…`/svg`…` only whitespace: a run of HTML whitespace that holds a line break becomes one
 *                line break, in text and between attributes, never inside a quoted attribute
 *                value or a comment. A run that holds a line break collapses to a line break in
 *                every `white-space` mode except pre/pre-wrap/break-spaces, which none of our
 *                templates use; a template that holds <pre>, <textarea>, <script> or <style> is
 *                left alone. The DOM keeps the same nodes, so lit's parts are unchanged.
 *
 * Only tags imported from lit (`css`, `html`, `svg` from 'lit', 'lit-element', 'lit-html' or
 * '@lit/reactive-element', under whatever local name) are touched, and only in modules outside
 * node_modules. Place it after the TypeScript plugin: it reads JavaScript.
 */
import { transform } from 'esbuild';
import MagicString from 'magic-string';

/** Browsers that run the ES2022 we ship (class static blocks: Chrome/Edge 94, Firefox 93, Safari 16.4). */
export const CSS_TARGET = ['chrome94', 'edge94', 'firefox93', 'safari16.4'];

const LIT_MODULES = /^(?:lit|lit-element|lit-html|@lit\/reactive-element)(?:\/[\w./-]*)?$/;
const TAGS = new Set(['css', 'html', 'svg']);
const HTML_WHITESPACE = '[ \\t\\n\\r\\f]';
const RUN_WITH_NEWLINE = new RegExp(`${HTML_WHITESPACE}*\\n${HTML_WHITESPACE}*`, 'g');
const RAW_TEXT_ELEMENTS = /<(?:pre|textarea|script|style|listing|xmp|plaintext)[\s>/]/i;

/** Back from a cooked string to template-literal source text. */
const escapeTemplateText = (text) => text.replace(/\\|`|\$\{/g, (m) => `\\${m}`);

/** The local names that `css`, `html` and `svg` from lit have in this module. */
function litTagNames(ast) {
  const names = new Map();
  for (const node of ast.body) {
    if (node.type !== 'ImportDeclaration' || node.importKind === 'type' || !LIT_MODULES.test(node.source.value)) continue;
    for (const spec of node.specifiers) {
      if (spec.type !== 'ImportSpecifier' || spec.importKind === 'type') continue;
      const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
      if (TAGS.has(imported)) names.set(spec.local.name, imported);
    }
  }
  return names;
}

function taggedTemplates(ast, names) {
  const found = [];
  (function walk(node) {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && names.has(node.tag.name)) {
      found.push({ kind: names.get(node.tag.name), quasis: node.quasi.quasis });
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') walk(value);
    }
  })(ast);
  return found;
}

/**
 * Minifies the CSS of one css`` template given its cooked strings. Returns the new cooked strings,
 * or null (with the reason) to leave the template alone.
 */
export async function minifyCssStrings(strings, target = CSS_TARGET) {
  let prefix = '__cc_tpl_expr_';
  while (strings.some((s) => s.includes(prefix))) prefix += '_';
  const placeholder = (i) => `${prefix}${i}__`;
  const source = strings.reduce((all, s, i) => all + placeholder(i - 1) + s);
  const result = await transform(source, { loader: 'css', minify: true, target, logLevel: 'silent' });
  if (result.warnings.length > 0) return { strings: null, reason: result.warnings[0].text };
  const out = result.code.replace(/\n$/, '');
  const pieces = out.split(new RegExp(`${prefix}(\\d+)__`));
  // split() with one capture group: text, index, text, index, …, text.
  const next = [];
  for (let i = 0; i < pieces.length; i += 2) {
    if (i > 0 && Number(pieces[i - 1]) !== i / 2 - 1) return { strings: null, reason: 'an interpolation moved' };
    next.push(pieces[i]);
  }
  if (next.length !== strings.length) return { strings: null, reason: 'an interpolation was dropped' };
  return { strings: next, reason: null };
}

/** Collapses whitespace runs that hold a line break, outside quoted attribute values and comments. */
export function collapseHtmlStrings(strings) {
  if (strings.some((s) => RAW_TEXT_ELEMENTS.test(s))) return strings;
  let state = 'text'; // text | tag | dq | sq | comment; an interpolation does not change it
  return strings.map((s) => {
    let out = '';
    let run = ''; // text that may be collapsed, flushed at each state change
    const flush = () => {
      out += state === 'text' || state === 'tag' ? run.replace(RUN_WITH_NEWLINE, '\n') : run;
      run = '';
    };
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (state === 'text') {
        if (s.startsWith('<!--', i)) {
          flush();
          state = 'comment';
          run = '<!--';
          i += 3;
          continue;
        }
        if (c === '<' && /[a-zA-Z/]/.test(s[i + 1] ?? '')) {
          flush();
          state = 'tag';
        }
      } else if (state === 'tag') {
        if (c === '"' || c === "'") {
          run += c;
          flush();
          state = c === '"' ? 'dq' : 'sq';
          continue;
        }
        if (c === '>') {
          run += c;
          flush();
          state = 'text';
          continue;
        }
      } else if (state === 'dq' || state === 'sq') {
        if (c === (state === 'dq' ? '"' : "'")) {
          flush();
          state = 'tag';
        }
      } else if (state === 'comment' && s.startsWith('-->', i)) {
        run += '-->';
        i += 2;
        flush();
        state = 'text';
        continue;
      }
      run += c;
    }
    flush();
    return out;
  });
}

/**
 * @param {{ include?: (id: string) => boolean, html?: boolean, target?: string[] }} [options]
 */
export function minifyLitTemplates({
  include = (id) => !id.includes('/node_modules/') && !id.startsWith('\0'),
  html = true,
  target = CSS_TARGET,
} = {}) {
  return {
    name: 'minify-lit-templates',
    async transform(code, id) {
      if (!include(id.replaceAll('\\', '/')) || !/\b(?:css|html|svg)\b/.test(code) || !code.includes('`')) return null;
      const ast = this.parse(code);
      const names = litTagNames(ast);
      if (names.size === 0) return null;
      const s = new MagicString(code);
      let changed = false;
      for (const { kind, quasis } of taggedTemplates(ast, names)) {
        const strings = quasis.map((q) => q.value.cooked);
        if (strings.some((t) => t == null)) continue; // an escape that does not cook: leave it be
        let next;
        if (kind === 'css') {
          const { strings: minified, reason } = await minifyCssStrings(strings, target);
          if (!minified) {
            this.warn(`css\`\` at offset ${quasis[0].start} left unminified: ${reason}`);
            continue;
          }
          next = minified;
        } else if (html) {
          next = collapseHtmlStrings(strings);
        } else {
          continue;
        }
        quasis.forEach((q, i) => {
          if (next[i] === strings[i]) return;
          const text = escapeTemplateText(next[i]);
          if (q.start === q.end) s.appendLeft(q.start, text);
          else if (text === '') s.remove(q.start, q.end);
          else s.overwrite(q.start, q.end, text);
          changed = true;
        });
      }
      if (!changed) return null;
      return { code: s.toString(), map: s.generateMap({ hires: true, source: id, includeContent: true }) };
    },
  };
}
