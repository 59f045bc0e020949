// ProducerTransport on kafkajs: idempotent by default (no duplicates from internal retries),
// acks from all in-sync replicas, and one `producer.send` per call so a batch is one request.
import { CompressionTypes, Partitioners, type Kafka, type Message, type Producer, type ProducerConfig } from 'kafkajs';
import type { WireRecord } from '../../contract.js';
import { createConsoleLogger, type Logger } from '../../logger.js';
import { kafkaClientOf, type KafkaConnectionOptions } from '../../kafka/connection.js';
import type { TransportProducer } from '../transport.js';
import { installKafkajsPatch } from './header-encoding-patch.js';

export interface KafkaProducerTransportOptions extends KafkaConnectionOptions {
  /** Default true. kafkajs marks idempotence experimental; it requires maxInFlightRequests 1 and acks -1. */
  readonly idempotent?: boolean;
  readonly compression?: CompressionTypes;
  /** How long the broker may take to acknowledge; kafkajs default 30 s. */
  readonly ackTimeoutMs?: number;
  readonly producerConfig?: Omit<ProducerConfig, 'idempotent'>;
  readonly logger?: Logger;
}

export interface KafkaProducerTransport extends TransportProducer {
  readonly producer: Producer;
}

/**
 * kafkajs' default since 2.0 (murmur2 over the key bytes, as Java's producer does): a key lands on
 * the same partition whether a Java or a TypeScript service sends it. Naming it explicitly also
 * keeps kafkajs from printing its "switched default partitioner" warning on every start.
 */
export const KEY_PARTITIONER = Partitioners.DefaultPartitioner;

export function createKafkaProducerTransport(options: KafkaProducerTransportOptions): KafkaProducerTransport {
  installKafkajsPatch(); // the runtime's records skip kafkajs 2.2.4's slow header encoding (header-encoding-patch.ts)
  const logger = options.logger ?? createConsoleLogger();
  const kafka: Kafka = kafkaClientOf(options, logger, 'evc-producer');
  const idempotent = options.idempotent ?? true;
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: KEY_PARTITIONER,
    ...options.producerConfig,
    idempotent,
    ...(idempotent ? { maxInFlightRequests: 1 } : {}),
  });
  let connecting: Promise<void> | undefined;
  const connect = () => {
    // A failed connect is forgotten so the next send tries again instead of failing forever.
    connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  };
  const compression = options.compression ?? CompressionTypes.None;

  return {
    producer,
    connect,
    async send(topic: string, records: readonly WireRecord[]) {
      await connect();
      await producer.send({
        topic,
        acks: -1,
        compression,
        ...(options.ackTimeoutMs === undefined ? {} : { timeout: options.ackTimeoutMs }),
        // kafkajs reads key/value/headers and copies the bytes into its request buffer.
        messages: records as unknown as Message[],
      });
    },
    async disconnect() {
      if (connecting === undefined) return;
      connecting = undefined;
      await producer.disconnect();
    },
  };
}
