// `patternProperties`: undeclared properties whose names match a pattern. Patterns are matched by
// their text; a pattern the reader adds constrains names the writer let through (as additional
// properties), a pattern it drops hands those names to the reader's additionalProperties.

import type { JsonSchema } from '../../model/registry.js';
import type { SchemaDifference, SchemaRule } from '../schema/rule.js';
import { hasBreaking } from '../schema/rule.js';
import { T_OBJECT } from '../schema/types.js';
import { patternsOf } from './content-model.js';

export const id = 'PATTERN_PROPERTIES';
export const description =
  'Pattern properties are compared by pattern; added or removed patterns must accept what the other side allowed.';

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_OBJECT,
  changes: {
    PATTERN_PROPERTY_ADDED: {
      breaks: 'strict',
      what: (v) => `patternProperties '${v.subject}' ${v.old === undefined ? 'added' : 'removed'}`,
      rejects: (v) => `undeclared properties matching '${v.subject}' that the writer allowed`,
      hint: 'give the pattern a schema that accepts what additionalProperties allowed before',
    },
    PATTERN_PROPERTY_REMOVED: {
      breaks: 'strict',
      what: (v) => `patternProperties '${v.subject}' ${v.old === undefined ? 'added' : 'removed'}`,
      rejects: (v) => `properties matching '${v.subject}' that additionalProperties does not accept`,
      hint: 'keep the pattern, or make additionalProperties accept what it allowed',
    },
    PATTERN_PROPERTY_COVERED: {
      breaks: 'never',
      what: (v) => `patternProperties '${v.subject}' ${v.old === undefined ? 'added' : 'removed'}`,
    },
  },
  check(pair, ctx) {
    const writerPatterns = new Map(patternsOf(pair.writer));
    const readerPatterns = new Map(patternsOf(pair.reader));
    const found: SchemaDifference[] = [];
    for (const [pattern, readerSchema] of readerPatterns) {
      const path = ['patternProperties', pattern];
      const writerSchema = writerPatterns.get(pattern);
      if (writerSchema !== undefined) {
        found.push(...ctx.compare(writerSchema, readerSchema, path));
        continue;
      }
      const before = pair.writer['additionalProperties'];
      if (before === false) continue;
      const sub = ctx.compare(before === undefined ? true : (before as JsonSchema), readerSchema, path);
      found.push(
        ctx.change(hasBreaking(sub) ? 'PATTERN_PROPERTY_ADDED' : 'PATTERN_PROPERTY_COVERED', {
          path,
          subject: pattern,
          writer: undefined,
          reader: readerSchema,
          causes: sub,
        }),
      );
    }
    for (const [pattern, writerSchema] of writerPatterns) {
      if (readerPatterns.has(pattern)) continue;
      const path = ['patternProperties', pattern];
      const after = pair.reader['additionalProperties'];
      const sub = ctx.compare(writerSchema, after === undefined ? true : (after as JsonSchema), path);
      found.push(
        ctx.change(hasBreaking(sub) ? 'PATTERN_PROPERTY_REMOVED' : 'PATTERN_PROPERTY_COVERED', {
          path,
          subject: pattern,
          writer: writerSchema,
          reader: undefined,
          causes: sub,
        }),
      );
    }
    return found;
  },
};
