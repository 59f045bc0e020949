// `evc check --against-registry` on the real registry: the latest version by default, every version
// at a transitive level, subjects only the registry knows, exit codes, every output format.

import { describe, expect, it } from 'vitest';
import { main } from '../../../generator/cli/main.js';
import { canonicalJson, subjectDocument } from '../../../generator/schema-registry/subject-schema.js';
import { registryClient, registryUrl, uniqueName } from '../schema-registry.js';
import { orderPayload, writeContracts } from './contracts.js';

async function evc(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

interface JsonReport {
  compatible: boolean;
  changes: { rule: string; breaking: boolean; messageName: string; message: string }[];
}

describe('evc check --against-registry', () => {
  it('checks the latest version, or every version at a transitive level', async () => {
    const topic = uniqueName('orders');
    const client = registryClient();
    const v1 = orderPayload({ legacy: { type: 'string' } });
    const v2 = orderPayload();
    // History made under NONE: v2 dropped a property of a closed model.
    await client.setSubjectLevel(`${topic}-value`, 'NONE');
    for (const payload of [v1, v2])
      await client.register(`${topic}-value`, {
        schemaType: 'JSON',
        schema: canonicalJson(subjectDocument([payload], 'OrderPlaced')),
      });
    const cwd = writeContracts({ topic, messages: [{ name: 'OrderPlaced', payload: v2 }] });
    const args = ['check', '--against-registry', registryUrl(), '--format', 'json'];

    const latest = await evc([...args, '--level', 'BACKWARD'], cwd);
    expect(latest.code, latest.err).toBe(0);
    const all = await evc([...args, '--level', 'BACKWARD_TRANSITIVE'], cwd);
    expect(all.code, all.err).toBe(1);
    const report = JSON.parse(all.out) as JsonReport;
    const breaking = report.changes.filter((c) => c.breaking);
    expect(breaking.map((c) => [c.messageName, c.rule])).toEqual([
      [`${topic}-value`, 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
    ]);
    expect(breaking[0]?.message).toMatch(/1 version before the latest/);

    for (const format of ['text', 'github', 'markdown']) {
      const printed = await evc(
        ['check', '--against-registry', registryUrl(), '--level', 'BACKWARD_TRANSITIVE', '--format', format],
        cwd,
      );
      expect(printed.code, `${format}: ${printed.err}`).toBe(1);
      expect(printed.out, format).toContain(`${topic}-value`);
    }
  });

  it('reports subjects the contracts do not define, and subjects not registered yet', async () => {
    const topic = uniqueName('orders');
    const stray = uniqueName('stray');
    await registryClient().register(`${stray}-value`, {
      schemaType: 'JSON',
      schema: canonicalJson(subjectDocument([orderPayload()], 'Stray')),
    });
    const cwd = writeContracts({ topic, messages: [{ name: 'OrderPlaced', payload: orderPayload() }] });
    const result = await evc(['check', '--against-registry', registryUrl(), '--format', 'json'], cwd);
    expect(result.code, result.err).toBe(0);
    const report = JSON.parse(result.out) as JsonReport;
    expect(report.changes).toContainEqual(
      expect.objectContaining({ rule: 'SUBJECT_NOT_IN_CONTRACTS', messageName: `${stray}-value` }),
    );
    expect(report.changes).toContainEqual(
      expect.objectContaining({ rule: 'SUBJECT_NOT_REGISTERED', messageName: `${topic}-value` }),
    );
  });
});
