import { rule } from '../../../../generator/compat/schema-rules/property-names.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'propertyNames pattern added',
    old: { type: 'object' },
    new: { type: 'object', propertyNames: { pattern: '^[a-z]+$' } },
    backward: 'breaks',
    forward: 'ok',
    reports: ['PATTERN_ADDED'],
  },
  {
    name: 'propertyNames removed',
    old: { type: 'object', propertyNames: { maxLength: 8 } },
    new: { type: 'object' },
    backward: 'ok',
    forward: 'breaks',
  },
  {
    name: 'propertyNames widened',
    old: { type: 'object', propertyNames: { maxLength: 8 } },
    new: { type: 'object', propertyNames: { maxLength: 16 } },
    backward: 'ok',
    forward: 'breaks',
    reports: ['MAX_LENGTH_INCREASED'],
  },
]);
