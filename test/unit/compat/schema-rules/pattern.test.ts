import { rule } from '../../../../generator/compat/schema-rules/pattern.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'pattern removed',
    old: { type: 'string', pattern: '^TRK-' },
    new: { type: 'string' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['PATTERN_REMOVED'],
  },
  {
    name: 'pattern changed',
    old: { type: 'string', pattern: '^TRK-[0-9]{4}$' },
    new: { type: 'string', pattern: '^TRK-[0-9]{5}$' },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['PATTERN_CHANGED'],
  },
  {
    name: 'pattern added',
    old: { type: 'string' },
    new: { type: 'string', pattern: '^[A-Z]{2}$' },
    backward: 'breaks',
    forward: 'ok',
    reports: ['PATTERN_ADDED'],
  },
  {
    name: 'pattern unchanged',
    old: { type: 'string', pattern: 'x' },
    new: { type: 'string', pattern: 'x', description: 'docs' },
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'pattern added that every enum value matches',
    old: { enum: ['EUR', 'USD'] },
    new: { enum: ['EUR', 'USD'], pattern: '^[A-Z]{3}$' },
    backward: 'ok',
    forward: 'ok',
  },
]);
