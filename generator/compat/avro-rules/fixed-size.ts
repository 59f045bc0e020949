// A fixed type is read byte for byte: the reader's size must be the writer's.

import type { AvroFixedNode } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';

export const id = 'AVRO_FIXED_SIZE';
export const description = 'A fixed type keeps its size: a reader reads exactly the bytes the writer wrote.';

export const rule: AvroRule = {
  id,
  description,
  changes: {
    FIXED_SIZE_MISMATCH: {
      breaks: 'always',
      what: (v) => `fixed ${String(v.subject)} size ${String(v.old)} → ${String(v.new)}`,
      rejects: (v) => `${String(v.writer)}-byte values (the reader reads ${String(v.reader)} bytes)`,
      hint: 'add a new fixed type (or bytes) under a new field instead of resizing one',
    },
  },
  applies: ({ writer, reader }) => writer.kind === 'fixed' && reader.kind === 'fixed' && writer.size !== reader.size,
  check(pair, ctx) {
    const writer = pair.writer as AvroFixedNode;
    const reader = pair.reader as AvroFixedNode;
    return [
      ctx.change('FIXED_SIZE_MISMATCH', {
        writer: writer.size,
        reader: reader.size,
        subject: reader.name,
        path: ['size'],
      }),
    ];
  },
};
