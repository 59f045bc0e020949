// A reader may allow shorter strings, never require longer ones (minLength).
// Confluent: MIN_LENGTH_ADDED / _REMOVED / _INCREASED / _DECREASED.

import { boundRule, stringLength } from './bound-rule.js';
import { T_STRING } from '../schema/types.js';

export const rule = boundRule({
  id: 'MIN_LENGTH',
  keyword: 'minLength',
  kind: 'lower',
  appliesToTypes: T_STRING,
  unit: 'characters',
  description: 'A reader may allow shorter strings, never require longer ones (minLength).',
  changePrefix: 'MIN_LENGTH',
  measure: stringLength,
});

export const { id, description } = rule;
