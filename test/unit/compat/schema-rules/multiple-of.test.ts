import { rule } from '../../../../generator/compat/schema-rules/multiple-of.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'multipleOf removed',
    old: { type: 'number', multipleOf: 10 },
    new: { type: 'number' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MULTIPLE_OF_REMOVED'],
  },
  {
    name: 'multipleOf reduced to a divisor',
    old: { type: 'number', multipleOf: 10 },
    new: { type: 'number', multipleOf: 2 },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MULTIPLE_OF_REDUCED'],
  },
  {
    name: 'multipleOf changed to a non-divisor',
    old: { type: 'number', multipleOf: 10 },
    new: { type: 'number', multipleOf: 11 },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['MULTIPLE_OF_CHANGED'],
  },
  {
    name: 'multipleOf added',
    old: { type: 'number' },
    new: { type: 'number', multipleOf: 0.01 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MULTIPLE_OF_ADDED'],
  },
  {
    name: 'multipleOf 1 added to integers',
    old: { type: 'integer' },
    new: { type: 'integer', multipleOf: 1 },
    backward: 'ok',
    forward: 'ok',
  },
]);
