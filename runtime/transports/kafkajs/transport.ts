// The runtime's transport on kafkajs 2.2.4: per-partition pause, an idempotent producer (kafkajs calls it
// experimental; it needs one request in flight), no static membership and no KIP-848 protocol.
import type { CompressionTypes, ConsumerConfig, Kafka, ProducerConfig } from 'kafkajs';
import { kafkaClientOf, type KafkaConnectionOptions } from '../../kafka/connection.js';
import type { Logger } from '../../logger.js';
import type { KafkaTransport, TransportCapabilities } from '../transport.js';
import { KafkaConsumerTransport } from './consumer-transport.js';
import { installKafkajsPatch } from './header-encoding-patch.js';
import { createKafkaProducerTransport } from './producer-transport.js';

/** kafkajs-only settings; the other transports refuse them rather than ignore them. */
export interface KafkajsSettings {
  /** kafkajs consumer settings (session timeout, heartbeat interval, fetch sizes, ...). */
  readonly consumerConfig?: Omit<ConsumerConfig, 'groupId'>;
  readonly producerConfig?: Omit<ProducerConfig, 'idempotent'>;
  readonly compression?: CompressionTypes;
}

export const KAFKAJS_CAPABILITIES: TransportCapabilities = {
  client: 'kafkajs',
  clientVersion: 'kafkajs 2.2.4',
  supportsPartitionPause: true,
  supportsStaticMembership: false,
  supportsIdempotentProducer: true,
  supportsConsumerGroupProtocol: false,
};

export function kafkajsTransport(
  options: KafkaConnectionOptions & KafkajsSettings & { readonly logger: Logger },
  defaultClientId: string,
): KafkaTransport & { readonly kafka: Kafka } {
  installKafkajsPatch(); // linear header decoding and fast runtime-record encoding in kafkajs 2.2.4
  const { logger } = options;
  const kafka = kafkaClientOf(options, logger, defaultClientId);
  return {
    kafka,
    capabilities: KAFKAJS_CAPABILITIES,
    producer: (settings = {}) =>
      createKafkaProducerTransport({
        kafka,
        logger,
        ...(settings.idempotent === undefined ? {} : { idempotent: settings.idempotent }),
        ...(settings.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: settings.ackTimeoutMs }),
        ...(options.compression === undefined ? {} : { compression: options.compression }),
        ...(options.producerConfig === undefined ? {} : { producerConfig: options.producerConfig }),
      }),
    consumer: (settings) => {
      if (settings.groupInstanceId !== undefined)
        throw new TypeError(
          'groupInstanceId: kafkajs 2.2.4 has no static group membership; use the platformatic transport or ' +
            'a shorter sessionTimeoutMs',
        );
      const consumerConfig: Omit<ConsumerConfig, 'groupId'> = {
        ...options.consumerConfig,
        ...(settings.sessionTimeoutMs === undefined ? {} : { sessionTimeout: settings.sessionTimeoutMs }),
        ...(settings.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: settings.heartbeatIntervalMs }),
        ...(settings.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeout: settings.rebalanceTimeoutMs }),
      };
      return new KafkaConsumerTransport({
        kafka,
        groupId: settings.groupId,
        fromBeginning: settings.fromBeginning,
        observer: settings.observer,
        pauses: settings.pauses,
        partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
        joinTimeoutMs: settings.joinTimeoutMs,
        consumerConfig,
        ...(settings.commit === undefined ? {} : { commit: settings.commit }),
      });
    },
  };
}
