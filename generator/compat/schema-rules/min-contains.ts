// A reader may require fewer items matching `contains`, never more (minContains).
// Confluent: MIN_CONTAINS_ADDED / _REMOVED / _INCREASED / _DECREASED.

import { boundRule } from './bound-rule.js';
import { T_ARRAY } from '../schema/types.js';

export const rule = boundRule({
  id: 'MIN_CONTAINS',
  keyword: 'minContains',
  kind: 'lower',
  appliesToTypes: T_ARRAY,
  unit: 'matching items',
  description: 'A reader may require fewer items matching `contains`, never more (minContains).',
  changePrefix: 'MIN_CONTAINS',
});

export const { id, description } = rule;
