// `const`: a reader that pins a value rejects every other one. Confluent reports a changed const as
// ENUM_ARRAY_CHANGED; we name it CONST_CHANGED so the message can say "const".

import { deepEqual } from '../schema/graph.js';
import type { SchemaRule } from '../schema/rule.js';
import { keywordChange, show, showList } from '../schema/values.js';

export const id = 'CONST';
export const description = 'A reader may drop a const, never add or change one the writer does not already guarantee.';

export const rule: SchemaRule = {
  id,
  description,
  changes: {
    CONST_ADDED: {
      breaks: 'always',
      what: (v) => keywordChange('const', v.old, v.new),
      rejects: (v) => `every value except ${show(v.reader)}`,
      hint: 'do not pin an existing field to one value; add a new field or a new message instead',
    },
    CONST_REMOVED: {
      breaks: 'never',
      what: (v) => keywordChange('const', v.old, v.new),
    },
    CONST_CHANGED: {
      breaks: 'always',
      what: (v) => keywordChange('const', v.old, v.new),
      rejects: (v) => `${v.subject ?? show(v.writer)}, which the writer sends`,
      hint: 'a const is usually a discriminator: introduce a new message (or a new branch of a oneOf) instead of changing it',
    },
  },
  check(pair, ctx) {
    const inReader = 'const' in pair.reader;
    const inWriter = 'const' in pair.writer;
    if (!inReader)
      return inWriter
        ? [ctx.change('CONST_REMOVED', { path: ['const'], writer: pair.writer['const'], reader: undefined })]
        : [];
    const readerConst = pair.reader['const'];
    const values = pair.writerValues;
    if (!values) return [ctx.change('CONST_ADDED', { path: ['const'], writer: undefined, reader: readerConst })];
    const rejected = values.filter((v) => !deepEqual(v, readerConst));
    if (rejected.length === 0) return [];
    return [
      ctx.change(inWriter ? 'CONST_CHANGED' : 'CONST_ADDED', {
        path: ['const'],
        writer: inWriter ? pair.writer['const'] : undefined,
        reader: readerConst,
        subject: showList(rejected),
      }),
    ];
  },
};
