// Properties both sides declare: compared recursively, at any depth (`/properties/route/properties/eta`).
// Also checks declared writer properties against reader patternProperties they now fall under.

import type { SchemaDifference, SchemaRule } from '../schema/rule.js';
import { T_OBJECT } from '../schema/types.js';
import { matches, patternsOf, propertiesOf } from './content-model.js';

export const id = 'PROPERTY_SCHEMA';
export const description = 'Each property both versions declare is compared recursively with the same rules.';

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_OBJECT,
  changes: {},
  check(pair, ctx) {
    const writerProps = propertiesOf(pair.writer);
    const readerProps = propertiesOf(pair.reader);
    const found: SchemaDifference[] = [];
    for (const [name, schema] of Object.entries(writerProps)) {
      const readerSchema = readerProps[name];
      if (readerSchema === undefined) continue;
      found.push(...ctx.compare(schema, readerSchema, ['properties', name]));
      // A declared property matching a pattern must satisfy both (JSON Schema applies both).
      for (const [pattern, patternSchema] of patternsOf(pair.reader)) {
        if (matches(pattern, name) && !patternsOf(pair.writer).some(([p]) => p === pattern)) {
          found.push(...ctx.compare(schema, patternSchema, ['patternProperties', pattern]));
        }
      }
    }
    return found;
  },
};
