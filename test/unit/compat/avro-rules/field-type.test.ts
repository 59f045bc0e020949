import { rule } from '../../../../generator/compat/avro-rules/field-type.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

const node = (fields: unknown[]): Record<string, unknown> => ({ type: 'record', name: 'Node', fields });

avroRuleTable(rule, [
  {
    name: 'nested field promoted',
    old: order([{ name: 'total', type: { type: 'record', name: 'Money', fields: [{ name: 'units', type: 'int' }] } }]),
    new: order([{ name: 'total', type: { type: 'record', name: 'Money', fields: [{ name: 'units', type: 'long' }] } }]),
    backward: 'ok',
    forward: 'breaks',
  },
  {
    name: 'recursive record gains a defaulted field',
    old: node([{ name: 'next', type: ['null', 'Node'], default: null }]),
    new: node([
      { name: 'next', type: ['null', 'Node'], default: null },
      { name: 'weight', type: 'int', default: 0 },
    ]),
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'recursive record gains a field without default',
    old: node([{ name: 'next', type: ['null', 'Node'], default: null }]),
    new: node([
      { name: 'next', type: ['null', 'Node'], default: null },
      { name: 'weight', type: 'int' },
    ]),
    backward: 'breaks',
    forward: 'ok',
  },
  {
    name: 'a named type referenced by name twice changes once',
    old: order([
      { name: 'a', type: { type: 'record', name: 'Money', fields: [{ name: 'units', type: 'int' }] } },
      { name: 'b', type: 'Money' },
    ]),
    new: order([
      { name: 'a', type: { type: 'record', name: 'Money', fields: [{ name: 'units', type: 'string' }] } },
      { name: 'b', type: 'Money' },
    ]),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['TYPE_MISMATCH'],
  },
]);
