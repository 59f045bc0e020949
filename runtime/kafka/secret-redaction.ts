// Keeping secrets out of logs: the secret strings of a kafkajs configuration, and log text and fields with those
// secrets and every sensitive key blanked. Used for kafkajs' own logs (connection.ts) and by describeConnection.
import type { KafkaConfig } from 'kafkajs';

export const REDACTED = '[redacted]';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Secret strings of a kafkajs configuration (SASL password or AWS keys, TLS key, pfx, passphrase). */
export function connectionSecrets(config: Pick<KafkaConfig, 'sasl' | 'ssl'> | undefined): string[] {
  const secrets = new Set<string>();
  const add = (value: unknown): void => {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      const candidate =
        typeof item === 'string'
          ? item
          : Buffer.isBuffer(item)
            ? item.toString('utf8')
            : isPlainObject(item)
              ? (item['buf'] ?? item['pem'])
              : undefined;
      if (typeof candidate === 'string' && candidate !== '') secrets.add(candidate);
      else if (Buffer.isBuffer(candidate)) secrets.add(candidate.toString('utf8'));
      if (isPlainObject(item) && typeof item['passphrase'] === 'string' && item['passphrase'] !== '')
        secrets.add(item['passphrase']);
    }
  };
  const sasl = config?.sasl as Record<string, unknown> | undefined;
  if (sasl !== undefined)
    for (const key of ['password', 'accessKeySecret', 'secretAccessKey', 'sessionToken']) add(sasl[key]);
  const ssl = config?.ssl;
  if (typeof ssl === 'object' && ssl !== null) for (const key of ['key', 'pfx', 'passphrase'] as const) add(ssl[key]);
  // Longest first, so a secret containing another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** Keys whose values are never logged, whatever they hold (besides the booleans kafkajs logs as `sasl: true`). */
const SENSITIVE_KEYS = new Set([
  'sasl',
  'ssl',
  'password',
  'passphrase',
  'pfx',
  'accesskeysecret',
  'secretaccesskey',
  'sessiontoken',
  'authorization',
]);

/** `text` with every occurrence of a secret replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * Log fields with sensitive keys (`sasl`, `password`, a TLS options object…) and every occurrence of
 * a known secret replaced by `[redacted]`. Values without either are returned as they are (same
 * object), so the common case costs one walk and no copy.
 */
export function redactLogFields<T>(value: T, secrets: readonly string[]): T {
  return redactValue(value, secrets, 0, new Map()) as T;
}

/** `visited`: object → its redacted form, or IN_PROGRESS while its own fields are walked (a cycle). */
const IN_PROGRESS = Symbol('in progress');

function redactValue(
  value: unknown,
  secrets: readonly string[],
  depth: number,
  visited: Map<object, unknown>,
): unknown {
  if (typeof value === 'string') return secrets.length === 0 ? value : redactText(value, secrets);
  if (Buffer.isBuffer(value))
    return secrets.length > 0 && secrets.some((secret) => value.includes(secret)) ? REDACTED : value;
  if (typeof value !== 'object' || value === null) return value;
  if (visited.has(value)) {
    const known = visited.get(value);
    return known === IN_PROGRESS ? '[circular]' : known;
  }
  // Deeper than any log kafkajs writes: not walked, so not printed either.
  if (depth > 8) return '[nested too deep]';
  visited.set(value, IN_PROGRESS);
  const redacted = redactObject(value, secrets, depth, visited);
  visited.set(value, redacted);
  return redacted;
}

function redactObject(
  value: object,
  secrets: readonly string[],
  depth: number,
  visited: Map<object, unknown>,
): unknown {
  if (value instanceof Error) {
    const message = redactText(value.message, secrets);
    const stack = value.stack === undefined ? undefined : redactText(value.stack, secrets);
    if (message === value.message && stack === value.stack) return value;
    const copy = new Error(message);
    copy.name = value.name;
    copy.stack = stack;
    return copy;
  }
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const redacted = redactValue(item, secrets, depth + 1, visited);
      if (redacted !== item) changed = true;
      return redacted;
    });
    return changed ? out : value;
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const sensitive =
      SENSITIVE_KEYS.has(key.toLowerCase()) && item !== null && item !== undefined && typeof item !== 'boolean';
    const redacted = sensitive ? REDACTED : redactValue(item, secrets, depth + 1, visited);
    if (redacted !== item) changed = true;
    out[key] = redacted;
  }
  return changed ? out : value;
}
