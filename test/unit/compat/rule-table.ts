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
import { checkSchemaCompatibility } from '../../../generator/compat/schema-check.js';
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
  describe(`${rule.id}: ${rule.description}`, () => {
    it('has at least three cases, compatible and breaking ones', () => {
      expect(cases.length).toBeGreaterThanOrEqual(3);
      expect(cases.some((c) => c.backward === 'ok')).toBe(true);
      expect(cases.some((c) => c.backward === 'breaks' || c.forward === 'breaks')).toBe(true);
    });
    for (const c of cases) {
      describe(c.name, () => {
        for (const level of COMPATIBILITY_LEVELS) {
          const directions = directionsOf(level);
          const expected = directions.every((d) => (d === 'backward' ? c.backward : c.forward) === 'ok');
          it(`${level}: ${expected ? 'compatible' : 'breaking'}`, () => {
            const result = verdict(c.old, c.new, level, c.mode);
            expect(
              result.compatible,
              JSON.stringify(
                result.findings.map((f) => `${f.direction}:${f.id}${f.breaking ? '!' : ''}@/${f.path.join('/')}`),
              ),
            ).toBe(expected);
          });
        }
        if (c.reports) {
          it(`BACKWARD reports ${c.reports.join(', ')}`, () => {
            const ids = verdict(c.old, c.new, 'BACKWARD', c.mode).findings.map((f) => f.id);
            for (const id of c.reports ?? []) expect(ids).toContain(id);
          });
        }
      });
    }
  });
}
