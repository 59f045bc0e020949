import { rule } from '../../../../generator/compat/schema-rules/min-items.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'removed',
    old: { type: 'array', minItems: 1 },
    new: { type: 'array' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MIN_ITEMS_REMOVED'],
  },
  {
    name: 'raised',
    old: { type: 'array', minItems: 1 },
    new: { type: 'array', minItems: 2 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MIN_ITEMS_INCREASED'],
  },
  {
    name: 'lowered',
    old: { type: 'array', minItems: 2 },
    new: { type: 'array', minItems: 1 },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MIN_ITEMS_DECREASED'],
  },
]);
