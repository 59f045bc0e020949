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

/** Applicators under which ajv fills in no defaults (its "composite rules"), and everything below them. */
const COMPOSITE = ['anyOf', 'oneOf', 'not', 'if', 'then', 'else'] as const;

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

/**
 * How many node pairs may be under comparison at once (each one level of nesting or one `$ref` hop).
 * Far above what contracts nest (the loader refuses more than 256 levels), far below what overflows
 * the stack; deeper comparisons are "cannot judge" (COMPARISON_TOO_DEEP), never a crash.
 */
export const MAX_NESTED_PAIRS = 400;

export class SchemaComparison {
  private nested = 0;
  /** Results per pair: [0] where defaults are surely filled in, [1] below a union or `not` (see RuleContext). */
  private readonly memos = [
    new Map<object, Map<object, SchemaDifference[]>>(),
    new Map<object, Map<object, SchemaDifference[]>>(),
  ] as const;
  /** How many pairs with an `anyOf`/`oneOf`/`not` on either side are under comparison. */
  private composite = 0;
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
    const cached = this.memo().get(wKey)?.get(rKey);
    if (cached) return cached;
    const active = this.inProgress.get(wKey);
    const startedAt = active?.get(rKey);
    if (startedAt !== undefined) {
      // A cycle through a property or item: assume compatible, as a greatest fixpoint should.
      if (this.depth > startedAt) return [];
      // A cycle that never moves into the instance (`A = anyOf [A, ...]`): the validators recurse
      // without end on it, so no verdict can be derived by assuming one.
      return [this.engineChange('UNGUARDED_RECURSION', writer, reader)];
    }
    if (writer !== true && reader !== false && fingerprint(writer) === fingerprint(reader)) {
      this.remember(wKey, rKey, []);
      return [];
    }
    if (this.nested >= MAX_NESTED_PAIRS) return [this.engineChange('COMPARISON_TOO_DEEP', writer, reader)];
    if (active) active.set(rKey, this.depth);
    else this.inProgress.set(wKey, new Map([[rKey, this.depth]]));
    this.nested++;
    try {
      const result = this.runRules(
        writer === true ? {} : writer,
        reader === false ? { not: {} } : (reader as SchemaObject),
      );
      this.remember(wKey, rKey, result);
      return result;
    } finally {
      this.nested--;
      this.inProgress.get(wKey)?.delete(rKey);
    }
  }

  /** A difference the engine itself reports (declared by the CANNOT_JUDGE rule): breaking unless declared otherwise. */
  engineChange(id: string, writer: JsonSchema, reader: JsonSchema): SchemaDifference {
    const type = this.changeTypes.get(id);
    return {
      id,
      path: [],
      at: [],
      breaking: type ? isBreaking(type.breaks, this.options.mode) : true,
      ...(typeof writer === 'object' ? { writerNode: writer } : {}),
      ...(typeof reader === 'object' ? { readerNode: reader } : {}),
    };
  }

  private memo(): Map<object, Map<object, SchemaDifference[]>> {
    return this.memos[this.composite > 0 ? 1 : 0];
  }

  private remember(w: object, r: object, result: SchemaDifference[]): void {
    const memo = this.memo();
    let perWriter = memo.get(w);
    if (!perWriter) memo.set(w, (perWriter = new Map<object, SchemaDifference[]>()));
    perWriter.set(r, result);
  }

  private runRules(writerNode: SchemaObject, readerNode: SchemaObject): SchemaDifference[] {
    const rules = this.options.rules;
    for (const rule of rules) {
      if (!rule.precheck) continue;
      const decided = rule.precheck(writerNode, readerNode, this.contextFor({ writerNode, readerNode }));
      if (decided) return [...decided];
    }
    const pair = makePair(writerNode, readerNode);
    const ctx = this.contextFor(pair);
    const exclusive = rules.find((rule) => rule.exclusive?.(pair));
    const found: SchemaDifference[] = [];
    const composite = COMPOSITE.some((k) => pair.writer[k] !== undefined || pair.reader[k] !== undefined);
    if (composite) this.composite++;
    try {
      for (const rule of rules) {
        if (exclusive && rule !== exclusive && !rule.always) continue;
        if (!exclusive && rule.appliesToTypes !== undefined && (pair.sharedTypes & rule.appliesToTypes) === 0) continue;
        found.push(...rule.check(pair, ctx));
      }
    } finally {
      if (composite) this.composite--;
    }
    return found;
  }

  private contextFor(pair: Pick<SchemaPair, 'writerNode' | 'readerNode'>): RuleContext {
    const mode = this.options.mode;
    return {
      mode,
      fillsDefaults: this.composite === 0,
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
