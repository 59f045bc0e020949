// Runs an Avro rule's table of cases under every compatibility level, in rule-table.ts's frame: a
// case states the BACKWARD verdict (new schema reads old data) and the FORWARD one (old reads new);
// FULL is their conjunction, transitive levels agree with their base for one pair of versions, NONE
// accepts everything. Each stated verdict is also checked against avsc's own resolver
// (`reader.createResolver(writer)`), so a table cannot pin a wrong answer.

import avro from 'avsc';
import { expect, it } from 'vitest';
import { checkAvroCompatibility } from '../../../generator/compat/avro/check.js';
import type { AvroRule } from '../../../generator/compat/avro/rule.js';
import { levelTable, type VerdictCase } from './rule-table.js';

export interface AvroRuleCase extends VerdictCase {
  readonly old: unknown;
  readonly new: unknown;
  /** Change ids the BACKWARD comparison must report (others allowed). */
  readonly reports?: readonly string[];
  /** Change ids the FORWARD comparison must report. */
  readonly reportsForward?: readonly string[];
  /** Why avsc's resolver gives another verdict than Confluent's rules, when it does. */
  readonly avscDiffers?: string;
}

/** Whether avsc resolves data written with `writer` into `reader` (names compared without namespaces). */
export function avscReads(writer: unknown, reader: unknown): boolean {
  const w = avro.Type.forSchema(writer as avro.Schema);
  const r = avro.Type.forSchema(reader as avro.Schema);
  try {
    r.createResolver(w, { ignoreNamespaces: true });
    return true;
  } catch {
    return false;
  }
}

export function avroRuleTable(rule: AvroRule, cases: readonly AvroRuleCase[]): void {
  levelTable(
    `${rule.id}: ${rule.description}`,
    cases,
    (c, level) => checkAvroCompatibility(c.old, c.new, level),
    (c) => {
      it(c.avscDiffers ? `avsc differs: ${c.avscDiffers}` : 'avsc resolves it the same way', () => {
        const agrees =
          avscReads(c.old, c.new) === (c.backward === 'ok') && avscReads(c.new, c.old) === (c.forward === 'ok');
        expect(agrees).toBe(!c.avscDiffers);
      });
      if (c.reports || c.reportsForward) {
        it(`reports ${[...(c.reports ?? []), ...(c.reportsForward ?? [])].join(', ')}`, () => {
          const backward = checkAvroCompatibility(c.old, c.new, 'BACKWARD').findings.map((f) => f.id);
          const forward = checkAvroCompatibility(c.old, c.new, 'FORWARD').findings.map((f) => f.id);
          for (const id of c.reports ?? []) expect(backward).toContain(id);
          for (const id of c.reportsForward ?? []) expect(forward).toContain(id);
        });
      }
    },
  );
}

/** A record named `Order` in namespace `com.example` with these fields (the tables' usual subject). */
export function order(fields: readonly unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'record', name: 'Order', namespace: 'com.example', fields, ...extra };
}
