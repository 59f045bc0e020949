// Checks one Avro schema change (old → new) at a compatibility level, with the same direction
// handling as the JSON Schema checker (BACKWARD: the new schema reads old data; FORWARD: the old
// schema reads new data; FULL: both; transitive levels are the caller's loop over history).

import { avroRules } from '../avro-rules/index.js';
import type { CompatibilityLevel } from '../levels.js';
import { checkInDirections, type SchemaCheckResult } from '../directions.js';
import type { SchemaDifference } from '../schema/rule.js';
import type { AvroRule } from './rule.js';
import { AvroComparison } from './compare.js';
import { avroSchemaGraph, AvroSchemaGraphError, type AvroNode } from './schema.js';

/** An Avro schema as written, with the named types it uses that are defined elsewhere (other files). */
export interface AvroSchemaInput {
  readonly schema: unknown;
  readonly types?: readonly unknown[];
}

type Graph = { readonly node: AvroNode } | { readonly error: string };

/** One comparison engine reused across messages, so shared types are compared once. */
export class AvroChecker {
  private readonly comparison: AvroComparison;
  private readonly graphs = new WeakMap<object, Graph>();

  constructor(rules: readonly AvroRule[] = avroRules) {
    this.comparison = new AvroComparison(rules);
  }

  check(
    oldSchema: AvroSchemaInput,
    newSchema: AvroSchemaInput,
    options: { readonly level: CompatibilityLevel },
  ): SchemaCheckResult {
    const oldGraph = this.graphOf(oldSchema);
    const newGraph = this.graphOf(newSchema);
    const result = checkInDirections(
      oldGraph,
      newGraph,
      options.level,
      (writer, reader): readonly SchemaDifference[] => {
        if ('error' in writer || 'error' in reader) {
          const error = 'error' in reader ? reader.error : 'error' in writer ? writer.error : '';
          return [unreadable(error)];
        }
        return this.comparison.compare(writer.node, reader.node, []);
      },
    );
    // Under FULL a compatible change seen from both sides (a changed enum default, a logical type)
    // is one change: report it once.
    const backward = new Set(
      result.findings.filter((f) => f.direction === 'backward').map((f) => `${f.id}\0${f.path.join('/')}`),
    );
    const findings = result.findings.filter(
      (f) => f.direction === 'backward' || f.breaking || !backward.has(`${f.id}\0${f.path.join('/')}`),
    );
    return { compatible: result.compatible, findings };
  }

  private graphOf(input: AvroSchemaInput): Graph {
    const cached = this.graphs.get(input);
    if (cached) return cached;
    let graph: Graph;
    try {
      graph = { node: avroSchemaGraph(input.schema, input.types) };
    } catch (error) {
      if (!(error instanceof AvroSchemaGraphError)) throw error;
      graph = { error: error.message };
    }
    this.graphs.set(input, graph);
    return graph;
  }
}

function unreadable(message: string): SchemaDifference {
  return { id: 'AVRO_SCHEMA_UNREADABLE', path: [], at: [], subject: message, breaking: true };
}

/** Old → new at `level`, with a fresh engine. */
export function checkAvroCompatibility(
  oldSchema: unknown,
  newSchema: unknown,
  level: CompatibilityLevel,
): SchemaCheckResult {
  return new AvroChecker().check({ schema: oldSchema }, { schema: newSchema }, { level });
}
