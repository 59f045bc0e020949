import { rule } from '../../../../generator/compat/avro-rules/fixed-size.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

const hash = (size: number, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  order([{ name: 'hash', type: { type: 'fixed', name: 'Hash', size, ...extra } }]);

avroRuleTable(rule, [
  { name: 'size unchanged', old: hash(16), new: hash(16), backward: 'ok', forward: 'ok' },
  {
    name: 'size grown',
    old: hash(16),
    new: hash(32),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['FIXED_SIZE_MISMATCH'],
  },
  {
    name: 'size shrunk',
    old: hash(32),
    new: hash(16),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['FIXED_SIZE_MISMATCH'],
  },
  {
    name: 'namespace moved, same size',
    old: hash(8),
    new: hash(8, { namespace: 'x.y' }),
    backward: 'ok',
    forward: 'ok',
  },
]);
