import { rule } from '../../../../generator/compat/schema-rules/dependencies.js';
import { ruleTable } from '../rule-table.js';

const props = { foo: { type: 'number' }, bar: { type: 'string' } };
ruleTable(rule, [
  {
    name: 'dependency arrays swapped',
    old: { properties: props, dependencies: { foo: ['bar'] } },
    new: { properties: props, dependencies: { bar: ['foo'] } },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['DEPENDENCY_ARRAY_ADDED', 'DEPENDENCY_ARRAY_REMOVED'],
  },
  {
    name: 'dependent schema removed',
    old: { dependencies: { foo: { type: 'string' }, bar: { type: 'string' } } },
    new: { dependencies: { foo: { type: 'string' } } },
    backward: 'ok',
    forward: 'breaks',
    reports: ['DEPENDENCY_SCHEMA_REMOVED'],
  },
  {
    name: 'dependentRequired narrowed',
    old: { dependentRequired: { foo: ['bar', 'baz'] } },
    new: { dependentRequired: { foo: ['bar'] } },
    backward: 'ok',
    forward: 'breaks',
    reports: ['DEPENDENCY_ARRAY_NARROWED'],
  },
  {
    name: 'dependentRequired extended',
    old: { dependentRequired: { foo: ['bar'] } },
    new: { dependentRequired: { foo: ['bar', 'baz'] } },
    backward: 'breaks',
    forward: 'ok',
    reports: ['DEPENDENCY_ARRAY_EXTENDED'],
  },
]);
