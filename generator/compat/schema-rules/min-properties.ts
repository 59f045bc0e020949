// A reader may require fewer properties per object, never more (minProperties).
// Confluent: MIN_PROPERTIES_ADDED / _REMOVED / _INCREASED / _DECREASED.

import { boundRule } from './bound-rule.js';
import { T_OBJECT } from '../schema/types.js';

export const rule = boundRule({
  id: 'MIN_PROPERTIES',
  keyword: 'minProperties',
  kind: 'lower',
  appliesToTypes: T_OBJECT,
  unit: 'properties',
  description: 'A reader may require fewer properties per object, never more (minProperties).',
  changePrefix: 'MIN_PROPERTIES',
});

export const { id, description } = rule;
