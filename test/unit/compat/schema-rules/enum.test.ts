import { rule } from '../../../../generator/compat/schema-rules/enum.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'value added',
    old: { type: 'string', enum: ['VAN', 'TRUCK'] },
    new: { type: 'string', enum: ['VAN', 'TRUCK', 'BIKE'] },
    backward: 'ok',
    forward: 'breaks',
    reports: ['ENUM_ARRAY_EXTENDED'],
  },
  {
    name: 'value removed',
    old: { type: 'string', enum: ['VAN', 'TRUCK'] },
    new: { type: 'string', enum: ['VAN'] },
    backward: 'breaks',
    forward: 'ok',
    reports: ['ENUM_ARRAY_NARROWED'],
  },
  {
    name: 'value replaced',
    old: { type: 'string', enum: ['red'] },
    new: { type: 'string', enum: ['blue'] },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['ENUM_ARRAY_CHANGED'],
  },
  {
    name: 'enum removed entirely',
    old: { type: 'string', enum: ['red'] },
    new: { type: 'string' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['ENUM_ARRAY_EXTENDED'],
  },
  {
    name: 'enum added to a free string',
    old: { type: 'string' },
    new: { type: 'string', enum: ['a', 'b'] },
    backward: 'breaks',
    forward: 'ok',
    reports: ['ENUM_ARRAY_NARROWED'],
  },
  {
    name: 'values reordered',
    old: { enum: ['a', 'b', 'c'] },
    new: { enum: ['c', 'a', 'b'] },
    backward: 'ok',
    forward: 'ok',
  },
]);
