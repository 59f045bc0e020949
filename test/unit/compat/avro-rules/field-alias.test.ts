import { rule } from '../../../../generator/compat/avro-rules/field-alias.js';
import { avroRuleTable, order } from '../avro-rule-table.js';

avroRuleTable(rule, [
  {
    name: 'field renamed with the old name as alias',
    old: order([{ name: 'qty', type: 'int' }]),
    new: order([{ name: 'quantity', type: 'int', aliases: ['qty'] }]),
    backward: 'ok',
    forward: 'breaks',
    reports: ['FIELD_MATCHED_BY_ALIAS'],
    reportsForward: ['READER_FIELD_MISSING_DEFAULT_VALUE'],
  },
  {
    name: 'field renamed without an alias',
    old: order([{ name: 'qty', type: 'int' }]),
    new: order([{ name: 'quantity', type: 'int' }]),
    backward: 'breaks',
    forward: 'breaks',
  },
  {
    name: 'renamed with an alias and promoted',
    old: order([{ name: 'qty', type: 'int' }]),
    new: order([{ name: 'quantity', type: 'long', aliases: ['qty'] }]),
    backward: 'ok',
    forward: 'breaks',
    reports: ['FIELD_MATCHED_BY_ALIAS', 'TYPE_PROMOTED'],
  },
  {
    name: 'renamed with an alias, type changed incompatibly',
    old: order([{ name: 'qty', type: 'int' }]),
    new: order([{ name: 'quantity', type: 'string', aliases: ['qty'] }]),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['TYPE_MISMATCH'],
  },
  {
    name: 'alias naming a second writer field is ambiguous',
    old: order([
      { name: 'a', type: 'int' },
      { name: 'b', type: 'int' },
    ]),
    new: order([{ name: 'a', type: 'int', aliases: ['b'] }]),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['FIELD_ALIAS_AMBIGUOUS'],
  },
]);
