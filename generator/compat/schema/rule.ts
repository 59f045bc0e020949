// The shape of a schema compatibility rule and of what it finds. A rule looks at one pair of
// schema nodes in one reading direction: the writer's schema (what data may look like) and the
// reader's schema (what the consumer accepts), and reports differences in Confluent's terms.

import type { JsonSchema, SchemaObject } from '../../model/registry.js';
import type { CompatibilityMode } from '../levels.js';

/** How a change type affects a reader: never, always, or only under Confluent's strict set. */
export type Breaks = 'never' | 'always' | 'strict';

/** Values of a change as the user edited it: `old` is the previous contract, `new` the proposed one. */
export interface ChangeValues {
  readonly old: unknown;
  readonly new: unknown;
  readonly subject?: string;
}

export interface ChangeType {
  readonly breaks: Breaks;
  /** What changed, old → new, in one clause (no trailing period). */
  readonly what: (values: ChangeValues) => string;
  /** What the reader now rejects that the writer may produce, in terms of writer/reader values. */
  readonly rejects?: (values: {
    readonly writer: unknown;
    readonly reader: unknown;
    readonly subject?: string;
  }) => string;
  /** How to make the change safely instead, when it breaks consumers that read with the new schema. */
  readonly hint?: string;
  /** Compatible by the rules, but readers may misread the data: reported as a warning. */
  readonly warns?: boolean;
}

export interface SchemaDifference {
  /** Change type id, aligned with Confluent's `Difference.Type` where one exists. */
  readonly id: string;
  /** JSON pointer segments relative to the compared root. */
  readonly path: readonly string[];
  /** Segments from `readerNode`/`writerNode` to the changed keyword (for source locations). */
  readonly at: readonly string[];
  readonly writer?: unknown;
  readonly reader?: unknown;
  /** Property name, keyword or value the change is about. */
  readonly subject?: string;
  readonly breaking: boolean;
  /** Closest schema nodes on each side, for source locations. */
  readonly writerNode?: object;
  readonly readerNode?: object;
  /** Differences that explain this one (e.g. why no branch of a union still matches). */
  readonly causes?: readonly SchemaDifference[];
  /** Extra facts for the message, e.g. which enum values are rejected. */
  readonly detail?: string;
}

/** One node pair under comparison, with `allOf` already merged where that is exact. */
export interface SchemaPair {
  readonly writer: SchemaObject;
  readonly reader: SchemaObject;
  readonly writerNode: SchemaObject;
  readonly readerNode: SchemaObject;
  /** Types the writer may produce (its `type`, narrowed by `enum`/`const`). */
  readonly writerTypes: number;
  /** Types the reader declares with `type` (all when absent). */
  readonly readerTypes: number;
  readonly sharedTypes: number;
  /** The writer's complete set of values when it has `enum` or `const`. */
  readonly writerValues?: readonly unknown[];
}

export interface ChangeInit {
  readonly path?: readonly string[];
  readonly writer?: unknown;
  readonly reader?: unknown;
  readonly subject?: string;
  readonly detail?: string;
  readonly causes?: readonly SchemaDifference[];
  /** Overrides the change type's verdict when the rule knows better (e.g. enum values all still fit). */
  readonly breaking?: boolean;
  readonly writerNode?: object;
  readonly readerNode?: object;
}

export interface RuleContext {
  readonly mode: CompatibilityMode;
  /**
   * Whether both validators surely fill in `properties` defaults here (ajv `useDefaults`). False
   * once the comparison has passed an `anyOf`/`oneOf`/`not` on either side: ajv fills nothing below
   * those, so a rule may rely on a default (e.g. a new required property with one) only when true.
   */
  readonly fillsDefaults: boolean;
  /** Compares two subschemas (recursively, memoized, cycle-safe); results are prefixed with `path`. */
  compare(writer: JsonSchema | undefined, reader: JsonSchema | undefined, path: readonly string[]): SchemaDifference[];
  /** A difference of one of this rule's change types at the current pair. */
  change(id: string, init?: ChangeInit): SchemaDifference;
}

export interface SchemaRule {
  /** Stable id of the rule (the family of change types it reports). */
  readonly id: string;
  readonly description: string;
  readonly changes: Readonly<Record<string, ChangeType>>;
  /** Only run when writer and reader share one of these types (e.g. string bounds). */
  readonly appliesToTypes?: number;
  /** When true for a pair, this rule alone decides it (besides `always` rules). */
  exclusive?(pair: SchemaPair): boolean;
  /** Runs even when an exclusive rule decides the pair. */
  readonly always?: boolean;
  /**
   * Looks at the pair as written (before `allOf` is merged) and, when it answers, decides the pair
   * alone: for schemas no other rule may look at (e.g. ones that recurse without end).
   */
  precheck?(writer: SchemaObject, reader: SchemaObject, ctx: RuleContext): readonly SchemaDifference[] | undefined;
  check(pair: SchemaPair, ctx: RuleContext): readonly SchemaDifference[];
}

export function isBreaking(breaks: Breaks, mode: CompatibilityMode): boolean {
  return breaks === 'always' || (breaks === 'strict' && mode === 'strict');
}

export function hasBreaking(differences: readonly SchemaDifference[]): boolean {
  return differences.some((d) => d.breaking);
}
