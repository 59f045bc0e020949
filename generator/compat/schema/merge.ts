// Merging `allOf` branches into one schema object, and conjoining a union's shared keywords with
// each branch. Merges are exact: when two branches constrain the same keyword in a way that cannot
// be combined into one value, the rest stays behind as an `allOf` of residual fragments (which the
// checker treats conservatively). Results are cached per node so the comparison's memo and cycle
// detection, which work on object identity, keep working through merged nodes.

import type { JsonSchema, SchemaObject } from '../../model/registry.js';
import { deepEqual, isEmptySchema, isSchemaObject } from './graph.js';
import { isIgnoredKeyword } from './keywords.js';
import { ownNames } from '../../model/schema-vocabulary.js';
import { setOwnProperty } from '../../../contract-conventions/index.js';
import { declaredTypes, typeNames } from './types.js';
import { closeUnevaluated } from './unevaluated.js';

const FALSE_SCHEMA: SchemaObject = Object.freeze({ not: {} });
const LOWER_BOUNDS = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'minContains']);
const UPPER_BOUNDS = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains']);
const SUBSCHEMA_KEYWORDS = new Set(['additionalProperties', 'additionalItems', 'propertyNames', 'contains']);
const CONTENT_KEYWORDS = ['properties', 'patternProperties', 'additionalProperties'] as const;

const flattened = new WeakMap<object, SchemaObject>();
const inFlattening = new WeakSet<object>();
const conjunctions = new WeakMap<object, Map<unknown, JsonSchema>>();
const branchCache = new WeakMap<object, Map<string, JsonSchema[]>>();

/**
 * The node with its `allOf` branches merged in (the node itself when it has none), and
 * `unevaluatedProperties`/`unevaluatedItems` read as the closed content model they make, where exact.
 */
export function flatten(node: SchemaObject): SchemaObject {
  const cached = flattened.get(node);
  if (cached) return cached;
  if (node['unevaluatedProperties'] === undefined && node['unevaluatedItems'] === undefined) return mergeAllOf(node);
  const closed = closeUnevaluated(node, mergeAllOf);
  const result = closed === node ? mergeAllOf(node) : mergeAllOf(closed);
  flattened.set(node, result);
  return result;
}

function mergeAllOf(node: SchemaObject): SchemaObject {
  const cached = flattened.get(node);
  if (cached) return cached;
  const allOf = node['allOf'];
  if (!Array.isArray(allOf) || allOf.length === 0 || inFlattening.has(node)) return node;
  inFlattening.add(node);
  try {
    let merged: SchemaObject = withoutKeyword(node, 'allOf');
    for (const branch of allOf as JsonSchema[]) {
      if (branch === true) continue;
      const other = branch === false ? FALSE_SCHEMA : isSchemaObject(branch) ? flatten(branch) : undefined;
      if (other) merged = merge(merged, other);
    }
    flattened.set(node, merged);
    return merged;
  } finally {
    inFlattening.delete(node);
  }
}

/** A `oneOf`/`anyOf` of the node, each branch merged with the node's other keywords. */
export function unionOf(
  node: SchemaObject,
): { keyword: 'oneOf' | 'anyOf'; branches: JsonSchema[]; raw: JsonSchema[] } | undefined {
  const keyword = Array.isArray(node['oneOf']) ? 'oneOf' : Array.isArray(node['anyOf']) ? 'anyOf' : undefined;
  if (!keyword) return undefined;
  const raw = node[keyword] as JsonSchema[];
  let perNode = branchCache.get(node);
  if (!perNode) branchCache.set(node, (perNode = new Map<string, JsonSchema[]>()));
  let branches = perNode.get(keyword);
  if (!branches) {
    const base = withoutKeyword(node, keyword);
    const baseIsEmpty = isEmptySchema(base);
    branches = raw.map((branch) => {
      if (baseIsEmpty || branch === false) return branch;
      // `true ∧ base` is the base: the keywords beside the union still apply to that branch.
      if (branch === true) return base;
      return isSchemaObject(branch) ? merge(base, flatten(branch)) : branch;
    });
    perNode.set(keyword, branches);
  }
  return { keyword, branches, raw };
}

/** Both schemas at once, as one node (cached per pair so identity stays stable). */
export function conjoin(a: JsonSchema, b: JsonSchema): JsonSchema {
  if (a === true || a === b) return b;
  if (b === true) return a;
  if (a === false || b === false) return false;
  let perA = conjunctions.get(a);
  if (!perA) conjunctions.set(a, (perA = new Map<unknown, JsonSchema>()));
  let result = perA.get(b);
  if (!result) {
    result = { allOf: [a, b] };
    perA.set(b, result);
  }
  return result;
}

function withoutKeyword(node: SchemaObject, keyword: string): SchemaObject {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) if (key !== keyword) setOwnProperty(out, key, value);
  return out;
}

function restrictsAdditional(node: SchemaObject): boolean {
  const ap = node['additionalProperties'];
  const pp = node['patternProperties'];
  return (
    (ap !== undefined && ap !== true && !(isSchemaObject(ap) && isEmptySchema(ap))) ||
    (isSchemaObject(pp) && Object.keys(pp).length > 0)
  );
}

function declaresProperties(node: SchemaObject): boolean {
  const props = node['properties'];
  return isSchemaObject(props) && Object.keys(props).length > 0;
}

function merge(a: SchemaObject, b: SchemaObject): SchemaObject {
  const out: Record<string, unknown> = { ...a };
  const residual: JsonSchema[] = Array.isArray(a['allOf']) ? [...(a['allOf'] as JsonSchema[])] : [];
  delete out['allOf'];
  const rest: Record<string, unknown> = {};
  // `additionalProperties` only sees the properties declared beside it: merging it with another
  // branch's `properties` would change what either means, so such content keywords stay apart.
  const contentApart =
    (restrictsAdditional(a) && (declaresProperties(b) || restrictsAdditional(b))) ||
    (restrictsAdditional(b) && declaresProperties(a));

  for (const [key, value] of Object.entries(b)) {
    if (key === 'allOf') {
      if (Array.isArray(value)) residual.push(...(value as JsonSchema[]));
      continue;
    }
    if (contentApart && (CONTENT_KEYWORDS as readonly string[]).includes(key)) {
      setOwnProperty(rest, key, value);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(out, key)) {
      setOwnProperty(out, key, value);
      continue;
    }
    const mine = out[key];
    if (isIgnoredKeyword(key) || key === 'default' || deepEqual(mine, value)) continue;
    if (key === 'type') {
      out[key] = typeNames(declaredTypes(a) & declaredTypes(b));
    } else if (key === 'required' && Array.isArray(mine) && Array.isArray(value)) {
      out[key] = [...new Set<unknown>([...(mine as unknown[]), ...(value as unknown[])])];
    } else if (key === 'enum' && Array.isArray(mine) && Array.isArray(value)) {
      out[key] = mine.filter((m) => value.some((v) => deepEqual(m, v)));
    } else if (LOWER_BOUNDS.has(key) && typeof mine === 'number' && typeof value === 'number') {
      out[key] = Math.max(mine, value);
    } else if (UPPER_BOUNDS.has(key) && typeof mine === 'number' && typeof value === 'number') {
      out[key] = Math.min(mine, value);
    } else if (key === 'uniqueItems') {
      out[key] = mine === true || value === true;
    } else if ((key === 'properties' || key === 'patternProperties') && isSchemaObject(mine) && isSchemaObject(value)) {
      // Names are data: a prototype-free map, so `constructor` or `__proto__` are plain names.
      const props = ownNames(mine);
      for (const [name, schema] of Object.entries(value)) {
        const existing = props[name];
        props[name] = existing === undefined ? schema : conjoin(existing as JsonSchema, schema as JsonSchema);
      }
      out[key] = { ...props };
    } else if (
      (SUBSCHEMA_KEYWORDS.has(key) || (key === 'items' && !Array.isArray(mine) && !Array.isArray(value))) &&
      isSubschema(mine) &&
      isSubschema(value)
    ) {
      out[key] = conjoin(mine, value);
    } else {
      setOwnProperty(rest, key, value);
    }
  }
  if (Object.keys(rest).length > 0) residual.push(rest);
  if (residual.length > 0) out['allOf'] = residual;
  // Residual fragments are what could not be merged: the result is as flat as it gets.
  flattened.set(out, out);
  return out;
}

function isSubschema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || isSchemaObject(value);
}
