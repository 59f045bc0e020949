import { rule } from '../../../../generator/compat/schema-rules/unknown-keyword.js';
import { ruleTable } from '../rule-table.js';

const conditional = (then: object) => ({
  type: 'object',
  properties: { kind: { type: 'string' } },
  if: { properties: { kind: { const: 'a' } } },
  then,
});
ruleTable(rule, [
  {
    name: 'if/then changed',
    old: conditional({ required: ['x'] }),
    new: conditional({ required: ['y'] }),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['UNKNOWN_KEYWORD'],
  },
  {
    name: 'schema with an unchanged if/then is otherwise changed',
    old: conditional({ required: ['x'] }),
    new: { ...conditional({ required: ['x'] }), maxProperties: 9 },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['UNKNOWN_KEYWORD'],
  },
  {
    name: 'typo keyword added',
    old: { type: 'string' },
    new: { type: 'string', maxLenght: 5 },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['UNKNOWN_KEYWORD'],
  },
  {
    name: 'identical schema using if/then',
    old: conditional({ required: ['x'] }),
    new: conditional({ required: ['x'] }),
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'x- extensions are not keywords',
    old: { type: 'string', 'x-owner': 'a' },
    new: { type: 'string', 'x-owner': 'b' },
    backward: 'ok',
    forward: 'ok',
  },
]);
