// Helpers over resolved schema graphs (objects shared by reference, cycles allowed): turning plain
// JSON with local `$ref`s into such a graph, structural fingerprints, and deep equality of values.

import type { JsonSchema, SchemaObject } from '../../model/registry.js';
import { setOwnProperty } from '../../../contract-conventions/index.js';
import { isDataKeyword, isNameMap } from '../../model/schema-vocabulary.js';
import { isIgnoredKeyword } from './keywords.js';

export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema every instance satisfies: `true`, `{}`, or an object with only annotations. */
export function isEmptySchema(schema: JsonSchema | undefined): boolean {
  if (schema === undefined || schema === true) return true;
  if (schema === false) return false;
  for (const key of Object.keys(schema)) if (!isIgnoredKeyword(key) && key !== 'default') return false;
  return true;
}

/**
 * Replaces local `$ref`s (`#/$defs/X`, `#/definitions/X`, any `#/json/pointer`) in plain JSON by the
 * target objects, producing the same kind of graph the loader builds. Used for lockfile entries
 * (bundled with `$defs`) and test fixtures. Sibling keywords of a `$ref` are kept by merging them
 * into an `allOf`.
 */
export function resolveLocalRefs(root: unknown): JsonSchema {
  if (typeof root === 'boolean') return root;
  if (!isSchemaObject(root)) return true;
  const resolved = new Map<object, unknown>();

  const pointerTarget = (ref: string): unknown => {
    if (!ref.startsWith('#')) throw new Error(`Only local $refs can be resolved here, got '${ref}'`);
    const parts = ref
      .slice(1)
      .split('/')
      .filter((p) => p !== '')
      .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: unknown = root;
    for (const part of parts) {
      if ((!isSchemaObject(node) && !Array.isArray(node)) || !Object.prototype.hasOwnProperty.call(node, part))
        throw new Error(`Unresolvable $ref '${ref}'`);
      node = (node as Record<string, unknown>)[part];
    }
    return node;
  };

  // `node` is in a schema position: its keys are keywords.
  const visit = (node: unknown, chain: Set<string>): unknown => {
    if (Array.isArray(node)) return node.map((n) => visit(n, chain));
    if (!isSchemaObject(node)) return node;
    const ref = node['$ref'];
    if (typeof ref === 'string') {
      if (chain.has(ref)) throw new Error(`$ref cycle without a schema in between at '${ref}'`);
      const target = pointerTarget(ref);
      // Annotations beside a $ref ($defs, title...) change nothing that validates: drop them.
      const siblings = Object.keys(node).filter((k) => !isIgnoredKeyword(k));
      const resolvedTarget = visit(target, new Set([...chain, ref]));
      if (siblings.length === 0) return resolvedTarget;
      const rest: Record<string, unknown> = {};
      for (const key of siblings) setOwnProperty(rest, key, node[key]);
      return { allOf: [resolvedTarget, visit(rest, chain)] };
    }
    const done = resolved.get(node);
    if (done !== undefined) return done;
    const out: Record<string, unknown> = {};
    resolved.set(node, out);
    for (const [key, value] of Object.entries(node)) {
      let converted: unknown;
      if (isDataKeyword(key)) converted = value;
      else if (isNameMap(key) && isSchemaObject(value)) {
        // Names are data; only the values (schemas, or lists of names) are visited.
        const map: Record<string, unknown> = {};
        for (const [name, sub] of Object.entries(value))
          setOwnProperty(map, name, Array.isArray(sub) ? sub : visit(sub, new Set()));
        converted = map;
      } else converted = visit(value, new Set());
      setOwnProperty(out, key, converted);
    }
    return out;
  };
  return visit(root, new Set()) as JsonSchema;
}

/** Deep equality of JSON values (enum members, const, defaults); object key order is ignored. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual(ao[k], bo[k]));
}

/** Canonical text of a JSON value (sorted keys), for sets of enum values and hashing. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const SET_VALUED = new Set(['required', 'type', 'enum']);
const UNORDERED_BRANCHES = new Set(['oneOf', 'anyOf', 'allOf']);
const LITERAL_VALUED = new Set(['enum', 'const', 'default']);
const fingerprints = new WeakMap<object, string>();

/**
 * Structural identity of a schema graph, ignoring annotations (titles, descriptions, `x-*`) and the
 * names of `$ref` targets: two schemas with the same fingerprint accept the same instances. Cycles
 * are written as relative back-references, so a recursive schema has a finite fingerprint and a
 * renamed recursive definition keeps it. Branch order of `oneOf`/`anyOf`/`allOf`, `required` order
 * and `enum` order do not matter.
 */
export function fingerprint(schema: JsonSchema | undefined): string {
  if (schema === undefined) return 'true';
  if (typeof schema === 'boolean') return String(schema);
  return serialize(schema, new Map()).text;
}

function serialize(node: unknown, stack: Map<object, number>): { text: string; minRef: number } {
  if (!isSchemaObject(node)) {
    if (Array.isArray(node)) {
      let minRef = Infinity;
      const parts = node.map((n) => {
        const s = serialize(n, stack);
        minRef = Math.min(minRef, s.minRef);
        return s.text;
      });
      return { text: `[${parts.join(',')}]`, minRef };
    }
    return { text: JSON.stringify(node) ?? 'null', minRef: Infinity };
  }
  const cached = fingerprints.get(node);
  if (cached !== undefined) return { text: cached, minRef: Infinity };
  const depth = stack.size;
  const onStack = stack.get(node);
  if (onStack !== undefined) return { text: `{"$cycle":${depth - onStack}}`, minRef: onStack };
  stack.set(node, depth);
  let minRef = Infinity;
  const entries: string[] = [];
  for (const key of Object.keys(node).sort()) {
    if (isIgnoredKeyword(key)) continue;
    const value = node[key];
    let text: string;
    if (isNameMap(key) && isSchemaObject(value)) {
      // Every name counts, whatever it spells: `properties.description` is a property.
      const names = Object.keys(value).sort();
      text = `{${names
        .map((name) => {
          const s = serialize(value[name], stack);
          minRef = Math.min(minRef, s.minRef);
          return `${JSON.stringify(name)}:${s.text}`;
        })
        .join(',')}}`;
    } else if (LITERAL_VALUED.has(key) || isDataKeyword(key)) {
      text =
        SET_VALUED.has(key) && Array.isArray(value)
          ? `[${value.map(canonicalJson).sort().join(',')}]`
          : canonicalJson(value);
    } else if (SET_VALUED.has(key) && Array.isArray(value)) {
      text = `[${value
        .map((v) => JSON.stringify(v))
        .sort()
        .join(',')}]`;
    } else if (UNORDERED_BRANCHES.has(key) && Array.isArray(value)) {
      const parts = value.map((v) => {
        const s = serialize(v, stack);
        minRef = Math.min(minRef, s.minRef);
        return s.text;
      });
      // A repeated anyOf/allOf branch changes nothing; a repeated oneOf branch makes every value it
      // accepts match twice, which oneOf rejects: only oneOf keeps its duplicates.
      text = `[${(key === 'oneOf' ? parts : [...new Set(parts)]).sort().join(',')}]`;
    } else {
      const s = serialize(value, stack);
      minRef = Math.min(minRef, s.minRef);
      text = s.text;
    }
    entries.push(`${JSON.stringify(key)}:${text}`);
  }
  stack.delete(node);
  const text = `{${entries.join(',')}}`;
  // Context-free when no back-reference points above this node: safe to reuse wherever it appears.
  if (minRef >= depth) fingerprints.set(node, text);
  return { text, minRef: minRef >= depth ? Infinity : minRef };
}
