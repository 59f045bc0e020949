// `evc check --against-registry` against the registry's own verdict: for every pair of schemas in
// schema-pairs.ts, the old one is registered under a subject whose level is set explicitly (Apicurio
// does not treat "no level" as NONE in its compatibility endpoint), then the new one is judged by
// the registry (POST /compatibility/subjects/…/versions/latest) and by evc's rules through the same
// adapter the command uses. Strict mode must agree on every pair; lenient mode differs exactly where
// the README says (an optional property added to an open content model).

import { describe, expect, it } from 'vitest';
import { plannedSubject } from '../../../generator/schema-registry/subject-plan.js';
import { checkAgainstRegistry } from '../../../generator/schema-registry/registry-check.js';
import type { CompatibilityMode } from '../../../generator/compat/levels.js';
import { registryClient, uniqueName } from '../schema-registry.js';
import { PAIRS, type SchemaPair } from './schema-pairs.js';

const at = { file: 'contracts/orders.yaml', line: 1, column: 1 };

async function verdicts(pair: SchemaPair, mode: CompatibilityMode): Promise<{ registry: boolean; evc: boolean }> {
  const client = registryClient();
  const subject = uniqueName('agree');
  const before = plannedSubject(subject, 'orders', 'value', ['Order'], [pair.old], 'Order', pair.level, at);
  const after = plannedSubject(subject, 'orders', 'value', ['Order'], [pair.new], 'Order', pair.level, at);
  await client.setSubjectLevel(subject, pair.level);
  await client.register(subject, { schemaType: 'JSON', schema: before.text });
  const registry = await client.isCompatible(subject, { schemaType: 'JSON', schema: after.text }, 'latest');
  const result = await checkAgainstRegistry({
    client,
    plan: [after],
    label: 'registry',
    contractsLabel: 'contracts',
    level: pair.level,
    mode,
  });
  const evc = !result.changes.some((c) => c.breaking && c.messageName === subject);
  return { registry, evc };
}

describe('evc check --against-registry agrees with the registry', () => {
  it(`strict mode: the same verdict on all ${PAIRS.length} pairs`, async () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(10);
    const rows: string[] = [];
    for (const pair of PAIRS) {
      const { registry, evc } = await verdicts(pair, 'strict');
      rows.push(`${pair.name} (${pair.level}): registry ${registry}, evc ${evc}`);
      expect.soft(evc, pair.name).toBe(registry);
    }
    // Both verdicts occur, so agreement is not "everything compatible".
    expect(rows.some((r) => r.endsWith('registry true, evc true'))).toBe(true);
    expect(rows.some((r) => r.endsWith('registry false, evc false'))).toBe(true);
  });

  it('lenient mode: differs only on an optional property added to an open content model', async () => {
    const differing: string[] = [];
    for (const pair of PAIRS) {
      const { registry, evc } = await verdicts(pair, 'lenient');
      if (registry !== evc) differing.push(`${pair.name}: registry ${registry}, evc ${evc}`);
    }
    expect(differing).toEqual(['optional property added to an open model: registry false, evc true']);
  });
});
