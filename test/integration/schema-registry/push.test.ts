// `evc registry push` against a real Apicurio Registry: first push, re-push (nothing new), dry run,
// subject levels from the contract, a breaking change refused by the registry and reported beside
// evc's own findings, the record-name strategies, and a subject that holds another schema type.

import { describe, expect, it } from 'vitest';
import { main } from '../../../generator/cli/main.js';
import { registryClient, registryUrl, uniqueName } from '../schema-registry.js';
import { orderPayload, writeContracts } from './contracts.js';

async function evc(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

const push = (cwd: string, ...more: string[]): ReturnType<typeof evc> =>
  evc(['registry', 'push', '--registry-url', registryUrl(), ...more], cwd);

describe('evc registry push', () => {
  it('registers value and key subjects with the contract levels; a re-push registers nothing', async () => {
    const topic = uniqueName('orders');
    const cwd = writeContracts({
      topic,
      messages: [
        { name: 'OrderPlaced', payload: orderPayload(), key: { type: 'string', pattern: '^O-' }, level: 'FULL' },
      ],
    });
    const dry = await push(cwd, '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain(`would register ${topic}-key`);
    expect(dry.out).toContain('would set level FULL');
    const client = registryClient();
    expect(await client.versions(`${topic}-value`)).toEqual([]); // the dry run changed nothing

    const first = await push(cwd, '--format', 'json');
    expect(first.code, first.err).toBe(0);
    const report = JSON.parse(first.out) as { subjects: { subject: string; action: string; id: number }[] };
    expect(report.subjects.map((s) => [s.subject, s.action])).toEqual([
      [`${topic}-key`, 'registered'],
      [`${topic}-value`, 'registered'],
    ]);
    expect(await client.subjectLevel(`${topic}-value`)).toBe('FULL');
    expect(await client.subjectLevel(`${topic}-key`)).toBe('FULL');
    const latest = await client.version(`${topic}-value`, 'latest');
    const registered = JSON.parse(latest.schema) as Record<string, unknown>;
    expect(registered['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(registered['title']).toBe('OrderPlaced');
    // The key is a scalar schema: Apicurio accepts it only because `$schema` says it is JSON Schema.
    expect(JSON.parse((await client.version(`${topic}-key`, 'latest')).schema)).toMatchObject({ type: 'string' });

    const again = await push(cwd, '--format', 'json');
    expect(again.code, again.err).toBe(0);
    expect((JSON.parse(again.out) as typeof report).subjects.map((s) => s.action)).toEqual(['unchanged', 'unchanged']);
    expect(await client.versions(`${topic}-value`)).toEqual([1]);
    expect(await client.versions(`${topic}-key`)).toEqual([1]);
  });

  it('registers a compatible change as a new version; a breaking one is refused with both verdicts (exit 1)', async () => {
    const topic = uniqueName('orders');
    const cwd = writeContracts({ topic, messages: [{ name: 'OrderPlaced', payload: orderPayload() }] });
    expect((await push(cwd)).code).toBe(0);

    // Adding an optional property to a closed model: compatible under BACKWARD.
    writeContracts(
      { topic, messages: [{ name: 'OrderPlaced', payload: orderPayload({ note: { type: 'string' } }) }] },
      cwd,
    );
    const dry = await push(cwd, '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain(`would register ${topic}-value`);
    const compatible = await push(cwd);
    expect(compatible.code, compatible.out + compatible.err).toBe(0);
    expect(await registryClient().versions(`${topic}-value`)).toEqual([1, 2]);

    // Changing a property's type: the registry refuses, evc's rules say why.
    writeContracts(
      { topic, messages: [{ name: 'OrderPlaced', payload: orderPayload({ note: { type: 'integer' } }) }] },
      cwd,
    );
    const refused = await push(cwd);
    expect(refused.code, refused.out + refused.err).toBe(1);
    expect(refused.out).toContain(`REFUSED        ${topic}-value`);
    expect(refused.out).toMatch(/registry: .*Incompatible/);
    expect(refused.out).toMatch(/evc: +BREAKING TYPE_\w+ \/properties\/note/);
    expect(await registryClient().versions(`${topic}-value`)).toEqual([1, 2]);
  });

  it('several messages on a topic: one union subject (topic strategy) or one subject each (record strategies)', async () => {
    const topic = uniqueName('orders');
    const messages = [
      { name: 'OrderPlaced', payload: orderPayload() },
      { name: 'OrderCancelled', payload: orderPayload({ reason: { type: 'string' } }) },
    ];
    const byTopic = await push(writeContracts({ topic, messages }), '--format', 'json');
    expect(byTopic.code, byTopic.err).toBe(0);
    const union = JSON.parse((await registryClient().version(`${topic}-value`, 'latest')).schema) as {
      anyOf: unknown[];
    };
    expect(union.anyOf).toHaveLength(2);

    const topicRecord = await push(
      writeContracts({ topic, messages, config: { schemaRegistry: { subjectNameStrategy: 'topic-record' } } }),
      '--format',
      'json',
    );
    expect(topicRecord.code, topicRecord.err).toBe(0);
    expect((JSON.parse(topicRecord.out) as { subjects: { subject: string }[] }).subjects.map((s) => s.subject)).toEqual(
      [`${topic}-OrderCancelled`, `${topic}-OrderPlaced`],
    );
  });

  it('stops with exit 2 at a subject that holds Avro schemas, after saying what was pushed', async () => {
    const topic = uniqueName('orders');
    await registryClient().register(`${topic}-value`, {
      schemaType: 'AVRO',
      schema: JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }] }),
    });
    const cwd = writeContracts({
      topic,
      messages: [{ name: 'OrderPlaced', payload: orderPayload(), key: { type: 'string' } }],
    });
    const result = await push(cwd);
    expect(result.code).toBe(2);
    expect(result.out).toContain(`registered     ${topic}-key`);
    expect(result.out).toContain(`STOPPED at ${topic}-value: subject ${topic}-value holds AVRO schemas`);
    expect(result.out).toContain('Done before the failure: 1 registered');
  });
});
