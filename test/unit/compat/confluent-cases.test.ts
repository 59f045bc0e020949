// Confluent's own JSON Schema compatibility cases, re-expressed in test/fixtures/compat/confluent:
// our BACKWARD verdict must match Confluent's (strict and lenient), except where a case documents
// why we deliberately differ.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verdict } from './rule-table.js';

interface ConfluentCase {
  readonly name: string;
  readonly old: unknown;
  readonly new: unknown;
  readonly confluentCompatible: boolean;
  readonly confluentCompatibleLenient?: boolean;
  readonly ourCompatible?: boolean;
  readonly whyWeDiffer?: string;
}

const cases = JSON.parse(
  readFileSync(new URL('../../fixtures/compat/confluent/cases.json', import.meta.url), 'utf8'),
) as ConfluentCase[];

describe("Confluent's JSON Schema provider cases", () => {
  it('re-expresses at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));
  for (const c of cases) {
    const expected = c.ourCompatible ?? c.confluentCompatible;
    it(`${c.name}: ${expected ? 'compatible' : 'breaking'}${c.whyWeDiffer ? ' (we differ from Confluent)' : ''}`, () => {
      const result = verdict(c.old, c.new, 'BACKWARD', 'strict');
      expect(
        result.compatible,
        JSON.stringify(result.findings.map((f) => `${f.id}${f.breaking ? '!' : ''}@/${f.path.join('/')}`)),
      ).toBe(expected);
    });
    const lenient = c.ourCompatible ?? c.confluentCompatibleLenient ?? c.confluentCompatible;
    it(`${c.name}: lenient ${lenient ? 'compatible' : 'breaking'}`, () => {
      expect(verdict(c.old, c.new, 'BACKWARD', 'lenient').compatible).toBe(lenient);
    });
  }
});
