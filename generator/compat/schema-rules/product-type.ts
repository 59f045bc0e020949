// `allOf` branches that could not be merged into one schema (conflicting keywords): the writer's
// data must satisfy each of the reader's remaining branches. Mergeable `allOf`s never get here:
// they are flattened first, so reordering or regrouping allOf branches is no change at all.

import type { JsonSchema } from '../../model/registry.js';
import type { SchemaDifference, SchemaRule } from '../schema/rule.js';

export const id = 'PRODUCT_TYPE';
export const description =
  "Every allOf branch of the reader must accept the writer's data (merged allOf branches are compared as one schema).";

export const rule: SchemaRule = {
  id,
  description,
  changes: {},
  check(pair, ctx) {
    const residual = pair.reader['allOf'];
    if (!Array.isArray(residual)) return [];
    const found: SchemaDifference[] = [];
    const writerWithoutResidual: JsonSchema = pair.writer;
    residual.forEach((fragment, k) =>
      found.push(...ctx.compare(writerWithoutResidual, fragment as JsonSchema, ['allOf', String(k)])),
    );
    return found;
  },
};
