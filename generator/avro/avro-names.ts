// Avro's naming rules (specification "Names"): which names are valid, how a name written in a
// schema becomes a full name (a dot makes it full; otherwise the enclosing namespace applies), and
// which type names are primitive.

export const PRIMITIVE_TYPES: ReadonlySet<string> = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

export const NAMED_KINDS: ReadonlySet<string> = new Set(['record', 'error', 'enum', 'fixed']);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A simple name: `[A-Za-z_][A-Za-z0-9_]*`. */
export function isValidName(name: string): boolean {
  return NAME.test(name);
}

/** A full name: simple names joined by dots. */
export function isValidFullName(name: string): boolean {
  return name.split('.').every(isValidName);
}

/** The full name of `name` written where `namespace` applies (a name with a dot is already full). */
export function fullNameOf(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

/** The namespace part of a full name ('' for a name in the null namespace). */
export function namespaceOf(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot === -1 ? '' : fullName.slice(0, dot);
}

/** The last part of a full name: what TypeScript types are named after. */
export function simpleNameOf(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

/**
 * The full names a reference may mean, in the order Avro implementations try them: the name in the
 * enclosing namespace, then the name as written (the null namespace).
 */
export function referenceCandidates(name: string, namespace: string | undefined): readonly string[] {
  if (name.includes('.') || !namespace) return [name];
  return [`${namespace}.${name}`, name];
}
