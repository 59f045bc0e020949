// Lower bounds of numbers: `minimum` and `exclusiveMinimum`, compared as one effective bound
// (integer writers compare as integers, so minimum 1 and exclusiveMinimum 0 are the same bound).

import { numericBoundRule } from './numeric-bound-rule.js';

export const rule = numericBoundRule('lower');
export const { id, description } = rule;
