// Array items are resolved recursively with the same rules (`/items`).

import type { AvroArrayNode } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';

export const id = 'AVRO_ARRAY_ITEMS';
export const description = 'Array item types are resolved recursively with the same rules.';

export const rule: AvroRule = {
  id,
  description,
  changes: {},
  applies: ({ writer, reader }) => writer.kind === 'array' && reader.kind === 'array',
  check(pair, ctx) {
    return ctx.compare((pair.writer as AvroArrayNode).items, (pair.reader as AvroArrayNode).items, ['items']);
  },
};
