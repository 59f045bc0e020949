// Generated validators treat every declared property name as data: names of Object.prototype
// (`toString`, `constructor`, `valueOf`, `hasOwnProperty`) and JSON Schema keywords behave like
// `a`. Compiled with the validators' own ajv configuration (generator/ajv.ts) and runtime helpers.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageValidatorAjv } from '../../../generator/ajv.js';
import { ajvRuntime } from '../../../runtime/validator-support.js';
import { setOwnProperty } from '../../../contract-conventions/index.js';

const NAMES = [
  'a',
  'toString',
  'constructor',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'description',
  'default',
  'properties',
  'x-note',
];

const ajv = messageValidatorAjv({ standalone: false });
const objectWith = (name: string, value: unknown): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  setOwnProperty(out, name, value);
  return out;
};

describe('validators read declared names as data', () => {
  it.each(NAMES)('optional %s: absent is fine, present is checked', (name) => {
    const validate = ajv.compile({ type: 'object', properties: objectWith(name, { type: 'boolean' }) });
    expect(validate({})).toBe(true);
    expect(validate(JSON.parse(`{${JSON.stringify(name)}: true}`))).toBe(true);
    expect(validate(JSON.parse(`{${JSON.stringify(name)}: "x"}`))).toBe(false);
  });

  it.each(NAMES)('required %s: a payload without it is reported as missing, not as a wrong type', (name) => {
    const validate = ajv.compile({
      type: 'object',
      required: [name],
      properties: objectWith(name, { type: 'integer' }),
      additionalProperties: false,
    });
    expect(validate({})).toBe(false);
    expect(validate.errors?.map((e) => e.keyword)).toEqual(['required']);
    expect(validate(JSON.parse(`{${JSON.stringify(name)}: 1}`))).toBe(true);
  });

  it('enum, const and uniqueItems compare payload objects by their properties, whatever their names', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.jsonValue(), (name, value) => {
        const item = JSON.parse(JSON.stringify(objectWith(name, value))) as unknown;
        const copy = JSON.parse(JSON.stringify(item)) as unknown;
        expect(ajv.compile({ const: item })(copy)).toBe(true);
        expect(ajv.compile({ enum: [1, item] })(copy)).toBe(true);
        expect(ajv.compile({ type: 'array', uniqueItems: true })([item, copy])).toBe(false);
        // the runtime helper the generated (standalone) validators import
        expect((ajvRuntime['equal'] as (a: unknown, b: unknown) => boolean)(item, copy)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('unevaluatedProperties: false closes a model, counting what allOf branches declare', () => {
    const validate = ajv.compile({
      allOf: [{ properties: { a: { type: 'string' } } }],
      properties: { b: { type: 'string' } },
      unevaluatedProperties: false,
    });
    expect(validate({ a: 'x', b: 'y' })).toBe(true);
    expect(validate({ a: 'x', c: 'z' })).toBe(false);
  });
});
