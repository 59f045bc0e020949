import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength } from '../../../runtime/code-point-length.js';
import { ajvRuntime } from '../../../runtime/index.js';

const require = createRequire(import.meta.url);
const ucs2length = (require('ajv/dist/runtime/ucs2length') as { default: (text: string) => number }).default;

/** Any sequence of UTF-16 code units: lone and misordered surrogates included. */
const codeUnits = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd7fe, max: 0xe001 })), { maxLength: 40 })
  .map((units) => String.fromCharCode(...units));

describe('codePointLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['Grüße €', 7],
    ['😀', 1],
    ['a😀b😀', 4],
    ['\uD83D', 1],
    ['\uDE00', 1],
    ['\uDE00\uD83D', 2],
    ['\uD83D\uD83D\uDE00', 2],
    ['x'.repeat(1000), 1000],
  ])('counts %j as %i characters', (text, expected) => {
    expect(codePointLength(text)).toBe(expected);
    expect(ucs2length(text)).toBe(expected);
  });

  it('counts exactly as ajv ucs2length for any code units', () => {
    fc.assert(
      fc.property(fc.oneof(codeUnits, fc.string({ unit: 'binary' }), fc.string()), (text) => {
        expect(codePointLength(text)).toBe(ucs2length(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('is what generated validators count string lengths with', () => {
    expect(ajvRuntime['ucs2length']).toBe(codePointLength);
  });
});
