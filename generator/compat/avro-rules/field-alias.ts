// A reader field reads the writer field of its own name, else the one one of its `aliases` names:
// that is how a field is renamed without breaking readers. A reader field whose name and aliases
// name two writer fields is ambiguous, and Avro refuses to resolve it.

import { recordFields } from '../avro/resolution.js';
import type { AvroRecordNode } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';
import type { SchemaDifference } from '../schema/rule.js';

export const id = 'AVRO_FIELD_ALIAS';
export const description =
  'A renamed field is read through the reader field’s aliases; one naming two writer fields is refused.';

export const rule: AvroRule = {
  id,
  description,
  changes: {
    FIELD_MATCHED_BY_ALIAS: {
      breaks: 'never',
      what: (v) => `field ${String(v.old)} renamed to ${String(v.new)} (matched through its aliases)`,
    },
    FIELD_ALIAS_AMBIGUOUS: {
      breaks: 'always',
      what: (v) => `field ${String(v.subject)} reads more than one field through its aliases`,
      rejects: (v) =>
        `records with fields ${String(v.writer)} (the reader's field ${String(v.subject)} matches each of them, and Avro refuses the ambiguity)`,
      hint: 'keep only the alias naming the field that was renamed',
    },
  },
  applies: ({ writer, reader }) => writer.kind === 'record' && reader.kind === 'record',
  check(pair, ctx) {
    const found: SchemaDifference[] = [];
    for (const match of recordFields(pair.writer as AvroRecordNode, pair.reader as AvroRecordNode).matches) {
      const field = match.reader;
      const at = {
        path: ['fields', field.name],
        subject: field.name,
        ...(field.json ? { readerNode: field.json } : {}),
      };
      if (match.writers.length > 1)
        found.push(ctx.change('FIELD_ALIAS_AMBIGUOUS', { ...at, writer: match.writers.map((w) => w.name).join(', ') }));
      else if (match.byAlias)
        found.push(ctx.change('FIELD_MATCHED_BY_ALIAS', { ...at, writer: match.writers[0]?.name, reader: field.name }));
    }
    return found;
  },
};
