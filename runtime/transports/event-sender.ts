// The EventSender applications and generated producers use in production: the validating sender on a producer of
// the chosen transport (kafkajs or @platformatic/kafka), idempotent with acks=all.
import type { EventSender } from '../contract.js';
import type { KafkaConnectionOptions } from '../kafka/connection.js';
import { createConsoleLogger, type Logger } from '../logger.js';
import { createEventSender, type EventSenderOptions } from '../producer/event-sender.js';
import type { KafkajsSettings } from './kafkajs/transport.js';
import { openTransport, type TransportChoice } from './transport-choice.js';
import type { TransportProducerSettings } from './transport.js';

export interface KafkaProducerTransportOptions
  extends KafkaConnectionOptions, TransportChoice, TransportProducerSettings, Omit<KafkajsSettings, 'consumerConfig'> {
  readonly logger?: Logger;
}

/** A validating EventSender on its own Kafka producer, for services that do not share one. */
export function createKafkaEventSender(
  options: KafkaProducerTransportOptions & EventSenderOptions,
): EventSender & { disconnect(): Promise<void>; connect(): Promise<void> } {
  const logger = options.logger ?? createConsoleLogger();
  const transport = openTransport({ ...options, logger }, 'evc-producer').producer({
    ...(options.idempotent === undefined ? {} : { idempotent: options.idempotent }),
    ...(options.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: options.ackTimeoutMs }),
  });
  const sender = createEventSender(transport, options);
  return {
    send: sender.send.bind(sender),
    sendBatch: sender.sendBatch.bind(sender),
    connect: transport.connect.bind(transport),
    disconnect: transport.disconnect.bind(transport),
  };
}
