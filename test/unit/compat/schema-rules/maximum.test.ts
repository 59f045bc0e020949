import { rule } from '../../../../generator/compat/schema-rules/maximum.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'maximum raised',
    old: { type: 'number', maximum: 10 },
    new: { type: 'number', maximum: 11 },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MAXIMUM_INCREASED'],
  },
  {
    name: 'maximum lowered',
    old: { type: 'number', maximum: 11 },
    new: { type: 'number', maximum: 10 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MAXIMUM_DECREASED'],
  },
  {
    name: 'exclusiveMaximum removed',
    old: { type: 'number', exclusiveMaximum: 100 },
    new: { type: 'number' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['EXCLUSIVE_MAXIMUM_REMOVED'],
  },
  {
    name: 'maximum made exclusive at the same value',
    old: { type: 'number', maximum: 90 },
    new: { type: 'number', exclusiveMaximum: 90 },
    backward: 'breaks',
    forward: 'ok',
  },
  {
    name: 'enum values still below the new maximum',
    old: { enum: [1, 2, 3] },
    new: { enum: [1, 2, 3], maximum: 5 },
    backward: 'ok',
    forward: 'ok',
  },
]);
