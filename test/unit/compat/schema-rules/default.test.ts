import { rule } from '../../../../generator/compat/schema-rules/default.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'default changed',
    old: { type: 'boolean', default: false },
    new: { type: 'boolean', default: true },
    backward: 'ok',
    forward: 'ok',
    reports: ['DEFAULT_CHANGED'],
  },
  {
    name: 'default added',
    old: { type: 'integer' },
    new: { type: 'integer', default: 1 },
    backward: 'ok',
    forward: 'ok',
    reports: ['DEFAULT_CHANGED'],
  },
  {
    name: 'default removed beside a breaking type change',
    old: { type: 'integer', default: 1 },
    new: { type: 'string' },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['DEFAULT_CHANGED'],
  },
  {
    name: 'default changed in an object nothing counts or inspects',
    old: { type: 'object', properties: { a: { type: 'string', default: 'x' } } },
    new: { type: 'object', properties: { a: { type: 'string', default: 'y' } } },
    backward: 'ok',
    forward: 'ok',
    reports: ['DEFAULT_CHANGED'],
  },
  {
    // the new reader fills `a` in: {b, c} becomes {a, b, c}, over the limit
    name: 'default added where maxProperties counts the properties',
    old: { type: 'object', properties: { a: { type: 'string' } }, maxProperties: 2 },
    new: { type: 'object', properties: { a: { type: 'string', default: 'x' } }, maxProperties: 2 },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['DEFAULT_CHANGED_WHERE_OBSERVED'],
  },
  {
    name: 'default removed where dependentRequired looks at the property',
    old: { type: 'object', properties: { a: { type: 'string', default: 'x' } }, dependentRequired: { a: ['b'] } },
    new: { type: 'object', properties: { a: { type: 'string' } }, dependentRequired: { a: ['b'] } },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['DEFAULT_CHANGED_WHERE_OBSERVED'],
  },
  {
    name: 'default added where a `not` over the object looks at the property',
    old: { type: 'object', properties: { a: { type: 'string' } }, not: { required: ['a'] } },
    new: { type: 'object', properties: { a: { type: 'string', default: 'x' } }, not: { required: ['a'] } },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['DEFAULT_CHANGED_WHERE_OBSERVED'],
  },
  {
    name: 'default added whose name propertyNames refuses',
    old: { type: 'object', properties: { A: { type: 'string' } }, propertyNames: { pattern: '^[a-z]+$' } },
    new: {
      type: 'object',
      properties: { A: { type: 'string', default: 'x' } },
      propertyNames: { pattern: '^[a-z]+$' },
    },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['DEFAULT_CHANGED_WHERE_OBSERVED'],
  },
  {
    // old records relied on the old reader filling `a` in; the new one requires it without filling it
    name: 'default removed from a required property',
    old: { type: 'object', properties: { a: { type: 'string', default: 'x' } }, required: ['a'] },
    new: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
    backward: 'breaks',
    forward: 'ok',
    reports: ['DEFAULT_CHANGED_WHERE_OBSERVED'],
  },
  {
    name: 'default added that the property schema itself rejects',
    old: { type: 'object', properties: { a: { type: 'integer' } } },
    new: { type: 'object', properties: { a: { type: 'integer', default: 'x' } } },
    backward: 'breaks',
    forward: 'ok',
    reports: ['DEFAULT_CHANGED_WHERE_OBSERVED'],
  },
  {
    name: 'default added from an allOf branch to a model that is closed without it',
    old: { type: 'object', additionalProperties: false, allOf: [{ properties: { a: { type: 'string' } } }] },
    new: {
      type: 'object',
      additionalProperties: false,
      allOf: [{ properties: { a: { type: 'string', default: 'x' } } }],
    },
    backward: 'breaks',
    forward: 'breaks',
  },
  {
    // a tuple's missing position is filled in: [5] becomes [5, 0], over maxItems
    name: 'tuple default added where maxItems counts the items',
    old: { type: 'array', items: [{ type: 'integer' }, { type: 'integer' }], maxItems: 1 },
    new: { type: 'array', items: [{ type: 'integer' }, { type: 'integer', default: 0 }], maxItems: 1 },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['DEFAULT_CHANGED_WHERE_OBSERVED'],
  },
  {
    // uniqueItems runs after items filled `a` in: [{}, {a: 1}] becomes two equal items
    name: 'default added inside the items of an array with uniqueItems',
    old: { type: 'array', items: { type: 'object', properties: { a: { type: 'integer' } } }, uniqueItems: true },
    new: {
      type: 'array',
      items: { type: 'object', properties: { a: { type: 'integer', default: 1 } } },
      uniqueItems: true,
    },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['DEFAULT_CHANGED_WHERE_OBSERVED'],
  },
]);
