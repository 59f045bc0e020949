import { rule } from '../../../../generator/compat/avro-rules/union.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

const note = (type: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  order([{ name: 'note', type, ...extra }]);
const money = (fields: unknown[]): Record<string, unknown> => ({ type: 'record', name: 'Money', fields });

avroRuleTable(rule, [
  {
    name: 'string widened to [null, string]',
    old: note('string'),
    new: note(['null', 'string']),
    backward: 'ok',
    forward: 'breaks',
    reports: ['TYPE_WIDENED_TO_UNION'],
    reportsForward: ['MISSING_UNION_BRANCH'],
  },
  {
    name: '[null, string] narrowed to string',
    old: note(['null', 'string']),
    new: note('string'),
    backward: 'breaks',
    forward: 'ok',
    reports: ['MISSING_UNION_BRANCH'],
  },
  {
    name: 'branch added',
    old: note(['null', 'string']),
    new: note(['null', 'string', 'long']),
    backward: 'ok',
    forward: 'breaks',
    reports: ['UNION_BRANCH_ADDED'],
  },
  {
    name: 'branches reordered',
    old: note(['null', 'string']),
    new: note(['string', 'null']),
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'branch promoted inside the union',
    old: note(['null', 'int']),
    new: note(['null', 'long']),
    backward: 'ok',
    forward: 'breaks',
  },
  {
    name: 'int read by a union of long and string (promotion into a branch)',
    old: note('int'),
    new: note(['string', 'long']),
    backward: 'ok',
    forward: 'breaks',
  },
  {
    name: 'single-branch union to its type',
    old: note(['int']),
    new: note('long'),
    backward: 'ok',
    forward: 'breaks',
  },
  {
    name: 'record in a union gains a field without default',
    old: note(['null', money([{ name: 'units', type: 'long' }])]),
    new: note([
      'null',
      money([
        { name: 'units', type: 'long' },
        { name: 'currency', type: 'string' },
      ]),
    ]),
    backward: 'breaks',
    forward: 'ok',
    reports: ['READER_FIELD_MISSING_DEFAULT_VALUE'],
  },
  {
    name: 'union replaced by another type',
    old: note(['null', 'string']),
    new: note(['null', 'boolean']),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['MISSING_UNION_BRANCH'],
  },
]);
