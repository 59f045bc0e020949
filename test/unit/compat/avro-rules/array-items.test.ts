import { rule } from '../../../../generator/compat/avro-rules/array-items.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

const list = (items: unknown): Record<string, unknown> => order([{ name: 'xs', type: { type: 'array', items } }]);

avroRuleTable(rule, [
  {
    name: 'items int → long',
    old: list('int'),
    new: list('long'),
    backward: 'ok',
    forward: 'breaks',
    reports: ['TYPE_PROMOTED'],
  },
  {
    name: 'items string → int',
    old: list('string'),
    new: list('int'),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['TYPE_MISMATCH'],
  },
  {
    name: 'items widened to a union',
    old: list('string'),
    new: list(['null', 'string']),
    backward: 'ok',
    forward: 'breaks',
  },
  {
    name: 'items of arrays of arrays',
    old: list({ type: 'array', items: 'float' }),
    new: list({ type: 'array', items: 'double' }),
    backward: 'ok',
    forward: 'breaks',
  },
]);
