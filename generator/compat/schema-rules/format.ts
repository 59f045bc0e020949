// `format` (date-time, uuid, email...). Confluent's provider ignores format; we do not, because the
// generated validators enforce it: a reader that adds or changes a format rejects strings the
// writer may send. Removing a format is compatible.

import type { SchemaRule } from '../schema/rule.js';
import { T_STRING } from '../schema/types.js';
import { keywordChange, show } from '../schema/values.js';

export const id = 'FORMAT';
export const description = 'A reader may drop a format, never add or change one.';

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_STRING,
  changes: {
    FORMAT_ADDED: {
      breaks: 'always',
      what: (v) => keywordChange('format', v.old, v.new),
      rejects: (v) => `strings that are not a valid ${show(v.reader)}`,
      hint: 'validate the format in the producer and keep the consumer contract without it',
    },
    FORMAT_REMOVED: {
      breaks: 'never',
      what: (v) => keywordChange('format', v.old, v.new),
    },
    FORMAT_CHANGED: {
      breaks: 'always',
      what: (v) => keywordChange('format', v.old, v.new),
      rejects: (v) => `valid ${show(v.writer)} strings that are not a valid ${show(v.reader)}`,
      hint: 'add a new field with the new format and deprecate the old one',
    },
  },
  check(pair, ctx) {
    const w = typeof pair.writer['format'] === 'string' ? pair.writer['format'] : undefined;
    const r = typeof pair.reader['format'] === 'string' ? pair.reader['format'] : undefined;
    if (w === r) return [];
    const id = r === undefined ? 'FORMAT_REMOVED' : w === undefined ? 'FORMAT_ADDED' : 'FORMAT_CHANGED';
    return [ctx.change(id, { path: ['format'], writer: w, reader: r })];
  },
};
