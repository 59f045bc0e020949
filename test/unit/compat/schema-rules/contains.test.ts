import { rule } from '../../../../generator/compat/schema-rules/contains.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'added',
    old: { type: 'array' },
    new: { type: 'array', contains: { const: 'x' } },
    backward: 'breaks',
    forward: 'ok',
    reports: ['CONTAINS_ADDED'],
  },
  {
    name: 'removed',
    old: { type: 'array', contains: { const: 'x' } },
    new: { type: 'array' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['CONTAINS_REMOVED'],
  },
  {
    name: 'widened',
    old: { type: 'array', contains: { type: 'integer' } },
    new: { type: 'array', contains: { type: 'number' } },
    backward: 'ok',
    forward: 'breaks',
  },
]);
