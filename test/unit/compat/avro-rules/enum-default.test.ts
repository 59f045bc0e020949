import { rule } from '../../../../generator/compat/avro-rules/enum-default.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

const status = (symbols: string[], extra: Record<string, unknown> = {}): Record<string, unknown> =>
  order([{ name: 'status', type: { type: 'enum', name: 'Status', symbols, ...extra } }]);

avroRuleTable(rule, [
  {
    name: 'default added',
    old: status(['OPEN', 'UNKNOWN']),
    new: status(['OPEN', 'UNKNOWN'], { default: 'UNKNOWN' }),
    backward: 'ok',
    forward: 'ok',
    reports: ['ENUM_DEFAULT_CHANGED'],
  },
  {
    name: 'default changed',
    old: status(['OPEN', 'UNKNOWN'], { default: 'UNKNOWN' }),
    new: status(['OPEN', 'UNKNOWN'], { default: 'OPEN' }),
    backward: 'ok',
    forward: 'ok',
    reports: ['ENUM_DEFAULT_CHANGED'],
  },
  {
    name: 'default removed while a symbol is added: old readers cannot read it',
    old: status(['OPEN', 'UNKNOWN'], { default: 'UNKNOWN' }),
    new: status(['OPEN', 'UNKNOWN', 'HELD']),
    backward: 'ok',
    forward: 'ok',
    reports: ['ENUM_DEFAULT_CHANGED'],
    reportsForward: ['ENUM_SYMBOLS_READ_AS_DEFAULT'],
  },
  {
    name: 'default added in the same change that removes a symbol',
    old: status(['OPEN', 'CLOSED', 'UNKNOWN']),
    new: status(['OPEN', 'UNKNOWN'], { default: 'UNKNOWN' }),
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'default removed, symbols removed',
    old: status(['OPEN', 'CLOSED', 'UNKNOWN'], { default: 'UNKNOWN' }),
    new: status(['OPEN']),
    backward: 'breaks',
    forward: 'ok',
  },
]);
