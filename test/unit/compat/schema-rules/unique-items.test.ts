import { rule } from '../../../../generator/compat/schema-rules/unique-items.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'removed',
    old: { type: 'array', uniqueItems: true },
    new: { type: 'array' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['UNIQUE_ITEMS_REMOVED'],
  },
  {
    name: 'added',
    old: { type: 'array' },
    new: { type: 'array', uniqueItems: true },
    backward: 'breaks',
    forward: 'ok',
    reports: ['UNIQUE_ITEMS_ADDED'],
  },
  {
    name: 'false is the same as absent',
    old: { type: 'array', uniqueItems: false },
    new: { type: 'array' },
    backward: 'ok',
    forward: 'ok',
  },
]);
