// `unevaluatedProperties` / `unevaluatedItems` (2019-09), which the generated validators enforce,
// rewritten into the draft-07 keywords the rules understand wherever that is exact: a model closed
// with `unevaluatedProperties: false` is a closed model, counting the properties its simple `allOf`
// branches declare. Where other applicators (oneOf, anyOf, if/then/else, dependentSchemas, nested
// unevaluated keywords, contains) decide what counts as evaluated, the keyword is left as it is,
// and the UNKNOWN_KEYWORD rule reports a changed schema as "cannot judge" (breaking) instead of guessing.

import type { JsonSchema, SchemaObject } from '../../model/registry.js';
import { isSchemaObject } from './graph.js';

/** Keywords that make some properties/items "evaluated" in ways a flat content model cannot say. */
const APPLICATORS = ['anyOf', 'oneOf', 'if', 'then', 'else', 'dependentSchemas', 'dependencies', 'not'];

function without(node: SchemaObject, keyword: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node))
    if (key !== keyword)
      Object.defineProperty(out, key, { value: node[key], enumerable: true, writable: true, configurable: true });
  return out;
}

/** Whether an allOf branch contributes evaluated properties only through properties/patternProperties. */
function isPlainBranch(branch: JsonSchema, flags: { allEvaluated: boolean }): boolean {
  if (typeof branch === 'boolean') return true;
  if (!isSchemaObject(branch)) return false;
  if (branch['additionalProperties'] !== undefined) flags.allEvaluated = true;
  if (branch['unevaluatedProperties'] !== undefined || branch['unevaluatedItems'] !== undefined) return false;
  if (APPLICATORS.some((k) => k !== 'not' && branch[k] !== undefined)) return false;
  const nested = branch['allOf'];
  return !Array.isArray(nested) || nested.every((b) => isPlainBranch(b as JsonSchema, flags));
}

/**
 * The node with `unevaluatedProperties`/`unevaluatedItems` expressed as `additionalProperties`/
 * `additionalItems`/`items` where that is exact; `merge` is the allOf flattening to apply first
 * (its result must carry no residual allOf for the rewrite to be exact). Otherwise the node itself.
 */
export function closeUnevaluated(node: SchemaObject, flattenAllOf: (node: SchemaObject) => SchemaObject): SchemaObject {
  let out: SchemaObject = node;
  const up = node['unevaluatedProperties'];
  if (up !== undefined && APPLICATORS.every((k) => k === 'not' || node[k] === undefined)) {
    const flags = { allEvaluated: node['additionalProperties'] !== undefined };
    const allOf = node['allOf'];
    const plain = !Array.isArray(allOf) || allOf.every((b) => isPlainBranch(b as JsonSchema, flags));
    if (plain) {
      const rest = without(node, 'unevaluatedProperties');
      if (flags.allEvaluated)
        out = rest; // additionalProperties already evaluates every property
      else {
        const merged = flattenAllOf(rest);
        if (merged['allOf'] === undefined) out = { ...merged, additionalProperties: up };
      }
    }
  }
  const ui = out['unevaluatedItems'];
  if (
    ui !== undefined &&
    out['allOf'] === undefined &&
    out['contains'] === undefined &&
    APPLICATORS.every((k) => k === 'not' || out[k] === undefined)
  ) {
    const rest = without(out, 'unevaluatedItems');
    const items = rest['items'];
    if (Array.isArray(items)) out = rest['additionalItems'] !== undefined ? rest : { ...rest, additionalItems: ui };
    else out = items !== undefined ? rest : { ...rest, items: ui };
  }
  return out;
}
