// Compatibility levels as Confluent Schema Registry names them, and which reading directions each
// one checks. Rules are written for one direction only (BACKWARD: the new schema reads data written
// with the old one); FORWARD is that same check with the schemas swapped.

export const COMPATIBILITY_LEVELS = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;

export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

/** `backward`: writer = old, reader = new. `forward`: writer = new, reader = old. */
export type Direction = 'backward' | 'forward';

/** Confluent's two sets of compatible change types; `strict` is Confluent's default. */
export type CompatibilityMode = 'strict' | 'lenient';

export const DEFAULT_LEVEL: CompatibilityLevel = 'BACKWARD';
export const DEFAULT_MODE: CompatibilityMode = 'strict';

export function parseLevel(text: unknown): CompatibilityLevel | undefined {
  if (typeof text !== 'string') return undefined;
  const upper = text.trim().toUpperCase();
  return (COMPATIBILITY_LEVELS as readonly string[]).includes(upper) ? (upper as CompatibilityLevel) : undefined;
}

export function parseMode(text: unknown): CompatibilityMode | undefined {
  if (typeof text !== 'string') return undefined;
  const lower = text.trim().toLowerCase();
  return lower === 'strict' || lower === 'lenient' ? lower : undefined;
}

export function directionsOf(level: CompatibilityLevel): readonly Direction[] {
  if (level.startsWith('BACKWARD')) return ['backward'];
  if (level.startsWith('FORWARD')) return ['forward'];
  if (level.startsWith('FULL')) return ['backward', 'forward'];
  return [];
}

/** Transitive levels check against every released version, not only the latest. */
export function isTransitive(level: CompatibilityLevel): boolean {
  return level.endsWith('_TRANSITIVE');
}
