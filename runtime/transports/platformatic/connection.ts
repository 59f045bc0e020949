// The runtime's connection options (`brokers`, `clientId`, kafkajs-shaped `kafkaConfig`: ssl, sasl, timeouts) as
// @platformatic/kafka client options. A setting it cannot honour is refused by name, never dropped.
import type { ConnectionOptions, SASLOptions } from '@platformatic/kafka';
import type { KafkaConnectionOptions } from '../../kafka/connection.js';

/** What every @platformatic/kafka client (producer, consumer) is built from. */
export interface PlatformaticClientOptions extends ConnectionOptions {
  readonly clientId: string;
  readonly bootstrapBrokers: string[];
  readonly timeout?: number;
  readonly retries?: number;
  readonly retryDelay?: number;
}

const SASL_MECHANISMS: Readonly<Record<string, SASLOptions['mechanism']>> = {
  plain: 'PLAIN',
  'scram-sha-256': 'SCRAM-SHA-256',
  'scram-sha-512': 'SCRAM-SHA-512',
};

/** kafkajs settings with no meaning for this client's connections (logging is the runtime's own). */
const HARMLESS = new Set(['logLevel']);

export function platformaticClientOptions(
  options: KafkaConnectionOptions,
  defaultClientId: string,
): PlatformaticClientOptions {
  if (options.brokers === undefined || options.brokers.length === 0)
    throw new TypeError('the platformatic transport needs `brokers` (host:port, …)');
  const unsupported = unsupportedConnectionSetting(options);
  if (unsupported !== undefined) throw new TypeError(unsupported);
  const config = options.kafkaConfig ?? {};
  const out: {
    -readonly [K in keyof PlatformaticClientOptions]: PlatformaticClientOptions[K];
  } = { clientId: options.clientId ?? defaultClientId, bootstrapBrokers: [...options.brokers] };
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || HARMLESS.has(key)) continue;
    switch (key) {
      case 'ssl':
        if (value === false) break;
        out.tls = value === true ? {} : (value as NonNullable<ConnectionOptions['tls']>);
        break;
      case 'sasl':
        out.sasl = saslOf(value)!; // checked by unsupportedConnectionSetting
        break;
      case 'connectionTimeout':
        out.connectTimeout = value as number;
        break;
      case 'requestTimeout':
        out.requestTimeout = value as number;
        out.timeout = value as number;
        break;
      case 'retry': {
        // kafkajs' retry settings, in the client's terms: attempts and the (fixed) delay between them.
        const retry = value as { retries?: number; initialRetryTime?: number };
        if (retry.retries !== undefined) out.retries = retry.retries;
        if (retry.initialRetryTime !== undefined) out.retryDelay = retry.initialRetryTime;
        break;
      }
    }
  }
  return out;
}

/** The kafkaConfig keys this client honours (translated above); any other is refused by name. */
const TRANSLATED = new Set(['ssl', 'sasl', 'connectionTimeout', 'requestTimeout', 'retry']);

/**
 * Why these connection settings cannot run on this client (a kafkajs setting it has no counterpart for), or
 * undefined when they can. The transport refuses such settings; when no client is named they choose kafkajs.
 */
export function unsupportedConnectionSetting(options: KafkaConnectionOptions): string | undefined {
  for (const [key, value] of Object.entries(options.kafkaConfig ?? {})) {
    if (value === undefined || HARMLESS.has(key)) continue;
    if (!TRANSLATED.has(key))
      return (
        `kafkaConfig.${key}: a kafkajs setting the platformatic transport does not support; ` +
        'remove it or use transport: "kafkajs"'
      );
    if (key === 'sasl' && saslOf(value) === undefined)
      return (
        `kafkaConfig.sasl: the platformatic transport takes mechanism ${Object.keys(SASL_MECHANISMS).join(', ')} ` +
        'with username and password'
      );
  }
  return undefined;
}

interface SaslSetting {
  readonly mechanism?: unknown;
  readonly username?: unknown;
  readonly password?: unknown;
}

/** The client's SASL options, or undefined for a mechanism or credentials it cannot take. */
function saslOf(setting: unknown): SASLOptions | undefined {
  if (typeof setting !== 'object' || setting === null) return undefined;
  const sasl = setting as SaslSetting;
  const mechanism = typeof sasl.mechanism === 'string' ? SASL_MECHANISMS[sasl.mechanism.toLowerCase()] : undefined;
  if (mechanism === undefined || typeof sasl.username !== 'string' || typeof sasl.password !== 'string')
    return undefined;
  return { mechanism, username: sasl.username, password: sasl.password };
}
