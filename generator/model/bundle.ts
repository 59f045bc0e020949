// Turns a resolved schema graph back into one self-contained JSON Schema: every named (`$ref`
// target) node becomes an entry of `$defs` referenced as `#/$defs/<Name>`, so cycles and sharing
// survive serialisation. Used for precompiled validators and for the registry lockfile.
import type { JsonSchema } from './registry.js';
import { schemaOrigin } from './registry.js';
import { setOwnProperty } from '../../contract-conventions/index.js';
import { isDataKeyword, isNameMap } from './schema-vocabulary.js';

export interface BundleOptions {
  /** Drop keywords that do not affect validation (descriptions, examples, `x-` extensions). */
  readonly stripAnnotations?: boolean;
  /** Sort object keys, for a canonical form that hashes the same however the file was ordered. */
  readonly sortKeys?: boolean;
}

const ANNOTATIONS = new Set([
  'title',
  'description',
  '$comment',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$schema',
  '$id',
  'externalDocs',
]);

export function bundleSchema(root: JsonSchema, options: BundleOptions = {}): JsonSchema {
  if (typeof root === 'boolean') return root;
  const defs = new Map<object, string>();
  const taken = new Set<string>();
  const bodies = new Map<string, unknown>();
  const order: string[] = [];

  const defName = (node: object): string => {
    const existing = defs.get(node);
    if (existing) return existing;
    const base = (schemaOrigin(node)?.refName ?? 'Schema').replace(/[^A-Za-z0-9_.-]+/g, '_') || 'Schema';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    defs.set(node, name);
    order.push(name);
    bodies.set(name, null);
    bodies.set(name, convert(node, true));
    return name;
  };

  const convert = (node: unknown, isSchemaPosition: boolean): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (Array.isArray(node)) return node.map((item) => convert(item, isSchemaPosition));
    const out: Record<string, unknown> = {};
    const keys = Object.keys(node);
    if (options.sortKeys) keys.sort();
    for (const key of keys) {
      if (options.stripAnnotations && isSchemaPosition && (ANNOTATIONS.has(key) || key.startsWith('x-'))) continue;
      if (key.startsWith('x-parser-')) continue;
      const value = (node as Record<string, unknown>)[key];
      let converted: unknown;
      // Names in maps (properties, definitions, dependencies) are data: all kept, none stripped.
      if (isDataKeyword(key)) converted = structuredCloneJson(value);
      else if (isNameMap(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const map: Record<string, unknown> = {};
        const names = Object.keys(value);
        if (options.sortKeys) names.sort();
        for (const name of names) {
          const sub = (value as Record<string, unknown>)[name];
          setOwnProperty(map, name, Array.isArray(sub) ? structuredCloneJson(sub) : child(sub));
        }
        converted = map;
      } else converted = child(value);
      setOwnProperty(out, key, converted);
    }
    return out;
  };

  const child = (value: unknown): unknown => {
    if (value === root) return { $ref: '#' };
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && schemaOrigin(value)?.refName)
      return { $ref: `#/$defs/${defName(value)}` };
    return convert(value, true);
  };

  const body = convert(root, true) as Record<string, unknown>;
  if (order.length === 0) return body;
  const names = options.sortKeys ? [...order].sort() : order;
  const $defs: Record<string, unknown> = { ...((body.$defs as Record<string, unknown> | undefined) ?? {}) };
  for (const name of names) setOwnProperty($defs, name, bodies.get(name));
  return { ...body, $defs };
}

function structuredCloneJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
