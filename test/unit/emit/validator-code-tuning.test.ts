// The tunings of ajv's standalone code (generator/emit/validator-code-tuning.ts) must not change a single verdict,
// error or filled-in default: tuned and untuned validators are run side by side on random schemas and data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnySchema } from 'ajv';
import { messageValidatorAjv, standaloneCode } from '../../../generator/ajv.js';
import { TUNINGS, tuneValidatorCode } from '../../../generator/emit/validator-code-tuning.js';
import type { CompiledValidator } from '../../../runtime/index.js';
import { compileStandalone } from '../../support/standalone-validators.js';
import {
  candidates,
  observedDefaultsWorldArbitrary,
  worldArbitrary,
  type Json,
  type SchemaWorld,
} from '../../support/schema-pairs.js';

function codeOf(schema: AnySchema): string {
  const ajv = messageValidatorAjv({ standalone: true });
  ajv.addSchema(schema, 'v');
  return standaloneCode(ajv, { v: 'v' });
}

interface Outcome {
  readonly valid: boolean | 'threw';
  readonly errors: unknown;
  /** The data after validation: `useDefaults` fills defaults in. */
  readonly data: string;
}

function run(validate: CompiledValidator, instance: Json): Outcome {
  const data = structuredClone(instance);
  try {
    const valid = validate(data);
    return { valid, errors: validate.errors ?? null, data: JSON.stringify(data) };
  } catch (error) {
    return { valid: 'threw', errors: String(error), data: JSON.stringify(data) };
  }
}

/** Both validators give the same outcome on every instance. */
function expectSameOutcomes(schema: AnySchema, instances: readonly Json[]): void {
  const { v: tuned } = compileStandalone({ v: schema });
  const { v: untuned } = compileStandalone({ v: schema }, { tuned: false });
  for (const instance of instances) expect(run(tuned, instance)).toEqual(run(untuned, instance));
}

const documentOf = (world: SchemaWorld): AnySchema => ({ components: { schemas: world.defs }, allOf: [world.schema] });

describe('validator code tunings', () => {
  it('rewrite every loop over Object.keys and every code-point count against a literal bound', () => {
    const code = codeOf({
      type: 'object',
      additionalProperties: false,
      patternProperties: { '^x-': { type: 'string', minLength: 2 } },
      propertyNames: { maxLength: 20 },
      properties: { a: { type: 'string', maxLength: 5 }, b: { type: 'object', unevaluatedProperties: false } },
    });
    const tuned = tuneValidatorCode(code);
    expect(code).toMatch(/of Object\.keys\(/);
    expect(code).toMatch(/func\d+\(data\d*\) [<>] \d+/);
    expect(tuned).not.toMatch(/of Object\.keys\(/);
    expect(
      tuned.match(/for\(const key\d+ in data\d*\)\{\n?if\(!Object\.prototype\.hasOwnProperty\.call/g),
    ).toHaveLength(code.match(/of Object\.keys\(/g)!.length);
    expect(tuned).toMatch(/\(data\d*\.length > 5 && func\d+\(data\d*\) > 5\)/);
    expect(tuned).toMatch(/\(data\d*\.length < 4 && func\d+\(data\d*\) < 2\)/);
    expect(tuned).not.toMatch(/\}=\{\}\)\{/);
    expect(tuned.match(/const noValidateOptions = Object\.freeze\(\{\}\);/g)).toHaveLength(1);
    expect(tuned.startsWith('"use strict";const noValidateOptions')).toBe(true);
    expect(TUNINGS.map((tuning) => tuning.id)).toEqual([
      'own-keys-without-array',
      'length-bound-before-counting',
      'shared-empty-options',
    ]);
  });

  it('never touch contract text that spells the code they rewrite', () => {
    const hostile = [
      'for(const key0 of Object.keys(data)){',
      'func1(data) > 5',
      'func2(data3) < 1',
      '\\"for(const key1 of Object.keys(data1)){',
    ];
    const schema: AnySchema = {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(hostile.map((text) => [text, { const: text, maxLength: 60 }])),
      propertyNames: { enum: hostile },
    };
    const code = codeOf(schema);
    const literals = (text: string) => text.match(/"(?:[^"\\]|\\.)*"/g);
    expect(literals(tuneValidatorCode(code))).toEqual(literals(code));
    const valid = Object.fromEntries(hostile.map((text) => [text, text]));
    expectSameOutcomes(schema, [valid, { ...valid, [hostile[0]!]: 'other' }, { extra: 1 }]);
    expect(compileStandalone({ v: schema }).v(valid)).toBe(true);
  });

  it('give the same verdicts, errors and defaults as ajv untuned on random schemas and data', () => {
    fc.assert(
      fc.property(fc.oneof(worldArbitrary, observedDefaultsWorldArbitrary), fc.nat(), (world, seed) => {
        expectSameOutcomes(documentOf(world), candidates(world, world, seed, 30));
      }),
      { numRuns: 150 },
    );
  });

  it('see only own properties, as Object.keys does, when an object inherits enumerable ones', () => {
    const schema: AnySchema = {
      type: 'object',
      additionalProperties: false,
      properties: { a: { type: 'string' } },
      propertyNames: { maxLength: 1 },
    };
    const { v: tuned } = compileStandalone({ v: schema });
    const { v: untuned } = compileStandalone({ v: schema }, { tuned: false });
    const inheriting = () => Object.assign(Object.create({ inherited: 1, b: 2 }) as object, { a: 'x' });
    expect(tuned(inheriting())).toBe(true);
    expect(untuned(inheriting())).toBe(true);
    const withExtra = () => Object.assign(inheriting(), { c: 1, longName: 2 });
    expect(tuned(withExtra())).toBe(false);
    expect(tuned.errors).toEqual((untuned(withExtra()), untuned.errors));
  });

  it('count code points exactly where a length bound is near (surrogate pairs, lone surrogates)', () => {
    const unit = fc.constantFrom('a', 'é', '\u{1F600}', '\uD83D', '\uDE00', '\u0000', 'ab');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.array(
          fc.array(unit, { maxLength: 12 }).map((parts) => parts.join('')),
          { minLength: 1, maxLength: 8 },
        ),
        (minLength, maxLength, texts) => {
          expectSameOutcomes({ type: 'string', minLength, maxLength }, texts);
        },
      ),
      { numRuns: 200 },
    );
  });
});
