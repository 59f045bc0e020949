// Validates a document against the official AsyncAPI JSON Schema of its version (@asyncapi/specs)
// with ajv — the fast path that stands in for @asyncapi/parser's full rule set (see README "Speed").
// Compiling the 3.x schema costs ~400 ms, so the compiled validator is cached on disk as ajv
// standalone code, keyed by the specs package version.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import type { Ajv, ValidateFunction } from '../ajv.js';
import { useJsonEqualInAjv } from '../ajv-json-equal.js';
import { evcCacheDir } from '../cache/cache-dir.js';
import { readCacheEntry, writeCacheEntry } from '../cache/cache-entry.js';
import { runCachedModule, type CachedModule } from '../cache/code-cache.js';

const require = createRequire(import.meta.url);

export const SUPPORTED_VERSIONS = [
  '2.0.0',
  '2.1.0',
  '2.2.0',
  '2.3.0',
  '2.4.0',
  '2.5.0',
  '2.6.0',
  '3.0.0',
  '3.1.0',
] as const;

export interface SpecIssue {
  /** JSON pointer into the document. */
  readonly pointer: string;
  readonly message: string;
}

type SpecValidator = (document: unknown) => boolean & { errors?: ErrorObject[] | null };
const compiled = new Map<string, Promise<ValidateFunction>>();
/** The cached validators loaded in this process, whose V8 code cache is kept once they have run. */
const codeCaches = new Map<string, CachedModule>();

function specsVersion(): string {
  return (require('@asyncapi/specs/package.json') as { version: string }).version;
}

/** Loading every schema of every version costs ~100 ms: only done when a validator must be compiled. */
function officialSchema(version: string): object | undefined {
  return (require('@asyncapi/specs') as { schemasWithoutId: Record<string, object> }).schemasWithoutId[version];
}

function newAjv(AjvClass: typeof Ajv): Ajv {
  return new AjvClass({
    allErrors: true,
    strict: false,
    validateSchema: false,
    validateFormats: false,
    code: { source: true },
  });
}

async function loadValidator(version: string): Promise<ValidateFunction> {
  const file = path.join(evcCacheDir(), `asyncapi-${version}-specs-${specsVersion()}-v${TRANSFORM_VERSION}.cjs`);
  // CommonJS, because ajv's standalone code `require`s its runtime helpers even in ESM mode; only
  // an intact entry is loaded (a damaged one is compiled and written again).
  const cached = readCacheEntry(file);
  if (cached !== undefined) {
    try {
      // ajv itself (~70 modules) is loaded only to compile: the cached code needs two runtime helpers.
      useJsonEqualInAjv();
      const loaded = runCachedModule(file, cached);
      codeCaches.set(version, loaded);
      return loaded.exports as ValidateFunction;
    } catch {
      // unloadable (e.g. ajv moved since): compile and cache again
    }
  }
  const official = officialSchema(version);
  if (!official) throw new Error(`no AsyncAPI schema for version ${version}`);
  const schema = withoutAvroSchemaCheck(oneOfAsAnyOf(official));
  const { Ajv: AjvClass, standaloneCode } = await import('../ajv.js');
  const ajv = newAjv(AjvClass);
  const validate = ajv.compile(schema as object);
  // Absolute paths, so the cached module loads from any cache directory ($EVC_CACHE_DIR).
  const code = standaloneCode(ajv, validate).replace(
    /require\("(ajv\/dist\/runtime\/[a-z0-9_]+)"\)/g,
    (_m, spec: string) => `require(${JSON.stringify(require.resolve(spec))})`,
  );
  writeCacheEntry(file, code);
  return validate;
}

/** Bump when oneOfAsAnyOf or withoutAvroSchemaCheck changes, so cached validators are rebuilt. */
const TRANSFORM_VERSION = 4;

/**
 * The official schemas check Avro payloads against their own `avroSchema_v1`, which refuses valid
 * Avro (a fully qualified alias, a `$ref` to an `.avsc` file before resolution) and says nothing
 * precise about invalid Avro. generator/avro checks Avro payloads instead (avsc, located findings),
 * so here `avroSchema_v1` accepts anything; its inner definitions stay for the references into them.
 */
function withoutAvroSchemaCheck(schema: unknown): unknown {
  const definitions = (schema as { definitions?: Record<string, unknown> }).definitions;
  const avro = definitions?.avroSchema_v1 as { definitions?: unknown } | undefined;
  if (definitions === undefined || avro === undefined) return schema;
  return { ...(schema as object), definitions: { ...definitions, avroSchema_v1: { definitions: avro.definitions } } };
}

/**
 * The official schemas say `oneOf: [Reference, Schema]`, but a `{ $ref }` object matches both
 * branches (a Schema may be just a `$ref`), so an unresolved document with a `$ref` key schema is
 * rejected although @asyncapi/parser — which resolves first — accepts it. `anyOf` removes that
 * ambiguity; no AsyncAPI document is valid for one branch only by failing the other.
 */
function oneOfAsAnyOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(oneOfAsAnyOf);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'enum' || key === 'const' || key === 'required') out[key] = value;
    else if (NAME_MAPS.has(key) && typeof value === 'object' && value !== null) {
      // Keys here are property/definition names (2.x has a message property called `oneOf`).
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, oneOfAsAnyOf(sub)]),
      );
    } else out[key === 'oneOf' ? 'anyOf' : key] = oneOfAsAnyOf(value);
  }
  return out;
}

const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

export function specValidator(version: string): Promise<ValidateFunction> {
  let validator = compiled.get(version);
  if (!validator) {
    validator = loadValidator(version);
    compiled.set(version, validator);
  }
  return validator;
}

/**
 * The issues that best explain why `document` is invalid, deepest first, at most `limit`. With the
 * `contentHash` of the file it was parsed from, a document this validator accepted before is
 * accepted again without loading the validator (a few hundred ms of a cold start): the verdict is
 * a function of the text and the validator, both in the marker's name. Invalid documents are
 * always validated again, for their messages.
 */
export async function validateAgainstSpec(
  document: unknown,
  version: string,
  limit = 5,
  contentHash?: string,
): Promise<SpecIssue[]> {
  const marker =
    contentHash === undefined
      ? undefined
      : path.join(evcCacheDir(), 'spec-valid', `${version}-specs-${specsVersion()}-v${TRANSFORM_VERSION}`, contentHash);
  if (marker !== undefined && existsSync(marker)) return [];
  const validate = await specValidator(version);
  const valid = validate(document);
  codeCaches.get(version)?.keepCodeCache();
  if (valid) {
    if (marker !== undefined) rememberValid(marker);
    return [];
  }
  return explain(validate.errors ?? [], limit);
}

function rememberValid(marker: string): void {
  try {
    mkdirSync(path.dirname(marker), { recursive: true });
    writeFileSync(marker, '');
  } catch {
    // caching is an optimisation only
  }
}

// The AsyncAPI schemas are full of `oneOf: [Reference, Thing]`, so one mistake yields a cloud of
// errors from branches the author never meant. Keep the concrete ones at the deepest paths.
const SUMMARY_KEYWORDS = new Set(['oneOf', 'anyOf', 'if', 'not', 'then', 'else', 'allOf']);

export function explain(errors: readonly ErrorObject[], limit: number): SpecIssue[] {
  const concrete = errors.filter((error) => !SUMMARY_KEYWORDS.has(error.keyword));
  const meaningful = concrete.filter(
    (error) =>
      !(error.keyword === 'required' && (error.params as { missingProperty?: string }).missingProperty === '$ref'),
  );
  const pool = meaningful.length > 0 ? meaningful : concrete.length > 0 ? concrete : [...errors];
  const depth = (e: ErrorObject): number => e.instancePath.split('/').length;
  const maxDepth = Math.max(...pool.map(depth));
  const deepest = pool.filter((e) => depth(e) === maxDepth);
  const seen = new Set<string>();
  const issues: SpecIssue[] = [];
  for (const error of deepest) {
    const message = describe(error);
    const key = `${error.instancePath} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ pointer: error.instancePath, message });
    if (issues.length >= limit) break;
  }
  return issues;
}

function describe(error: ErrorObject): string {
  const where =
    error.instancePath === ''
      ? 'the document'
      : `"${error.instancePath
          .split('/')
          .slice(1)
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
          .join('.')}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} has unknown field "${String(params.additionalProperty)}"`;
    case 'required':
      return `${where} is missing required field "${String(params.missingProperty)}"`;
    case 'type':
      return `${where} must be of type ${String(params.type)}`;
    case 'enum':
      return `${where} must be one of ${JSON.stringify(params.allowedValues)}`;
    case 'const':
      return `${where} must be ${JSON.stringify(params.allowedValue)}`;
    case 'pattern':
      return `${where} must match pattern ${String(params.pattern)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

export type { SpecValidator };
