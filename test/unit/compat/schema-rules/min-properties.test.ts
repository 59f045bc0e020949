import { rule } from '../../../../generator/compat/schema-rules/min-properties.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'removed',
    old: { type: 'object', minProperties: 2 },
    new: { type: 'object' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MIN_PROPERTIES_REMOVED'],
  },
  {
    name: 'raised',
    old: { type: 'object', minProperties: 1 },
    new: { type: 'object', minProperties: 2 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MIN_PROPERTIES_INCREASED'],
  },
  {
    name: 'lowered',
    old: { type: 'object', minProperties: 2 },
    new: { type: 'object', minProperties: 1 },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MIN_PROPERTIES_DECREASED'],
  },
]);
