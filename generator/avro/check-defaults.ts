// Checks field and enum defaults the way the Avro specification says a default is read (its JSON
// encoding; a union's default is a value of its first branch), naming the field and what is wrong.
import type { AvroNamedSchema, AvroSchema, AvroSchemaObject } from '../model/avro-payload.js';
import type { Diagnostic } from '../model/registry.js';
import { avroDefaultInvalid } from './avro-rules.js';
import type { NormalisedSchema } from './normalise-schema.js';

const INT = { min: -(2 ** 31), max: 2 ** 31 - 1 };
// eslint-disable-next-line no-control-regex -- Avro bytes in JSON are exactly the characters U+0000–U+00FF
const BYTE_CHARS = /^[\u0000-\u00ff]*$/;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why `value` is not a default of `schema` ('' when it is one), with the JSON pointer of the part that is wrong. */
export function defaultProblem(
  schema: AvroSchema,
  value: unknown,
  named: ReadonlyMap<string, AvroNamedSchema>,
  at = '',
): string {
  const where = at === '' ? '' : ` at ${at}`;
  const got = JSON.stringify(value) ?? String(value);
  if (Array.isArray(schema)) {
    const first = (schema as readonly AvroSchema[])[0];
    const problem = first === undefined ? 'an empty union has no values' : defaultProblem(first, value, named, at);
    return problem === '' ? '' : `${problem} (a union's default must match its first branch)`;
  }
  const node = typeof schema === 'string' ? (named.get(schema) ?? schema) : (schema as AvroSchemaObject);
  const type = typeof node === 'string' ? node : node.type;
  const expect = (ok: boolean, what: string): string => (ok ? '' : `expected ${what}${where}, got ${got}`);
  switch (type) {
    case 'null':
      return expect(value === null, 'null');
    case 'boolean':
      return expect(typeof value === 'boolean', 'a boolean');
    case 'int':
      return expect(Number.isInteger(value) && (value as number) >= INT.min && (value as number) <= INT.max, 'an int');
    case 'long':
      return expect(Number.isInteger(value), 'a long (a whole number)');
    case 'float':
    case 'double':
      return expect(typeof value === 'number', `a ${type}`);
    case 'string':
      return expect(typeof value === 'string', 'a string');
    case 'bytes':
      return expect(typeof value === 'string' && BYTE_CHARS.test(value), 'bytes (a string of \\u0000–\\u00ff)');
    case 'fixed': {
      const size = Number((node as AvroSchemaObject).size);
      return expect(
        typeof value === 'string' && BYTE_CHARS.test(value) && value.length === size,
        `${size} bytes (a string of ${size} characters \\u0000–\\u00ff)`,
      );
    }
    case 'enum': {
      const symbols = (node as AvroSchemaObject).symbols as string[];
      return expect(typeof value === 'string' && symbols.includes(value), `one of ${symbols.join(', ')}`);
    }
    case 'array': {
      if (!Array.isArray(value)) return expect(false, 'an array');
      for (const [index, item] of value.entries()) {
        const problem = defaultProblem((node as AvroSchemaObject).items as AvroSchema, item, named, `${at}/${index}`);
        if (problem !== '') return problem;
      }
      return '';
    }
    case 'map': {
      if (!isObj(value)) return expect(false, 'a map (an object)');
      for (const [key, item] of Object.entries(value)) {
        const problem = defaultProblem((node as AvroSchemaObject).values as AvroSchema, item, named, `${at}/${key}`);
        if (problem !== '') return problem;
      }
      return '';
    }
    case 'record':
    case 'error': {
      if (!isObj(value)) return expect(false, `a ${String((node as AvroSchemaObject).name)} record (an object)`);
      for (const field of (node as AvroSchemaObject).fields as {
        name: string;
        type: AvroSchema;
        default?: unknown;
      }[]) {
        if (!Object.hasOwn(value, field.name)) {
          if (!('default' in field)) return `field "${field.name}" is missing${where} and has no default`;
          continue;
        }
        const problem = defaultProblem(field.type, value[field.name], named, `${at}/${field.name}`);
        if (problem !== '') return problem;
      }
      return '';
    }
    default:
      return `unknown type ${JSON.stringify(type)}`;
  }
}

export function checkAvroDefaults(normalised: NormalisedSchema, what: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const entry of normalised.defaults) {
    const problem = defaultProblem(entry.type, entry.value, normalised.namedTypes);
    if (problem !== '')
      diagnostics.push({
        ...entry.at,
        severity: 'error',
        rule: avroDefaultInvalid.id,
        message: `${what}: the default of field "${entry.field}" of ${entry.record} is not a value of its type: ${problem}`,
        hint: 'write a value of the field’s type (for a union, of its first branch: put "null" first for a null default); bytes and fixed defaults are strings of \\u0000–\\u00ff characters',
      });
  }
  for (const entry of normalised.enumDefaults)
    if (typeof entry.value !== 'string' || !entry.symbols.includes(entry.value))
      diagnostics.push({
        ...entry.at,
        severity: 'error',
        rule: avroDefaultInvalid.id,
        message: `${what}: the enum default ${JSON.stringify(entry.value)} is not one of its symbols`,
        hint: `use one of ${entry.symbols.join(', ')}`,
      });
  return diagnostics;
}
