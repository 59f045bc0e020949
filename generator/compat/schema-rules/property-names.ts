// `propertyNames`: a schema every property name must match; compared like any string schema.

import type { JsonSchema } from '../../model/registry.js';
import type { SchemaRule } from '../schema/rule.js';
import { T_OBJECT } from '../schema/types.js';

export const id = 'PROPERTY_NAMES';
export const description =
  'Property name constraints are compared like string schemas (the reader may accept more names).';

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_OBJECT,
  changes: {},
  check(pair, ctx) {
    const w = pair.writer['propertyNames'] as JsonSchema | undefined;
    const r = pair.reader['propertyNames'] as JsonSchema | undefined;
    if (w === undefined && r === undefined) return [];
    return ctx.compare(w === undefined ? { type: 'string' } : w, r, ['propertyNames']);
  },
};
