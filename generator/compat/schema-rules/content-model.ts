// Content models of object schemas, as Confluent's provider classifies them: open (any extra
// property of any type, the JSON Schema default), closed (`additionalProperties: false`, no pattern
// properties) or partially open (`patternProperties` or a schema for additional properties).

import type { JsonSchema, SchemaObject } from '../../model/registry.js';
import { isEmptySchema, isSchemaObject } from '../schema/graph.js';
import { ownNames } from '../../model/schema-vocabulary.js';

export type ContentModel = 'open' | 'closed' | 'partial';

export function contentModel(schema: SchemaObject): ContentModel {
  const ap = schema['additionalProperties'];
  if (patternsOf(schema).length > 0) return 'partial';
  if (ap === undefined || ap === true || (isSchemaObject(ap) && isEmptySchema(ap))) return 'open';
  if (ap === false) return 'closed';
  return 'partial';
}

const declared = new WeakMap<object, Readonly<Record<string, JsonSchema>>>();
const NONE: Readonly<Record<string, JsonSchema>> = Object.freeze(Object.create(null) as Record<string, JsonSchema>);

/**
 * The declared properties, as an object without a prototype: `name in props` and `props[name]` see
 * only declared names, so a property called `toString` or `__proto__` is no special case.
 */
export function propertiesOf(schema: SchemaObject): Readonly<Record<string, JsonSchema>> {
  const props = schema['properties'];
  if (!isSchemaObject(props)) return NONE;
  let own = declared.get(props);
  if (!own) declared.set(props, (own = ownNames(props as Record<string, JsonSchema>)));
  return own;
}

export function requiredOf(schema: SchemaObject): ReadonlySet<string> {
  const required = schema['required'];
  return new Set(Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : []);
}

export function patternsOf(schema: SchemaObject): readonly (readonly [string, JsonSchema])[] {
  const pp = schema['patternProperties'];
  return isSchemaObject(pp) ? (Object.entries(pp) as [string, JsonSchema][]) : [];
}

/** The schema a property that `properties` does not declare must satisfy (`false` if none may appear). */
export function undeclaredPropertySchema(schema: SchemaObject, name: string): JsonSchema {
  for (const [pattern, sub] of patternsOf(schema)) if (matches(pattern, name)) return sub;
  const ap = schema['additionalProperties'];
  return ap === undefined ? true : (ap as JsonSchema);
}

/**
 * Whether a validator fills this property in when it is missing: ajv (`useDefaults`) reads only the
 * property schema's own `default` (not one inside its `allOf`), and nothing below an `anyOf`/`oneOf`/
 * `not` (pass `ctx.fillsDefaults`).
 */
export function hasDefault(schema: JsonSchema | undefined, fillsDefaults: boolean): boolean {
  return fillsDefaults && isSchemaObject(schema) && Object.prototype.hasOwnProperty.call(schema, 'default');
}

export function matches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(name);
  } catch {
    return false;
  }
}
