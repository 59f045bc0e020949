// `uniqueItems`: a reader may stop requiring unique items, never start.

import type { SchemaRule } from '../schema/rule.js';
import { T_ARRAY } from '../schema/types.js';

export const id = 'UNIQUE_ITEMS';
export const description = 'A reader may drop uniqueItems, never add it.';

const what = (v: { new: unknown }): string => (v.new === true ? 'uniqueItems added' : 'uniqueItems removed');

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_ARRAY,
  changes: {
    UNIQUE_ITEMS_ADDED: {
      breaks: 'always',
      what,
      rejects: () => 'arrays with duplicate items',
      hint: 'deduplicate in the producer and leave uniqueItems out of the consumer contract',
    },
    UNIQUE_ITEMS_REMOVED: { breaks: 'never', what },
  },
  check(pair, ctx) {
    const w = pair.writer['uniqueItems'] === true;
    const r = pair.reader['uniqueItems'] === true;
    if (w === r) return [];
    return [
      ctx.change(r ? 'UNIQUE_ITEMS_ADDED' : 'UNIQUE_ITEMS_REMOVED', { path: ['uniqueItems'], writer: w, reader: r }),
    ];
  },
};
