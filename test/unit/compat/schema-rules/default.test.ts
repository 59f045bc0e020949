import { rule } from '../../../../generator/compat/schema-rules/default.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'default changed',
    old: { type: 'boolean', default: false },
    new: { type: 'boolean', default: true },
    backward: 'ok',
    forward: 'ok',
    reports: ['DEFAULT_CHANGED'],
  },
  {
    name: 'default added',
    old: { type: 'integer' },
    new: { type: 'integer', default: 1 },
    backward: 'ok',
    forward: 'ok',
    reports: ['DEFAULT_CHANGED'],
  },
  {
    name: 'default removed beside a breaking type change',
    old: { type: 'integer', default: 1 },
    new: { type: 'string' },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['DEFAULT_CHANGED'],
  },
]);
