/**
 * The names and labels a contact list shows a thousand times go through fast paths (a template split
 * once, a name that needs no cleaning returned as it is). They must show exactly what the plain
 * regular-expression versions showed, for any text a page or a remote user can send.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { cleanText } from '../../src/core/clean.js';
import { format } from '../../src/core/strings.js';

/** The plain versions, as they were before the fast paths. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
function plainCleanText(value: unknown, max = 80): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const text = String(value).replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
function plainFormat(template: string, values: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (Object.hasOwn(values, key) ? values[key]! : match));
}

/** Text made of what the fast paths look at: spaces of every kind, controls, bidi marks, braces, words. */
const tricky = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '7',
    '_',
    ' ',
    '  ',
    '\t',
    '\n',
    '\u00a0',
    '\u2003',
    '\u0000',
    '\u001f',
    '\u0085',
    '\u202e',
    '\u2067',
    'é',
    '{',
    '}',
    'name',
    'action',
    'constructor',
  ),
  maxLength: 40,
});

describe('text a contact list shows a thousand times', () => {
  it('cleans a name exactly as the plain version does', () => {
    fc.assert(
      fc.property(tricky, fc.integer({ min: 1, max: 50 }), (name, max) => {
        expect(cleanText(name, max)).to.equal(plainCleanText(name, max));
      }),
      { numRuns: 2000 },
    );
    for (const value of [42, null, undefined, {}, '', ' Bob ', 'Bob  Brown', 'a'.repeat(81), 'Bob\u202eBrown']) {
      expect(cleanText(value)).to.equal(plainCleanText(value));
    }
  });

  it('fills a template exactly as the plain version does, and again from its cache', () => {
    fc.assert(
      fc.property(
        tricky,
        fc.dictionary(fc.constantFrom('name', 'action', 'constructor', 'a', '_'), fc.string({ maxLength: 8 })),
        (template, values) => {
          expect(format(template, values)).to.equal(plainFormat(template, values));
          expect(format(template, values)).to.equal(plainFormat(template, values));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
