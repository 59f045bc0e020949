// The comparison engine: walks a writer schema and a reader schema together and asks every rule
// what it sees at each node pair. Answers one question, in Confluent's reader/writer terms: is every
// instance valid under the writer's schema also valid under the reader's? Pairs are memoized and a
// pair met again while it is being compared counts as compatible, so recursive schemas terminate.

import type { JsonSchema, SchemaObject } from '../../model/registry.js';
import type { CompatibilityMode } from '../levels.js';
import { fingerprint, isEmptySchema } from './graph.js';
import { flatten } from './merge.js';
import {
  isBreaking,
  type ChangeInit,
  type ChangeType,
  type RuleContext,
  type SchemaDifference,
  type SchemaPair,
  type SchemaRule,
} from './rule.js';
import { declaredTypes, typeOfValue } from './types.js';

const TRUE_KEY = {};
const FALSE_KEY = {};
/** Keywords whose subschemas apply to a part of the instance (a property, an item), not to all of it. */
const DESCENDING = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'items',
  'additionalItems',
  'unevaluatedItems',
  'contains',
]);

export interface CompareOptions {
  readonly mode: CompatibilityMode;
  readonly rules: readonly SchemaRule[];
}

/** Differences found when data written with `writer` is read with `reader`. */
export function compareSchemas(
  writer: JsonSchema | undefined,
  reader: JsonSchema | undefined,
  options: CompareOptions,
): SchemaDifference[] {
  return new SchemaComparison(options).compare(writer, reader, []);
}

export class SchemaComparison {
  private readonly memo = new Map<object, Map<object, SchemaDifference[]>>();
  /** Pairs being compared, with how many instance levels deep the comparison was when it began. */
  private readonly inProgress = new Map<object, Map<object, number>>();
  private depth = 0;
  private readonly changeTypes = new Map<string, ChangeType>();

  constructor(private readonly options: CompareOptions) {
    for (const rule of options.rules)
      for (const [id, type] of Object.entries(rule.changes)) this.changeTypes.set(id, type);
  }

  compare(writer: JsonSchema | undefined, reader: JsonSchema | undefined, path: readonly string[]): SchemaDifference[] {
    const descends = path[0] !== undefined && DESCENDING.has(path[0]);
    if (descends) this.depth++;
    try {
      const found = this.comparePair(writer ?? true, reader ?? true);
      return path.length === 0 ? found : found.map((d) => ({ ...d, path: [...path, ...d.path] }));
    } finally {
      if (descends) this.depth--;
    }
  }

  private comparePair(writer: JsonSchema, reader: JsonSchema): SchemaDifference[] {
    if (writer === false || writer === reader || isEmptySchema(reader)) return [];
    const wKey = writer === true ? TRUE_KEY : writer;
    const rKey = reader === false ? FALSE_KEY : reader;
    const cached = this.memo.get(wKey)?.get(rKey);
    if (cached) return cached;
    const active = this.inProgress.get(wKey);
    const startedAt = active?.get(rKey);
    if (startedAt !== undefined) {
      // A cycle through a property or item: assume compatible, as a greatest fixpoint should.
      if (this.depth > startedAt) return [];
      // A cycle that never moves into the instance (`A = anyOf [A, ...]`): the validators recurse
      // without end on it, so no verdict can be derived by assuming one.
      return [unguardedRecursion(writer, reader)];
    }
    if (writer !== true && reader !== false && fingerprint(writer) === fingerprint(reader)) {
      this.remember(wKey, rKey, []);
      return [];
    }
    if (active) active.set(rKey, this.depth);
    else this.inProgress.set(wKey, new Map([[rKey, this.depth]]));
    try {
      const result = this.runRules(
        writer === true ? {} : writer,
        reader === false ? { not: {} } : (reader as SchemaObject),
      );
      this.remember(wKey, rKey, result);
      return result;
    } finally {
      this.inProgress.get(wKey)?.delete(rKey);
    }
  }

  private remember(w: object, r: object, result: SchemaDifference[]): void {
    let perWriter = this.memo.get(w);
    if (!perWriter) this.memo.set(w, (perWriter = new Map<object, SchemaDifference[]>()));
    perWriter.set(r, result);
  }

  private runRules(writerNode: SchemaObject, readerNode: SchemaObject): SchemaDifference[] {
    const pair = makePair(writerNode, readerNode);
    const ctx = this.contextFor(pair);
    const rules = this.options.rules;
    const exclusive = rules.find((rule) => rule.exclusive?.(pair));
    const found: SchemaDifference[] = [];
    for (const rule of rules) {
      if (exclusive && rule !== exclusive && !rule.always) continue;
      if (!exclusive && rule.appliesToTypes !== undefined && (pair.sharedTypes & rule.appliesToTypes) === 0) continue;
      found.push(...rule.check(pair, ctx));
    }
    return found;
  }

  private contextFor(pair: SchemaPair): RuleContext {
    const mode = this.options.mode;
    return {
      mode,
      compare: (writer, reader, path) => this.compare(writer, reader, path),
      change: (id: string, init: ChangeInit = {}): SchemaDifference => {
        const type = this.changeTypes.get(id);
        if (!type) throw new Error(`Unknown change type ${id}: add it to a rule's changes`);
        return {
          id,
          path: init.path ?? [],
          at: init.path ?? [],
          writer: init.writer,
          reader: init.reader,
          subject: init.subject,
          detail: init.detail,
          causes: init.causes,
          breaking: init.breaking ?? isBreaking(type.breaks, mode),
          writerNode: init.writerNode ?? pair.writerNode,
          readerNode: init.readerNode ?? pair.readerNode,
        };
      },
    };
  }
}

function unguardedRecursion(writer: JsonSchema, reader: JsonSchema): SchemaDifference {
  return {
    id: 'UNGUARDED_RECURSION',
    path: [],
    at: [],
    breaking: true,
    ...(typeof writer === 'object' ? { writerNode: writer } : {}),
    ...(typeof reader === 'object' ? { readerNode: reader } : {}),
  };
}

export function makePair(writerNode: SchemaObject, readerNode: SchemaObject): SchemaPair {
  const writer = flatten(writerNode);
  const reader = flatten(readerNode);
  const writerValues = finiteValues(writer);
  let writerTypes = declaredTypes(writer);
  if (writerValues) writerTypes &= writerValues.reduce<number>((mask, v) => mask | typeOfValue(v), 0);
  const readerTypes = declaredTypes(reader);
  return {
    writer,
    reader,
    writerNode,
    readerNode,
    writerTypes,
    readerTypes,
    sharedTypes: writerTypes & readerTypes,
    ...(writerValues ? { writerValues } : {}),
  };
}

/** Every value a schema allows when it has `const` or `enum`. */
export function finiteValues(schema: SchemaObject): readonly unknown[] | undefined {
  if ('const' in schema) return [schema['const']];
  const values = schema['enum'];
  return Array.isArray(values) ? values : undefined;
}
