// Which Kafka client a sender or receiver runs on: the factories' `transport` option, else `EVC_TRANSPORT`, else
// the default. One rule for every entry point, so tests switch the whole runtime with one variable. Settings that
// only kafkajs can honour (a kafkajs client, kafkajs consumer/producer settings, kafkajs connection settings with no
// @platformatic/kafka counterpart) keep such an application on kafkajs when it names no client, so an application
// written before @platformatic/kafka became the default runs as it did.
import type { KafkaConnectionOptions } from '../kafka/connection.js';
import { createConsoleLogger, type Logger } from '../logger.js';
import { kafkajsTransport, type KafkajsSettings } from './kafkajs/transport.js';
import { unsupportedConnectionSetting } from './platformatic/connection.js';
import { kafkajsOnlySetting, platformaticTransport } from './platformatic/transport.js';
import { TRANSPORT_NAMES, type KafkaTransport, type TransportName } from './transport.js';

export const TRANSPORT_VARIABLE = 'EVC_TRANSPORT';
/**
 * The client used when neither the option nor `EVC_TRANSPORT` names one: @platformatic/kafka, maintained, and
 * ahead of kafkajs on issue 15's benchmark (through the runtime, consume 51k vs 45k records/s, produce 28.1k vs
 * 27.7k, medians of 7 runs of `npm run bench -- transport`), passing the same fault tests.
 */
export const DEFAULT_TRANSPORT: TransportName = 'platformatic';

export interface TransportChoice {
  /** A client name, or a transport of your own (shared by several senders and receivers). Default: `EVC_TRANSPORT`. */
  readonly transport?: TransportName | KafkaTransport;
}

export function isTransportName(value: string): value is TransportName {
  return (TRANSPORT_NAMES as readonly string[]).includes(value);
}

/** The client name the options and environment ask for; a wrong name is an error naming where it came from. */
export function chosenTransportName(
  choice: TransportChoice & KafkaConnectionOptions & KafkajsSettings,
  env: Readonly<Record<string, string | undefined>> = process.env,
): TransportName {
  // Typed callers cannot pass another name, untyped (JavaScript) ones can: checked as a string.
  const option: string | undefined = typeof choice.transport === 'string' ? choice.transport : undefined;
  if (option !== undefined) {
    if (!isTransportName(option))
      throw new TypeError(`transport: unknown client '${option}'; use one of ${TRANSPORT_NAMES.join(', ')}`);
    return option;
  }
  // A kafkajs client handed over by the application decides for itself.
  if (choice.kafka !== undefined) return 'kafkajs';
  const fromEnv = env[TRANSPORT_VARIABLE]?.trim();
  if (fromEnv === undefined || fromEnv === '') return defaultFor(choice);
  if (!isTransportName(fromEnv))
    throw new TypeError(`${TRANSPORT_VARIABLE}=${fromEnv}: unknown client; use one of ${TRANSPORT_NAMES.join(', ')}`);
  return fromEnv;
}

/** The default client, unless the settings are ones only kafkajs honours. */
function defaultFor(settings: KafkaConnectionOptions & KafkajsSettings): TransportName {
  const kafkajsOnly = kafkajsOnlySetting(settings) ?? unsupportedConnectionSetting(settings);
  return kafkajsOnly === undefined ? DEFAULT_TRANSPORT : 'kafkajs';
}

/** Opens the chosen transport for these connection options (or returns the one the caller built). */
export function openTransport(
  options: TransportChoice & KafkaConnectionOptions & KafkajsSettings & { readonly logger: Logger },
  defaultClientId: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): KafkaTransport {
  if (typeof options.transport === 'object') return options.transport;
  const name = chosenTransportName(options, env);
  switch (name) {
    case 'kafkajs':
      return kafkajsTransport(options, defaultClientId);
    case 'platformatic':
      return platformaticTransport(options, defaultClientId);
  }
}

/**
 * A transport for the application to share between its senders and receivers (`transport: shared`), or to ask
 * what the chosen client supports (`createKafkaTransport(options).capabilities`).
 */
export function createKafkaTransport(
  options: TransportChoice & KafkaConnectionOptions & KafkajsSettings & { readonly logger?: Logger },
): KafkaTransport {
  return openTransport({ ...options, logger: options.logger ?? createConsoleLogger() }, 'evc');
}
