// Checks one schema change (old → new) at a compatibility level: runs the BACKWARD comparison
// (new reads old) and/or the same comparison with the schemas swapped (FORWARD: old reads new).

import type { JsonSchema } from '../model/registry.js';
import type { CompatibilityLevel, CompatibilityMode } from './levels.js';
import { AvroChecker } from './avro/check.js';
import { schemaRules } from './schema-rules/index.js';
import { SchemaComparison } from './schema/compare.js';
import type { SchemaDifference, SchemaRule } from './schema/rule.js';
import { checkInDirections, type SchemaCheckResult } from './directions.js';

export type { SchemaCheckResult, SchemaFinding } from './directions.js';

export interface SchemaCheckOptions {
  readonly level: CompatibilityLevel;
  readonly mode: CompatibilityMode;
  readonly rules?: readonly SchemaRule[];
}

/**
 * One comparison engine per mode, reused across messages so shared schemas are compared once;
 * Avro payloads go to the Avro engine (schema resolution), with the same level handling.
 */
export class SchemaChecker {
  private readonly comparisons = new Map<CompatibilityMode, SchemaComparison>();
  private avroChecker: AvroChecker | undefined;

  constructor(private readonly rules: readonly SchemaRule[] = schemaRules) {}

  check(
    oldSchema: JsonSchema | undefined,
    newSchema: JsonSchema | undefined,
    options: Omit<SchemaCheckOptions, 'rules'>,
  ): SchemaCheckResult {
    let comparison = this.comparisons.get(options.mode);
    if (!comparison)
      this.comparisons.set(
        options.mode,
        (comparison = new SchemaComparison({ mode: options.mode, rules: this.rules })),
      );
    const engine = comparison;
    return checkInDirections(oldSchema, newSchema, options.level, (writer, reader) =>
      compareGuarded(engine, writer, reader),
    );
  }

  /** Two Avro schemas (self-contained JSON), old → new, by Avro schema resolution. */
  checkAvro(
    oldSchema: unknown,
    newSchema: unknown,
    options: { readonly level: CompatibilityLevel },
  ): SchemaCheckResult {
    this.avroChecker ??= new AvroChecker();
    return this.avroChecker.check({ schema: oldSchema }, { schema: newSchema }, options);
  }
}

/**
 * The comparison, with a last guard: the engine limits its own nesting, but should a rule still
 * exhaust the stack, the verdict is "cannot judge" (breaking), never a crashed check.
 */
function compareGuarded(
  comparison: SchemaComparison,
  writer: JsonSchema | undefined,
  reader: JsonSchema | undefined,
): readonly SchemaDifference[] {
  try {
    return comparison.compare(writer, reader, []);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return [comparison.engineChange('COMPARISON_TOO_DEEP', writer ?? true, reader ?? true)];
  }
}

export function checkSchemaCompatibility(
  oldSchema: JsonSchema | undefined,
  newSchema: JsonSchema | undefined,
  options: SchemaCheckOptions,
): SchemaCheckResult {
  return new SchemaChecker(options.rules).check(oldSchema, newSchema, options);
}
