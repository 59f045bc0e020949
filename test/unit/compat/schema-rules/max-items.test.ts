import { rule } from '../../../../generator/compat/schema-rules/max-items.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'lowered',
    old: { type: 'array', maxItems: 2 },
    new: { type: 'array', maxItems: 1 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MAX_ITEMS_DECREASED'],
  },
  {
    name: 'raised',
    old: { type: 'array', maxItems: 40 },
    new: { type: 'array', maxItems: 50 },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MAX_ITEMS_INCREASED'],
  },
  {
    name: 'added',
    old: { type: 'array' },
    new: { type: 'array', maxItems: 50 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MAX_ITEMS_ADDED'],
  },
]);
