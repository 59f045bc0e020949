// `contains`: at least one item must match. A reader may drop or widen it, never add or narrow it.

import type { JsonSchema } from '../../model/registry.js';
import type { SchemaRule } from '../schema/rule.js';
import { T_ARRAY } from '../schema/types.js';
import { describeSchema } from '../schema/values.js';

export const id = 'CONTAINS';
export const description = 'A reader may drop or widen `contains`, never add or narrow it.';

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_ARRAY,
  changes: {
    CONTAINS_ADDED: {
      breaks: 'always',
      what: (v) =>
        v.old === undefined ? `contains ${describeSchema(v.new)} added` : `contains ${describeSchema(v.old)} removed`,
      rejects: (v) => `arrays without an item matching ${describeSchema(v.reader)}`,
      hint: 'enforce it in the producer only',
    },
    CONTAINS_REMOVED: {
      breaks: 'never',
      what: (v) =>
        v.old === undefined ? `contains ${describeSchema(v.new)} added` : `contains ${describeSchema(v.old)} removed`,
    },
  },
  check(pair, ctx) {
    const w = pair.writer['contains'] as JsonSchema | undefined;
    const r = pair.reader['contains'] as JsonSchema | undefined;
    if (w === undefined && r === undefined) return [];
    if (r === undefined) return [ctx.change('CONTAINS_REMOVED', { path: ['contains'], writer: w, reader: r })];
    if (w === undefined) return [ctx.change('CONTAINS_ADDED', { path: ['contains'], writer: w, reader: r })];
    return ctx.compare(w, r, ['contains']);
  },
};
