import { rule } from '../../../../generator/compat/schema-rules/property-added.js';
import { ruleTable } from '../rule-table.js';

const closed = (properties: object, extra: object = {}) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...extra,
});
const open = (properties: object, extra: object = {}) => ({ type: 'object', properties, ...extra });
const foo = { foo: { type: 'string' } };

ruleTable(rule, [
  {
    name: 'optional property added to a closed object',
    old: closed(foo),
    new: closed({ ...foo, bar: { type: 'number' } }),
    backward: 'ok',
    forward: 'breaks',
    reports: ['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'required property added to a closed object',
    old: closed(foo),
    new: closed({ ...foo, eta: { type: 'string' } }, { required: ['eta'] }),
    backward: 'breaks',
    forward: 'breaks',
    reports: ['REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'required property with a default added to a closed object',
    old: closed(foo),
    new: closed({ ...foo, n: { type: 'integer', default: 0 } }, { required: ['n'] }),
    backward: 'ok',
    forward: 'breaks',
    reports: ['REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'optional property added to an open object (strict)',
    old: open(foo),
    new: open({ ...foo, bar: { type: 'number' } }),
    backward: 'breaks',
    forward: 'ok',
    reports: ['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'optional property added to an open object (lenient)',
    old: open(foo),
    new: open({ ...foo, bar: { type: 'number' } }),
    backward: 'ok',
    forward: 'ok',
    mode: 'lenient',
    reports: ['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'required property added to an open object (lenient still breaks)',
    old: open(foo),
    new: open({ ...foo, bar: { type: 'number' } }, { required: ['bar'] }),
    backward: 'breaks',
    forward: 'ok',
    mode: 'lenient',
    reports: ['REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'unconstrained property added to an open object',
    old: open(foo),
    new: open({ ...foo, any: true }),
    backward: 'ok',
    forward: 'ok',
    reports: ['PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'property added that its additionalProperties schema covers',
    old: open(foo, { additionalProperties: { type: 'string' } }),
    new: open({ ...foo, bar: { type: 'string' } }, { additionalProperties: { type: 'string' } }),
    backward: 'ok',
    forward: 'ok',
    reports: ['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'property added narrower than its pattern allowed',
    old: open(foo, { additionalProperties: false, patternProperties: { '^n_': { type: 'number' } } }),
    new: open(
      { ...foo, n_1: { type: 'integer' } },
      { additionalProperties: false, patternProperties: { '^n_': { type: 'number' } } },
    ),
    backward: 'breaks',
    forward: 'ok',
    reports: ['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
]);
