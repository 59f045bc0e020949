// Emits `types.ts`: one TypeScript declaration per named schema and per message payload, key and
// headers. JSON Schema → TypeScript: unions for oneOf/anyOf, literal unions for enums, readonly
// properties and arrays, doc comments from titles and descriptions. Nothing becomes `any`.
import type { JsonSchema, MessageModel, Registry } from '../model/registry.js';
import type { TypeNames } from './type-names.js';
import { pascalCase } from './naming.js';
import { Code, docComment, fileHeader, ident, join, literal, propertyKey, ts } from './printer.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_DEPTH = 64;

/** The TypeScript type expression for `schema`; named nodes are referred to by name. */
export function typeExpression(schema: unknown, names: TypeNames, indent: string, self?: object, depth = 0): Code {
  if (schema === true || schema === undefined) return ts`unknown`;
  if (schema === false) return ts`never`;
  if (!isObject(schema)) return ts`unknown`;
  const named = names.nodes.get(schema);
  if (named && schema !== self) return ident(named);
  if (depth > MAX_DEPTH) return ts`unknown`;
  const next = (s: unknown, nextIndent = indent): Code => typeExpression(s, names, nextIndent, undefined, depth + 1);

  if ('$ref' in schema && typeof schema.$ref === 'string') return ts`unknown`; // unresolved: lint reports it
  if ('const' in schema) return literalType(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literalType));

  const parts: Code[] = [];
  const combinators: Code[] = [];
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.length > 0) combinators.push(union(branches.map((b) => next(b))));
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) combinators.push(...schema.allOf.map((b) => next(b)));

  const types = Array.isArray(schema.type)
    ? schema.type.filter((t): t is string => typeof t === 'string')
    : typeof schema.type === 'string'
      ? [schema.type]
      : [];
  const implied =
    types.length === 0 &&
    (isObject(schema.properties) || Array.isArray(schema.required) || 'additionalProperties' in schema)
      ? ['object']
      : types.length === 0 && 'items' in schema
        ? ['array']
        : types;
  if (implied.length > 0) parts.push(union(implied.map((t) => primitive(t, schema, names, indent, depth))));

  if (parts.length === 0 && combinators.length === 0) return ts`unknown`;
  const all = [...parts, ...combinators];
  return all.length === 1
    ? all[0]!
    : shaped(
        'intersection',
        join(
          all.map((c) => wrap(c, 'intersection')),
          ' & ',
        ),
      );
}

function primitive(
  type: string,
  schema: Record<string, unknown>,
  names: TypeNames,
  indent: string,
  depth: number,
): Code {
  switch (type) {
    case 'string':
      return ts`string`;
    case 'integer':
    case 'number':
      return ts`number`;
    case 'boolean':
      return ts`boolean`;
    case 'null':
      return ts`null`;
    case 'array':
      return arrayType(schema, names, indent, depth);
    case 'object':
      return objectType(schema, names, indent, depth);
    default:
      return ts`unknown`;
  }
}

function arrayType(schema: Record<string, unknown>, names: TypeNames, indent: string, depth: number): Code {
  // Tuples are draft-07's `items: [...]` + `additionalItems`, as the validators enforce them. 2020-12's
  // `prefixItems` is not enforced (the validators are draft-07 + 2019-09), so it shapes no type
  // either: `items` then applies to every element, as it does in validation.
  const tuple = Array.isArray(schema.items) ? schema.items : undefined;
  if (tuple) {
    const rest = schema.additionalItems;
    const members = tuple.map((item) => typeExpression(item, names, indent, undefined, depth + 1));
    const tail =
      rest === false || rest === undefined
        ? []
        : [ts`...${wrap(typeExpression(rest, names, indent, undefined, depth + 1), 'element')}[]`];
    return shaped('operator', ts`readonly [${join([...members, ...tail], ', ')}]`);
  }
  return shaped(
    'operator',
    ts`readonly ${wrap(typeExpression(schema.items, names, indent, undefined, depth + 1), 'element')}[]`,
  );
}

function objectType(schema: Record<string, unknown>, names: TypeNames, indent: string, depth: number): Code {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(
    Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [],
  );
  const inner = `${indent}  `;
  const members: Code[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const doc = isObject(property) ? propertyDoc(property) : [];
    const optional = required.has(name) ? '' : '?';
    const type = typeExpression(property, names, inner, undefined, depth + 1);
    members.push(
      ts`${docComment(doc, inner)}${new Code(inner)}readonly ${propertyKey(name)}${new Code(optional)}: ${type};\n`,
    );
  }
  // Required names the schema does not describe still must be present.
  for (const name of [...required].filter((r) => !(r in properties)).sort())
    members.push(ts`${new Code(inner)}readonly ${propertyKey(name)}: unknown;\n`);
  const extra = schema.additionalProperties;
  const patterns = isObject(schema.patternProperties) ? Object.values(schema.patternProperties) : [];
  if (isObject(extra) || extra === true || patterns.length > 0) {
    // An index signature must admit every declared property's type too, hence `unknown` when mixed.
    const valueType =
      isObject(extra) && Object.keys(properties).length === 0 && patterns.length === 0
        ? typeExpression(extra, names, inner, undefined, depth + 1)
        : ts`unknown`;
    members.push(ts`${new Code(inner)}readonly [property: string]: ${valueType};\n`);
  }
  if (members.length === 0)
    return extra === false ? ts`Record<string, never>` : ts`{ readonly [property: string]: unknown }`;
  return ts`{\n${members}${new Code(indent)}}`;
}

function propertyDoc(schema: Record<string, unknown>): string[] {
  const doc: string[] = [];
  if (typeof schema.description === 'string') doc.push(schema.description);
  else if (typeof schema.title === 'string') doc.push(schema.title);
  const tags: string[] = [];
  if (typeof schema.format === 'string') tags.push(`@format ${schema.format}`);
  if (schema.deprecated === true) tags.push('@deprecated');
  if ('default' in schema) tags.push(`@default ${JSON.stringify(schema.default)}`);
  if (tags.length) doc.push(tags.join('\n'));
  return doc;
}

function literalType(value: unknown): Code {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return literal(value);
  if (typeof value === 'number' && Number.isFinite(value)) return value < 0 ? literal(value) : literal(value);
  return ts`unknown`;
}

function union(members: readonly Code[]): Code {
  const unique = [...new Map(members.map((m) => [m.text, m])).values()];
  if (unique.some((m) => m.text === 'unknown')) return ts`unknown`;
  if (unique.length === 1) return unique[0]!;
  return unique.length === 0 ? ts`never` : shaped('union', join(unique, ' | '));
}

/**
 * How a type expression binds, so it is parenthesised exactly where TypeScript's grammar needs it:
 * `readonly (readonly string[])[]`, `(A | B)[]`, `(A | B) & C`. Unmarked code is a primary type
 * (a name, a literal, an object or tuple literal in braces/brackets).
 */
type Shape = 'union' | 'intersection' | 'operator';
const shapes = new WeakMap<Code, Shape>();

function shaped(shape: Shape, code: Code): Code {
  shapes.set(code, shape);
  return code;
}

/** `code` as an array element type (`X[]`) or an operand of `&`. */
function wrap(code: Code, position: 'element' | 'intersection'): Code {
  const shape = shapes.get(code);
  const needs = position === 'element' ? shape !== undefined : shape === 'union';
  return needs ? ts`(${code})` : code;
}

function schemaDoc(schema: JsonSchema, fallback: string[], name: string): string[] {
  if (!isObject(schema)) return fallback;
  // A title that only restates the type's name adds nothing.
  const title = typeof schema.title === 'string' && pascalCase(schema.title) !== name ? schema.title : undefined;
  const doc = [title, typeof schema.description === 'string' ? schema.description : undefined].filter(
    (d): d is string => d !== undefined,
  );
  return doc.length > 0 ? doc : fallback;
}

export function emitTypes(registry: Registry, names: TypeNames, from: string): string {
  const declarations: Code[] = [];
  for (const node of names.order) {
    const name = names.nodes.get(node)!;
    const doc = docComment(schemaDoc(node as JsonSchema, [], name));
    declarations.push(ts`${doc}export type ${ident(name)} = ${typeExpression(node, names, '', node)};\n`);
  }
  const declared = new Set(names.nodes.values());
  const aliases: Code[] = [];
  for (const message of registry.messages) {
    const messageNames = names.messages.get(message);
    if (!messageNames) continue;
    for (const [role, schema, name] of [
      ['payload', message.payload, messageNames.payload],
      ['key', message.key, messageNames.key],
      ['headers', message.headers, messageNames.headers],
    ] as const) {
      if (!name || declared.has(name)) continue;
      declared.add(name);
      aliases.push(
        ts`${docComment([roleDoc(message, role)])}export type ${ident(name)} = ${typeExpression(schema, names, '')};\n`,
      );
    }
  }
  return ts`${fileHeader(from)}\n${join([...declarations, ...aliases], '\n')}`.text;
}

function roleDoc(message: MessageModel, role: 'payload' | 'key' | 'headers'): string {
  const what = role === 'payload' ? 'Payload' : role === 'key' ? 'Kafka record key' : 'Headers';
  return `${what} of the ${message.name} message.`;
}
