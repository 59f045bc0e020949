// Avro subjects: `evc check --against-registry` against the registry's own verdict. For every pair
// in avro-schema-pairs.ts the history is registered as `schemaType: AVRO` under a subject whose
// level is set explicitly (Apicurio does not treat "no level" as NONE in its compatibility
// endpoint), then the new schema is judged by the registry (POST /compatibility/subjects/…/versions,
// every version at the transitive levels, else the latest) and by evc's Avro rules through the same
// adapter the command uses. They must agree on every pair.

import { describe, expect, it } from 'vitest';
import { avroPayload as payload } from '../../support/avro-payload.js';
import { checkAgainstRegistry } from '../../../generator/schema-registry/registry-check.js';
import { avroPlannedSubject } from '../../../generator/schema-registry/subject-plan.js';
import { isTransitive } from '../../../generator/compat/levels.js';
import { registryClient, uniqueName } from '../schema-registry.js';
import { AVRO_PAIRS, type AvroSchemaPair } from './avro-schema-pairs.js';

const at = { file: 'contracts/orders.yaml', line: 1, column: 1 };

async function verdicts(pair: AvroSchemaPair): Promise<{ registry: boolean; evc: boolean; rules: string[] }> {
  const client = registryClient();
  const subject = uniqueName('avro-agree');
  await client.setSubjectLevel(subject, pair.level);
  for (const old of pair.history) await client.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(old) });
  const planned = avroPlannedSubject(subject, 'orders', ['Order'], [payload(pair.new)], pair.level, at);
  const registry = await client.isCompatible(
    subject,
    { schemaType: 'AVRO', schema: planned.text },
    isTransitive(pair.level) ? 'all' : 'latest',
  );
  const result = await checkAgainstRegistry({
    client,
    plan: [planned],
    label: 'registry',
    contractsLabel: 'contracts',
    level: pair.level,
    mode: 'strict',
  });
  const breaking = result.changes.filter((c) => c.breaking && c.messageName === subject);
  return { registry, evc: breaking.length === 0, rules: breaking.map((c) => c.rule) };
}

describe('evc check --against-registry agrees with the registry on Avro subjects', () => {
  it(`the same verdict on all ${AVRO_PAIRS.length} pairs`, async () => {
    expect(AVRO_PAIRS.length).toBeGreaterThanOrEqual(10);
    const rows: string[] = [];
    for (const pair of AVRO_PAIRS) {
      const { registry, evc, rules } = await verdicts(pair);
      rows.push(
        `${pair.name} (${pair.level}): registry ${registry}, evc ${evc}${rules.length ? ` [${rules.join(' ')}]` : ''}`,
      );
      expect.soft(evc, pair.name).toBe(registry);
    }
    console.log(rows.join('\n'));
    // Both verdicts occur, so agreement is not "everything compatible".
    expect(rows.filter((r) => r.includes('registry true, evc true')).length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.includes('registry false, evc false')).length).toBeGreaterThanOrEqual(5);
  });

  it('reads Avro subjects back: the registered text is the text evc would register, so nothing changed', async () => {
    const client = registryClient();
    const subject = uniqueName('avro-same');
    const schema = AVRO_PAIRS[0]?.new;
    const planned = avroPlannedSubject(subject, 'orders', ['Order'], [payload(schema)], 'BACKWARD', at);
    await client.setSubjectLevel(subject, 'BACKWARD');
    await client.register(subject, { schemaType: 'AVRO', schema: planned.text });
    const latest = await client.version(subject, 'latest');
    expect(latest.schemaType).toBe('AVRO');
    const result = await checkAgainstRegistry({
      client,
      plan: [planned],
      label: 'registry',
      contractsLabel: 'contracts',
      level: 'BACKWARD',
      mode: 'strict',
    });
    expect(result.changes.filter((c) => c.messageName === subject)).toEqual([]);
  });
});
