import { describe, expect, it } from 'vitest';
import { checkAvroCompatibility } from '../../../../generator/compat/avro/check.js';
import { rule } from '../../../../generator/compat/avro-rules/logical-type.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

const at = (type: unknown): Record<string, unknown> => order([{ name: 'at', type }]);

avroRuleTable(rule, [
  {
    name: 'timestamp-millis → timestamp-micros: passes, with a warning',
    old: at({ type: 'long', logicalType: 'timestamp-millis' }),
    new: at({ type: 'long', logicalType: 'timestamp-micros' }),
    backward: 'ok',
    forward: 'ok',
    reports: ['LOGICAL_TYPE_CHANGED'],
  },
  {
    name: 'logical type added to a plain long',
    old: at('long'),
    new: at({ type: 'long', logicalType: 'timestamp-millis' }),
    backward: 'ok',
    forward: 'ok',
    reports: ['LOGICAL_TYPE_CHANGED'],
  },
  {
    name: 'decimal scale changed',
    old: at({ type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 }),
    new: at({ type: 'bytes', logicalType: 'decimal', precision: 10, scale: 4 }),
    backward: 'ok',
    forward: 'ok',
    reports: ['LOGICAL_TYPE_CHANGED'],
  },
  {
    name: 'date (int) → timestamp-millis (long): promoted, and a warning',
    old: at({ type: 'int', logicalType: 'date' }),
    new: at({ type: 'long', logicalType: 'timestamp-millis' }),
    backward: 'ok',
    forward: 'breaks',
    reports: ['LOGICAL_TYPE_CHANGED', 'TYPE_PROMOTED'],
  },
  {
    name: 'timestamp-millis long → string: a type mismatch, not a warning',
    old: at({ type: 'long', logicalType: 'timestamp-millis' }),
    new: at('string'),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['TYPE_MISMATCH'],
  },
]);

describe('LOGICAL_TYPE_CHANGED is a warning', () => {
  it('is declared as one and reported once under FULL', () => {
    expect(rule.changes['LOGICAL_TYPE_CHANGED']?.warns).toBe(true);
    const result = checkAvroCompatibility(
      { type: 'long', logicalType: 'timestamp-millis' },
      { type: 'long', logicalType: 'timestamp-micros' },
      'FULL',
    );
    expect(result.findings.map((f) => f.id)).toEqual(['LOGICAL_TYPE_CHANGED']);
  });
});
