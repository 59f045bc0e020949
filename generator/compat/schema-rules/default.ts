// `default` does not change which values validate, but consumers that fill in missing fields read
// a different value. Reported, never breaking (Confluent: DEFAULT_CHANGED, compatible).

import { deepEqual } from '../schema/graph.js';
import type { SchemaRule } from '../schema/rule.js';
import { show } from '../schema/values.js';

export const id = 'DEFAULT';
export const description = 'A changed default is reported; it never makes data invalid.';

export const rule: SchemaRule = {
  id,
  description,
  always: true,
  changes: {
    DEFAULT_CHANGED: {
      breaks: 'never',
      what: (v) =>
        v.old === undefined
          ? `default ${show(v.new)} added`
          : v.new === undefined
            ? `default ${show(v.old)} removed`
            : `default changed from ${show(v.old)} to ${show(v.new)}`,
    },
  },
  check(pair, ctx) {
    const w = pair.writer['default'];
    const r = pair.reader['default'];
    if (deepEqual(w, r)) return [];
    return [ctx.change('DEFAULT_CHANGED', { path: ['default'], writer: w, reader: r })];
  },
};
