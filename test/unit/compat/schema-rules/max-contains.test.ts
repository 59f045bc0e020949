import { rule } from '../../../../generator/compat/schema-rules/max-contains.js';
import { ruleTable } from '../rule-table.js';

const contains = { type: 'string' };
ruleTable(rule, [
  {
    name: 'raised',
    old: { type: 'array', contains, maxContains: 2 },
    new: { type: 'array', contains, maxContains: 3 },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MAX_CONTAINS_INCREASED'],
  },
  {
    name: 'lowered',
    old: { type: 'array', contains, maxContains: 3 },
    new: { type: 'array', contains, maxContains: 2 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MAX_CONTAINS_DECREASED'],
  },
  {
    name: 'added',
    old: { type: 'array', contains },
    new: { type: 'array', contains, maxContains: 2 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MAX_CONTAINS_ADDED'],
  },
]);
