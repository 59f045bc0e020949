// `additionalProperties`: whether, and with which schema, undeclared properties are accepted.
// Closing or narrowing it rejects old records that carried extra properties; Confluent's strict set
// refuses that, its lenient set (for producers that never send undeclared properties) accepts it.

import type { SchemaRule } from '../schema/rule.js';
import { isEmptySchema, isSchemaObject } from '../schema/graph.js';
import { T_OBJECT } from '../schema/types.js';
import { describeSchema } from '../schema/values.js';

export const id = 'ADDITIONAL_PROPERTIES';
export const description =
  'A reader may open or widen additionalProperties; closing or narrowing it breaks under the strict set.';

const describeAp = (value: unknown): string =>
  value === false ? 'false' : value === undefined || value === true ? 'allowed' : describeSchema(value);

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_OBJECT,
  changes: {
    ADDITIONAL_PROPERTIES_ADDED: {
      breaks: 'never',
      what: (v) => `additionalProperties changed from ${describeAp(v.old)} to ${describeAp(v.new)}`,
    },
    ADDITIONAL_PROPERTIES_REMOVED: {
      breaks: 'strict',
      what: (v) => `additionalProperties changed from ${describeAp(v.old)} to ${describeAp(v.new)}`,
      rejects: () => 'records carrying properties the schema does not declare',
      hint: 'keep the object open, or set `mode: lenient` in evc.config.yaml if no producer ever sends undeclared properties',
    },
    ADDITIONAL_PROPERTIES_NARROWED: {
      breaks: 'strict',
      what: (v) => `additionalProperties changed from ${describeAp(v.old)} to ${describeAp(v.new)}`,
      rejects: (v) => `undeclared properties that are not ${describeAp(v.reader)}`,
      hint: 'keep additionalProperties unconstrained, or set `mode: lenient` if no producer sends other undeclared properties',
    },
    ADDITIONAL_PROPERTIES_EXTENDED: {
      breaks: 'never',
      what: (v) => `additionalProperties changed from ${describeAp(v.old)} to ${describeAp(v.new)}`,
    },
  },
  check(pair, ctx) {
    const w = pair.writer['additionalProperties'];
    const r = pair.reader['additionalProperties'];
    const at = { path: ['additionalProperties'], writer: w, reader: r };
    const wPermits = w !== false;
    const rPermits = r !== false;
    if (wPermits !== rPermits)
      return [ctx.change(rPermits ? 'ADDITIONAL_PROPERTIES_ADDED' : 'ADDITIONAL_PROPERTIES_REMOVED', at)];
    if (!wPermits) return [];
    const wSchema = isSchemaObject(w) && !isEmptySchema(w) ? w : undefined;
    const rSchema = isSchemaObject(r) && !isEmptySchema(r) ? r : undefined;
    if (!wSchema && rSchema) return [ctx.change('ADDITIONAL_PROPERTIES_NARROWED', at)];
    if (wSchema && !rSchema) return [ctx.change('ADDITIONAL_PROPERTIES_EXTENDED', at)];
    if (wSchema && rSchema) return ctx.compare(wSchema, rSchema, ['additionalProperties']);
    return [];
  },
};
