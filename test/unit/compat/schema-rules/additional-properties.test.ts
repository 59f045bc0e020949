import { rule } from '../../../../generator/compat/schema-rules/additional-properties.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'object opened',
    old: { properties: {}, additionalProperties: false },
    new: { properties: {} },
    backward: 'ok',
    forward: 'breaks',
    reports: ['ADDITIONAL_PROPERTIES_ADDED'],
  },
  {
    name: 'object closed (strict)',
    old: { additionalProperties: true },
    new: { additionalProperties: false },
    backward: 'breaks',
    forward: 'ok',
    reports: ['ADDITIONAL_PROPERTIES_REMOVED'],
  },
  {
    name: 'object closed (lenient)',
    old: { additionalProperties: true },
    new: { additionalProperties: false },
    backward: 'ok',
    forward: 'ok',
    mode: 'lenient',
    reports: ['ADDITIONAL_PROPERTIES_REMOVED'],
  },
  {
    name: 'additional properties narrowed to numbers',
    old: { additionalProperties: true },
    new: { additionalProperties: { type: 'number' } },
    backward: 'breaks',
    forward: 'ok',
    reports: ['ADDITIONAL_PROPERTIES_NARROWED'],
  },
  {
    name: 'additional properties schema changed type',
    old: { additionalProperties: { type: 'string' } },
    new: { additionalProperties: { type: 'number' } },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['TYPE_CHANGED'],
  },
]);
