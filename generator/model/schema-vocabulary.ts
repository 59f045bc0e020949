// What the value of each JSON Schema keyword is: a subschema, a list of them, a map from names to
// subschemas, or plain data. Everything that walks, strips, fingerprints or resolves schemas asks
// here, so the keys of a map (property names, pattern properties, definitions, dependencies) are
// always read as names, never as keywords: a property called `description` is a property.

export type KeywordValue =
  /** One subschema (`not`, `additionalProperties`, ...). */
  | 'schema'
  /** A list of subschemas (`allOf`, `prefixItems`, ...). */
  | 'schema-list'
  /** One subschema or, in the draft-07 tuple form, a list of them (`items`). */
  | 'schema-or-list'
  /** Names → subschemas (`properties`, `$defs`, ...). */
  | 'schema-map'
  /** Names → a subschema or a list of names (draft-07 `dependencies`). */
  | 'dependency-map'
  /** Values, never schemas (`enum`, `const`, `required`, `dependentRequired`, ...). */
  | 'data';

const VALUES: ReadonlyMap<string, KeywordValue> = new Map<string, KeywordValue>([
  ['not', 'schema'],
  ['additionalProperties', 'schema'],
  ['additionalItems', 'schema'],
  ['unevaluatedProperties', 'schema'],
  ['unevaluatedItems', 'schema'],
  ['propertyNames', 'schema'],
  ['contains', 'schema'],
  ['if', 'schema'],
  ['then', 'schema'],
  ['else', 'schema'],
  ['contentSchema', 'schema'],
  ['allOf', 'schema-list'],
  ['anyOf', 'schema-list'],
  ['oneOf', 'schema-list'],
  ['prefixItems', 'schema-list'],
  ['items', 'schema-or-list'],
  ['properties', 'schema-map'],
  ['patternProperties', 'schema-map'],
  ['$defs', 'schema-map'],
  ['definitions', 'schema-map'],
  ['dependentSchemas', 'schema-map'],
  ['dependencies', 'dependency-map'],
  ['dependentRequired', 'data'],
  ['required', 'data'],
  ['enum', 'data'],
  ['const', 'data'],
  ['default', 'data'],
  ['examples', 'data'],
  ['example', 'data'],
]);

/**
 * What a keyword's value is. `undefined` for keywords this vocabulary does not know (extensions,
 * typos): callers decide how careful to be with those.
 */
export function keywordValue(keyword: string): KeywordValue | undefined {
  return VALUES.get(keyword);
}

/** Whether the keyword's value is a map whose keys are names (of properties, patterns, definitions). */
export function isNameMap(keyword: string): boolean {
  const kind = VALUES.get(keyword);
  return kind === 'schema-map' || kind === 'dependency-map';
}

/** Whether the keyword's value is data (never a schema, never to be stripped or resolved). */
export function isDataKeyword(keyword: string): boolean {
  return VALUES.get(keyword) === 'data';
}

/** The value of a name map as an object without a prototype: `in` and lookups see only own names. */
export function ownNames<T>(map: Readonly<Record<string, T>>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const name of Object.keys(map)) out[name] = map[name] as T;
  return out;
}
