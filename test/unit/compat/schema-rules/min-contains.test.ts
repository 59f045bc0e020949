import { rule } from '../../../../generator/compat/schema-rules/min-contains.js';
import { ruleTable } from '../rule-table.js';

const contains = { type: 'string' };
ruleTable(rule, [
  {
    name: 'raised',
    old: { type: 'array', contains, minContains: 1 },
    new: { type: 'array', contains, minContains: 2 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MIN_CONTAINS_INCREASED'],
  },
  {
    name: 'lowered',
    old: { type: 'array', contains, minContains: 2 },
    new: { type: 'array', contains, minContains: 1 },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MIN_CONTAINS_DECREASED'],
  },
  {
    name: 'removed',
    old: { type: 'array', contains, minContains: 2 },
    new: { type: 'array', contains },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MIN_CONTAINS_REMOVED'],
  },
]);
