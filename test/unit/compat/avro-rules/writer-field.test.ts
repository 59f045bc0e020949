import { rule } from '../../../../generator/compat/avro-rules/writer-field.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

const id = { name: 'id', type: 'string' };

avroRuleTable(rule, [
  {
    name: 'field removed',
    old: order([id, { name: 'note', type: 'string', default: '' }]),
    new: order([id]),
    backward: 'ok',
    forward: 'ok',
    reports: ['WRITER_FIELD_IGNORED'],
  },
  {
    name: 'field added with a default (old readers skip it)',
    old: order([id]),
    new: order([id, { name: 'n', type: 'long', default: 0 }]),
    backward: 'ok',
    forward: 'ok',
    reportsForward: ['WRITER_FIELD_IGNORED'],
  },
  {
    name: 'fields reordered',
    old: order([id, { name: 'n', type: 'long' }]),
    new: order([{ name: 'n', type: 'long' }, id]),
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'a field removed and one without default added',
    old: order([id, { name: 'n', type: 'long' }]),
    new: order([id, { name: 'm', type: 'long' }]),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['WRITER_FIELD_IGNORED', 'READER_FIELD_MISSING_DEFAULT_VALUE'],
  },
]);
