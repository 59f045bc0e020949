// Upper bounds of numbers: `maximum` and `exclusiveMaximum`, compared as one effective bound.

import { numericBoundRule } from './numeric-bound-rule.js';

export const rule = numericBoundRule('upper');
export const { id, description } = rule;
