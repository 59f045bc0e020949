// The JSON Schema of an Avro schema's JSON encoding as evc sends it (see README.md here): plain
// JSON values — a union's value is written as it is, never wrapped in `{"branch": value}` — so
// the existing type and validator emitters serve Avro payloads too. Named types become one shared
// schema node named after the Avro type (so TypeScript gets one declaration per record).
import type { AvroSchema, AvroSchemaObject, AvroNamedSchema } from '../model/avro-payload.js';
import type { JsonSchema, SourceLocation } from '../model/registry.js';
import { locationOf, setNodeLocation, setSchemaOrigin } from '../model/registry.js';
import { simpleNameOf } from './avro-names.js';
import { setOwnProperty } from '../../contract-conventions/index.js';

type Obj = Record<string, unknown>;

/** Avro `long` as a JavaScript number: only the exactly representable range (README.md, "long"). */
export const SAFE_LONG = Number.MAX_SAFE_INTEGER;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
/** Avro bytes and fixed in JSON: one character U+0000–U+00FF per byte (the Avro specification's JSON encoding). */
const BYTE_STRING = '^[\\u0000-\\u00ff]*$';

const LOGICAL_NOTES: Readonly<Record<string, string>> = {
  'timestamp-millis': 'Avro timestamp-millis: milliseconds since 1970-01-01T00:00:00Z.',
  'timestamp-micros': 'Avro timestamp-micros: microseconds since 1970-01-01T00:00:00Z.',
  'local-timestamp-millis': 'Avro local-timestamp-millis: milliseconds since 1970-01-01T00:00:00, local time.',
  'local-timestamp-micros': 'Avro local-timestamp-micros: microseconds since 1970-01-01T00:00:00, local time.',
  date: 'Avro date: days since 1970-01-01.',
  'time-millis': 'Avro time-millis: milliseconds after midnight.',
  'time-micros': 'Avro time-micros: microseconds after midnight.',
  uuid: 'Avro uuid.',
  decimal: 'Avro decimal: the unscaled value as big-endian two’s-complement bytes',
  duration: 'Avro duration: months, days and milliseconds as three little-endian unsigned 32-bit integers.',
};

/** Derived named types shared between messages, by full name, with the definition they came from. */
export type SharedNamedTypes = Map<string, { readonly text: string; readonly schema: Obj }>;

/**
 * `shared` lets messages that use the same named type (same full name, same definition) share one
 * JSON Schema node, so TypeScript declares it once.
 */
export function jsonSchemaOfAvro(
  schema: AvroSchema,
  namedTypes: ReadonlyMap<string, AvroNamedSchema>,
  shared: SharedNamedTypes = new Map(),
): JsonSchema {
  const byName = new Map<string, Obj>();
  const namedNodes = new Set<Obj>();

  const convert = (node: AvroSchema): Obj => {
    if (typeof node === 'string') {
      const named = namedTypes.get(node);
      if (named) return definition(named);
      return primitive(node, undefined);
    }
    if (Array.isArray(node)) return located({ anyOf: node.map(convert) }, node);
    const object = node as AvroSchemaObject;
    const type = object.type;
    if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed')
      return definition(object as AvroNamedSchema);
    if (type === 'array') return located({ type: 'array', items: convert(object.items as AvroSchema) }, object);
    if (type === 'map')
      return located({ type: 'object', additionalProperties: convert(object.values as AvroSchema) }, object);
    return located(primitive(typeof type === 'string' ? type : JSON.stringify(type), object), object);
  };

  const definition = (named: AvroNamedSchema): Obj => {
    const existing = byName.get(named.name);
    if (existing) return existing;
    const text = JSON.stringify(named);
    const common = shared.get(named.name);
    if (common?.text === text) {
      byName.set(named.name, common.schema);
      namedNodes.add(common.schema);
      return common.schema;
    }
    const out: Obj = {};
    namedNodes.add(out);
    byName.set(named.name, out); // before the fields: a field may use a type defined inside this one
    if (common === undefined) shared.set(named.name, { text, schema: out });
    const doc = typeof named.doc === 'string' ? named.doc : undefined;
    if (named.type === 'enum') Object.assign(out, { type: 'string', enum: named.symbols });
    else if (named.type === 'fixed') {
      const size = Number(named.size);
      Object.assign(out, { type: 'string', minLength: size, maxLength: size, pattern: BYTE_STRING });
    } else {
      const fields = (named.fields as readonly Obj[]) ?? [];
      const properties: Obj = {};
      const fieldLocations = new Map<string, SourceLocation>();
      for (const field of fields) {
        const converted = convert(field.type as AvroSchema);
        // A named type is one shared node: the field's doc wraps it instead of copying it.
        const property =
          typeof field.doc !== 'string'
            ? converted
            : located(
                namedNodes.has(converted)
                  ? { description: field.doc, allOf: [converted] }
                  : { ...converted, description: field.doc },
                field,
              );
        setOwnProperty(properties, String(field.name), property);
        const fieldAt = locationOf(field);
        if (fieldAt) fieldLocations.set(String(field.name), fieldAt);
      }
      // Findings about a property (lint reads the JSON form) point at the Avro field it came from.
      const recordAt = locationOf(named);
      const required = fields.map((field) => String(field.name));
      if (recordAt) setNodeLocation(properties, recordAt, fieldLocations);
      // Avro writers write every field (defaults are for readers): each is required, none extra.
      Object.assign(out, {
        type: 'object',
        properties,
        required,
        additionalProperties: false,
      });
    }
    out.title = simpleNameOf(named.name);
    if (doc !== undefined) out.description = doc;
    located(out, named);
    const at = locationOf(named);
    if (at) setSchemaOrigin(out, { refName: simpleNameOf(named.name), location: at });
    return out;
  };

  return convert(schema);
}

function primitive(type: string, attributes: AvroSchemaObject | undefined): Obj {
  const logical = typeof attributes?.logicalType === 'string' ? attributes.logicalType : undefined;
  const note = logical === undefined ? undefined : LOGICAL_NOTES[logical];
  const described = (schema: Obj): Obj =>
    note === undefined
      ? schema
      : {
          ...schema,
          description:
            logical === 'decimal'
              ? `${note} (precision ${JSON.stringify(attributes?.precision)}, scale ${JSON.stringify(attributes?.scale ?? 0)}).`
              : note,
        };
  switch (type) {
    case 'null':
      return { type: 'null' };
    case 'boolean':
      return { type: 'boolean' };
    case 'int':
      return described({ type: 'integer', minimum: INT_MIN, maximum: INT_MAX });
    case 'long':
      return described({ type: 'integer', minimum: -SAFE_LONG, maximum: SAFE_LONG });
    case 'float':
    case 'double':
      return { type: 'number' };
    case 'bytes':
      return described({ type: 'string', pattern: BYTE_STRING });
    case 'string':
      return described(logical === 'uuid' ? { type: 'string', format: 'uuid' } : { type: 'string' });
    default:
      // The normaliser resolved every name: only primitives reach here.
      throw new Error(`not an Avro primitive type: ${type}`);
  }
}

function located<T extends object>(schema: T, from: unknown): T {
  const at = locationOf(from);
  if (at) setNodeLocation(schema, at);
  return schema;
}
