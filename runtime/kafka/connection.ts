// One place that turns runtime options into a kafkajs client: either the application's own Kafka
// instance (TLS, SASL and all), or bootstrap addresses, with kafkajs' logs routed to our logger.
import { type Kafka, logLevel, type KafkaConfig, type logCreator } from 'kafkajs';
import type { Logger } from '../logger.js';
import { installKafkajsFixes, newKafkajsClient } from './kafkajs-client.js';
import { connectionSecrets, redactLogFields, redactText } from './secret-redaction.js';

export interface KafkaConnectionOptions {
  /** The application's kafkajs client; wins over `brokers`. */
  readonly kafka?: Kafka;
  /** Bootstrap addresses (`host:port`) when no client is given. */
  readonly brokers?: readonly string[];
  readonly clientId?: string;
  /** Further kafkajs settings (ssl, sasl, timeouts) for the client built from `brokers`. */
  readonly kafkaConfig?: Omit<KafkaConfig, 'brokers' | 'clientId' | 'logCreator'>;
}

export function kafkaClientOf(options: KafkaConnectionOptions, logger: Logger, defaultClientId: string): Kafka {
  installKafkajsFixes(); // the application's own client too
  if (options.kafka !== undefined) return options.kafka;
  if (options.brokers === undefined || options.brokers.length === 0)
    throw new TypeError('give either a kafkajs `kafka` client or `brokers`');
  return newKafkajsClient({
    logLevel: logLevel.WARN,
    ...options.kafkaConfig,
    clientId: options.clientId ?? defaultClientId,
    brokers: [...options.brokers],
    logCreator: kafkajsLogs(logger, connectionSecrets(options.kafkaConfig)),
  });
}

/**
 * kafkajs INFO is chatty (every join, every connect): it goes to our debug. kafkajs itself logs
 * only `sasl: true|false`, but fields pass through a redactor anyway (sensitive keys, and any
 * occurrence of this client's password, TLS key or passphrase): a debug log level or a later
 * kafkajs that logs more still does not print a secret through our logger.
 */
function kafkajsLogs(logger: Logger, secrets: readonly string[]): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...rest } = log;
      const fields = redactLogFields(rest, secrets);
      const text = redactText(`kafkajs ${namespace}: ${message}`, secrets);
      if (level === logLevel.ERROR) logger.error(text, fields);
      else if (level === logLevel.WARN) logger.warn(text, fields);
      else logger.debug(text, fields);
    };
}
