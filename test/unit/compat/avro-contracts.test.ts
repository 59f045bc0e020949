// Avro payloads through the path `evc check` takes: AsyncAPI documents (inline Avro and `.avsc`
// references) → loader → snapshot → contract rules → Avro rules, and the command itself comparing
// two contract folders. Findings point into the proposed contracts (the Avro field's line).

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../generator/cli/main.js';
import { checkCompatibility } from '../../../generator/compat/check.js';
import { parseCompatibilityConfig } from '../../../generator/compat/config.js';
import * as ruleNames from '../../../generator/rules/registry.js';
import { runCompatibilityGate } from '../../../generator/compat/gate.js';
import { loadSide } from '../../../generator/compat/inputs.js';
import { memorySource } from '../../../generator/load/memory-source.js';

/** A 3.0 document: service `fleet` sends TruckMoved (Avro payload from `schemas/truck.avsc`), `yard` receives it. */
function contracts(avsc: unknown): Record<string, string> {
  return {
    'fleet.yaml': [
      'asyncapi: 3.0.0',
      'info: { title: fleet, version: 1.0.0 }',
      'channels:',
      '  moves:',
      '    address: fleet.moves',
      '    messages:',
      '      TruckMoved:',
      '        contentType: application/json',
      '        payload:',
      '          schemaFormat: application/vnd.apache.avro;version=1.9.0',
      "          schema: { $ref: 'schemas/truck.avsc' }",
      'operations:',
      '  sendMoves: { action: send, channel: { $ref: "#/channels/moves" } }',
      '',
    ].join('\n'),
    'yard.yaml': [
      'asyncapi: 3.0.0',
      'info: { title: yard, version: 1.0.0 }',
      'channels:',
      "  moves: { $ref: 'fleet.yaml#/channels/moves' }",
      'operations:',
      '  receiveMoves: { action: receive, channel: { $ref: "#/channels/moves" } }',
      '',
    ].join('\n'),
    'schemas/truck.avsc': `${JSON.stringify(avsc, null, 2)}\n`,
  };
}

const truck = (fields: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'record',
  name: 'TruckMoved',
  namespace: 'com.fleet',
  fields: [{ name: 'truckId', type: 'string' }, ...fields],
  ...extra,
});

async function check(oldAvsc: unknown, newAvsc: unknown, level: 'BACKWARD' | 'FORWARD' | 'FULL' = 'BACKWARD') {
  const baseline = await loadSide(memorySource(contracts(oldAvsc), 'old'), 'baseline');
  const proposed = await loadSide(memorySource(contracts(newAvsc), 'new'), 'proposed');
  return checkCompatibility({ baselines: [baseline.snapshot], current: proposed.snapshot, level, mode: 'strict' });
}

describe('evc check on Avro contracts', () => {
  it('a field added without a default in the .avsc breaks BACKWARD, located at the field, hurting the receiver', async () => {
    const result = await check(truck([]), truck([{ name: 'speed', type: 'double' }]));
    expect(result.compatible).toBe(false);
    const change = result.changes.find((c) => c.breaking);
    expect(change).toMatchObject({
      rule: 'READER_FIELD_MISSING_DEFAULT_VALUE',
      path: '/fields/speed',
      topic: 'fleet.moves',
      messageName: 'TruckMoved',
    });
    expect(change?.file).toMatch(/truck\.avsc$/);
    expect(change?.line).toBeGreaterThan(1);
    expect(change?.impact.map((i) => `${i.service}:${i.role}`)).toEqual(['yard:receiver']);
    // The JSON Schema of the JSON encoding also changed (a required property): not reported twice.
    expect(result.changes.every((c) => !c.rule.includes('PROPERTY'))).toBe(true);
  });

  it('a namespace change alone and a field renamed with an alias are compatible both ways they should be', async () => {
    const moved = await check(truck([]), truck([], { namespace: 'org.fleet' }), 'FULL');
    expect(moved.compatible).toBe(true);
    expect(moved.changes.map((c) => c.rule)).toContain('NAMESPACE_CHANGED');
    const renamed = await check(
      truck([{ name: 'km', type: 'int' }]),
      truck([{ name: 'kilometres', type: 'long', aliases: ['km'] }]),
    );
    expect(renamed.compatible).toBe(true);
    expect(renamed.changes.map((c) => c.rule).sort()).toEqual(['FIELD_MATCHED_BY_ALIAS', 'TYPE_PROMOTED']);
  });

  it('evc check --against <dir> exits 1 on a removed enum symbol, 0 with a default, and says why in json', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'evc-avro-check-'));
    const write = (dir: string, avsc: unknown): void => {
      for (const [file, text] of Object.entries(contracts(avsc))) {
        mkdirSync(path.dirname(path.join(root, dir, file)), { recursive: true });
        writeFileSync(path.join(root, dir, file), text);
      }
      writeFileSync(path.join(root, dir, 'evc.config.yaml'), 'compatibility: BACKWARD\n');
    };
    const status = (symbols: string[], extra: Record<string, unknown> = {}): unknown =>
      truck([{ name: 'status', type: { type: 'enum', name: 'Status', symbols, ...extra } }]);
    write('old', status(['MOVING', 'IDLE', 'LOST']));
    write('breaking', status(['MOVING', 'IDLE']));
    write('defaulted', status(['MOVING', 'IDLE'], { default: 'IDLE' }));
    const run = async (dir: string): Promise<{ code: number; out: string }> => {
      let out = '';
      const code = await main(['check', '--contracts', dir, '--against', 'old', '--format', 'json'], {
        cwd: root,
        stdout: (t) => void (out += t),
        stderr: (t) => void (out += t),
      });
      return { code, out };
    };
    const breaking = await run('breaking');
    expect(breaking.code, breaking.out).toBe(1);
    const report = JSON.parse(breaking.out) as { changes: { rule: string; message: string; breaking: boolean }[] };
    expect(report.changes.filter((c) => c.breaking).map((c) => c.rule)).toEqual(['MISSING_ENUM_SYMBOLS']);
    expect(report.changes.find((c) => c.breaking)?.message).toContain('LOST');
    const defaulted = await run('defaulted');
    expect(defaulted.code, defaulted.out).toBe(0);
    expect(defaulted.out).toContain('ENUM_SYMBOLS_READ_AS_DEFAULT');
  });

  it('evc.config.yaml works on Avro ids: accepted by id and path, switched off by family or category', async () => {
    const baseline = await loadSide(memorySource(contracts(truck([])), 'old'), 'baseline');
    const proposed = await loadSide(
      memorySource(contracts(truck([{ name: 'speed', type: 'double' }])), 'new'),
      'proposed',
    );
    const gate = (config: string) =>
      runCompatibilityGate({
        config: parseCompatibilityConfig(config, 'evc.config.yaml', ruleNames),
        baselines: [baseline.snapshot],
        current: proposed.snapshot,
        level: 'BACKWARD',
        mode: 'strict',
        today: '2026-12-07',
      }).result;
    const accepted = gate(
      [
        'check:',
        '  accept:',
        '    - rule: READER_FIELD_MISSING_DEFAULT_VALUE',
        '      message: TruckMoved',
        '      path: /fields/speed',
        '      reason: every producer fills it in since 2.4',
      ].join('\n'),
    );
    expect(accepted?.compatible).toBe(true);
    expect(accepted?.changes.find((c) => c.breaking)?.accepted?.reason).toBe('every producer fills it in since 2.4');
    for (const off of ['AVRO_READER_FIELD', 'AVRO', 'reader-field-missing-default-value']) {
      const result = gate(`rules:\n  off: [${off}]`);
      expect(result?.compatible, off).toBe(true);
      expect(
        result?.changes.some((c) => c.rule === 'READER_FIELD_MISSING_DEFAULT_VALUE'),
        off,
      ).toBe(false);
    }
  });
});
