import { rule } from '../../../../generator/compat/schema-rules/cannot-judge.js';
import { checkSchemaCompatibility } from '../../../../generator/compat/schema-check.js';
import type { JsonSchema } from '../../../../generator/model/registry.js';
import { ruleTable } from '../rule-table.js';
import { describe, expect, it } from 'vitest';

const defs = (D0: unknown, root: unknown = { $ref: '#/$defs/D0' }) => ({ $defs: { D0 }, ...(root as object) });
const loop = { anyOf: [{ anyOf: [{ type: 'integer' }] }, { anyOf: [{ $ref: '#/$defs/D0' }, { const: 'a' }] }] };

ruleTable(rule, [
  {
    // ajv accepts integers and overflows the stack on anything else: the "const a" branch is never reached
    name: 'a union that contains itself, replaced by the union it seems to mean',
    old: defs(loop),
    new: { anyOf: [{ anyOf: [{ type: 'integer' }] }, { const: 'a' }] },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['UNGUARDED_RECURSION'],
  },
  {
    name: 'allOf and not cycles, below a property',
    old: { type: 'object', properties: { a: { type: 'string' } } },
    new: defs(
      { not: { allOf: [{ $ref: '#/$defs/D0' }] } },
      { type: 'object', properties: { a: { $ref: '#/$defs/D0' } } },
    ),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['UNGUARDED_RECURSION'],
  },
  {
    name: 'an unchanged schema with such a cycle is no change',
    old: defs(loop),
    new: defs(loop),
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'recursion through a property or item is compared as a fixpoint',
    old: defs({ type: 'object', properties: { next: { $ref: '#/$defs/D0' }, v: { type: 'integer' } } }),
    new: defs({ type: 'object', properties: { next: { $ref: '#/$defs/D0' }, v: { type: 'number' } } }),
    backward: 'ok',
    forward: 'breaks',
  },
]);

describe('COMPARISON_TOO_DEEP', () => {
  const nested = (leaf: JsonSchema, levels: number): JsonSchema => {
    let schema = leaf;
    for (let i = 0; i < levels; i++)
      schema = { type: 'object', properties: { a: { anyOf: [schema, { type: 'null' }] } } };
    return schema;
  };
  it('a comparison nested beyond the engine limit is "cannot judge" (breaking), not a stack overflow', () => {
    for (const levels of [1000, 2500]) {
      const r = checkSchemaCompatibility(nested({ type: 'string' }, levels), nested({ type: 'integer' }, levels), {
        level: 'FULL',
        mode: 'strict',
      });
      expect(r.compatible).toBe(false);
      expect(r.findings.map((f) => f.id)).toContain('COMPARISON_TOO_DEEP');
    }
  });
  it('contracts as deep as the loader allows are still compared', () => {
    const r = checkSchemaCompatibility(nested({ type: 'string' }, 120), nested({ type: ['string', 'null'] }, 120), {
      level: 'BACKWARD',
      mode: 'strict',
    });
    expect(r.compatible).toBe(true);
  });
});
