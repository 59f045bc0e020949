// Example payloads on the message pages must be valid: checked with each message's own validators
// (the ones `evc dlq replay --contracts` compiles, same ajv settings as the generated ones) for the
// bundled contracts, the hostile fixtures and the benchmark's synthetic registry,, and for random schemas.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addFormats, Ajv } from '../../../generator/ajv.js';
import { messageExample, schemaExample } from '../../../generator/docs/example-payload.js';
import { liveDescriptors } from '../../../generator/emit/live-descriptors.js';
import type { CompiledValidator } from '../../../runtime/contract.js';
import { writeSyntheticRegistry } from '../../../bench/synthetic-registry.js';
import { siteOfDirectory } from './docs-fixture.js';

async function expectValidExamples(dir: string, minimum: number): Promise<void> {
  const { registry } = await siteOfDirectory(dir);
  const descriptors = liveDescriptors(registry);
  const check = (validator: CompiledValidator | undefined, value: unknown, what: string): void => {
    if (validator === undefined) return;
    // Validators may fill in defaults: validate a copy so the example stays as shown.
    const valid = validator(structuredClone(value));
    expect(valid, `${what}: ${JSON.stringify(validator.errors)}\n${JSON.stringify(value)}`).toBe(true);
  };
  let checked = 0;
  for (const message of registry.messages) {
    const descriptor = descriptors.get(message.name);
    const example = messageExample(message);
    expect(example.source).toBe('generated');
    if (descriptor === undefined) continue;
    expect(example.payload, `${message.name} has a payload example`).toBeDefined();
    check(descriptor.validatePayload, example.payload, `${message.name} payload`);
    if (message.key !== undefined) check(descriptor.validateKey, example.key, `${message.name} key`);
    if (message.headers !== undefined) check(descriptor.validateHeaders, example.headers, `${message.name} headers`);
    checked++;
  }
  expect(checked).toBeGreaterThanOrEqual(minimum);
}

describe('example payloads', () => {
  it('are valid for every message of the bundled contracts', () => expectValidExamples('contracts', 4));
  it('are valid for the hostile fixtures', async () => {
    await expectValidExamples('test/fixtures/hostile/asyncapi.yaml', 5);
    await expectValidExamples('test/fixtures/hostile-docs', 1);
  });
  it('are valid for the messages of the benchmark registry', async () => {
    // Its messages differ only by number: 6 documents show every shape of the 50 (and compile fast).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-docs-examples-'));
    await writeSyntheticRegistry(dir, 6, 8);
    await expectValidExamples(dir, 48);
  });

  it('come from the contract when it has examples', async () => {
    const { registry } = await siteOfDirectory('contracts');
    const message = { ...registry.messages[0]!, raw: { examples: [{ payload: { from: 'contract' } }] } };
    expect(messageExample(message)).toMatchObject({ source: 'contract', payload: { from: 'contract' } });
  });

  it('are valid for any schema they are made for', () => {
    // Without useDefaults: an invalid default filled into an absent optional property would fail
    // the value for a reason that is the schema's, not the example's.
    const ajv = addFormats(new Ajv({ strict: false, unicodeRegExp: true }));
    // JSON values for enum and const; object keys stay plain words (ajv's deep-equal calls a
    // `valueOf` it finds on the data, so a key named valueOf would fail inside ajv, not here).
    const literal = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.integer(), { maxKeys: 3, noNullPrototype: true }),
    );
    const leaf = fc.oneof(
      fc.record(
        {
          type: fc.constant('string'),
          minLength: fc.nat(5),
          maxLength: fc.integer({ min: 5, max: 20 }),
          pattern: fc.constantFrom('^[a-z]+$', 'x'),
          default: fc.string({ maxLength: 8 }),
          examples: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }),
        },
        { requiredKeys: ['type'] },
      ),
      fc.record({ type: fc.constant('string'), format: fc.constantFrom('uuid', 'date-time', 'date', 'email', 'uri') }),
      fc.record({ type: fc.constant('string'), pattern: fc.constantFrom('^[A-Z]{3}-[0-9]{2,}$', '^x+$', 'ab|cd') }),
      fc.record(
        {
          type: fc.constantFrom('integer', 'number'),
          minimum: fc.integer({ min: -50, max: 50 }),
          exclusiveMaximum: fc.integer({ min: 60, max: 200 }),
          multipleOf: fc.constantFrom(1, 2, 5, 0.5),
          default: fc.integer({ min: -100, max: 300 }),
        },
        { requiredKeys: ['type'] },
      ),
      fc.record({
        enum: fc.uniqueArray(literal, { minLength: 1, maxLength: 3, selector: (v) => JSON.stringify(v) }),
      }),
      fc.record({ const: literal }),
      fc.record({ type: fc.constant('boolean') }),
    );
    const schema = fc.letrec<{ node: object }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), tie('node'), { maxKeys: 4 }).chain((properties) =>
          fc.record({
            type: fc.constant('object'),
            properties: fc.constant(properties),
            required: fc.subarray(Object.keys(properties)),
            additionalProperties: fc.boolean(),
          }),
        ),
        fc.record(
          { type: fc.constant('array'), items: tie('node'), minItems: fc.nat(3), uniqueItems: fc.constant(false) },
          { requiredKeys: ['type', 'items'] },
        ),
        fc.record({ oneOf: fc.tuple(leaf) }),
      ),
    })).node;
    fc.assert(
      fc.property(schema, (s) => {
        const example = schemaExample(s as never);
        if (example === undefined) return true;
        return ajv.validate(s, structuredClone(example)) === true;
      }),
      { numRuns: 300 },
    );
  });
});
