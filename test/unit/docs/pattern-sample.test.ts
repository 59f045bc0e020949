// Strings generated for `pattern`s: each must match the pattern (checked here with the same engine
// flags as the validators), and patterns the walker cannot honour give no sample rather than a wrong one.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { patternSample } from '../../../generator/docs/pattern-sample.js';

const cases: readonly [pattern: string, minLength: number, expected: string | undefined][] = [
  ['^INV-[0-9]{4}-[0-9]{6}$', 0, 'INV-0000-000000'],
  ['^TRK-[0-9]{4,}$', 0, 'TRK-0000'],
  ['^TRK-[0-9]{4,}$', 10, 'TRK-000000'],
  ['^[A-Z]{2}$', 0, 'AA'],
  ['^(VAN|TRUCK)$', 0, 'VAN'],
  ['^[^x]{3}$', 0, 'aaa'],
  ['^\\p{Lu}\\d$', 0, 'A0'],
  ['^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$', 0, `00-${'0'.repeat(32)}-${'0'.repeat(16)}-00`],
  ['^\\w+@\\w+\\.com$', 0, 'a@a.com'],
  ['^[A-Z]{2}$', 3, undefined], // cannot be 3 long
  ['(?=x)y', 0, undefined], // lookahead: not followed
  ['^(a)\\1$', 0, undefined], // back reference: not followed
  ['[', 0, undefined], // not a regular expression
];

describe('patternSample', () => {
  it.each(cases)('%s (min length %d) → %s', (pattern, minLength, expected) => {
    const sample = patternSample(pattern, minLength);
    expect(sample).toBe(expected);
    if (sample !== undefined) expect(new RegExp(pattern, 'u').test(sample)).toBe(true);
  });

  it('whatever it returns matches the pattern and the length bounds', () => {
    const atom = fc.constantFrom('a', '[0-9]', '[A-Z]', '\\d', '\\w', '[^a]', '.', '(x|yz)', '-', '\\.');
    const quantifier = fc.constantFrom('', '?', '*', '+', '{2}', '{1,3}', '{2,}');
    const pattern = fc
      .tuple(fc.boolean(), fc.array(fc.tuple(atom, quantifier), { minLength: 1, maxLength: 6 }), fc.boolean())
      .map(([start, parts, end]) => `${start ? '^' : ''}${parts.map(([a, q]) => a + q).join('')}${end ? '$' : ''}`);
    fc.assert(
      fc.property(pattern, fc.nat(12), (p, minLength) => {
        const sample = patternSample(p, minLength, 40);
        if (sample === undefined) return true;
        return new RegExp(p, 'u').test(sample) && sample.length >= minLength && sample.length <= 40;
      }),
      { numRuns: 300 },
    );
  });
});
