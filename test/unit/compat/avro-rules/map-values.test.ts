import { rule } from '../../../../generator/compat/avro-rules/map-values.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

const map = (values: unknown): Record<string, unknown> => order([{ name: 'm', type: { type: 'map', values } }]);

avroRuleTable(rule, [
  {
    name: 'values long → double',
    old: map('long'),
    new: map('double'),
    backward: 'ok',
    forward: 'breaks',
    reports: ['TYPE_PROMOTED'],
  },
  { name: 'values string → boolean', old: map('string'), new: map('boolean'), backward: 'breaks', forward: 'breaks' },
  { name: 'values string → bytes', old: map('string'), new: map('bytes'), backward: 'ok', forward: 'ok' },
  {
    name: 'values: record gains a field without default',
    old: map({ type: 'record', name: 'V', fields: [] }),
    new: map({ type: 'record', name: 'V', fields: [{ name: 'x', type: 'int' }] }),
    backward: 'breaks',
    forward: 'ok',
    reports: ['READER_FIELD_MISSING_DEFAULT_VALUE'],
  },
]);
