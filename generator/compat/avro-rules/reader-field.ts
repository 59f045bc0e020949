// A reader field the writer does not write (no field of that name, nor of one of its aliases) is
// filled in from the reader field's `default`; without a default the record cannot be read. Under
// BACKWARD that is a field added to the new schema; under FORWARD a field the new schema dropped
// that the old one declares without a default.

import { recordFields } from '../avro/resolution.js';
import type { AvroRecordNode } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';
import type { SchemaDifference } from '../schema/rule.js';
import { show } from '../schema/values.js';

export const id = 'AVRO_READER_FIELD';
export const description = 'A field the reader declares but the writer does not write needs a default.';

export const rule: AvroRule = {
  id,
  description,
  changes: {
    READER_FIELD_MISSING_DEFAULT_VALUE: {
      breaks: 'always',
      what: (v) =>
        v.old === undefined
          ? `field ${String(v.subject)} added without a default`
          : `field ${String(v.subject)} removed, and the old schema declares it without a default`,
      rejects: (v) => `records without field ${String(v.subject)} (the reader has no default to fill it in)`,
      hint: 'give the field a `default` (for an optional field, a ["null", …] union with default null)',
    },
    READER_FIELD_DEFAULT_USED: {
      breaks: 'never',
      what: (v) =>
        v.old === undefined
          ? `field ${String(v.subject)} added with default ${show(v.new)}`
          : `field ${String(v.subject)} removed (readers on the old schema use its default ${show(v.old)})`,
    },
  },
  applies: ({ writer, reader }) => writer.kind === 'record' && reader.kind === 'record',
  check(pair, ctx) {
    const found: SchemaDifference[] = [];
    for (const match of recordFields(pair.writer as AvroRecordNode, pair.reader as AvroRecordNode).matches) {
      if (match.writers.length > 0) continue;
      const field = match.reader;
      const at = {
        path: ['fields', field.name],
        subject: field.name,
        ...(field.json ? { readerNode: field.json } : {}),
      };
      found.push(
        field.hasDefault
          ? ctx.change('READER_FIELD_DEFAULT_USED', { ...at, reader: field.default })
          : ctx.change('READER_FIELD_MISSING_DEFAULT_VALUE', { ...at, reader: null }),
      );
    }
    return found;
  },
};
