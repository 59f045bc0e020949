// The shape of an Avro compatibility rule: like the JSON Schema rules (`schema/rule.ts`) it looks
// at one writer/reader pair of schema nodes and reports differences with stable change ids, but the
// question is Avro's schema resolution: can a reader with this schema decode what this writer wrote?
// Differences have the JSON Schema rules' shape, so one reporter path serves both formats.

import type { ChangeInit, ChangeType, SchemaDifference } from '../schema/rule.js';
import type { AvroNode } from './schema.js';

export interface AvroPair {
  readonly writer: AvroNode;
  readonly reader: AvroNode;
}

/** What a rule says about a change (the JSON Schema rules' init; the change type alone decides if it breaks). */
export type AvroChangeInit = Omit<ChangeInit, 'breaking'>;

export interface AvroRuleContext {
  /** Compares two nodes (recursively, memoized, cycle-safe); results are prefixed with `path`. */
  compare(writer: AvroNode, reader: AvroNode, path: readonly string[]): SchemaDifference[];
  /** A difference of one of this rule's change types at the current pair. */
  change(id: string, init?: AvroChangeInit): SchemaDifference;
}

export interface AvroRule {
  /** Stable id of the rule (the family of change types it reports). */
  readonly id: string;
  readonly description: string;
  readonly changes: Readonly<Record<string, ChangeType>>;
  /** Rules that resolve unions run on pairs where either side is a union; all others never do. */
  readonly unions?: boolean;
  applies(pair: AvroPair): boolean;
  check(pair: AvroPair, ctx: AvroRuleContext): readonly SchemaDifference[];
}
