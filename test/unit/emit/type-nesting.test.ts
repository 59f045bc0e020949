// Every nesting of array, tuple, union, nullable and record (three levels deep, over three kinds of
// leaf) becomes a type expression that compiles under strict and admits values of its schema, and
// random deeper trees do too: parentheses are where TypeScript's grammar needs them
// (`readonly (readonly string[])[]`, `(A | null)[]`), not where a regex guessed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { typeExpression } from '../../../generator/emit/emit-types.js';
import type { TypeNames } from '../../../generator/emit/type-names.js';
import { typeCheck } from '../../support/compile.js';

type Schema = Record<string, unknown>;
/** A schema and two values of it: one taking every nullable's null branch, one never taking it. */
interface Sample {
  readonly schema: Schema;
  readonly withNulls: unknown;
  readonly withoutNulls: unknown;
}

const leaves: Record<string, Sample> = {
  string: { schema: { type: 'string' }, withNulls: 's', withoutNulls: 's' },
  enum: { schema: { enum: ['x', 'y'] }, withNulls: 'y', withoutNulls: 'x' },
  object: {
    schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false },
    withNulls: { a: 's' },
    withoutNulls: { a: 't' },
  },
};

const wrappers: Record<string, (inner: Sample) => Sample> = {
  array: (s) => ({
    schema: { type: 'array', items: s.schema },
    withNulls: [s.withNulls, s.withNulls],
    withoutNulls: [s.withoutNulls],
  }),
  tuple: (s) => ({
    schema: { type: 'array', items: [s.schema, { type: 'string' }], additionalItems: s.schema },
    withNulls: [s.withNulls, 'a', s.withNulls],
    withoutNulls: [s.withoutNulls, 'b'],
  }),
  union: (s) => ({ schema: { oneOf: [s.schema, { type: 'integer' }] }, withNulls: s.withNulls, withoutNulls: 1 }),
  nullable: (s) => ({
    // Real documents write nullability both ways: `type: [T, 'null']` and `anyOf: [T, {type: 'null'}]`.
    schema:
      typeof s.schema.type === 'string'
        ? { ...s.schema, type: [s.schema.type, 'null'] }
        : { anyOf: [s.schema, { type: 'null' }] },
    withNulls: null,
    withoutNulls: s.withoutNulls,
  }),
  record: (s) => ({
    schema: { type: 'object', additionalProperties: s.schema },
    withNulls: { k: s.withNulls },
    withoutNulls: { k: s.withoutNulls, l: s.withoutNulls },
  }),
};

const noNames: TypeNames = { nodes: new Map(), messages: new Map(), order: [] };

/** One module declaring each sample's type and both of its values. */
function moduleOf(samples: readonly Sample[]): string {
  return samples
    .map((sample, i) => {
      const type = typeExpression(sample.schema, noNames, '').text;
      return `export type T${i} = ${type};\nexport const a${i}: T${i} = ${JSON.stringify(sample.withNulls)};\nexport const b${i}: T${i} = ${JSON.stringify(sample.withoutNulls)};\n`;
    })
    .join('');
}

function compile(source: string): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-type-nesting-'));
  const file = path.join(dir, 'types.ts');
  writeFileSync(file, source);
  return typeCheck([file]).errors;
}

const every: Sample[] = [];
const names: string[] = [];
for (const [leafName, leaf] of Object.entries(leaves)) {
  const grow = (sample: Sample, label: string, depth: number): void => {
    every.push(sample);
    names.push(label);
    if (depth === 3) return;
    for (const [wrapperName, wrap] of Object.entries(wrappers))
      grow(wrap(sample), `${wrapperName}(${label})`, depth + 1);
  };
  grow(leaf, leafName, 0);
}

describe('emitted type expressions for nested arrays, tuples, unions, nullables and records', () => {
  it('parenthesise nested readonly arrays and unions the way TypeScript reads them', () => {
    const text = (label: string): string => typeExpression(every[names.indexOf(label)]!.schema, noNames, '').text;
    expect(text('array(array(string))')).toBe('readonly (readonly string[])[]');
    expect(text('array(nullable(string))')).toBe('readonly (string | null)[]');
    expect(text('nullable(array(string))')).toBe('readonly string[] | null');
    expect(text('tuple(array(string))')).toBe('readonly [readonly string[], string, ...(readonly string[])[]]');
    expect(text('array(union(enum))')).toBe('readonly ("x" | "y" | number)[]');
    expect(text('record(array(string))')).toBe('{\n  readonly [property: string]: readonly string[];\n}');
  });

  it(`compiles every combination up to three levels (${3 * (1 + 5 + 25 + 125)} types) and admits their values`, () => {
    expect(every).toHaveLength(3 * (1 + 5 + 25 + 125));
    const errors = compile(moduleOf(every));
    expect(errors.map((e) => `${e} [${names[Number(/T(\d+)/.exec(e)?.[1] ?? -1)] ?? '?'}]`)).toEqual([]);
  });

  it('compiles random deeper trees (with intersections) and admits their values', () => {
    const sample: fc.Arbitrary<Sample> = fc.letrec<{ node: Sample }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...Object.values(leaves)),
        fc.tuple(fc.constantFrom(...Object.keys(wrappers)), tie('node')).map(([w, s]) => wrappers[w]!(s)),
        // allOf with a schema that admits anything keeps the samples valid and puts `T & unknown` in play.
        tie('node').map((s) => ({
          schema: { allOf: [s.schema, {}] },
          withNulls: s.withNulls,
          withoutNulls: s.withoutNulls,
        })),
      ),
    })).node;
    const trees = fc.sample(sample, { numRuns: 100, seed: 16 });
    expect(compile(moduleOf(trees))).toEqual([]);
  });
});
