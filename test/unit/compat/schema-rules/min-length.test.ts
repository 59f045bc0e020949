import { rule } from '../../../../generator/compat/schema-rules/min-length.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'raised',
    old: { type: 'string', minLength: 10 },
    new: { type: 'string', minLength: 11 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MIN_LENGTH_INCREASED'],
  },
  {
    name: 'lowered',
    old: { type: 'string', minLength: 11 },
    new: { type: 'string', minLength: 10 },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MIN_LENGTH_DECREASED'],
  },
  {
    name: 'added',
    old: { type: 'string' },
    new: { type: 'string', minLength: 1 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MIN_LENGTH_ADDED'],
  },
  {
    name: 'added as 0 (no constraint)',
    old: { type: 'string' },
    new: { type: 'string', minLength: 0 },
    backward: 'ok',
    forward: 'ok',
  },
]);
