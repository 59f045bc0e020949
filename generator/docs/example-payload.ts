// Example values for the site: the contract's own examples when it has them, else a value built
// from the schema — const and enum values, the schema's `examples`/`default`, the first branch of a
// `oneOf`, every declared property, the fewest items, numbers inside their bounds, strings matching
// their format or pattern — so that it passes the message's validator (the tests check this for
// every bundled message). Deterministic: the same schema gives the same example.
import type { JsonSchema, MessageModel, SchemaObject } from '../model/registry.js';
import { patternSample } from './pattern-sample.js';

export interface MessageExample {
  /** `contract`: taken from the message's `examples`; `generated`: built from the schemas. */
  readonly source: 'contract' | 'generated';
  readonly payload?: unknown;
  readonly key?: unknown;
  readonly headers?: unknown;
}

/** Stands for "no value could be made" (unknown keywords are not guessed at). */
const NONE = Symbol('none');
type Value = unknown;

const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2024-05-01T12:00:00Z',
  date: '2024-05-01',
  time: '12:00:00Z',
  duration: 'PT15M',
  uuid: '3f0c2a9e-6b1d-4c8e-9a57-2d4b8e1f0a63',
  email: 'someone@example.com',
  'idn-email': 'someone@example.com',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uri: 'https://example.com/resource',
  iri: 'https://example.com/resource',
  'uri-reference': '/resource',
  'iri-reference': '/resource',
  'uri-template': 'https://example.com/{id}',
  'json-pointer': '/resource',
  'relative-json-pointer': '0',
  regex: '.*',
  byte: 'ZXhhbXBsZQ==',
};

export function messageExample(message: MessageModel): MessageExample {
  const examples = message.raw['examples'];
  const first = Array.isArray(examples) ? (examples as unknown[]).find(isObject) : undefined;
  if (first !== undefined && (first['payload'] !== undefined || first['headers'] !== undefined)) {
    return {
      source: 'contract',
      ...(first['payload'] !== undefined ? { payload: first['payload'] } : {}),
      ...(message.key !== undefined ? optional('key', schemaExample(message.key)) : {}),
      ...(first['headers'] !== undefined ? { headers: first['headers'] } : {}),
    };
  }
  return {
    source: 'generated',
    ...(message.payload !== undefined ? optional('payload', schemaExample(message.payload)) : {}),
    ...(message.key !== undefined ? optional('key', schemaExample(message.key)) : {}),
    ...(message.headers !== undefined ? optional('headers', schemaExample(message.headers)) : {}),
  };
}

/** A value valid against `schema`, or undefined when none could be built. */
export function schemaExample(schema: JsonSchema): unknown {
  const value = build(schema, new Set());
  return value === NONE ? undefined : value;
}

function optional<K extends string>(key: K, value: unknown): Partial<Record<K, unknown>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, unknown>);
}

function build(schema: JsonSchema, visiting: Set<object>): Value {
  if (schema === true) return 'example';
  if (schema === false) return NONE;
  if ('const' in schema) return schema['const'];
  const enumValues = listOf(schema['enum']);
  if (enumValues.length > 0) return enumValues[0];
  // The schema's own examples read best, but contracts get them wrong too: keep one only if it
  // passes the schema's own scalar keywords (type, pattern, bounds).
  const written = [...listOf(schema['examples']), schema['default']];
  const fitting = written.find((value) => value !== undefined && fitsScalarKeywords(schema, value));
  if (fitting !== undefined) return fitting;
  if (visiting.has(schema)) return NONE;
  visiting.add(schema);
  try {
    return combined(schema, visiting);
  } finally {
    visiting.delete(schema);
  }
}

/** The schema's own keywords merged with its first `oneOf`/`anyOf` branch and every `allOf` part. */
function combined(schema: SchemaObject, visiting: Set<object>): Value {
  const parts = [
    ...schemaList(schema['allOf']),
    ...schemaList(schema['oneOf']).slice(0, 1),
    ...schemaList(schema['anyOf']).slice(0, 1),
  ];
  let value = byType(schema, visiting);
  for (const part of parts) {
    const partValue = build(part, visiting);
    if (partValue === NONE) return NONE;
    if (isObject(value) && isObject(partValue)) value = { ...value, ...partValue };
    else if (value === NONE || !hasOwnShape(schema)) value = partValue;
  }
  return value;
}

function byType(schema: SchemaObject, visiting: Set<object>): Value {
  switch (typeOf(schema)) {
    case 'object':
      return objectExample(schema, visiting);
    case 'array':
      return arrayExample(schema, visiting);
    case 'string':
      return stringExample(schema);
    case 'integer':
      return numberExample(schema, true);
    case 'number':
      return numberExample(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return NONE;
  }
}

function typeOf(schema: SchemaObject): unknown {
  const type = schema['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    // Entries are returned as written: a non-string one (an invalid schema) matches no type below.
    const types: unknown[] = type;
    return types.find((t) => t !== 'null') ?? types[0];
  }
  if (isObject(schema['properties']) || Array.isArray(schema['required'])) return 'object';
  if (schema['items'] !== undefined) return 'array';
  if (['pattern', 'format', 'minLength', 'maxLength'].some((k) => k in schema)) return 'string';
  if (['minimum', 'maximum', 'multipleOf', 'exclusiveMinimum', 'exclusiveMaximum'].some((k) => k in schema))
    return 'number';
  return undefined;
}

function hasOwnShape(schema: SchemaObject): boolean {
  return typeOf(schema) !== undefined;
}

function objectExample(schema: SchemaObject, visiting: Set<object>): Value {
  const properties = isObject(schema['properties']) ? (schema['properties'] as Record<string, JsonSchema>) : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].map(String) : []);
  const maxProperties = typeof schema['maxProperties'] === 'number' ? schema['maxProperties'] : Infinity;
  const out: Record<string, unknown> = {};
  // Declared order first (as the contract reads), then required names declared nowhere else.
  const names = [...Object.keys(properties), ...[...required].filter((name) => !(name in properties))];
  let optionalRoom = maxProperties - required.size;
  for (const name of names) {
    const isRequired = required.has(name);
    if (!isRequired && optionalRoom <= 0) continue;
    const value = build(properties[name] ?? additionalSchema(schema), visiting);
    // Optional properties show what a full event looks like; a recursive one is left out.
    if (value === NONE) {
      if (isRequired) return NONE;
      continue;
    }
    out[name] = value;
    if (!isRequired) optionalRoom--;
  }
  return out;
}

function additionalSchema(schema: SchemaObject): JsonSchema {
  const additional = schema['additionalProperties'];
  return isObject(additional) ? additional : true;
}

function arrayExample(schema: SchemaObject, visiting: Set<object>): Value {
  const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  const maxItems = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Infinity;
  // `prefixItems` (2020-12) is not enforced by the validators: only draft-07 tuples shape the example.
  const tuple = Array.isArray(schema['items']) ? schema['items'] : [];
  const items = Array.isArray(schema['items']) ? schema['additionalItems'] : schema['items'];
  const count = Math.min(maxItems, Math.max(minItems, tuple.length, 1));
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const itemSchema = (tuple[i] as JsonSchema | undefined) ?? (isSchema(items) ? items : true);
    const value = build(itemSchema, visiting);
    if (value === NONE) return i < minItems ? NONE : out;
    out.push(schema['uniqueItems'] === true && i > 0 ? distinct(value, i) : value);
  }
  return out;
}

/** The i-th item of a `uniqueItems` array: strings and numbers made different from the first. */
function distinct(value: unknown, i: number): unknown {
  if (typeof value === 'string') return `${value}${i}`;
  if (typeof value === 'number') return value + i;
  return value;
}

function stringExample(schema: SchemaObject): Value {
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const maxLength = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  if (typeof schema['pattern'] === 'string') return patternSample(schema['pattern'], minLength, maxLength) ?? NONE;
  const format = typeof schema['format'] === 'string' ? FORMAT_SAMPLES[schema['format']] : undefined;
  if (format !== undefined) return format;
  let text = 'example';
  if (text.length < minLength) text = text.padEnd(minLength, 'x');
  return text.slice(0, Math.min(text.length, maxLength));
}

function numberExample(schema: SchemaObject, integer: boolean): Value {
  const num = (key: string): number | undefined => (typeof schema[key] === 'number' ? schema[key] : undefined);
  // Draft-04 writes exclusive bounds as booleans beside minimum/maximum.
  const exclusiveMin = schema['exclusiveMinimum'] === true ? num('minimum') : num('exclusiveMinimum');
  const exclusiveMax = schema['exclusiveMaximum'] === true ? num('maximum') : num('exclusiveMaximum');
  const min = schema['exclusiveMinimum'] === true ? undefined : num('minimum');
  const max = schema['exclusiveMaximum'] === true ? undefined : num('maximum');
  const step = num('multipleOf') ?? (integer ? 1 : undefined);
  const low = Math.max(min ?? -Infinity, exclusiveMin === undefined ? -Infinity : exclusiveMin + (step ?? 0.5) / 2);
  const high = Math.min(max ?? Infinity, exclusiveMax === undefined ? Infinity : exclusiveMax - (step ?? 0.5) / 2);
  let value = low === -Infinity ? (high < 0 ? high : 0) : low;
  if (step !== undefined) value = Math.ceil(value / step - 1e-9) * step;
  if (integer) value = Math.ceil(value);
  return value <= high ? value : NONE;
}

/** Scalars only: an object or array example is not checked here, so it is not taken. */
function fitsScalarKeywords(schema: SchemaObject, value: unknown): boolean {
  const type = typeOf(schema);
  if (typeof value === 'string') {
    const pattern = schema['pattern'];
    return (
      (type === undefined || type === 'string') &&
      schema['format'] === undefined &&
      value.length >= (typeof schema['minLength'] === 'number' ? schema['minLength'] : 0) &&
      value.length <= (typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity) &&
      (typeof pattern !== 'string' || matches(pattern, value))
    );
  }
  if (typeof value === 'number') {
    if (type !== 'number' && type !== 'integer') return false;
    const num = (key: string): number | undefined => (typeof schema[key] === 'number' ? schema[key] : undefined);
    const step = num('multipleOf');
    return (
      (type === 'number' || Number.isInteger(value)) &&
      value >= (num('minimum') ?? -Infinity) &&
      value <= (num('maximum') ?? Infinity) &&
      value > (num('exclusiveMinimum') ?? -Infinity) &&
      value < (num('exclusiveMaximum') ?? Infinity) &&
      typeof schema['exclusiveMinimum'] !== 'boolean' &&
      typeof schema['exclusiveMaximum'] !== 'boolean' &&
      (step === undefined || Number.isInteger(value / step))
    );
  }
  return typeof value === 'boolean' && type === 'boolean';
}

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

/** A keyword's array value; anything else counts as an empty list. */
function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function schemaList(value: unknown): JsonSchema[] {
  return Array.isArray(value) ? value.filter(isSchema) : [];
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || isObject(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
