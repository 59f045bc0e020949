import { rule } from '../../../../generator/compat/schema-rules/items.js';
import { ruleTable } from '../rule-table.js';

ruleTable(rule, [
  {
    name: 'items schema added',
    old: { type: 'array' },
    new: { type: 'array', items: { type: 'string' } },
    backward: 'breaks',
    forward: 'ok',
    reports: ['SCHEMA_ADDED'],
  },
  {
    name: 'items schema removed',
    old: { type: 'array', items: { type: 'string' } },
    new: { type: 'array' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['SCHEMA_REMOVED'],
  },
  {
    name: 'item type changed',
    old: { type: 'array', items: { type: 'string' } },
    new: { type: 'array', items: { type: 'number' } },
    backward: 'breaks',
    forward: 'breaks',
  },
  {
    name: 'tuple item added to a closed tuple',
    old: { type: 'array', items: [{ type: 'string' }], additionalItems: false },
    new: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false },
    backward: 'ok',
    forward: 'breaks',
    reports: ['ITEM_ADDED_TO_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'tuple item added, not covered by additionalItems',
    old: { type: 'array', items: [{ type: 'string' }], additionalItems: { type: 'string' } },
    new: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: { type: 'string' } },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'tuple items removed from an open tuple',
    old: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] },
    new: { type: 'array' },
    backward: 'ok',
    forward: 'breaks',
    reports: ['ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL'],
  },
  {
    // The generated validators (draft-07 + 2019-09) do not enforce prefixItems: cannot judge.
    name: 'prefixItems (2020-12) changed: cannot judge',
    old: { type: 'array', prefixItems: [{ type: 'integer' }] },
    new: { type: 'array', prefixItems: [{ type: 'number' }] },
    backward: 'breaks',
    forward: 'breaks',
    reports: ['UNKNOWN_KEYWORD'],
  },
  {
    name: 'additional items closed',
    old: { type: 'array', items: [{ type: 'string' }], additionalItems: true },
    new: { type: 'array', items: [{ type: 'string' }], additionalItems: false },
    backward: 'breaks',
    forward: 'ok',
    reports: ['ADDITIONAL_ITEMS_REMOVED'],
  },
]);
