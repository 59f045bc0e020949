// Values listed in `enum`: a reader may list more values than the writer, never fewer. A writer
// with a finite set of values (enum or const) is compatible exactly when each value is still listed.

import { deepEqual } from '../schema/graph.js';
import type { SchemaRule } from '../schema/rule.js';
import { show, showList } from '../schema/values.js';

export const id = 'ENUM';
export const description = 'A reader may add enum values, never remove them (removing the whole enum is fine).';

export const rule: SchemaRule = {
  id,
  description,
  changes: {
    ENUM_ARRAY_EXTENDED: {
      breaks: 'never',
      what: (v) => enumChange(v.old, v.new),
    },
    ENUM_ARRAY_NARROWED: {
      breaks: 'always',
      what: (v) => enumChange(v.old, v.new),
      rejects: (v) => (v.subject ? `records with ${v.subject}` : `values other than ${show(v.reader)}`),
      hint: 'keep every enum value the producers may still send; deprecate a value in its description and stop producing it first, then remove it in a later release once no old records remain',
    },
    ENUM_ARRAY_CHANGED: {
      breaks: 'always',
      what: (v) => enumChange(v.old, v.new),
      rejects: (v) => `records with ${v.subject ?? show(v.writer)}`,
      hint: 'add the new values next to the old ones instead of replacing them',
    },
  },
  check(pair, ctx) {
    const readerEnum = pair.reader['enum'];
    const writerEnum = pair.writer['enum'];
    if (!Array.isArray(readerEnum)) {
      return Array.isArray(writerEnum)
        ? [ctx.change('ENUM_ARRAY_EXTENDED', { path: ['enum'], writer: writerEnum, reader: undefined })]
        : [];
    }
    const values = pair.writerValues;
    if (!values) return [ctx.change('ENUM_ARRAY_NARROWED', { path: ['enum'], writer: writerEnum, reader: readerEnum })];
    const rejected = values.filter((v) => !readerEnum.some((r) => deepEqual(r, v)));
    if (rejected.length === 0) {
      const added = readerEnum.filter((r) => !values.some((v) => deepEqual(r, v)));
      if (added.length === 0 || !Array.isArray(writerEnum)) return [];
      return [
        ctx.change('ENUM_ARRAY_EXTENDED', {
          path: ['enum'],
          writer: writerEnum,
          reader: readerEnum,
          subject: showList(added),
        }),
      ];
    }
    const narrowed = readerEnum.every((r) => values.some((v) => deepEqual(r, v)));
    return [
      ctx.change(narrowed ? 'ENUM_ARRAY_NARROWED' : 'ENUM_ARRAY_CHANGED', {
        path: ['enum'],
        writer: writerEnum ?? values,
        reader: readerEnum,
        subject: showList(rejected),
      }),
    ];
  },
};

/** What happened to an enum, old → new, naming the values added and removed. */
function enumChange(oldValues: unknown, newValues: unknown): string {
  if (!Array.isArray(oldValues)) return `enum ${show(newValues)} added`;
  if (!Array.isArray(newValues)) return `enum ${show(oldValues)} removed (any value accepted)`;
  const removed = oldValues.filter((o) => !newValues.some((n) => deepEqual(o, n)));
  const added = newValues.filter((n) => !oldValues.some((o) => deepEqual(o, n)));
  const parts: string[] = [];
  if (removed.length > 0) parts.push(`value${removed.length > 1 ? 's' : ''} ${showList(removed)} removed`);
  if (added.length > 0) parts.push(`value${added.length > 1 ? 's' : ''} ${showList(added)} added`);
  return `enum: ${parts.join(', ') || 'unchanged'}`;
}
