// The enum `default` says which symbol a reader uses for symbols it does not know. Changing it
// breaks no reader by itself (AVRO_ENUM_SYMBOLS judges what it lets through); it is reported so a
// reviewer sees where unknown symbols will land.

import type { AvroEnumNode } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';
import { keywordChange } from '../schema/values.js';

export const id = 'AVRO_ENUM_DEFAULT';
export const description = 'A changed enum `default` is reported: it decides what readers make of unknown symbols.';

export const rule: AvroRule = {
  id,
  description,
  changes: {
    ENUM_DEFAULT_CHANGED: {
      breaks: 'never',
      what: (v) => `enum ${String(v.subject)} ${keywordChange('default', v.old, v.new)}`,
    },
  },
  applies: ({ writer, reader }) =>
    writer.kind === 'enum' && reader.kind === 'enum' && writer.default !== reader.default,
  check(pair, ctx) {
    const writer = pair.writer as AvroEnumNode;
    const reader = pair.reader as AvroEnumNode;
    return [
      ctx.change('ENUM_DEFAULT_CHANGED', {
        writer: writer.default,
        reader: reader.default,
        subject: reader.name,
        path: ['default'],
      }),
    ];
  },
};
