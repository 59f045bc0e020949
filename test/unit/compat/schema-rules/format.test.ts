import { rule } from '../../../../generator/compat/schema-rules/format.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'format added',
    old: { type: 'string' },
    new: { type: 'string', format: 'uuid' },
    backward: 'breaks',
    forward: 'ok',
    reports: ['FORMAT_ADDED'],
  },
  {
    name: 'format removed',
    old: { type: 'string', format: 'date-time' },
    new: { type: 'string' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['FORMAT_REMOVED'],
  },
  {
    name: 'format changed',
    old: { type: 'string', format: 'date-time' },
    new: { type: 'string', format: 'date' },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['FORMAT_CHANGED'],
  },
]);
