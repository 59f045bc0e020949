// Turns names written in contracts into safe, stable TypeScript identifiers and file names.
// Contract names can be anything (`__proto__`, `class`, `配送`, 300 characters, `order-created`
// next to `OrderCreated`): every identifier we print comes from here.
import { createHash } from 'node:crypto';

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'as implements interface let package private protected public static yield any boolean constructor declare get ' +
    'module require number set string symbol type from of unknown never object bigint undefined async await ' +
    // Global names a generated type must not shadow, or code in the same file would break.
    'Array Boolean Date Error Function JSON Map Math Number Object Promise Record RegExp Set String Symbol Partial ' +
    'Readonly Required Pick Omit Exclude Extract NonNullable ReturnType InstanceType Uint8Array Buffer'
  ).split(' '),
);

const MAX_IDENTIFIER = 80;
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/** Splits on anything that is not a letter or digit, and on lower→upper case changes. */
function words(raw: string): string[] {
  return (
    raw
      .normalize('NFC')
      // TypeScript's scanner rejects identifier characters outside the Basic Multilingual Plane.
      .replace(/[\u{10000}-\u{10FFFF}]/gu, ' ')
      .replace(/([\p{Ll}\p{Nd}])(\p{Lu})/gu, '$1 $2')
      .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
      .split(/[^\p{L}\p{Nd}]+/u)
      .filter(Boolean)
  );
}

function bounded(identifier: string, raw: string): string {
  if (identifier.length <= MAX_IDENTIFIER) return identifier;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  return `${identifier.slice(0, MAX_IDENTIFIER - 9)}_${hash}`;
}

/** `route-calculated` → `RouteCalculated`; never empty, never reserved, never starting with a digit. */
export function pascalCase(raw: string, fallback = 'Unnamed'): string {
  const joined = words(raw)
    .map((w) => (w[0] ?? '').toUpperCase() + w.slice(1))
    .join('');
  let name = joined === '' ? fallback : joined;
  if (/^\p{Nd}/u.test(name)) name = `_${name}`;
  if (RESERVED.has(name)) name = `${name}_`;
  return bounded(name, raw);
}

/** `RouteCalculated` → `routeCalculated`, with the same guarantees as pascalCase. */
export function camelCase(raw: string, fallback = 'unnamed'): string {
  const pascal = pascalCase(raw, fallback.charAt(0).toUpperCase() + fallback.slice(1)).replace(/_$/, '');
  let name = pascal.charAt(0).toLowerCase() + pascal.slice(1);
  if (RESERVED.has(name)) name = `${name}_`;
  return name;
}

/** `Streetlights Kafka API` → `streetlights-kafka-api` (ASCII only, for file names on every OS). */
export function kebabCase(raw: string, fallback = 'unnamed'): string {
  const ascii = words(raw)
    .map((w) => w.toLowerCase())
    .join('-')
    .replace(/[^a-z0-9-]+/g, '');
  const base = ascii.replace(/^-+|-+$/g, '').replace(/-{2,}/g, '-');
  const name = base === '' ? `${fallback}-${createHash('sha256').update(raw).digest('hex').slice(0, 8)}` : base;
  return name.length > 60 ? `${name.slice(0, 51)}-${createHash('sha256').update(raw).digest('hex').slice(0, 8)}` : name;
}

/** Syntactically an identifier TypeScript accepts (reserved words included). */
export function isIdentifierSyntax(name: string): boolean {
  return IDENTIFIER.test(name) && !ASTRAL.test(name);
}

/** An identifier we may declare: valid syntax and not reserved or a shadowed global. */
export function isIdentifier(name: string): boolean {
  return isIdentifierSyntax(name) && !RESERVED.has(name);
}

/**
 * Hands out unique names in one namespace. Candidates are claimed in a deterministic order by
 * the caller; a taken name gets the smallest free numeric suffix (`OrderCreated2`).
 */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name.toLowerCase());
  }

  claim(candidate: string): string {
    // Case-insensitive, because generated file names derived from these must not collide on macOS.
    let name = candidate;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = `${candidate}${n}`;
    this.taken.add(name.toLowerCase());
    return name;
  }
}
