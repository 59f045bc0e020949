import { rule } from '../../../../generator/compat/schema-rules/product-type.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'allOf branches reordered',
    old: { allOf: [{ enum: ['one', 'two'] }, { type: 'string' }, { maxLength: 5 }] },
    new: { allOf: [{ maxLength: 5 }, { type: 'string' }, { enum: ['one', 'two'] }] },
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'allOf gained a constraint',
    old: { allOf: [{ type: 'string' }] },
    new: { allOf: [{ type: 'string' }, { enum: ['one'] }] },
    backward: 'breaks',
    forward: 'ok',
  },
  {
    name: 'conflicting patterns kept apart',
    old: { type: 'string', pattern: '^a' },
    new: { allOf: [{ type: 'string', pattern: '^a' }, { pattern: 'b$' }] },
    backward: 'breaks',
    forward: 'ok',
  },
  {
    name: 'allOf of a base and an extension equals the merged object',
    old: { type: 'object', properties: { id: { type: 'string' }, n: { type: 'integer' } }, required: ['id'] },
    new: {
      allOf: [
        { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        { properties: { n: { type: 'integer' } } },
      ],
    },
    backward: 'ok',
    forward: 'ok',
  },
]);
