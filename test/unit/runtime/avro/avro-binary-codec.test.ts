// The Avro binary codec against the JSON Schema evc derives from the same Avro schema, for every
// value: whatever the derived validator accepts, Avro binary carries and gives back unchanged, and
// what comes back is what plain avsc reads from the bytes. Hostile field and map key names included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import avsc from 'avsc';
import { bigintLongs } from '../../../support/avro-longs.js';
import { loadRegistry } from '../../../../generator/load/index.js';
import { memorySource } from '../../../../generator/load/memory-source.js';
import { messageValidatorAjv } from '../../../../generator/ajv.js';
import { bundleSchema } from '../../../../generator/model/bundle.js';
import type { AvroNamedSchema, AvroSchema, AvroSchemaObject } from '../../../../generator/model/avro-payload.js';
import { avroBinaryCodec } from '../../../../runtime/avro/avro-binary-codec.js';
import { EventDecodeError } from '../../../../runtime/index.js';

const SCHEMA = {
  type: 'record',
  name: 'Everything',
  namespace: 'com.example',
  fields: [
    { name: '__proto__', type: 'string' },
    { name: 'constructor', type: ['null', 'long'], default: null },
    { name: 'i', type: 'int' },
    { name: 'f', type: 'float' },
    { name: 'd', type: 'double' },
    { name: 'b', type: 'boolean' },
    { name: 'raw', type: 'bytes' },
    { name: 'serial', type: { type: 'fixed', name: 'Serial', size: 3 } },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B', 'then'] } },
    { name: 'tags', type: { type: 'map', values: ['null', 'Kind'] } },
    {
      name: 'items',
      type: {
        type: 'array',
        items: { type: 'record', name: 'Item', fields: [{ name: 'n', type: ['int', 'string', 'null'] }] },
      },
    },
    { name: 'either', type: ['null', 'Item', { type: 'array', items: 'bytes' }, 'boolean', 'double'] },
    { name: 'mapOrText', type: [{ type: 'map', values: 'int' }, 'string'] },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
};

async function loaded() {
  const doc = [
    'asyncapi: 3.0.0',
    'info: { title: t, version: 1.0.0 }',
    'channels:',
    '  c:',
    '    address: t',
    '    messages:',
    '      Everything:',
    '        contentType: avro/binary',
    '        payload:',
    '          schemaFormat: application/vnd.apache.avro;version=1.9.0',
    `          schema: ${JSON.stringify(SCHEMA)}`,
    'operations:',
    '  s: { action: send, channel: { $ref: "#/channels/c" } }',
    '',
  ].join('\n');
  const registry = await loadRegistry(memorySource({ 'a.yaml': doc }));
  expect(registry.diagnostics).toEqual([]);
  return registry.messages[0]!;
}

const byteString = (length?: number): fc.Arbitrary<string> =>
  fc
    .array(
      fc.integer({ min: 0, max: 255 }),
      length === undefined ? { maxLength: 6 } : { minLength: length, maxLength: length },
    )
    .map((codes) => String.fromCharCode(...codes));

/** Values of an Avro schema in evc's JSON form (the property's input space). */
function valuesOf(schema: AvroSchema, named: ReadonlyMap<string, AvroNamedSchema>): fc.Arbitrary<unknown> {
  if (Array.isArray(schema)) return fc.oneof(...(schema as AvroSchema[]).map((branch) => valuesOf(branch, named)));
  const node: AvroSchemaObject | string =
    typeof schema === 'string' ? (named.get(schema) ?? schema) : (schema as AvroSchemaObject);
  const type = typeof node === 'string' ? node : node.type;
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'int':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'long':
      return fc.maxSafeInteger();
    case 'float':
      return fc.float({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));
    case 'double':
      return fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));
    case 'string':
      return fc.string({ unit: 'grapheme', maxLength: 8 });
    case 'bytes':
      return byteString();
    case 'fixed':
      return byteString(Number((node as AvroSchemaObject).size));
    case 'enum':
      return fc.constantFrom(...((node as AvroSchemaObject).symbols as string[]));
    case 'array':
      return fc.array(valuesOf((node as AvroSchemaObject).items as AvroSchema, named), { maxLength: 3 });
    case 'map':
      return fc
        .array(
          fc.tuple(
            fc.oneof(fc.string({ maxLength: 4 }), fc.constant('__proto__')),
            valuesOf((node as AvroSchemaObject).values as AvroSchema, named),
          ),
          { maxLength: 3 },
        )
        .map((entries) => objectOf(entries));
    case 'record': {
      const fields = (node as AvroSchemaObject).fields as { name: string; type: AvroSchema }[];
      return fc
        .tuple(...fields.map((field) => valuesOf(field.type, named)))
        .map((values) => objectOf(fields.map((field, index) => [field.name, values[index]])));
    }
    default:
      throw new Error(`no values for ${JSON.stringify(schema)}`);
  }
}

function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

describe('Avro binary codec', async () => {
  const message = await loaded();
  const avro = message.avro!;
  const validate = messageValidatorAjv({ standalone: false }).compile(
    bundleSchema(message.payload!, { stripAnnotations: true }) as object,
  );
  const codec = avroBinaryCodec({ schema: avro.text });

  it('gives back every value the derived JSON Schema accepts, unchanged', () => {
    fc.assert(
      fc.property(valuesOf(avro.schema, avro.namedTypes), (value) => {
        expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
        const bytes = codec.encode(value);
        expect(codec.decode(bytes)).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it('writes bytes plain avsc reads as the same record', () => {
    fc.assert(
      fc.property(valuesOf(avro.schema, avro.namedTypes), (value) => {
        // Plain avsc with a 64-bit long reader, as an Avro consumer in another language would read them.
        const plain = avsc.Type.forSchema(
          JSON.parse(
            avro.text
              .replace(/"__proto__"/, '"proto"')
              // avsc's own long misreads some values beyond ±2^52: every long goes to the 64-bit reader.
              .replace('{"type":"long","logicalType":"timestamp-millis"}', '"long"'),
          ) as avsc.Schema,
          {
            wrapUnions: false,
            registry: { long: bigintLongs() },
          },
        );
        const read = plain.fromBuffer(codec.encode(value)) as Record<string, unknown>;
        const written = value as Record<string, unknown>;
        expect(read.proto).toBe(written.__proto__);
        expect(read.i).toBe(written.i);
        expect(read.at).toBe(BigInt(written.at as number));
        const [readLong, writtenLong] = [read['constructor'], written['constructor']];
        expect(readLong).toBe(writtenLong === null ? null : BigInt(writtenLong as number));
        expect((read.serial as Buffer).toString('latin1')).toBe(written.serial);
        expect(Object.keys(read.tags as object).sort()).toEqual(
          Object.keys(written.tags as object)
            .filter((k) => k !== '__proto__')
            .sort(),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('refuses what is not Avro binary of the schema, and a long beyond ±(2^53−1), as decode errors', () => {
    expect(() => codec.decode(Buffer.from([0x02]))).toThrow(EventDecodeError);
    const longs = avsc.Type.forSchema({ type: 'record', name: 'L', fields: [{ name: 'n', type: 'long' }] });
    const wide = avroBinaryCodec({ schema: JSON.stringify(longs.schema()) });
    const tooWide = Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x1f]); // zigzag 2^53
    expect(() => wide.decode(tooWide)).toThrow(/beyond what a JavaScript number holds exactly/);
    expect(wide.decode(wide.encode({ n: Number.MAX_SAFE_INTEGER }))).toEqual({ n: Number.MAX_SAFE_INTEGER });
  });

  it('refuses a string UTF-8 cannot carry instead of sending U+FFFD', () => {
    const strings = avroBinaryCodec({ schema: '{"type":"record","name":"S","fields":[{"name":"s","type":"string"}]}' });
    expect(() => strings.encode({ s: 'a\uD800b' })).toThrow(/lone UTF-16 surrogate/);
  });
});
