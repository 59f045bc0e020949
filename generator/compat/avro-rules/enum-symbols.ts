// A reader enum reads every symbol it declares; a writer symbol it lacks is read as the reader
// enum's `default` when it has one (Avro 1.9+), and fails to resolve otherwise. Adding symbols is
// compatible for readers (under FORWARD, old readers then need a default).

import type { AvroEnumNode } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';
import type { SchemaDifference } from '../schema/rule.js';
import { show, showList } from '../schema/values.js';

export const id = 'AVRO_ENUM_SYMBOLS';
export const description =
  'A reader enum reads every writer symbol: it declares the symbol, or has a `default` to read unknown ones as.';

const symbols = (v: unknown): string => (Array.isArray(v) ? `[${showList(v, 8)}]` : show(v));

export const rule: AvroRule = {
  id,
  description,
  changes: {
    ENUM_SYMBOLS_ADDED: {
      breaks: 'never',
      what: (v) => `enum ${String(v.subject)} symbols ${symbols(v.old)} → ${symbols(v.new)}`,
    },
    ENUM_SYMBOLS_READ_AS_DEFAULT: {
      breaks: 'never',
      what: (v) => `enum ${String(v.subject)} symbols ${symbols(v.old)} → ${symbols(v.new)}`,
    },
    MISSING_ENUM_SYMBOLS: {
      breaks: 'always',
      what: (v) => `enum ${String(v.subject)} symbols ${symbols(v.old)} → ${symbols(v.new)}`,
      rejects: () => 'records holding symbols the reader does not declare',
      hint: 'keep the symbols, or give the enum a `default` symbol that readers use for unknown ones (before removing any)',
    },
  },
  applies: ({ writer, reader }) => writer.kind === 'enum' && reader.kind === 'enum',
  check(pair, ctx) {
    const writer = pair.writer as AvroEnumNode;
    const reader = pair.reader as AvroEnumNode;
    const missing = writer.symbols.filter((s) => !reader.symbols.includes(s));
    const added = reader.symbols.filter((s) => !writer.symbols.includes(s));
    const values = { writer: writer.symbols, reader: reader.symbols, subject: reader.name, path: ['symbols'] };
    const found: SchemaDifference[] = [];
    if (missing.length > 0) {
      const usesDefault = reader.default !== undefined && reader.symbols.includes(reader.default);
      found.push(
        usesDefault
          ? ctx.change('ENUM_SYMBOLS_READ_AS_DEFAULT', {
              ...values,
              detail: `${missing.join(', ')} read as ${reader.default ?? ''}`,
            })
          : ctx.change('MISSING_ENUM_SYMBOLS', { ...values, detail: `symbols ${missing.join(', ')}` }),
      );
    }
    if (added.length > 0)
      found.push(ctx.change('ENUM_SYMBOLS_ADDED', { ...values, detail: `added ${added.join(', ')}` }));
    return found;
  },
};
