import { rule } from '../../../../generator/compat/schema-rules/required.js';
import { ruleTable } from '../rule-table.js';

const props = { eta: { type: 'string' } };
ruleTable(rule, [
  {
    name: 'existing property made required',
    old: { properties: props },
    new: { properties: props, required: ['eta'] },
    backward: 'breaks',
    forward: 'ok',
    reports: ['REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    name: 'required dropped',
    old: { properties: props, required: ['eta'] },
    new: { properties: props },
    backward: 'ok',
    forward: 'breaks',
    reports: ['REQUIRED_ATTRIBUTE_REMOVED'],
  },
  {
    name: 'made required with a default',
    old: { properties: { n: { type: 'integer' } } },
    new: { properties: { n: { type: 'integer', default: 0 } }, required: ['n'] },
    backward: 'ok',
    forward: 'ok',
    reports: ['REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED'],
  },
  {
    name: 'undeclared name made required (Confluent misses it)',
    old: { properties: props, required: ['eta'] },
    new: { properties: props, required: ['bar'] },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    // ajv fills no defaults below anyOf/oneOf/not: there the default does not make it safe
    name: 'property with a default made required inside an anyOf branch',
    old: { anyOf: [{ type: 'object', properties: { a: { type: 'string', default: 'x' } } }, { type: 'string' }] },
    new: {
      anyOf: [
        { type: 'object', properties: { a: { type: 'string', default: 'x' } }, required: ['a'] },
        { type: 'string' },
      ],
    },
    backward: 'breaks',
    forward: 'ok',
  },
  {
    // ajv reads only the property schema's own default, not one inside its allOf
    name: 'property made required whose default sits inside an allOf',
    old: { type: 'object', properties: { a: { allOf: [{ type: 'string', default: 'x' }] } } },
    new: { type: 'object', properties: { a: { allOf: [{ type: 'string', default: 'x' }] } }, required: ['a'] },
    backward: 'breaks',
    forward: 'ok',
    reports: ['REQUIRED_ATTRIBUTE_ADDED'],
  },
]);
