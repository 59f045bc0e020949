// Runs one writer/reader comparison in every reading direction a compatibility level checks
// (BACKWARD: the new schema reads old data; FORWARD: the old schema reads new data; FULL: both),
// for the JSON Schema and the Avro engines alike.

import { directionsOf, type CompatibilityLevel, type Direction } from './levels.js';
import type { SchemaDifference } from './schema/rule.js';

export interface SchemaFinding extends SchemaDifference {
  /** backward: writer = old, reader = new; forward: writer = new, reader = old. */
  readonly direction: Direction;
}

export interface SchemaCheckResult {
  readonly compatible: boolean;
  readonly findings: readonly SchemaFinding[];
}

/**
 * Runs one writer/reader comparison in every direction `level` checks (BACKWARD: writer = old,
 * FORWARD: writer = new) — for JSON Schema and Avro alike.
 */
export function checkInDirections<S>(
  oldSchema: S,
  newSchema: S,
  level: CompatibilityLevel,
  compare: (writer: S, reader: S) => readonly SchemaDifference[],
): SchemaCheckResult {
  const findings: SchemaFinding[] = [];
  for (const direction of directionsOf(level)) {
    const [writer, reader] = direction === 'backward' ? [oldSchema, newSchema] : [newSchema, oldSchema];
    for (const d of compare(writer, reader)) findings.push({ ...d, direction });
  }
  // Under FULL a loosening is compatible one way and breaking the other: keep only the breaking
  // view of a place (a compatible finding at or above a breaking one says the same thing).
  const breakingPaths = findings.filter((f) => f.breaking).map((f) => f.path);
  const covered = (path: readonly string[]): boolean =>
    breakingPaths.some((b) => b.length >= path.length && path.every((seg, i) => b[i] === seg));
  const kept = directionsOf(level).length === 1 ? findings : findings.filter((f) => f.breaking || !covered(f.path));
  return { compatible: !kept.some((f) => f.breaking), findings: kept };
}
