// `evc registry push` and `evc check --against-registry` with Avro payloads, against a real Apicurio
// Registry: value subjects registered as schemaType AVRO (the normalised schema text), a re-push that
// registers nothing, a compatible change registered, a breaking one refused with evc's Avro finding
// beside the registry's words, the registered schema read back and judged by the Avro rules, a
// topic with two Avro messages as one union subject, and a subject holding another schema type.

import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { main } from '../../../generator/cli/main.js';
import { registryClient, registryUrl, uniqueName } from '../schema-registry.js';
import { orderPayload, writeContracts, type TestMessage } from './contracts.js';

async function evc(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, { cwd, stdout: (t) => void (out += t), stderr: (t) => void (out += t) });
  return { code, out };
}
const push = (cwd: string, ...more: string[]): ReturnType<typeof evc> =>
  evc(['registry', 'push', '--registry-url', registryUrl(), ...more], cwd);
const checkRegistry = (cwd: string): ReturnType<typeof evc> =>
  evc(['check', '--against-registry', registryUrl(), '--format', 'json'], cwd);

const truck = (fields: unknown[] = []): Record<string, unknown> => ({
  type: 'record',
  name: 'TruckMoved',
  namespace: 'com.fleet',
  fields: [{ name: 'truckId', type: 'string' }, ...fields],
});
const moved = (fields: unknown[] = []): TestMessage => ({ name: 'TruckMoved', avro: true, payload: truck(fields) });

describe('evc registry push with Avro payloads', () => {
  it('registers schemaType AVRO, re-pushes nothing, registers a compatible change, refuses a breaking one', async () => {
    const topic = uniqueName('fleet');
    const subject = `${topic}-value`;
    const cwd = writeContracts({ topic, messages: [moved()] });
    const first = await push(cwd, '--format', 'json');
    expect(first.code, first.out).toBe(0);
    const client = registryClient();
    const latest = await client.version(subject, 'latest');
    expect(latest.schemaType).toBe('AVRO');
    expect(avro.Type.forSchema(JSON.parse(latest.schema) as avro.Schema).name).toBe('com.fleet.TruckMoved');
    expect(await client.subjectLevel(subject)).toBe('BACKWARD');

    const again = await push(cwd, '--format', 'json');
    expect(again.code, again.out).toBe(0);
    expect(
      (JSON.parse(again.out) as { subjects: { action: string; schemaType: string }[] }).subjects.map((s) => [
        s.action,
        s.schemaType,
      ]),
    ).toEqual([['unchanged', 'AVRO']]);
    expect((await checkRegistry(cwd)).code).toBe(0);

    // A field with a default: compatible under BACKWARD, a new version.
    writeContracts({ topic, messages: [moved([{ name: 'speed', type: 'double', default: 0 }])] }, cwd);
    expect((await checkRegistry(cwd)).code).toBe(0);
    const compatible = await push(cwd);
    expect(compatible.code, compatible.out).toBe(0);
    expect(await client.versions(subject)).toEqual([1, 2]);

    // A field without a default: evc check says so against the registry, and the registry refuses it.
    writeContracts(
      {
        topic,
        messages: [
          moved([
            { name: 'speed', type: 'double', default: 0 },
            { name: 'driver', type: 'string' },
          ]),
        ],
      },
      cwd,
    );
    const check = await checkRegistry(cwd);
    expect(check.code, check.out).toBe(1);
    const report = JSON.parse(check.out) as { changes: { rule: string; path: string; breaking: boolean }[] };
    expect(report.changes.filter((c) => c.breaking).map((c) => [c.rule, c.path])).toEqual([
      ['READER_FIELD_MISSING_DEFAULT_VALUE', '/fields/driver'],
    ]);
    const refused = await push(cwd);
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toContain(`REFUSED        ${subject}`);
    expect(refused.out).toMatch(/evc: +.*READER_FIELD_MISSING_DEFAULT_VALUE/);
    expect(await client.versions(subject)).toEqual([1, 2]);
  });

  it('two Avro messages on one topic: one union subject that shares named types', async () => {
    const topic = uniqueName('fleet');
    const position = { type: 'record', name: 'Position', fields: [{ name: 'lat', type: 'double' }] };
    const cwd = writeContracts({
      topic,
      messages: [
        { name: 'TruckMoved', avro: true, payload: { ...truck([{ name: 'at', type: position }]) } },
        {
          name: 'TruckParked',
          avro: true,
          payload: {
            type: 'record',
            name: 'TruckParked',
            namespace: 'com.fleet',
            fields: [{ name: 'at', type: { ...position } }],
          },
        },
      ],
    });
    const result = await push(cwd, '--format', 'json');
    expect(result.code, result.out).toBe(0);
    const registered = JSON.parse((await registryClient().version(`${topic}-value`, 'latest')).schema) as avro.Schema;
    // Position is defined once (in TruckMoved) and named in TruckParked: avsc accepts the union.
    const union = avro.Type.forSchema(registered) as avro.types.WrappedUnionType;
    expect(union.types.map((t) => t.name)).toEqual(['com.fleet.TruckMoved', 'com.fleet.TruckParked']);
  });

  it('stops with exit 2 at a subject that holds JSON schemas while the contracts define Avro', async () => {
    const topic = uniqueName('fleet');
    const jsonSide = writeContracts({ topic, messages: [{ name: 'TruckMoved', payload: orderPayload() }] });
    expect((await push(jsonSide)).code).toBe(0);
    const avroSide = writeContracts({ topic, messages: [moved()] });
    const result = await push(avroSide);
    expect(result.code).toBe(2);
    expect(result.out).toContain(`subject ${topic}-value holds JSON schemas`);
    expect(result.out).toContain('the contracts define an Avro schema');
    const check = await checkRegistry(avroSide);
    expect(check.code).toBe(1);
    expect(check.out).toContain('SUBJECT_SCHEMA_TYPE');
  });
});
