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
  const { settings, unsupported } = translated(options.kafkaConfig ?? {});
  if (unsupported !== undefined) throw new TypeError(unsupported);
  return { ...settings, clientId: options.clientId ?? defaultClientId, bootstrapBrokers: [...options.brokers] };
}

/**
 * Why these connection settings cannot run on this client (a kafkajs setting it has no counterpart for), or
 * undefined when they can. The transport refuses such settings; when no client is named they choose kafkajs.
 */
export function unsupportedConnectionSetting(options: KafkaConnectionOptions): string | undefined {
  return translated(options.kafkaConfig ?? {}).unsupported;
}

type ConnectionSettings = {
  -readonly [
    K in Exclude<keyof PlatformaticClientOptions, 'clientId' | 'bootstrapBrokers'>
  ]?: PlatformaticClientOptions[K];
};

/** kafkajs connection settings in the client's terms, up to the first one it has no counterpart for. */
function translated(config: NonNullable<KafkaConnectionOptions['kafkaConfig']>): {
  readonly settings: ConnectionSettings;
  readonly unsupported: string | undefined;
} {
  const settings: ConnectionSettings = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || HARMLESS.has(key)) continue;
    switch (key) {
      case 'ssl':
        if (value !== false) settings.tls = value === true ? {} : (value as NonNullable<ConnectionOptions['tls']>);
        break;
      case 'sasl': {
        const sasl = saslOf(value);
        if (sasl === undefined)
          return {
            settings,
            unsupported:
              `kafkaConfig.sasl: the platformatic transport takes mechanism ${Object.keys(SASL_MECHANISMS).join(', ')} ` +
              'with username and password',
          };
        settings.sasl = sasl;
        break;
      }
      case 'connectionTimeout':
        settings.connectTimeout = value as number;
        break;
      case 'requestTimeout':
        settings.requestTimeout = value as number;
        settings.timeout = value as number;
        break;
      case 'retry': {
        // kafkajs' retry settings, in the client's terms: attempts and the (fixed) delay between them.
        const retry = value as { retries?: number; initialRetryTime?: number };
        if (retry.retries !== undefined) settings.retries = retry.retries;
        if (retry.initialRetryTime !== undefined) settings.retryDelay = retry.initialRetryTime;
        break;
      }
      default:
        return {
          settings,
          unsupported:
            `kafkaConfig.${key}: a kafkajs setting the platformatic transport does not support; ` +
            'remove it or use transport: "kafkajs"',
        };
    }
  }
  return { settings, unsupported: undefined };
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
