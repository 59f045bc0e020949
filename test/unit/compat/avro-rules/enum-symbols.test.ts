import { rule } from '../../../../generator/compat/avro-rules/enum-symbols.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

const status = (symbols: string[], extra: Record<string, unknown> = {}): Record<string, unknown> =>
  order([{ name: 'status', type: { type: 'enum', name: 'Status', symbols, ...extra } }]);

avroRuleTable(rule, [
  {
    name: 'symbol added',
    old: status(['OPEN', 'CLOSED']),
    new: status(['OPEN', 'CLOSED', 'HELD']),
    backward: 'ok',
    forward: 'breaks',
    reports: ['ENUM_SYMBOLS_ADDED'],
    reportsForward: ['MISSING_ENUM_SYMBOLS'],
  },
  {
    name: 'symbol removed',
    old: status(['OPEN', 'CLOSED']),
    new: status(['OPEN']),
    backward: 'breaks',
    forward: 'ok',
    reports: ['MISSING_ENUM_SYMBOLS'],
  },
  {
    name: 'symbol removed, the new enum has a default',
    old: status(['OPEN', 'CLOSED']),
    new: status(['OPEN', 'UNKNOWN'], { default: 'UNKNOWN' }),
    backward: 'ok',
    forward: 'breaks',
    reports: ['ENUM_SYMBOLS_READ_AS_DEFAULT'],
  },
  {
    name: 'symbol added, the old enum has a default',
    old: status(['OPEN', 'UNKNOWN'], { default: 'UNKNOWN' }),
    new: status(['OPEN', 'UNKNOWN', 'HELD'], { default: 'UNKNOWN' }),
    backward: 'ok',
    forward: 'ok',
    reportsForward: ['ENUM_SYMBOLS_READ_AS_DEFAULT'],
  },
  {
    name: 'symbols reordered',
    old: status(['OPEN', 'CLOSED']),
    new: status(['CLOSED', 'OPEN']),
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'symbol renamed',
    old: status(['OPEN', 'CLOSED']),
    new: status(['OPEN', 'DONE']),
    backward: 'breaks',
    forward: 'breaks',
  },
]);
