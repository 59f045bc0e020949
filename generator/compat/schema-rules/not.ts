// `not`: the reader rejects whatever its `not` schema matches. Excluding less is compatible
// (NOT_TYPE_NARROWED), excluding more is not (NOT_TYPE_EXTENDED); a new `not` is assumed to exclude
// something the writer produces, since overlap of two schemas cannot be ruled out in general.

import { isEmptySchema } from '../schema/graph.js';
import type { JsonSchema } from '../../model/registry.js';
import type { SchemaRule } from '../schema/rule.js';
import { hasBreaking } from '../schema/rule.js';
import { describeSchema } from '../schema/values.js';

export const id = 'NOT';
export const description = 'A reader may exclude less with `not`, never more; a new `not` is breaking.';

export const rule: SchemaRule = {
  id,
  description,
  changes: {
    NOT_ADDED: {
      breaks: 'always',
      what: (v) =>
        v.old === undefined
          ? isEmptySchema(v.new as JsonSchema)
            ? 'schema changed to reject every value'
            : `not ${describeSchema(v.new)} added`
          : `not ${describeSchema(v.old)} removed`,
      rejects: (v) =>
        isEmptySchema(v.reader as JsonSchema) ? 'every value' : `values matching ${describeSchema(v.reader)}`,
      hint: 'enforce the exclusion in the producer only',
    },
    NOT_REMOVED: {
      breaks: 'never',
      what: (v) =>
        v.old === undefined ? `not ${describeSchema(v.new)} added` : `not ${describeSchema(v.old)} removed`,
    },
    NOT_TYPE_NARROWED: {
      breaks: 'never',
      what: (v) => `not changed from ${describeSchema(v.old)} to ${describeSchema(v.new)}`,
    },
    NOT_TYPE_EXTENDED: {
      breaks: 'always',
      what: (v) => `not changed from ${describeSchema(v.old)} to ${describeSchema(v.new)}`,
      rejects: (v) => `values matching ${describeSchema(v.reader)} that the writer allows`,
      hint: 'exclude no more than before',
    },
  },
  check(pair, ctx) {
    const w = pair.writer['not'] as JsonSchema | undefined;
    const r = pair.reader['not'] as JsonSchema | undefined;
    if (r === undefined)
      return w === undefined ? [] : [ctx.change('NOT_REMOVED', { path: ['not'], writer: w, reader: r })];
    if (w === undefined) return [ctx.change('NOT_ADDED', { path: ['not'], writer: w, reader: r })];
    // What the reader excludes must already be excluded by the writer: reader.not ⊆ writer.not.
    const sub = ctx.compare(r, w, []);
    if (sub.length === 0) return [];
    return [
      ctx.change(hasBreaking(sub) ? 'NOT_TYPE_EXTENDED' : 'NOT_TYPE_NARROWED', { path: ['not'], writer: w, reader: r }),
    ];
  },
};
