// A field the writer writes but the reader does not declare is skipped when decoding: always
// compatible. Under BACKWARD that is a field the new schema removed; under FORWARD a field it added.

import { recordFields } from '../avro/resolution.js';
import { nodeLabel, type AvroRecordNode } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';

export const id = 'AVRO_WRITER_FIELD';
export const description = 'A field the writer writes but the reader does not declare is skipped by the reader.';

export const rule: AvroRule = {
  id,
  description,
  changes: {
    WRITER_FIELD_IGNORED: {
      breaks: 'never',
      what: (v) =>
        v.new === undefined
          ? `field ${String(v.subject)} removed (readers skip it in old records)`
          : `field ${String(v.subject)} added (readers on the old schema skip it)`,
    },
  },
  applies: ({ writer, reader }) => writer.kind === 'record' && reader.kind === 'record',
  check(pair, ctx) {
    return recordFields(pair.writer as AvroRecordNode, pair.reader as AvroRecordNode).writerOnly.map((field) =>
      ctx.change('WRITER_FIELD_IGNORED', {
        path: ['fields', field.name],
        subject: field.name,
        writer: nodeLabel(field.type),
        ...(field.json ? { writerNode: field.json } : {}),
      }),
    );
  },
};
