// Which Kafka client a sender or receiver runs on: the factories' `transport` option, else `EVC_TRANSPORT`, else
// the default. One rule for every entry point, so tests switch the whole runtime with one variable.
import type { KafkaConnectionOptions } from '../kafka/connection.js';
import { createConsoleLogger, type Logger } from '../logger.js';
import { kafkajsTransport, type KafkajsSettings } from './kafkajs/transport.js';
import { platformaticTransport } from './platformatic/transport.js';
import { TRANSPORT_NAMES, type KafkaTransport, type TransportName } from './transport.js';

export const TRANSPORT_VARIABLE = 'EVC_TRANSPORT';
/** The client used when neither the option nor `EVC_TRANSPORT` names one. */
export const DEFAULT_TRANSPORT: TransportName = 'kafkajs';

export interface TransportChoice {
  /** A client name, or a transport of your own (shared by several senders and receivers). Default: `EVC_TRANSPORT`. */
  readonly transport?: TransportName | KafkaTransport;
}

export function isTransportName(value: string): value is TransportName {
  return (TRANSPORT_NAMES as readonly string[]).includes(value);
}

/** The client name the options and environment ask for; a wrong name is an error naming where it came from. */
export function chosenTransportName(
  choice: TransportChoice & Pick<KafkaConnectionOptions, 'kafka'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): TransportName {
  const option = choice.transport;
  if (typeof option === 'string') {
    if (!isTransportName(option))
      throw new TypeError(`transport: unknown client '${option}'; use one of ${TRANSPORT_NAMES.join(', ')}`);
    return option;
  }
  // A kafkajs client handed over by the application decides for itself.
  if (choice.kafka !== undefined) return 'kafkajs';
  const fromEnv = env[TRANSPORT_VARIABLE]?.trim();
  if (fromEnv === undefined || fromEnv === '') return DEFAULT_TRANSPORT;
  if (!isTransportName(fromEnv))
    throw new TypeError(`${TRANSPORT_VARIABLE}=${fromEnv}: unknown client; use one of ${TRANSPORT_NAMES.join(', ')}`);
  return fromEnv;
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
