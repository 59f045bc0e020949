// Each field the reader reads from a writer field is resolved recursively with the same rules
// (`/fields/route/fields/eta`), whatever the fields' positions: Avro matches fields by name.

import { recordFields } from '../avro/resolution.js';
import type { AvroRecordNode } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';
import type { SchemaDifference } from '../schema/rule.js';

export const id = 'AVRO_FIELD_TYPE';
export const description =
  'Each field both sides share (by name or alias) is resolved recursively with the same rules.';

export const rule: AvroRule = {
  id,
  description,
  changes: {},
  applies: ({ writer, reader }) => writer.kind === 'record' && reader.kind === 'record',
  check(pair, ctx) {
    const found: SchemaDifference[] = [];
    for (const match of recordFields(pair.writer as AvroRecordNode, pair.reader as AvroRecordNode).matches)
      for (const writer of match.writers)
        found.push(...ctx.compare(writer.type, match.reader.type, ['fields', match.reader.name]));
    return found;
  },
};
