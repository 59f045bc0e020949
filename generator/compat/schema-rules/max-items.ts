// A reader may allow more array items, never fewer (maxItems).
// Confluent: MAX_ITEMS_ADDED / _REMOVED / _INCREASED / _DECREASED.

import { boundRule } from './bound-rule.js';
import { T_ARRAY } from '../schema/types.js';

export const rule = boundRule({
  id: 'MAX_ITEMS',
  keyword: 'maxItems',
  kind: 'upper',
  appliesToTypes: T_ARRAY,
  unit: 'items',
  description: 'A reader may allow more array items, never fewer (maxItems).',
  changePrefix: 'MAX_ITEMS',
});

export const { id, description } = rule;
