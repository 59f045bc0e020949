// Keywords the checker does not understand (`if`/`then`/`else`, `unevaluatedProperties`, typos
// like `maxLenght`, OpenAPI's `nullable`...). When a schema that uses one changes, the change
// cannot be proven compatible, so it is reported as breaking rather than silently passed.

import { canonicalJson, fingerprint, isSchemaObject } from '../schema/graph.js';
import { isUnknownKeyword } from '../schema/keywords.js';
import type { SchemaDifference, SchemaRule } from '../schema/rule.js';

export const id = 'UNKNOWN_KEYWORD';
export const description =
  'A changed schema that uses a keyword the checker does not understand is reported as breaking.';

export const rule: SchemaRule = {
  id,
  description,
  always: true,
  changes: {
    UNKNOWN_KEYWORD: {
      breaks: 'always',
      what: (v) => `schema using '${v.subject}', a keyword evc check does not understand, changed`,
      rejects: (v) => `possibly anything: '${v.subject}' cannot be checked`,
      hint: 'express the constraint with keywords evc understands (properties, required, enum, oneOf, ...), or run with --level NONE for this message and review it by hand',
    },
  },
  check(pair, ctx) {
    const found: SchemaDifference[] = [];
    const keywords = new Set([...Object.keys(pair.writer), ...Object.keys(pair.reader)].filter(isUnknownKeyword));
    for (const keyword of keywords) {
      const w = pair.writer[keyword];
      const r = pair.reader[keyword];
      const same = valueText(w) === valueText(r);
      found.push(
        ctx.change('UNKNOWN_KEYWORD', {
          path: [keyword],
          subject: keyword,
          writer: w,
          reader: r,
          detail: same
            ? `'${keyword}' itself is unchanged, but the schema around it changed`
            : `'${keyword}' itself changed`,
        }),
      );
    }
    return found;
  },
};

function valueText(value: unknown): string {
  if (value === undefined) return 'undefined';
  return isSchemaObject(value) || typeof value === 'boolean' ? fingerprint(value) : canonicalJson(value);
}
