import { rule } from '../../../../generator/compat/schema-rules/pattern-properties.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'same pattern, schema widened',
    old: { patternProperties: { '^I_': { type: 'integer' } } },
    new: { patternProperties: { '^I_': { type: 'number' } } },
    backward: 'ok',
    forward: 'breaks',
  },
  {
    name: 'pattern added over an open object',
    old: { type: 'object' },
    new: { type: 'object', patternProperties: { '^I_': { type: 'integer' } } },
    backward: 'breaks',
    forward: 'ok',
    reports: ['PATTERN_PROPERTY_ADDED'],
  },
  {
    name: 'pattern removed from a closed object',
    old: { type: 'object', additionalProperties: false, patternProperties: { '^S_': { type: 'string' } } },
    new: { type: 'object', additionalProperties: false },
    backward: 'breaks',
    forward: 'ok',
    reports: ['PATTERN_PROPERTY_REMOVED'],
  },
  {
    name: 'pattern removed, additionalProperties still accepts its values',
    old: { type: 'object', additionalProperties: { type: 'string' }, patternProperties: { '^S_': { type: 'string' } } },
    new: { type: 'object', additionalProperties: { type: 'string' } },
    backward: 'ok',
    forward: 'ok',
    reports: ['PATTERN_PROPERTY_COVERED'],
  },
]);
