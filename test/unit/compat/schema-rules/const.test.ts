import { rule } from '../../../../generator/compat/schema-rules/const.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'const changed',
    old: { const: 'RouteCalculated' },
    new: { const: 'RouteReplanned' },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['CONST_CHANGED'],
  },
  {
    name: 'const added',
    old: { type: 'string' },
    new: { type: 'string', const: 'v1' },
    backward: 'breaks',
    forward: 'ok',
    reports: ['CONST_ADDED'],
  },
  {
    name: 'const removed',
    old: { type: 'string', const: 'v1' },
    new: { type: 'string' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['CONST_REMOVED'],
  },
  {
    name: 'const equal to a single enum value',
    old: { enum: ['x'] },
    new: { const: 'x' },
    backward: 'ok',
    forward: 'ok',
  },
]);
