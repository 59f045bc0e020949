// Checks one schema change (old → new) at a compatibility level: runs the BACKWARD comparison
// (new reads old) and/or the same comparison with the schemas swapped (FORWARD: old reads new).

import type { JsonSchema } from '../model/registry.js';
import { directionsOf, type CompatibilityLevel, type CompatibilityMode, type Direction } from './levels.js';
import { schemaRules } from './schema-rules/index.js';
import { SchemaComparison } from './schema/compare.js';
import type { SchemaDifference, SchemaRule } from './schema/rule.js';

export interface SchemaFinding extends SchemaDifference {
  /** backward: writer = old, reader = new; forward: writer = new, reader = old. */
  readonly direction: Direction;
}

export interface SchemaCheckOptions {
  readonly level: CompatibilityLevel;
  readonly mode: CompatibilityMode;
  readonly rules?: readonly SchemaRule[];
}

export interface SchemaCheckResult {
  readonly compatible: boolean;
  readonly findings: readonly SchemaFinding[];
}

/** One comparison engine per mode, reused across messages so shared schemas are compared once. */
export class SchemaChecker {
  private readonly comparisons = new Map<CompatibilityMode, SchemaComparison>();

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
    const findings: SchemaFinding[] = [];
    for (const direction of directionsOf(options.level)) {
      const [writer, reader] = direction === 'backward' ? [oldSchema, newSchema] : [newSchema, oldSchema];
      for (const d of compareGuarded(comparison, writer, reader)) findings.push({ ...d, direction });
    }
    // Under FULL a loosening is compatible one way and breaking the other: keep only the breaking
    // view of a place (a compatible finding at or above a breaking one says the same thing).
    const breakingPaths = findings.filter((f) => f.breaking).map((f) => f.path);
    const covered = (path: readonly string[]): boolean =>
      breakingPaths.some((b) => b.length >= path.length && path.every((seg, i) => b[i] === seg));
    const kept =
      directionsOf(options.level).length === 1 ? findings : findings.filter((f) => f.breaking || !covered(f.path));
    return { compatible: !kept.some((f) => f.breaking), findings: kept };
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
