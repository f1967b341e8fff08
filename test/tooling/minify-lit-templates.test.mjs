/**
 * Tests of scripts/minify-lit-templates.mjs, the build step that minifies lit's css`` templates
 * and the line-break indentation of html``/svg`` templates. Run by `node --test` from
 * scripts/test.mjs; no browser and no dist/ needed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAst } from 'rollup/parseAst';
import { collapseHtmlStrings, minifyCssStrings, minifyLitTemplates } from '../../scripts/minify-lit-templates.mjs';

/** Runs the plugin's transform the way rollup does, and evaluates the tagged templates it leaves. */
async function run(code, id = '/repo/src/x.js') {
  const warnings = [];
  const plugin = minifyLitTemplates();
  const result = await plugin.transform.call({ parse: (c) => parseAst(c), warn: (w) => warnings.push(w) }, code, id);
  return { result, warnings };
}

/** The strings each tag imported from lit receives, and its values, with those imports faked. */
function evaluate(code) {
  const calls = [];
  const tag = (strings, ...values) => calls.push({ strings: [...strings], values });
  const names = [...code.matchAll(/^import \{([^}]*)\} from 'lit';$/gm)].flatMap(([, list]) =>
    list.split(',').map((spec) =>
      spec
        .trim()
        .split(/\s+as\s+/)
        .pop(),
    ),
  );
  const body = code.replace(/^import [^;]+;$/gm, '').replace(/^export /gm, '');
  new Function(...names, body)(...names.map(() => tag));
  return calls;
}

describe('minify-lit-templates: css``', () => {
  it('drops whitespace and keeps each interpolation in its place', async () => {
    const { strings } = await minifyCssStrings([':host {\n  color: ', ';\n  width: ', 'px;\n}\n']);
    assert.deepEqual(strings, [':host{color:', ';width:', 'px}']);
  });

  it('keeps strings, urls, !important and @media rules intact', async () => {
    const source = `
      .a::before { content: "two  spaces"; background: url("a b.png"); }
      @media (prefers-reduced-motion: reduce) { * { animation: none !important; } }
      @media (max-width: 600px) { .a { padding: 0; } }
    `;
    const { strings } = await minifyCssStrings([source]);
    assert.match(strings[0], /content:"two {2}spaces"/);
    assert.match(strings[0], /url\("a b\.png"\)|url\(a\\ b\.png\)/);
    assert.match(
      strings[0],
      /@media \(prefers-reduced-motion:\s?reduce\)\{\*\{animation:none!important\}\}|@media\(prefers-reduced-motion:reduce\)\{\*\{animation:none!important\}\}/,
    );
    assert.match(strings[0], /@media ?\(max-width: ?600px\)/, 'no rewrite to range syntax, which older Safari lacks');
  });

  it('keeps the order of declarations, so fallbacks still fall back', async () => {
    const { strings } = await minifyCssStrings(['.a { height: 100vh; height: 100dvh; }']);
    assert.equal(strings[0], '.a{height:100vh;height:100dvh}');
  });

  it('keeps an interpolated rule set separated from the rule after it', async () => {
    const { strings } = await minifyCssStrings(['\n  ', '\n  :host { display: block; }\n']);
    assert.deepEqual(strings, ['', ' :host{display:block}']);
  });

  it('gives up, rather than guess, when the CSS around an interpolation does not parse', async () => {
    const { strings, reason } = await minifyCssStrings([':host { ', ' }']);
    assert.equal(strings, null);
    assert.ok(reason);
  });
});

describe('minify-lit-templates: html`` and svg``', () => {
  it('collapses a whitespace run with a line break to one line break, in text and between attributes', () => {
    assert.deepEqual(collapseHtmlStrings(['<button\n    part="b"\n    @click=', '\n  >\n    <span>', '</span>\n  </button>\n']), [
      '<button\npart="b"\n@click=',
      '\n>\n<span>',
      '</span>\n</button>\n',
    ]);
  });

  it('leaves quoted attribute values, comments and runs without a line break alone', () => {
    const input = ['<p title="a\n    b" class=\'c\n   d\'>one  two\u00a0 three<!-- x\n    y --></p>'];
    assert.deepEqual(collapseHtmlStrings(input), input);
  });

  it('keeps the attribute state across an interpolation', () => {
    assert.deepEqual(collapseHtmlStrings(['<p title="', '\n    still the value">\n  x</p>']), [
      '<p title="',
      '\n    still the value">\nx</p>',
    ]);
  });

  it('leaves a template with <pre> or <textarea> alone', () => {
    const input = ['<pre>\n  keep\n    this\n</pre>'];
    assert.deepEqual(collapseHtmlStrings(input), input);
    assert.deepEqual(collapseHtmlStrings(['<textarea>\n  a', '</textarea>']), ['<textarea>\n  a', '</textarea>']);
  });
});

describe('minify-lit-templates: the rollup plugin', () => {
  it('rewrites only tags imported from lit, whatever their local name, and keeps the values', async () => {
    const code = [
      "import { css as c, html } from 'lit';",
      'export const styles = c`\n  :host {\n    color: ${1};\n  }\n`;',
      'export const view = html`<div\n   class="a"\n>\n  ${2}\n</div>`;',
      'const css = (s) => s;',
      'export const other = css`\n  not: lit;\n`;',
    ].join('\n');
    const { result, warnings } = await run(code);
    assert.deepEqual(warnings, []);
    assert.ok(result.map, 'returns a source map');
    const [styles, view] = evaluate(result.code);
    assert.deepEqual(styles, { strings: [':host{color:', '}'], values: [1] });
    assert.deepEqual(view, { strings: ['<div\nclass="a"\n>\n', '\n</div>'], values: [2] });
    assert.ok(result.code.includes('css`\n  not: lit;\n`'), 'a local function named css is not lit');
  });

  it('writes back backslashes, backticks and ${ so the cooked strings come out the same', async () => {
    const code = "import { css } from 'lit';\nexport const s = css`.a::before { content: '\\\\2014 \\`x\\` \\${y}'; }`;";
    const before = evaluate(code)[0].strings[0];
    assert.equal(before, ".a::before { content: '\\2014 `x` ${y}'; }");
    const { result } = await run(code);
    const after = evaluate(result.code)[0].strings[0];
    assert.match(after, /^\.a:+before\{content:/);
    assert.ok(after.includes('`x` ${y}'), after);
    assert.ok(after.includes('\\2014') || after.includes('\u2014'), after);
  });

  it('leaves a template with an escape that does not cook, and modules in node_modules, alone', async () => {
    const bad = "import { css } from 'lit';\nexport const s = css`.a::before { content: '\\2014'; }`;";
    assert.equal((await run(bad)).result, null);
    const lib = "import { css } from 'lit';\nexport const s = css`\n  .a { color: red; }\n`;";
    assert.equal((await run(lib, '/repo/node_modules/x/index.js')).result, null);
  });

  it('warns and keeps the original when a css`` template cannot be minified safely', async () => {
    const code = "import { css } from 'lit';\nexport const s = css`:host { ${'x'} }`;";
    const { result, warnings } = await run(code);
    assert.equal(result, null);
    assert.equal(warnings.length, 1);
  });
});
