// How to reach a schema registry: its URL (the Confluent-compatible API root), credentials, TLS
// trust, timeout and retries — from code, or from the environment like `kafkaConnectionFromEnv`.
// Secrets never appear in errors or in `describeRegistryConnection`.

import { readFileSync } from 'node:fs';
import { redactText } from '../kafka/connection-config.js';

export type RegistryAuth =
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'bearer'; readonly token: string };

export interface RegistryConnection {
  /** API root, e.g. `https://sr.example.com` (Confluent) or `http://host:8080/apis/ccompat/v7` (Apicurio). */
  readonly url: string;
  readonly auth?: RegistryAuth;
  /** PEM text of the CA(s) that signed the registry's certificate (instead of the system CAs). */
  readonly ca?: string;
  /** Per-request timeout; default 10 s. */
  readonly timeoutMs?: number;
  /** Retries on 5xx and 429 (with exponential backoff and jitter); default 3. */
  readonly retries?: number;
  /** First backoff delay; default 200 ms (doubling, at most 5 s). */
  readonly retryDelayMs?: number;
}

export const DEFAULT_REGISTRY_TIMEOUT_MS = 10_000;
export const DEFAULT_REGISTRY_RETRIES = 3;

/** The variables `registryConnectionFromEnv` reads. */
export const REGISTRY_VARIABLES = [
  'EVC_REGISTRY_URL',
  'EVC_REGISTRY_USERNAME',
  'EVC_REGISTRY_PASSWORD',
  'EVC_REGISTRY_TOKEN',
  'EVC_REGISTRY_CA_FILE',
  'EVC_REGISTRY_TIMEOUT_MS',
] as const;

export class RegistryConnectionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryConnectionConfigError';
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

const value = (env: Environment, name: string): string | undefined => {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
};

/**
 * A connection from `url` (e.g. `--registry-url`, which wins) or EVC_REGISTRY_URL, with basic auth
 * (EVC_REGISTRY_USERNAME + EVC_REGISTRY_PASSWORD) or a bearer token (EVC_REGISTRY_TOKEN), a CA file
 * (EVC_REGISTRY_CA_FILE) and a timeout (EVC_REGISTRY_TIMEOUT_MS). Errors name the variable to fix.
 */
export function registryConnectionFromEnv(
  env: Environment = process.env,
  overrides: { readonly url?: string; readonly timeoutMs?: number } = {},
): RegistryConnection {
  const url = overrides.url ?? value(env, 'EVC_REGISTRY_URL');
  if (url === undefined)
    throw new RegistryConnectionConfigError(
      'no registry URL: pass --registry-url URL or set EVC_REGISTRY_URL (for Apicurio: http://host:port/apis/ccompat/v7)',
    );
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RegistryConnectionConfigError(
      `registry URL ${JSON.stringify(url)} is not a URL (expected http(s)://host:port/…)`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new RegistryConnectionConfigError(
      `registry URL must start with http:// or https:// (got ${parsed.protocol})`,
    );
  if (parsed.username !== '' || parsed.password !== '')
    throw new RegistryConnectionConfigError(
      'the registry URL holds credentials: put them in EVC_REGISTRY_USERNAME / EVC_REGISTRY_PASSWORD instead (URLs end up in logs)',
    );
  const username = value(env, 'EVC_REGISTRY_USERNAME');
  const password = value(env, 'EVC_REGISTRY_PASSWORD');
  const token = value(env, 'EVC_REGISTRY_TOKEN');
  if ((username === undefined) !== (password === undefined))
    throw new RegistryConnectionConfigError(
      `EVC_REGISTRY_${username === undefined ? 'USERNAME' : 'PASSWORD'} is not set: basic auth needs both EVC_REGISTRY_USERNAME and EVC_REGISTRY_PASSWORD`,
    );
  if (token !== undefined && username !== undefined)
    throw new RegistryConnectionConfigError(
      'EVC_REGISTRY_TOKEN and EVC_REGISTRY_USERNAME are both set: use a bearer token or basic auth, not both',
    );
  const caFile = value(env, 'EVC_REGISTRY_CA_FILE');
  let ca: string | undefined;
  if (caFile !== undefined) {
    try {
      ca = readFileSync(caFile, 'utf8');
    } catch (error) {
      throw new RegistryConnectionConfigError(
        `EVC_REGISTRY_CA_FILE: cannot read ${caFile} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----'))
      throw new RegistryConnectionConfigError(`EVC_REGISTRY_CA_FILE: ${caFile} holds no PEM certificate`);
  }
  const timeoutText = value(env, 'EVC_REGISTRY_TIMEOUT_MS');
  const timeoutMs = overrides.timeoutMs ?? (timeoutText === undefined ? undefined : Number(timeoutText));
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0))
    throw new RegistryConnectionConfigError(
      `EVC_REGISTRY_TIMEOUT_MS must be a positive number of milliseconds (got ${JSON.stringify(timeoutText)})`,
    );
  return {
    url: url.replace(/\/+$/, ''),
    ...(username !== undefined && password !== undefined ? { auth: { kind: 'basic', username, password } } : {}),
    ...(token !== undefined ? { auth: { kind: 'bearer', token } } : {}),
    ...(ca !== undefined ? { ca } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

/** The secrets of a connection, for redaction. */
export function registrySecrets(connection: RegistryConnection): string[] {
  const auth = connection.auth;
  if (auth === undefined) return [];
  const secrets =
    auth.kind === 'basic'
      ? [auth.password, Buffer.from(`${auth.username}:${auth.password}`).toString('base64')]
      : [auth.token];
  return secrets.filter((secret) => secret.length > 0);
}

/** `text` without the connection's secrets. */
export function redactRegistryText(text: string, connection: RegistryConnection): string {
  return redactText(text, registrySecrets(connection));
}

/** One line for logs: `url=… auth=basic(user="ci") tls=ca=custom timeout=10000ms`; secrets never shown. */
export function describeRegistryConnection(connection: RegistryConnection): string {
  const auth = connection.auth;
  const authText =
    auth === undefined
      ? 'none'
      : auth.kind === 'basic'
        ? `basic(user=${JSON.stringify(auth.username)} password=[redacted])`
        : 'bearer(token=[redacted])';
  return (
    `url=${connection.url} auth=${authText} tls=${connection.url.startsWith('https:') ? `on(ca=${connection.ca ? 'custom' : 'system'})` : 'off'} ` +
    `timeout=${connection.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS}ms`
  );
}
