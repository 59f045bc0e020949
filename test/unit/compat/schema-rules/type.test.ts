import { rule } from '../../../../generator/compat/schema-rules/type.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  { name: 'unchanged type', old: { type: 'string' }, new: { type: 'string' }, backward: 'ok', forward: 'ok' },
  {
    name: 'integer widened to number',
    old: { type: 'integer' },
    new: { type: 'number' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['TYPE_EXTENDED'],
  },
  {
    name: 'number narrowed to integer',
    old: { type: 'number' },
    new: { type: 'integer' },
    backward: 'breaks',
    forward: 'ok',
    reports: ['TYPE_NARROWED'],
  },
  {
    name: 'integer changed to string',
    old: { type: 'integer' },
    new: { type: 'string' },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['TYPE_CHANGED'],
  },
  {
    name: 'null dropped from a type list',
    old: { type: ['string', 'null'] },
    new: { type: 'string' },
    backward: 'breaks',
    forward: 'ok',
    reports: ['TYPE_NARROWED'],
  },
  {
    name: 'type added to a type list',
    old: { type: 'string' },
    new: { type: ['string', 'null'] },
    backward: 'ok',
    forward: 'breaks',
    reports: ['TYPE_EXTENDED'],
  },
  {
    name: 'type constrained where there was none',
    old: {},
    new: { type: 'object' },
    backward: 'breaks',
    forward: 'ok',
    reports: ['TYPE_NARROWED'],
  },
  {
    name: 'integer enum re-typed as integer',
    old: { type: 'number', enum: [1, 2] },
    new: { type: 'integer', enum: [1, 2] },
    backward: 'ok',
    forward: 'ok',
  },
]);
