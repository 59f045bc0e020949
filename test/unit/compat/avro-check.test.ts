// Avro payloads in `evc check`: the payload rule judges them by Avro schema resolution at the
// message's level (not the JSON Schema of their JSON encoding), reports changes with their paths,
// warnings and the services they hurt in every format, and the release history (evc.lock.yaml)
// keeps the Avro schema so later checks, transitive ones included, compare Avro with Avro.

import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../../generator/compat/check.js';
import { parseLockfile, serializeLockfile, snapshotsOfLockfile } from '../../../generator/compat/history/lockfile.js';
import { planRelease } from '../../../generator/compat/history/release.js';
import { formatCheckResult } from '../../../generator/compat/report/index.js';
import type { CompatibilityLevel } from '../../../generator/compat/levels.js';
import type { RegistrySnapshot } from '../../../generator/compat/snapshot.js';

const order = (fields: unknown[]): unknown => ({
  type: 'record',
  name: 'com.example.Order',
  fields: [{ name: 'id', type: 'string' }, ...fields],
});

/** One message on one topic, sent by `orders` and received by `billing`, with an Avro payload. */
function registry(label: string, avro: unknown, level?: CompatibilityLevel): RegistrySnapshot {
  const file = `${label}/orders.yaml`;
  return {
    label,
    messages: new Map([
      [
        'OrderPlaced',
        {
          name: 'OrderPlaced',
          // The derived JSON Schema of the JSON encoding: deliberately the same on both sides, so
          // only the Avro rules can see a change.
          payload: { type: 'object' },
          avro,
          ...(level ? { level } : {}),
        },
      ],
    ]),
    topics: new Map([['orders', { address: 'orders', messages: new Set(['OrderPlaced']) }]]),
    flows: [
      {
        service: 'orders',
        action: 'send',
        topic: 'orders',
        message: 'OrderPlaced',
        location: { file, line: 5, column: 3 },
      },
      {
        service: 'billing',
        action: 'receive',
        topic: 'orders',
        message: 'OrderPlaced',
        location: { file, line: 9, column: 3 },
      },
    ],
  };
}

const check = (old: unknown, next: unknown, level: CompatibilityLevel = 'BACKWARD') =>
  checkCompatibility({ baselines: [registry('old', old)], current: registry('new', next), level, mode: 'strict' });

describe('Avro payloads in evc check', () => {
  it('a field added without a default breaks BACKWARD, names its path and the receivers it hurts', () => {
    const result = check(order([]), order([{ name: 'note', type: 'string' }]));
    expect(result.compatible).toBe(false);
    const [change] = result.changes;
    expect(change).toMatchObject({
      rule: 'READER_FIELD_MISSING_DEFAULT_VALUE',
      breaking: true,
      part: 'payload',
      path: '/fields/note',
      messageName: 'OrderPlaced',
      direction: 'backward',
      what: 'field note added without a default',
    });
    expect(change?.why).toContain(
      'receivers billing reading with the new contract would reject records without field note',
    );
    expect(change?.impact).toEqual([{ service: 'billing', role: 'receiver', file: 'new/orders.yaml' }]);
  });

  it('the same change is compatible FORWARD; its removal breaks FORWARD and hurts the sender', () => {
    expect(check(order([]), order([{ name: 'note', type: 'string' }]), 'FORWARD').compatible).toBe(true);
    const removed = check(order([{ name: 'note', type: 'string' }]), order([]), 'FORWARD');
    expect(removed.changes.map((c) => [c.rule, c.what, c.breaking])).toEqual([
      [
        'READER_FIELD_MISSING_DEFAULT_VALUE',
        'field note removed, and the old schema declares it without a default',
        true,
      ],
    ]);
    expect(removed.changes[0]?.impact.map((i) => i.role)).toEqual(['sender']);
  });

  it('a message’s own level (x-evc-compatibility) applies to its Avro payload', () => {
    const result = checkCompatibility({
      baselines: [registry('old', order([]), 'NONE')],
      current: registry('new', order([{ name: 'qty', type: 'int' }]), 'NONE'),
      level: 'FULL',
      mode: 'strict',
    });
    expect(result.changes).toEqual([]);
  });

  it('a logical type change is a warning: compatible, flagged in text, json, github and sarif', () => {
    const result = check(
      order([{ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }]),
      order([{ name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } }]),
      'FULL',
    );
    expect(result.compatible).toBe(true);
    expect(result.changes.map((c) => [c.rule, c.breaking, c.warning])).toEqual([['LOGICAL_TYPE_CHANGED', false, true]]);
    const context = { against: 'old', mode: 'strict' as const };
    expect(formatCheckResult(result, 'text', context)).toMatch(
      /WARNING +\S+ LOGICAL_TYPE_CHANGED \/fields\/at\/logicalType: logical type timestamp-millis → timestamp-micros/,
    );
    const json = JSON.parse(formatCheckResult(result, 'json', context)) as { changes: unknown[] };
    expect(json.changes[0]).toMatchObject({ warning: true });
    expect(formatCheckResult(result, 'github', context)).toMatch(/^::warning file=/);
    const sarif = JSON.parse(formatCheckResult(result, 'sarif', context)) as {
      runs: { results: { level: string }[] }[];
    };
    expect(sarif.runs[0]?.results[0]?.level).toBe('warning');
  });

  it('only the Avro rules judge Avro payloads: the derived JSON Schema is not compared', () => {
    // Same derived JSON Schema on both sides, an Avro type change: one Avro finding, no JSON Schema id.
    const result = check(order([{ name: 'qty', type: 'string' }]), order([{ name: 'qty', type: 'int' }]));
    expect(result.changes.map((c) => c.rule)).toEqual(['TYPE_MISMATCH']);
  });

  it('releases keep the Avro schema: the next check (and a transitive one) compares Avro with Avro', () => {
    const v1 = planRelease(registry('contracts', order([])), undefined, 'BACKWARD', 'strict');
    const lock1 = parseLockfile(serializeLockfile(v1.lockfile), 'evc.lock.yaml');
    expect(lock1.messages['OrderPlaced']?.versions[0]?.avro).toEqual(order([]));
    const withDefault = order([{ name: 'note', type: 'string', default: '' }]);
    const v2 = planRelease(registry('contracts', withDefault), lock1, 'BACKWARD', 'strict');
    expect(v2.check.compatible).toBe(true);
    const lock2 = parseLockfile(serializeLockfile(v2.lockfile), 'evc.lock.yaml');
    expect(lock2.messages['OrderPlaced']?.versions.map((v) => v.version)).toEqual([1, 2]);

    // Dropping the default: fine against v2 (it writes the field), not against v1 (it does not).
    const proposed = registry('contracts', order([{ name: 'note', type: 'string' }]));
    const history = snapshotsOfLockfile(lock2, 'evc.lock.yaml');
    const latestOnly = checkCompatibility({ baselines: history, current: proposed, level: 'BACKWARD', mode: 'strict' });
    expect(latestOnly.compatible).toBe(true);
    const transitive = checkCompatibility({
      baselines: history,
      current: proposed,
      level: 'BACKWARD_TRANSITIVE',
      mode: 'strict',
    });
    expect(transitive.changes.map((c) => [c.rule, c.against])).toEqual([
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'evc.lock.yaml v1'],
    ]);
  });

  it('a reworded doc makes no new version; a changed default does', () => {
    const documented = (doc: string, def: string): unknown => ({
      type: 'record',
      name: 'com.example.Order',
      doc,
      fields: [{ name: 'note', type: 'string', default: def, doc }],
    });
    const v1 = planRelease(registry('contracts', documented('one', 'x')), undefined, 'BACKWARD', 'strict');
    expect(planRelease(registry('contracts', documented('two', 'x')), v1.lockfile, 'BACKWARD', 'strict').changed).toBe(
      false,
    );
    expect(
      planRelease(registry('contracts', documented('one', 'y')), v1.lockfile, 'BACKWARD', 'strict').released,
    ).toEqual([{ message: 'OrderPlaced', version: 2 }]);
  });
});
