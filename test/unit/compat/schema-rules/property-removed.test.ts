import { rule } from '../../../../generator/compat/schema-rules/property-removed.js';
import { ruleTable } from '../rule-table.js';

const foo = { foo: { type: 'string' } };
const fooBar = { foo: { type: 'string' }, bar: { type: 'string' } };

ruleTable(rule, [
  {
    name: 'removed from an open object',
    old: { properties: fooBar },
    new: { properties: foo },
    backward: 'ok',
    forward: 'breaks',
    reports: ['PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removed from a closed object',
    old: { properties: fooBar, additionalProperties: false },
    new: { properties: foo, additionalProperties: false },
    backward: 'breaks',
    forward: 'ok',
    reports: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'forbidden property removed from a closed object',
    old: { properties: { foo: false }, additionalProperties: false },
    new: { additionalProperties: false },
    backward: 'ok',
    forward: 'ok',
    reports: ['PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'removed but covered by additionalProperties',
    old: { properties: fooBar, additionalProperties: false },
    new: { properties: foo, additionalProperties: { type: 'string' } },
    backward: 'ok',
    forward: 'breaks',
    reports: ['PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removed and not covered by additionalProperties',
    old: { properties: { foo: { type: 'string' }, bar: { type: 'number' } }, additionalProperties: false },
    new: { properties: foo, additionalProperties: { type: 'string' } },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
]);
