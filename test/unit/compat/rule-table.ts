// Runs a rule's table of cases under every compatibility level. A case states the verdict of the
// BACKWARD comparison (new schema reads old data) and of the FORWARD one (old reads new); FULL must
// then be their conjunction, the transitive levels agree with their base level for a single pair
// of versions, and NONE accepts everything.

import { describe, expect, it } from 'vitest';
import {
  COMPATIBILITY_LEVELS,
  directionsOf,
  type CompatibilityLevel,
  type CompatibilityMode,
} from '../../../generator/compat/levels.js';
import { checkSchemaCompatibility, type SchemaCheckResult } from '../../../generator/compat/schema-check.js';
import { resolveLocalRefs } from '../../../generator/compat/schema/graph.js';
import type { SchemaRule } from '../../../generator/compat/schema/rule.js';

export type Verdict = 'ok' | 'breaks';

export interface RuleCase {
  readonly name: string;
  readonly old: unknown;
  readonly new: unknown;
  readonly backward: Verdict;
  readonly forward: Verdict;
  /** Change ids the BACKWARD comparison must report (in any order, others allowed). */
  readonly reports?: readonly string[];
  readonly mode?: CompatibilityMode;
}

export function verdict(
  oldSchema: unknown,
  newSchema: unknown,
  level: CompatibilityLevel,
  mode: CompatibilityMode = 'strict',
) {
  return checkSchemaCompatibility(resolveLocalRefs(oldSchema), resolveLocalRefs(newSchema), { level, mode });
}

export function ruleTable(rule: SchemaRule, cases: readonly RuleCase[]): void {
  levelTable(
    `${rule.id}: ${rule.description}`,
    cases,
    (c, level) => verdict(c.old, c.new, level, c.mode),
    (c) => {
      if (c.reports) {
        it(`BACKWARD reports ${c.reports.join(', ')}`, () => {
          const ids = verdict(c.old, c.new, 'BACKWARD', c.mode).findings.map((f) => f.id);
          for (const id of c.reports ?? []) expect(ids).toContain(id);
        });
      }
    },
  );
}

/** What every table case states: its BACKWARD and FORWARD verdicts. */
export interface VerdictCase {
  readonly name: string;
  readonly backward: Verdict;
  readonly forward: Verdict;
}

/**
 * The frame of a rule table (JSON Schema and Avro alike): at least three cases mixing verdicts, and
 * per case one test per level, expecting the conjunction of the directions the level checks.
 */
export function levelTable<C extends VerdictCase>(
  title: string,
  cases: readonly C[],
  check: (c: C, level: CompatibilityLevel) => SchemaCheckResult,
  more: (c: C) => void = () => undefined,
): void {
  describe(title, () => {
    it('has at least three cases, compatible and breaking ones', () => {
      expect(cases.length).toBeGreaterThanOrEqual(3);
      expect(cases.some((c) => c.backward === 'ok')).toBe(true);
      expect(cases.some((c) => c.backward === 'breaks' || c.forward === 'breaks')).toBe(true);
    });
    for (const c of cases) {
      describe(c.name, () => {
        for (const level of COMPATIBILITY_LEVELS) {
          const expected = directionsOf(level).every((d) => (d === 'backward' ? c.backward : c.forward) === 'ok');
          it(`${level}: ${expected ? 'compatible' : 'breaking'}`, () => {
            const result = check(c, level);
            expect(
              result.compatible,
              JSON.stringify(
                result.findings.map((f) => `${f.direction}:${f.id}${f.breaking ? '!' : ''}@/${f.path.join('/')}`),
              ),
            ).toBe(expected);
          });
        }
        more(c);
      });
    }
  });
}
