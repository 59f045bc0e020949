// `default` does not change which values validate by itself, but the generated validators fill
// defaults in (ajv `useDefaults`): a property missing from a message gets its `properties` default,
// a missing tuple position its `items` default, before the object's other keywords look at it. So a
// default that is added, removed or changed is harmless (DEFAULT_CHANGED, Confluent: compatible)
// only where nothing observes which properties or items are present: `maxProperties`,
// `dependentRequired`, `propertyNames`, a `required` the reader no longer fills, `not`/`anyOf`/
// `oneOf`/`enum`/`const` over the whole object, a pattern property or closed model the filled name
// falls under, `minItems`/`uniqueItems`/`contains` for tuples, or the property's own schema
// rejecting the new default. There it is DEFAULT_CHANGED_WHERE_OBSERVED (breaking).

import type { JsonSchema, SchemaObject } from '../../model/registry.js';
import { canonicalJson, deepEqual, fingerprint, isEmptySchema, isSchemaObject } from '../schema/graph.js';
import { flatten } from '../schema/merge.js';
import { isUnknownKeyword } from '../schema/keywords.js';
import {
  hasBreaking,
  type RuleContext,
  type SchemaDifference,
  type SchemaPair,
  type SchemaRule,
} from '../schema/rule.js';
import { show } from '../schema/values.js';
import { matches, patternsOf, propertiesOf, requiredOf } from './content-model.js';

export const id = 'DEFAULT';
export const description =
  'A changed default is reported; it breaks where the validators fill it in and something observes what is present.';

/** Keywords whose verdict depends on which properties an object has. */
const OBJECT_OBSERVERS = [
  'minProperties',
  'maxProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'propertyNames',
];
/** Keywords whose verdict depends on how many items an array has, or which. */
const ARRAY_OBSERVERS = ['minItems', 'maxItems', 'uniqueItems', 'contains', 'minContains', 'maxContains'];
/** Keywords that look at the whole value (`allOf` branches are looked into instead: see fillingClosure). */
const VALUE_OBSERVERS = ['not', 'anyOf', 'oneOf', 'if', 'then', 'else', 'enum', 'const'];
/** Keywords holding schemas that ajv applies to the same value and fills defaults from. */
const FILLING_APPLICATORS = ['allOf', 'dependentSchemas', 'dependencies'];

type Fills = Map<string, Set<string>>;

export const rule: SchemaRule = {
  id,
  description,
  always: true,
  changes: {
    DEFAULT_CHANGED: {
      breaks: 'never',
      what: (v) => defaultChange(v.old, v.new),
    },
    DEFAULT_CHANGED_WHERE_OBSERVED: {
      breaks: 'always',
      what: (v) =>
        v.old === undefined && v.new === undefined
          ? `defaults filled into '${v.subject}' changed where they are observed`
          : `${defaultChange(v.old, v.new)} where it is observed`,
      rejects: (v) =>
        `messages that lack '${v.subject}' or parts of it: the two validators fill in different defaults before checking the rest`,
      hint: 'keep the default as it was, or drop the keywords that count or inspect the present properties (maxProperties, dependentRequired, propertyNames, not, ...) from this object first',
    },
  },
  check(pair, ctx) {
    const found: SchemaDifference[] = [];
    const w = pair.writer['default'];
    const r = pair.reader['default'];
    if (!deepEqual(w, r)) found.push(ctx.change('DEFAULT_CHANGED', { path: ['default'], writer: w, reader: r }));
    found.push(...observedFills(pair, ctx), ...reinspectedFills(pair, ctx));
    return found;
  },
};

/** Keywords of an array that look at its items again after `items` filled defaults into them (ajv's order). */
const ITEM_REINSPECTORS = ['uniqueItems', 'contains', 'minContains', 'maxContains'];
/** How deep below a re-inspected value fills are compared before falling back to structural identity. */
const DEEP_FILLS_LIMIT = 8;

function defaultChange(old: unknown, next: unknown): string {
  if (old === undefined) return `default ${show(next)} added`;
  if (next === undefined) return `default ${show(old)} removed`;
  return `default changed from ${show(old)} to ${show(next)}`;
}

/** The schema and the `allOf`/dependent schemas ajv applies with it to the same value (they fill too). */
function fillingClosure(node: SchemaObject, flattened: SchemaObject): SchemaObject[] {
  const out: SchemaObject[] = [];
  const seen = new Set<object>();
  const visit = (s: unknown): void => {
    if (!isSchemaObject(s) || seen.has(s)) return;
    seen.add(s);
    out.push(s);
    for (const keyword of FILLING_APPLICATORS) {
      const value = s[keyword];
      if (Array.isArray(value)) value.forEach(visit);
      else if (isSchemaObject(value)) for (const name of Object.keys(value)) visit(value[name]);
    }
  };
  visit(node);
  visit(flattened);
  return out;
}

/** What ajv may fill into a value of this schema: `properties/<name>` and `items/<index>` → defaults. */
function fillsOf(closure: readonly SchemaObject[]): Fills {
  const fills: Fills = new Map();
  // `=` a default ajv surely fills (the place's own), `~` one it may fill: ajv ignores a default inside
  // the place's allOf, but a default written beside a `$ref` reaches the checker inside an allOf
  // (schema/graph.ts) and ajv does fill that one. The two never compare equal, so such a difference
  // always counts.
  const add = (key: string, sub: unknown, sure: boolean, seen = new Set<object>()): void => {
    if (!isSchemaObject(sub) || seen.has(sub)) return;
    seen.add(sub);
    if (Object.prototype.hasOwnProperty.call(sub, 'default')) {
      let set = fills.get(key);
      if (!set) fills.set(key, (set = new Set()));
      set.add(`${sure ? '=' : '~'}${canonicalJson(sub['default'])}`);
    }
    const allOf = sub['allOf'];
    if (Array.isArray(allOf)) for (const member of allOf) add(key, member, false, seen);
  };
  for (const s of closure) {
    const props = propertiesOf(s);
    for (const name of Object.keys(props)) add(`properties/${name}`, props[name], true);
    const items = s['items'];
    if (Array.isArray(items)) items.forEach((sub, i) => add(`items/${i}`, sub, true));
  }
  return fills;
}

function fillText(fills: Fills, key: string): string {
  return [...(fills.get(key) ?? [])].sort().join('|');
}

/** Why a difference in what is filled under `key` shows in some verdict (empty: it never does). */
function observers(closure: readonly SchemaObject[], key: string): Set<string> {
  const [kind, name = ''] = splitKey(key);
  const found = new Set<string>();
  for (const s of closure) {
    for (const keyword of [...(kind === 'properties' ? OBJECT_OBSERVERS : ARRAY_OBSERVERS), ...VALUE_OBSERVERS])
      if (s[keyword] !== undefined) found.add(keyword);
    for (const keyword of Object.keys(s)) if (isUnknownKeyword(keyword)) found.add(keyword);
    if (kind !== 'properties') continue;
    if (patternsOf(s).some(([pattern]) => matches(pattern, name))) found.add('patternProperties');
    // A closed model that does not declare the name itself (e.g. the default comes from an allOf branch).
    for (const keyword of ['additionalProperties', 'unevaluatedProperties']) {
      const value = s[keyword] as JsonSchema | undefined;
      if (value !== undefined && !isEmptySchema(value) && !(name in propertiesOf(s))) found.add(keyword);
    }
  }
  return found;
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

function defaultAt(schema: SchemaObject, kind: string, name: string): JsonSchema | undefined {
  if (kind === 'properties') return propertiesOf(schema)[name];
  const items = schema['items'];
  return Array.isArray(items) ? (items[Number(name)] as JsonSchema | undefined) : undefined;
}

/**
 * Everything ajv may fill in anywhere inside a value of `schema` (nested properties and items), as
 * text: equal texts fill equal values. Below DEEP_FILLS_LIMIT levels (or on a cycle) the subschema's
 * structural fingerprint stands in, so a difference there is never missed.
 */
function deepFills(schema: JsonSchema | undefined, depth = 0, stack = new Set<object>()): string {
  if (!isSchemaObject(schema)) return '';
  if (depth >= DEEP_FILLS_LIMIT || stack.has(schema)) return `#${fingerprint(schema)}`;
  stack.add(schema);
  const closure = fillingClosure(schema, flatten(schema));
  const parts = [...fillsOf(closure)].map(([key, values]) => `${key}=${[...values].sort().join('|')}`);
  for (const s of closure) {
    const props = propertiesOf(s);
    for (const name of Object.keys(props)) {
      const inner = deepFills(props[name], depth + 1, stack);
      if (inner !== '') parts.push(`${JSON.stringify(name)}{${inner}}`);
    }
    const items = s['items'];
    for (const [i, sub] of (Array.isArray(items) ? items : [items]).entries()) {
      const inner = deepFills(sub as JsonSchema | undefined, depth + 1, stack);
      if (inner !== '') parts.push(`[${i}]{${inner}}`);
    }
  }
  stack.delete(schema);
  return parts.sort().join(',');
}

/**
 * Keywords that look at a part of the value again after its own schema filled defaults into it: an
 * array's `uniqueItems`/`contains` (ajv checks them after `items`), a pattern property matching a
 * declared one. Where the fills inside that part differ, their verdicts may.
 */
function reinspectedFills(pair: SchemaPair, ctx: RuleContext): SchemaDifference[] {
  const differ = (w: unknown, r: unknown): boolean =>
    fingerprint(w as JsonSchema | undefined) !== fingerprint(r as JsonSchema | undefined) &&
    deepFills(w as JsonSchema | undefined) !== deepFills(r as JsonSchema | undefined);
  const found: SchemaDifference[] = [];
  const seen = ITEM_REINSPECTORS.filter((k) => pair.reader[k] !== undefined && pair.reader[k] !== false);
  if (seen.length > 0 && differ(pair.writer['items'], pair.reader['items']))
    found.push(
      ctx.change('DEFAULT_CHANGED_WHERE_OBSERVED', {
        path: ['items'],
        subject: 'items',
        detail: `validators fill defaults into the items before checking ${seen.join(', ')}`,
      }),
    );
  // A declared property that a pattern property also matches is checked again, filled in, by the pattern's schema.
  const writerProps = propertiesOf(pair.writer);
  const readerProps = propertiesOf(pair.reader);
  for (const name of Object.keys(readerProps)) {
    if (!patternsOf(pair.reader).some(([pattern]) => matches(pattern, name))) continue;
    if (differ(writerProps[name], readerProps[name]))
      found.push(
        ctx.change('DEFAULT_CHANGED_WHERE_OBSERVED', {
          path: ['properties', name],
          subject: name,
          detail: 'validators fill defaults into it before its pattern property checks it again',
        }),
      );
  }
  return found;
}

function observedFills(pair: SchemaPair, ctx: RuleContext): SchemaDifference[] {
  const writerClosure = fillingClosure(pair.writerNode, pair.writer);
  const readerClosure = fillingClosure(pair.readerNode, pair.reader);
  const writerFills = fillsOf(writerClosure);
  const readerFills = fillsOf(readerClosure);
  const found: SchemaDifference[] = [];
  for (const key of new Set([...writerFills.keys(), ...readerFills.keys()])) {
    if (fillText(writerFills, key) === fillText(readerFills, key)) continue;
    const [kind, name] = splitKey(key);
    // Only the reader's observers matter: each validator sees its own fills, and where the reader
    // observes nothing the other rules' verdicts hold for the value with or without the default.
    const seen = observers(readerClosure, key);
    // The reader stops filling a property it requires: messages that relied on the writer's default fail.
    const surelyFilled = [...(readerFills.get(key) ?? [])].some((text) => text.startsWith('='));
    if (kind === 'properties' && !surelyFilled && requiredOf(pair.reader).has(name)) seen.add('required');
    // The reader's own schema for the place must accept what it fills in.
    const readerSchema = defaultAt(pair.reader, kind, name);
    const filled = isSchemaObject(readerSchema) ? readerSchema['default'] : undefined;
    if (readerFills.has(key) && readerSchema !== undefined) {
      for (const text of readerFills.get(key) ?? [])
        if (hasBreaking(ctx.compare({ const: JSON.parse(text.slice(1)) as unknown }, readerSchema, [])))
          seen.add(`its own schema (which rejects ${text})`);
    }
    if (seen.size === 0) continue;
    const writerSchema = defaultAt(pair.writer, kind, name);
    found.push(
      ctx.change('DEFAULT_CHANGED_WHERE_OBSERVED', {
        path: [kind, name, 'default'],
        subject: name,
        writer: isSchemaObject(writerSchema) ? writerSchema['default'] : undefined,
        reader: filled,
        detail: `validators fill the default in before checking ${[...seen].sort().join(', ')}`,
      }),
    );
  }
  return found;
}
