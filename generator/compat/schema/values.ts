// How schema values appear in messages: short, JSON-like, never the whole schema.

import { isSchemaObject } from './graph.js';
import { describeTypes, declaredTypes } from './types.js';

export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (isSchemaObject(value)) return describeSchema(value);
  // JSON.stringify gives undefined only for values no schema holds (functions, symbols): name their kind.
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function showList(values: readonly unknown[], max = 5): string {
  const shown = values.slice(0, max).map(show).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/** A one-phrase picture of a schema: its title or type, e.g. `string`, `object RouteStop`. */
export function describeSchema(schema: unknown): string {
  if (schema === true || schema === undefined) return 'any value';
  if (schema === false) return 'no value';
  if (!isSchemaObject(schema)) return typeof schema === 'string' ? schema : (JSON.stringify(schema) ?? typeof schema);
  const title = typeof schema['title'] === 'string' ? ` ${schema['title']}` : '';
  if ('const' in schema) return `the constant ${JSON.stringify(schema['const'])}`;
  if (Array.isArray(schema['enum'])) return `one of ${showList(schema['enum'], 4)}`;
  const types = declaredTypes(schema);
  if (schema['type'] === undefined && title === '') {
    if (Array.isArray(schema['oneOf']) || Array.isArray(schema['anyOf'])) return 'a union';
    return 'a schema';
  }
  return `${describeTypes(types)}${title}`;
}

/** "maxLength 5 added" / "maxLength 5 removed" / "maxLength changed from 5 to 10", old → new. */
export function keywordChange(keyword: string, oldValue: unknown, newValue: unknown): string {
  if (oldValue === undefined) return `${keyword} ${show(newValue)} added`;
  if (newValue === undefined) return `${keyword} ${show(oldValue)} removed`;
  return `${keyword} changed from ${show(oldValue)} to ${show(newValue)}`;
}
