import { rule } from '../../../../generator/compat/schema-rules/combined-type.js';
import { ruleTable } from '../rule-table.js';

const pickup = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: { kind: { const: 'pickup' }, at: { type: 'string' } },
};
const dropoff = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: { kind: { const: 'dropoff' }, at: { type: 'string' } },
};
const parcel = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: { kind: { const: 'parcel' } },
};

ruleTable(rule, [
  {
    name: 'branch added to oneOf',
    old: { oneOf: [pickup, dropoff] },
    new: { oneOf: [pickup, dropoff, parcel] },
    backward: 'ok',
    forward: 'breaks',
    reports: ['SUM_TYPE_EXTENDED'],
  },
  {
    name: 'branch removed from oneOf',
    old: { oneOf: [pickup, dropoff] },
    new: { oneOf: [pickup] },
    backward: 'breaks',
    forward: 'ok',
    reports: ['SUM_TYPE_NARROWED'],
  },
  {
    name: 'branches reordered (matched structurally, not by position)',
    old: { oneOf: [pickup, dropoff] },
    new: { oneOf: [dropoff, pickup] },
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'branch changed so that nothing matches',
    old: { oneOf: [{ type: 'string' }] },
    new: { oneOf: [{ type: 'number' }] },
    backward: 'breaks',
    forward: 'breaks',
  },
  {
    name: 'plain type to a union containing it',
    old: { type: 'string' },
    new: { anyOf: [{ type: 'number' }, { type: 'string' }] },
    backward: 'ok',
    forward: 'breaks',
    reports: ['SUM_TYPE_EXTENDED'],
  },
  {
    name: 'anyOf with two branches to oneOf',
    old: { anyOf: [{ type: 'number' }, { type: 'string' }] },
    new: { oneOf: [{ type: 'number' }, { type: 'string' }] },
    backward: 'breaks',
    forward: 'ok',
    reports: ['COMBINED_TYPE_CHANGED'],
  },
  {
    name: 'branch dropped whose values another branch accepts (Confluent: SUM_TYPE_NARROWED)',
    old: { anyOf: [{ type: 'integer' }, { type: 'number' }] },
    new: { anyOf: [{ type: 'number' }] },
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'union replaced by one schema accepting every branch',
    old: {
      anyOf: [
        { type: 'string', maxLength: 5 },
        { type: 'string', format: 'uuid' },
      ],
    },
    new: { type: 'string' },
    backward: 'ok',
    forward: 'breaks',
  },
  {
    name: 'oneOf gains a branch overlapping an existing one',
    old: { oneOf: [{ type: 'string' }, { type: 'null' }] },
    new: { oneOf: [{ type: 'string' }, { type: 'null' }, { type: 'string', format: 'uuid' }] },
    backward: 'breaks',
    forward: 'ok',
    reports: ['ONE_OF_BRANCHES_OVERLAP'],
  },
  {
    name: 'anyOf may gain an overlapping branch',
    old: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    new: { anyOf: [{ type: 'string' }, { type: 'null' }, { type: 'string', format: 'uuid' }] },
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'branch widened inside a union',
    old: { oneOf: [{ type: 'string', maxLength: 5 }, { type: 'null' }] },
    new: { oneOf: [{ type: 'null' }, { type: 'string', maxLength: 8 }] },
    backward: 'ok',
    forward: 'breaks',
  },
]);
