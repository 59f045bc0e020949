// A reader may allow longer strings, never shorter ones (maxLength).
// Confluent: MAX_LENGTH_ADDED / _REMOVED / _INCREASED / _DECREASED.

import { boundRule, stringLength } from './bound-rule.js';
import { T_STRING } from '../schema/types.js';

export const rule = boundRule({
  id: 'MAX_LENGTH',
  keyword: 'maxLength',
  kind: 'upper',
  appliesToTypes: T_STRING,
  unit: 'characters',
  description: 'A reader may allow longer strings, never shorter ones (maxLength).',
  changePrefix: 'MAX_LENGTH',
  measure: stringLength,
});

export const { id, description } = rule;
