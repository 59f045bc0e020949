// Which JSON Schema keywords the compatibility checker understands. Anything else (except `x-*`
// extensions) is reported by the UNKNOWN_KEYWORD rule and treated as breaking when it changes.

/** Keywords that never change which instances validate: ignored by verdicts and fingerprints. */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  'title',
  'description',
  'examples',
  'example',
  '$comment',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$id',
  'id',
  '$schema',
  '$anchor',
  '$defs',
  'definitions',
  'discriminator',
  'externalDocs',
  'contentMediaType',
  'contentEncoding',
  '$ref',
]);

/**
 * Validation keywords some rule module checks, as the generated validators enforce them (ajv's
 * draft-07 keywords plus 2019-09's dependentRequired/dependentSchemas/minContains/maxContains;
 * `unevaluatedProperties`/`unevaluatedItems` are rewritten where exact, see unevaluated.ts).
 * 2020-12's `prefixItems` is not here: the validators do not enforce it, so it cannot be judged.
 */
export const UNDERSTOOD_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'enum',
  'const',
  'default',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'items',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'minContains',
  'maxContains',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
]);

export function isExtensionKeyword(keyword: string): boolean {
  return keyword.startsWith('x-');
}

export function isIgnoredKeyword(keyword: string): boolean {
  return ANNOTATION_KEYWORDS.has(keyword) || isExtensionKeyword(keyword);
}

export function isUnknownKeyword(keyword: string): boolean {
  return !UNDERSTOOD_KEYWORDS.has(keyword) && !isIgnoredKeyword(keyword);
}
