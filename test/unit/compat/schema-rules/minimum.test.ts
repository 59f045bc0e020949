import { rule } from '../../../../generator/compat/schema-rules/minimum.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'minimum raised',
    old: { type: 'number', minimum: 10 },
    new: { type: 'number', minimum: 11 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['MINIMUM_INCREASED'],
  },
  {
    name: 'minimum lowered',
    old: { type: 'number', minimum: 11 },
    new: { type: 'number', minimum: 10 },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MINIMUM_DECREASED'],
  },
  {
    name: 'minimum removed',
    old: { type: 'number', minimum: 10 },
    new: { type: 'number' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MINIMUM_REMOVED'],
  },
  {
    name: 'exclusiveMinimum added',
    old: { type: 'number' },
    new: { type: 'number', exclusiveMinimum: 0 },
    backward: 'breaks',
    forward: 'ok',
    reports: ['EXCLUSIVE_MINIMUM_ADDED'],
  },
  {
    name: 'inclusive 0 to exclusive -1: a wider bound',
    old: { type: 'number', minimum: 0 },
    new: { type: 'number', exclusiveMinimum: -1 },
    backward: 'ok',
    forward: 'breaks',
  },
  {
    name: 'integers: minimum 1 equals exclusiveMinimum 0',
    old: { type: 'integer', minimum: 1 },
    new: { type: 'integer', exclusiveMinimum: 0 },
    backward: 'ok',
    forward: 'ok',
  },
]);
