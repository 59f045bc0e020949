import { rule } from '../../../../generator/compat/schema-rules/property-schema.js';
import { ruleTable } from '../rule-table.js';

const route = (eta: object) => ({ type: 'object', properties: { route: { type: 'object', properties: { eta } } } });

ruleTable(rule, [
  {
    name: 'nested property type changed',
    old: route({ type: 'string' }),
    new: route({ type: 'integer' }),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['TYPE_CHANGED'],
  },
  {
    name: 'nested property widened',
    old: route({ type: 'integer' }),
    new: route({ type: 'number' }),
    backward: 'ok',
    forward: 'breaks',
    reports: ['TYPE_EXTENDED'],
  },
  {
    name: 'nested property only re-described',
    old: route({ type: 'string', description: 'a' }),
    new: route({ type: 'string', description: 'b', title: 'Eta' }),
    backward: 'ok',
    forward: 'ok',
  },
  {
    name: 'declared property now also under a narrower pattern',
    old: { properties: { n_1: { type: 'number' } } },
    new: { properties: { n_1: { type: 'number' } }, patternProperties: { '^n_': { type: 'integer' } } },
    backward: 'breaks',
    forward: 'ok',
  },
]);
