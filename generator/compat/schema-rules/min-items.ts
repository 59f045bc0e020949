// A reader may require fewer array items, never more (minItems).
// Confluent: MIN_ITEMS_ADDED / _REMOVED / _INCREASED / _DECREASED.

import { boundRule } from './bound-rule.js';
import { T_ARRAY } from '../schema/types.js';

export const rule = boundRule({
  id: 'MIN_ITEMS',
  keyword: 'minItems',
  kind: 'lower',
  appliesToTypes: T_ARRAY,
  unit: 'items',
  description: 'A reader may require fewer array items, never more (minItems).',
  changePrefix: 'MIN_ITEMS',
});

export const { id, description } = rule;
