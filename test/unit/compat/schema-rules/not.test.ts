import { rule } from '../../../../generator/compat/schema-rules/not.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'not narrowed (excludes less)',
    old: { not: { type: 'number' } },
    new: { not: { type: 'integer' } },
    backward: 'ok',
    forward: 'breaks',
    reports: ['NOT_TYPE_NARROWED'],
  },
  {
    name: 'not extended (excludes more)',
    old: { not: { type: 'integer' } },
    new: { not: { type: 'number' } },
    backward: 'breaks',
    forward: 'ok',
    reports: ['NOT_TYPE_EXTENDED'],
  },
  {
    name: 'not added',
    old: { type: 'string' },
    new: { type: 'string', not: { const: '' } },
    backward: 'breaks',
    forward: 'ok',
    reports: ['NOT_ADDED'],
  },
  {
    name: 'not removed',
    old: { type: 'string', not: { const: '' } },
    new: { type: 'string' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['NOT_REMOVED'],
  },
]);
