import { rule } from '../../../../generator/compat/schema-rules/max-length.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'raised',
    old: { type: 'string', maxLength: 10 },
    new: { type: 'string', maxLength: 12 },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MAX_LENGTH_INCREASED'],
  },
  {
    name: 'lowered',
    old: { type: 'string', maxLength: 12 },
    new: { type: 'string', maxLength: 10 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MAX_LENGTH_DECREASED'],
  },
  {
    name: 'added',
    old: { type: 'string' },
    new: { type: 'string', maxLength: 10 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MAX_LENGTH_ADDED'],
  },
  {
    name: 'removed',
    old: { type: 'string', maxLength: 10 },
    new: { type: 'string' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MAX_LENGTH_REMOVED'],
  },
  {
    name: 'added, but every enum value fits',
    old: { enum: ['VAN', 'SEMI'] },
    new: { enum: ['VAN', 'SEMI'], maxLength: 4 },
    backward: 'ok',
    forward: 'ok',
  },
]);
