import { rule } from '../../../../generator/compat/schema-rules/max-properties.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'removed',
    old: { type: 'object', maxProperties: 1 },
    new: { type: 'object' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MAX_PROPERTIES_REMOVED'],
  },
  {
    name: 'raised',
    old: { type: 'object', maxProperties: 1 },
    new: { type: 'object', maxProperties: 2 },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MAX_PROPERTIES_INCREASED'],
  },
  {
    name: 'lowered',
    old: { type: 'object', maxProperties: 2 },
    new: { type: 'object', maxProperties: 1 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MAX_PROPERTIES_DECREASED'],
  },
]);
