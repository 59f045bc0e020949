// Connecting to real clusters: bootstrap addresses, TLS and SASL (PLAIN, SCRAM-SHA-256/512) from
// the environment and/or a JSON or YAML file, turned into the `KafkaConnectionOptions` every
// runtime entry point takes (kafkajs `ssl` and `sasl` are passed through as they are).
//
// Precedence is per setting: an environment variable wins over the same setting in the file; the
// password counts as one setting whether it comes inline or from a file. Secrets (SASL password,
// TLS key and its passphrase) never appear in an error message, in `describeConnection`, or in a
// log line of a client built by `kafkaClientOf` (see `secret-redaction.ts`).
import { readFileSync } from 'node:fs';
import { resolve as resolvePath, dirname } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import { parse as parseYaml } from 'yaml';
import type { KafkaConnectionOptions } from './connection.js';
import { REDACTED } from './secret-redaction.js';

export type KafkaEnvironment = Readonly<Record<string, string | undefined>>;

/** SASL mechanisms `KAFKA_SASL_MECHANISM` accepts (case-insensitive). */
export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanismName = (typeof SASL_MECHANISMS)[number];

/** The variable naming the optional config file. */
export const CONFIG_FILE_VARIABLE = 'EVC_KAFKA_CONFIG';

export interface KafkaConnectionFromEnvOptions {
  /** JSON or YAML file with the same settings; default `$EVC_KAFKA_CONFIG`. The environment wins. */
  readonly configFile?: string;
  /** Bootstrap addresses when neither the environment nor the file names any; otherwise that is an error. */
  readonly defaultBrokers?: readonly string[];
  /** Base folder for relative paths in variables (paths in the file are relative to the file); default the process's. */
  readonly cwd?: string;
}

/** A setting that cannot be used; `setting` names the variable (or `file: key`) to fix. */
export class KafkaConnectionConfigError extends Error {
  override readonly name = 'KafkaConnectionConfigError';
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

// --- settings -------------------------------------------------------------------------------------

type Field =
  | 'brokers'
  | 'clientId'
  | 'ssl'
  | 'caFile'
  | 'certFile'
  | 'keyFile'
  | 'keyPassphrase'
  | 'rejectUnauthorized'
  | 'mechanism'
  | 'username'
  | 'password'
  | 'passwordFile';

/** Each setting: its variable and its place in the file (`section.key`, or a top-level key). */
const FIELDS: Readonly<Record<Field, { readonly variable: string; readonly key: string }>> = {
  brokers: { variable: 'KAFKA_BROKERS', key: 'brokers' },
  clientId: { variable: 'KAFKA_CLIENT_ID', key: 'clientId' },
  ssl: { variable: 'KAFKA_SSL', key: 'ssl.enabled' },
  caFile: { variable: 'KAFKA_SSL_CA_FILE', key: 'ssl.caFile' },
  certFile: { variable: 'KAFKA_SSL_CERT_FILE', key: 'ssl.certFile' },
  keyFile: { variable: 'KAFKA_SSL_KEY_FILE', key: 'ssl.keyFile' },
  keyPassphrase: { variable: 'KAFKA_SSL_KEY_PASSPHRASE', key: 'ssl.keyPassphrase' },
  rejectUnauthorized: { variable: 'KAFKA_SSL_REJECT_UNAUTHORIZED', key: 'ssl.rejectUnauthorized' },
  mechanism: { variable: 'KAFKA_SASL_MECHANISM', key: 'sasl.mechanism' },
  username: { variable: 'KAFKA_SASL_USERNAME', key: 'sasl.username' },
  password: { variable: 'KAFKA_SASL_PASSWORD', key: 'sasl.password' },
  passwordFile: { variable: 'KAFKA_SASL_PASSWORD_FILE', key: 'sasl.passwordFile' },
};

/** Variables `kafkaConnectionFromEnv` reads (for documentation and tests). */
export const KAFKA_CONNECTION_VARIABLES: readonly string[] = [
  ...Object.values(FIELDS).map((f) => f.variable),
  CONFIG_FILE_VARIABLE,
];

const SECRET_FIELDS: ReadonlySet<Field> = new Set(['password', 'keyPassphrase']);

interface Entry {
  readonly value: unknown;
  /** What to name in an error: the variable, or `<file>: <key>`. */
  readonly source: string;
  /** Folder relative paths are resolved against. */
  readonly base: string;
}
type Layer = Partial<Record<Field, Entry>>;

function environmentLayer(env: KafkaEnvironment, cwd: string): Layer {
  const layer: Layer = {};
  for (const [field, { variable }] of Object.entries(FIELDS) as [Field, (typeof FIELDS)[Field]][]) {
    const value = env[variable];
    // An empty variable (`KAFKA_SSL=` in a compose file) counts as unset.
    if (value !== undefined && value !== '') layer[field] = { value, source: variable, base: cwd };
  }
  return layer;
}

function fileLayer(file: string, cwd: string, variable: string): Layer {
  const path = resolvePath(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KafkaConnectionConfigError(variable, `cannot read the config file ${path}: ${reason(error)}`);
  }
  let document: unknown;
  try {
    // YAML 1.2 reads JSON as well.
    document = parseYaml(text);
  } catch (error) {
    throw new KafkaConnectionConfigError(path, `not valid JSON or YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (document === null || document === undefined) return {};
  if (!isPlainObject(document))
    throw new KafkaConnectionConfigError(path, 'expected a mapping of settings at the top level');
  const base = dirname(path);
  const layer: Layer = {};
  const byKey = new Map(Object.entries(FIELDS).map(([field, { key }]) => [key, field as Field]));
  const put = (key: string, value: unknown): void => {
    const field = byKey.get(key);
    if (field === undefined) {
      const known = [...byKey.keys(), 'ssl (true|false)'].join(', ');
      throw new KafkaConnectionConfigError(`${path}: ${key}`, `unknown setting (known: ${known})`);
    }
    if (value !== null && value !== undefined) layer[field] = { value, source: `${path}: ${key}`, base };
  };
  for (const [key, value] of Object.entries(document)) {
    if (value === null || value === undefined) continue;
    if ((key === 'ssl' || key === 'sasl') && isPlainObject(value)) {
      for (const [inner, innerValue] of Object.entries(value)) put(`${key}.${inner}`, innerValue);
    } else if (key === 'ssl' && typeof value !== 'object') {
      put('ssl.enabled', value);
    } else if (key === 'sasl') {
      throw new KafkaConnectionConfigError(
        `${path}: sasl`,
        'expected a mapping with mechanism, username and password or passwordFile',
      );
    } else {
      put(key, value);
    }
  }
  return layer;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

// --- values ---------------------------------------------------------------------------------------

function text(entry: Entry, field: Field): string {
  if (typeof entry.value === 'string') return entry.value;
  // A YAML `password: 0123` would arrive as the number 123: refuse rather than guess.
  const shown = SECRET_FIELDS.has(field) ? 'a non-string value' : JSON.stringify(entry.value);
  throw new KafkaConnectionConfigError(entry.source, `expected a string, got ${shown} (quote it in YAML)`);
}

function flag(entry: Entry): boolean {
  if (typeof entry.value === 'boolean') return entry.value;
  const value = typeof entry.value === 'string' ? entry.value.trim().toLowerCase() : undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new KafkaConnectionConfigError(entry.source, `expected true or false, got ${JSON.stringify(entry.value)}`);
}

function brokerList(entry: Entry): string[] {
  const items = Array.isArray(entry.value) ? entry.value : [text(entry, 'brokers')];
  const brokers: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string')
      throw new KafkaConnectionConfigError(entry.source, `expected host:port strings, got ${JSON.stringify(item)}`);
    for (const part of item.split(',')) {
      const broker = part.trim();
      if (broker === '') continue;
      const match = /^(.+):(\d{1,5})$/.exec(broker);
      const port = Number(match?.[2]);
      if (match === null || port < 1 || port > 65_535 || /\s/.test(match[1]!)) {
        throw new KafkaConnectionConfigError(entry.source, `"${broker}" is not host:port`);
      }
      brokers.push(broker);
    }
  }
  if (brokers.length === 0) throw new KafkaConnectionConfigError(entry.source, 'names no broker');
  return brokers;
}

function fileContents(entry: Entry, field: Field): { path: string; contents: string } {
  const path = resolvePath(entry.base, text(entry, field));
  try {
    return { path, contents: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new KafkaConnectionConfigError(entry.source, `cannot read ${path}: ${reason(error)}`);
  }
}

function mechanismOf(entry: Entry): SaslMechanismName {
  const value = text(entry, 'mechanism').trim().toLowerCase();
  if ((SASL_MECHANISMS as readonly string[]).includes(value)) return value as SaslMechanismName;
  throw new KafkaConnectionConfigError(
    entry.source,
    `unknown SASL mechanism ${JSON.stringify(entry.value)} (supported: ${SASL_MECHANISMS.join(', ')})`,
  );
}

// --- building -------------------------------------------------------------------------------------

/**
 * Connection settings from `KAFKA_*` variables and, optionally, a JSON/YAML file (`options.configFile`
 * or `$EVC_KAFKA_CONFIG`) with the same settings: the variable wins. Certificate, key and password
 * files are read here, so a missing file fails at start-up naming its variable. Throws
 * `KafkaConnectionConfigError` for anything it cannot use; never puts a secret in a message.
 */
export function kafkaConnectionFromEnv(
  env: KafkaEnvironment = process.env,
  options: KafkaConnectionFromEnvOptions = {},
): KafkaConnectionOptions {
  const cwd = options.cwd ?? process.cwd();
  const configFile = options.configFile ?? (env[CONFIG_FILE_VARIABLE] === '' ? undefined : env[CONFIG_FILE_VARIABLE]);
  const fromFile =
    configFile === undefined
      ? {}
      : fileLayer(configFile, cwd, options.configFile === undefined ? CONFIG_FILE_VARIABLE : 'configFile');
  const fromEnv = environmentLayer(env, cwd);
  for (const layer of [fromFile, fromEnv]) {
    if (layer.password !== undefined && layer.passwordFile !== undefined) {
      throw new KafkaConnectionConfigError(
        layer.passwordFile.source,
        `give either ${layer.password.source} or ${layer.passwordFile.source}, not both`,
      );
    }
  }
  // The password is one setting, inline or from a file: a variable of either kind replaces the file's.
  const envHasPassword = fromEnv.password !== undefined || fromEnv.passwordFile !== undefined;
  const merged: Layer = {
    ...fromFile,
    ...(envHasPassword ? { password: undefined, passwordFile: undefined } : {}),
    ...fromEnv,
  };

  const brokers = merged.brokers === undefined ? options.defaultBrokers : brokerList(merged.brokers);
  if (brokers === undefined || brokers.length === 0) {
    throw new KafkaConnectionConfigError(
      FIELDS.brokers.variable,
      `not set: name the bootstrap brokers as host:port[,host:port]${configFile === undefined ? '' : ` (or \`brokers\` in ${configFile})`}`,
    );
  }
  const clientId = merged.clientId === undefined ? undefined : text(merged.clientId, 'clientId').trim();
  const ssl = tlsOptions(merged);
  const sasl = saslOptions(merged);
  const kafkaConfig = { ...(ssl === undefined ? {} : { ssl }), ...(sasl === undefined ? {} : { sasl }) };
  return {
    brokers,
    ...(clientId === undefined || clientId === '' ? {} : { clientId }),
    ...(Object.keys(kafkaConfig).length === 0 ? {} : { kafkaConfig }),
  };
}

function tlsOptions(merged: Layer): ConnectionOptions | boolean | undefined {
  const details = (['caFile', 'certFile', 'keyFile', 'keyPassphrase', 'rejectUnauthorized'] as const).filter(
    (field) => merged[field] !== undefined,
  );
  const enabled = merged.ssl === undefined ? undefined : flag(merged.ssl);
  if (enabled === false) {
    if (details.length > 0)
      throw new KafkaConnectionConfigError(
        merged[details[0]!]!.source,
        `is set but ${merged.ssl!.source} is false; remove one of them`,
      );
    return false;
  }
  if (details.length === 0) return enabled === true ? true : undefined;

  const { certFile, keyFile, keyPassphrase } = merged;
  if (certFile !== undefined && keyFile === undefined)
    throw new KafkaConnectionConfigError(
      certFile.source,
      `a client certificate needs its key: set ${FIELDS.keyFile.variable} too`,
    );
  if (keyFile !== undefined && certFile === undefined)
    throw new KafkaConnectionConfigError(
      keyFile.source,
      `a client key needs its certificate: set ${FIELDS.certFile.variable} too`,
    );
  if (keyPassphrase !== undefined && keyFile === undefined)
    throw new KafkaConnectionConfigError(
      keyPassphrase.source,
      `a key passphrase needs a key: set ${FIELDS.keyFile.variable} too`,
    );
  const tls: ConnectionOptions = {};
  if (merged.caFile !== undefined) {
    const { path, contents } = fileContents(merged.caFile, 'caFile');
    if (!contents.includes('-----BEGIN CERTIFICATE-----'))
      throw new KafkaConnectionConfigError(merged.caFile.source, `${path} holds no PEM certificate`);
    tls.ca = [contents];
  }
  if (certFile !== undefined && keyFile !== undefined) {
    const cert = fileContents(certFile, 'certFile');
    if (!cert.contents.includes('-----BEGIN CERTIFICATE-----'))
      throw new KafkaConnectionConfigError(certFile.source, `${cert.path} holds no PEM certificate`);
    const key = fileContents(keyFile, 'keyFile');
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.contents))
      throw new KafkaConnectionConfigError(keyFile.source, `${key.path} holds no PEM private key`);
    tls.cert = cert.contents;
    tls.key = key.contents;
  }
  if (keyPassphrase !== undefined) tls.passphrase = text(keyPassphrase, 'keyPassphrase');
  if (merged.rejectUnauthorized !== undefined) tls.rejectUnauthorized = flag(merged.rejectUnauthorized);
  return tls;
}

function saslOptions(merged: Layer): SASLOptions | undefined {
  const { mechanism, username } = merged;
  const secret = merged.password ?? merged.passwordFile;
  if (mechanism === undefined) {
    const orphan = username ?? secret;
    if (orphan === undefined) return undefined;
    throw new KafkaConnectionConfigError(
      orphan.source,
      `is set but ${FIELDS.mechanism.variable} is not (one of ${SASL_MECHANISMS.join(', ')})`,
    );
  }
  const name = mechanismOf(mechanism);
  if (username === undefined) {
    throw new KafkaConnectionConfigError(
      FIELDS.username.variable,
      `not set: SASL ${name} (${mechanism.source}) needs a username and a password`,
    );
  }
  const user = text(username, 'username');
  if (secret === undefined) {
    throw new KafkaConnectionConfigError(
      username.source,
      `is set but there is no password: set ${FIELDS.password.variable} or ${FIELDS.passwordFile.variable}`,
    );
  }
  let password: string;
  if (merged.password !== undefined) {
    password = text(merged.password, 'password');
  } else {
    const { path, contents } = fileContents(merged.passwordFile!, 'passwordFile');
    // Secret files (Docker, Kubernetes) often end with a newline that is not part of the password.
    password = contents.replace(/\r?\n$/, '');
    if (password === '') throw new KafkaConnectionConfigError(merged.passwordFile!.source, `${path} is empty`);
  }
  if (password === '') throw new KafkaConnectionConfigError(merged.password!.source, 'is empty');
  return { mechanism: name, username: user, password };
}

// --- printing and redaction ---------------------------------------------------------------------

/**
 * One printable line about where a connection goes and how it authenticates, for start-up logs and
 * CLI messages: brokers, client id, TLS (CA, client certificate, verification) and SASL mechanism
 * and user. The password, the key and its passphrase are shown as `[redacted]`, whatever they are.
 */
export function describeConnection(options: KafkaConnectionOptions): string {
  if (options.kafka !== undefined) return 'an application-supplied kafkajs client';
  const parts = [`brokers=${(options.brokers ?? []).join(',') || '(none)'}`];
  if (options.clientId !== undefined) parts.push(`clientId=${JSON.stringify(options.clientId)}`);
  const ssl = options.kafkaConfig?.ssl;
  if (ssl === undefined || ssl === false) {
    parts.push('tls=off');
  } else if (ssl === true) {
    parts.push('tls=on');
  } else {
    const details = [
      ssl.ca === undefined ? 'ca=system' : 'ca=custom',
      ...(ssl.cert === undefined ? [] : ['clientCert=yes']),
      ...(ssl.key === undefined ? [] : [`key=${REDACTED}`]),
      ...(ssl.pfx === undefined ? [] : [`pfx=${REDACTED}`]),
      ...(ssl.passphrase === undefined ? [] : [`passphrase=${REDACTED}`]),
      ssl.rejectUnauthorized === false ? 'verifyServer=NO' : 'verifyServer=yes',
    ];
    parts.push(`tls=on(${details.join(',')})`);
  }
  const sasl = options.kafkaConfig?.sasl as { mechanism?: unknown; username?: unknown } | undefined;
  if (sasl === undefined) {
    parts.push('sasl=off');
  } else {
    parts.push(`sasl=${String(sasl.mechanism)}`);
    if (typeof sasl.username === 'string') parts.push(`user=${JSON.stringify(sasl.username)}`, `password=${REDACTED}`);
    else parts.push(`credentials=${REDACTED}`);
  }
  return parts.join(' ');
}
