// A reader may allow more properties per object, never fewer (maxProperties).
// Confluent: MAX_PROPERTIES_ADDED / _REMOVED / _INCREASED / _DECREASED.

import { boundRule } from './bound-rule.js';
import { T_OBJECT } from '../schema/types.js';

export const rule = boundRule({
  id: 'MAX_PROPERTIES',
  keyword: 'maxProperties',
  kind: 'upper',
  appliesToTypes: T_OBJECT,
  unit: 'properties',
  description: 'A reader may allow more properties per object, never fewer (maxProperties).',
  changePrefix: 'MAX_PROPERTIES',
});

export const { id, description } = rule;
