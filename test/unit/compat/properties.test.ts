// Properties every schema pair must have, whatever the schemas: a schema is compatible with itself
// at every level, and BACKWARD(a → b) is the same verdict as FORWARD(b → a).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPATIBILITY_LEVELS } from '../../../generator/compat/levels.js';
import { verdict } from './rule-table.js';

const leaf = fc.oneof(
  fc.record(
    {
      type: fc.constantFrom('string'),
      maxLength: fc.integer({ min: 0, max: 20 }),
      pattern: fc.constantFrom('^a', '^b', '.*'),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constantFrom('integer', 'number'),
      minimum: fc.integer({ min: -5, max: 5 }),
      maximum: fc.integer({ min: 5, max: 20 }),
      multipleOf: fc.constantFrom(1, 2, 5),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record({ enum: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 1, 2, null), { minLength: 1, maxLength: 4 }) }),
  fc.record({ const: fc.constantFrom('x', 'y', 3) }),
  fc.record({ type: fc.constant(['string', 'null']) }),
  fc.constantFrom(true, {}, { type: 'boolean' }, { format: 'uuid', type: 'string' }),
);

const schema = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record(
      {
        type: fc.constant('object'),
        properties: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('node'), { maxKeys: 3 }),
        required: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 2 }),
        additionalProperties: fc.oneof(fc.boolean(), fc.constant({ type: 'string' })),
      },
      { requiredKeys: ['type', 'properties'] },
    ),
    fc.record(
      {
        type: fc.constant('array'),
        items: tie('node'),
        minItems: fc.integer({ min: 0, max: 3 }),
        uniqueItems: fc.boolean(),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record({ oneOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ anyOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ allOf: fc.array(tie('node'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ not: leaf }),
  ),
})).node;

describe('compatibility properties', () => {
  it('a schema is compatible with itself at every level and in both modes', () => {
    fc.assert(
      fc.property(schema, (s) => {
        // A structural copy, so identity shortcuts cannot hide a real comparison.
        const copy = JSON.parse(JSON.stringify(s)) as unknown;
        for (const level of COMPATIBILITY_LEVELS) {
          expect(verdict(s, copy, level).compatible).toBe(true);
          expect(verdict(s, copy, level, 'lenient').compatible).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('BACKWARD(a → b) equals FORWARD(b → a)', () => {
    fc.assert(
      fc.property(schema, schema, fc.constantFrom('strict', 'lenient' as const), (a, b, mode) => {
        expect(verdict(a, b, 'BACKWARD', mode).compatible).toBe(verdict(b, a, 'FORWARD', mode).compatible);
        expect(verdict(a, b, 'FULL', mode).compatible).toBe(
          verdict(a, b, 'BACKWARD', mode).compatible && verdict(a, b, 'FORWARD', mode).compatible,
        );
      }),
      { numRuns: 300 },
    );
  });
});
