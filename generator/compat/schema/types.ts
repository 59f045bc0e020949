// JSON types as bit masks, so "is every type the writer may produce accepted by the reader" is one
// AND. `integer` is its own bit and `number` is integer plus non-integer, which makes
// integer → number a widening and number → integer a narrowing without special cases.

import type { SchemaObject } from '../../model/registry.js';

export const T_NULL = 1;
export const T_BOOLEAN = 2;
export const T_OBJECT = 4;
export const T_ARRAY = 8;
export const T_STRING = 16;
export const T_INTEGER = 32;
export const T_FRACTION = 64;
export const T_NUMBER = T_INTEGER | T_FRACTION;
export const T_ALL = 127;

const NAMES: Readonly<Record<string, number>> = {
  null: T_NULL,
  boolean: T_BOOLEAN,
  object: T_OBJECT,
  array: T_ARRAY,
  string: T_STRING,
  integer: T_INTEGER,
  number: T_NUMBER,
};

/** Mask of the `type` keyword alone; `T_ALL` when absent; unknown type names contribute nothing. */
export function declaredTypes(schema: SchemaObject): number {
  const type = schema['type'];
  if (type === undefined) return T_ALL;
  const list = Array.isArray(type) ? type : [type];
  let mask = 0;
  for (const name of list) if (typeof name === 'string') mask |= NAMES[name] ?? 0;
  return mask;
}

export function typeOfValue(value: unknown): number {
  if (value === null) return T_NULL;
  if (typeof value === 'boolean') return T_BOOLEAN;
  if (typeof value === 'string') return T_STRING;
  if (typeof value === 'number') return Number.isInteger(value) ? T_INTEGER : T_FRACTION;
  if (Array.isArray(value)) return T_ARRAY;
  if (typeof value === 'object') return T_OBJECT;
  return 0;
}

export function typeNames(mask: number): string[] {
  const names: string[] = [];
  if (mask & T_NULL) names.push('null');
  if (mask & T_BOOLEAN) names.push('boolean');
  if (mask & T_OBJECT) names.push('object');
  if (mask & T_ARRAY) names.push('array');
  if (mask & T_STRING) names.push('string');
  if ((mask & T_NUMBER) === T_NUMBER) names.push('number');
  else if (mask & T_INTEGER) names.push('integer');
  else if (mask & T_FRACTION) names.push('number');
  return names;
}

export function describeTypes(mask: number): string {
  if (mask === T_ALL) return 'any type';
  const names = typeNames(mask);
  return names.length === 0 ? 'no type' : names.join(' | ');
}
