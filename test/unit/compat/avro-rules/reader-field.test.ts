import { rule } from '../../../../generator/compat/avro-rules/reader-field.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

const id = { name: 'id', type: 'string' };

avroRuleTable(rule, [
  {
    name: 'field added without a default',
    old: order([id]),
    new: order([id, { name: 'note', type: 'string' }]),
    backward: 'breaks',
    forward: 'ok',
    reports: ['READER_FIELD_MISSING_DEFAULT_VALUE'],
  },
  {
    name: 'field added with a default',
    old: order([id]),
    new: order([id, { name: 'note', type: 'string', default: '' }]),
    backward: 'ok',
    forward: 'ok',
    reports: ['READER_FIELD_DEFAULT_USED'],
  },
  {
    name: 'optional field added (null union, default null)',
    old: order([id]),
    new: order([id, { name: 'note', type: ['null', 'string'], default: null }]),
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'field without a default removed',
    old: order([id, { name: 'note', type: 'string' }]),
    new: order([id]),
    backward: 'ok',
    forward: 'breaks',
    reportsForward: ['READER_FIELD_MISSING_DEFAULT_VALUE'],
  },
  {
    name: 'field with a default removed',
    old: order([id, { name: 'note', type: 'string', default: 'x' }]),
    new: order([id]),
    backward: 'ok',
    forward: 'ok',
    reportsForward: ['READER_FIELD_DEFAULT_USED'],
  },
  {
    name: 'field added without a default in a nested record',
    old: order([{ name: 'line', type: { type: 'record', name: 'Line', fields: [id] } }]),
    new: order([{ name: 'line', type: { type: 'record', name: 'Line', fields: [id, { name: 'qty', type: 'int' }] } }]),
    backward: 'breaks',
    forward: 'ok',
    reports: ['READER_FIELD_MISSING_DEFAULT_VALUE'],
  },
  {
    name: 'field added to records inside an array, with a default',
    old: order([{ name: 'lines', type: { type: 'array', items: { type: 'record', name: 'Line', fields: [id] } } }]),
    new: order([
      {
        name: 'lines',
        type: {
          type: 'array',
          items: { type: 'record', name: 'Line', fields: [id, { name: 'qty', type: 'int', default: 1 }] },
        },
      },
    ]),
    backward: 'ok',
    forward: 'ok',
  },
]);
