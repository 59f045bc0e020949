// Map values are resolved recursively with the same rules (`/values`); keys are always strings.

import type { AvroMapNode } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';

export const id = 'AVRO_MAP_VALUES';
export const description = 'Map value types are resolved recursively with the same rules.';

export const rule: AvroRule = {
  id,
  description,
  changes: {},
  applies: ({ writer, reader }) => writer.kind === 'map' && reader.kind === 'map',
  check(pair, ctx) {
    return ctx.compare((pair.writer as AvroMapNode).values, (pair.reader as AvroMapNode).values, ['values']);
  },
};
