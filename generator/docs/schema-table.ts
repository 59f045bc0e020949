// A schema as people read it: one row per property (name, type, required, constraints,
// description), nested objects indented below their parent, and every named `$ref` target in a
// section of its own that rows link to, so shared and recursive schemas are written out once.
import { schemaOrigin, type JsonSchema, type SchemaObject } from '../model/registry.js';

export interface SchemaRow {
  /** `lineItems[].sku`: where the value sits in the document. */
  readonly path: string;
  readonly depth: number;
  readonly type: string;
  /** The named schema (`$ref` target) the type links to, when it has one. */
  readonly ref?: string;
  readonly required: boolean;
  readonly constraints: readonly string[];
  readonly description?: string;
}

export interface SchemaSection {
  /** `undefined` for the root section; else the `$ref` target's name. */
  readonly name?: string;
  readonly description?: string;
  readonly rows: readonly SchemaRow[];
}

/** The root schema's rows first, then one section per named schema it reaches, in order of first use. */
export function schemaSections(root: JsonSchema): SchemaSection[] {
  const named = new Map<string, JsonSchema>();
  const queue: string[] = [];
  const nameOf = (schema: JsonSchema, isRoot: boolean): string | undefined => {
    const name = isRoot || typeof schema !== 'object' ? undefined : schemaOrigin(schema)?.refName;
    if (name !== undefined && !named.has(name)) {
      named.set(name, schema);
      queue.push(name);
    }
    return name;
  };
  const sections: SchemaSection[] = [section(undefined, root, nameOf)];
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i]!;
    sections.push(section(name, named.get(name)!, nameOf));
  }
  return sections;
}

type NameOf = (schema: JsonSchema, isRoot: boolean) => string | undefined;

function section(name: string | undefined, schema: JsonSchema, nameOf: NameOf): SchemaSection {
  const rows: SchemaRow[] = [];
  if (typeof schema === 'object' && hasMembers(schema)) addMembers(rows, schema, '', 0, nameOf);
  else rows.push(row('(value)', 0, schema, true, nameOf, true));
  const description = typeof schema === 'object' ? text(schema['description']) : undefined;
  return { ...(name === undefined ? {} : { name }), ...(description ? { description } : {}), rows };
}

function hasMembers(schema: SchemaObject): boolean {
  return isObject(schema['properties']) || branches(schema).length > 0 || arrayItems(schema) !== undefined;
}

/** Rows for what an object, array or combination holds, below `prefix`. */
function addMembers(rows: SchemaRow[], schema: SchemaObject, prefix: string, depth: number, nameOf: NameOf): void {
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].map(String) : []);
  if (isObject(schema['properties'])) {
    for (const [property, sub] of Object.entries(schema['properties'] as Record<string, JsonSchema>)) {
      const path = prefix === '' ? property : `${prefix}.${property}`;
      rows.push(row(path, depth, sub, required.has(property), nameOf));
      expand(rows, sub, path, depth + 1, nameOf);
    }
  }
  const items = arrayItems(schema);
  if (items !== undefined && prefix === '' && depth === 0 && !isObject(schema['properties'])) {
    rows.push(row('[]', depth, items, true, nameOf));
    expand(rows, items, '[]', depth + 1, nameOf);
  }
  for (const [keyword, list] of branches(schema)) {
    list.forEach((branch, index) => {
      const path = `${prefix}${prefix === '' ? '' : ' '}(${keyword === 'allOf' ? 'all of' : keyword === 'oneOf' ? 'one of' : 'any of'} #${index + 1})`;
      rows.push(row(path, depth, branch, keyword === 'allOf', nameOf));
      expand(rows, branch, prefix, depth + 1, nameOf);
    });
  }
}

/** Writes out an unnamed nested object (or array of objects) under its row; named ones get a section. */
function expand(rows: SchemaRow[], schema: JsonSchema, path: string, depth: number, nameOf: NameOf): void {
  if (typeof schema !== 'object' || schemaOrigin(schema)?.refName !== undefined) return;
  const items = arrayItems(schema);
  if (items !== undefined && typeof items === 'object' && schemaOrigin(items)?.refName === undefined) {
    if (hasMembers(items)) addMembers(rows, items, `${path}[]`, depth, nameOf);
    return;
  }
  if (isObject(schema['properties']) || branches(schema).length > 0) addMembers(rows, schema, path, depth, nameOf);
}

function row(
  path: string,
  depth: number,
  schema: JsonSchema,
  required: boolean,
  nameOf: NameOf,
  isRoot = false,
): SchemaRow {
  const items = typeof schema === 'object' ? arrayItems(schema) : undefined;
  // An array of a named schema links to that schema.
  const ref = nameOf(schema, isRoot) ?? (items === undefined ? undefined : nameOf(items, false));
  const description = typeof schema === 'object' ? text(schema['description']) : undefined;
  return {
    path,
    depth,
    type: typeText(schema, nameOf),
    ...(ref === undefined ? {} : { ref }),
    required,
    constraints: typeof schema === 'object' ? constraintsOf(schema) : schema ? [] : ['never valid'],
    ...(description ? { description } : {}),
  };
}

function typeText(schema: JsonSchema, nameOf: NameOf): string {
  if (typeof schema === 'boolean') return schema ? 'any' : 'nothing';
  if ('const' in schema) return 'constant';
  const type = schema['type'];
  const base = Array.isArray(type)
    ? type.map(String).join(' | ')
    : typeof type === 'string'
      ? type
      : isObject(schema['properties'])
        ? 'object'
        : '';
  const items = arrayItems(schema);
  if (items !== undefined && (base === 'array' || base === '')) {
    const itemName = nameOf(items, false);
    return `array of ${itemName ?? typeText(items, nameOf)}`;
  }
  const combination = branches(schema).find(([keyword]) => keyword !== 'allOf');
  if (combination !== undefined && base === '') return combination[0] === 'oneOf' ? 'one of' : 'any of';
  return base === '' ? 'any' : base;
}

const BOUNDS: readonly (readonly [string, string])[] = [
  ['minimum', '≥'],
  ['exclusiveMinimum', '>'],
  ['maximum', '≤'],
  ['exclusiveMaximum', '<'],
  ['multipleOf', 'multiple of'],
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minItems', 'min items'],
  ['maxItems', 'max items'],
  ['minProperties', 'min properties'],
  ['maxProperties', 'max properties'],
];

function constraintsOf(schema: SchemaObject): string[] {
  const out: string[] = [];
  if ('const' in schema) out.push(`= ${JSON.stringify(schema['const'])}`);
  if (Array.isArray(schema['enum'])) out.push(`one of ${schema['enum'].map((v) => JSON.stringify(v)).join(', ')}`);
  if (typeof schema['format'] === 'string') out.push(`format ${schema['format']}`);
  if (typeof schema['pattern'] === 'string') out.push(`pattern ${schema['pattern']}`);
  for (const [keyword, words] of BOUNDS)
    if (typeof schema[keyword] === 'number') out.push(`${words} ${schema[keyword]}`);
  if (schema['uniqueItems'] === true) out.push('unique items');
  if (schema['additionalProperties'] === false) out.push('no other properties');
  if (schema['default'] !== undefined) out.push(`default ${JSON.stringify(schema['default'])}`);
  if (schema['deprecated'] === true) out.push('deprecated');
  if (schema['nullable'] === true) out.push('nullable');
  return out;
}

function branches(schema: SchemaObject): [string, JsonSchema[]][] {
  const out: [string, JsonSchema[]][] = [];
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    const list = schema[keyword];
    if (Array.isArray(list) && list.length > 0)
      out.push([keyword, list.filter((s): s is JsonSchema => typeof s === 'boolean' || isObject(s))]);
  }
  return out;
}

function arrayItems(schema: SchemaObject): JsonSchema | undefined {
  const items = schema['items'];
  return typeof items === 'boolean' || isObject(items) ? items : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
