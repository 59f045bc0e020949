// A reader may allow more items matching `contains`, never fewer (maxContains).
// Confluent: MAX_CONTAINS_ADDED / _REMOVED / _INCREASED / _DECREASED.

import { boundRule } from './bound-rule.js';
import { T_ARRAY } from '../schema/types.js';

export const rule = boundRule({
  id: 'MAX_CONTAINS',
  keyword: 'maxContains',
  kind: 'upper',
  appliesToTypes: T_ARRAY,
  unit: 'matching items',
  description: 'A reader may allow more items matching `contains`, never fewer (maxContains).',
  changePrefix: 'MAX_CONTAINS',
});

export const { id, description } = rule;
