// The EventReceiver generated consumers run on in production: a kafkajs consumer group feeding the
// shared record processor, and an idempotent producer for dead letters.
import type { ConsumerConfig } from 'kafkajs';
import type { ProducerTransport } from '../contract.js';
import { createReceiver, type ManagedEventReceiver, type ReceiverOptions } from '../consumer/receiver.js';
import { createConsoleLogger } from '../logger.js';
import { kafkaClientOf, type KafkaConnectionOptions } from './connection.js';
import { KafkaConsumerTransport } from './consumer-transport.js';
import { installKafkajsPatch } from './header-encoding-patch.js';
import { createKafkaProducerTransport } from './producer-transport.js';

export interface KafkaReceiverOptions extends ReceiverOptions, KafkaConnectionOptions {
  /**
   * Where a new consumer group starts: default true (the earliest retained record), because a
   * service that joins late should work off what waits for it rather than silently skip it.
   */
  readonly fromBeginning?: boolean;
  /** Partitions processed concurrently (order is always kept within a partition); default 4. */
  readonly partitionsConsumedConcurrently?: number;
  /** kafkajs consumer settings (session timeout, heartbeat interval, fetch sizes, ...). */
  readonly consumerConfig?: Omit<ConsumerConfig, 'groupId'>;
  /** Producer for dead letters; default an idempotent producer of its own on the same client. */
  readonly deadLetterProducer?: ProducerTransport;
  /**
   * Also commit within a fetched batch, after this many finished records and/or this long. By
   * default offsets are committed after each fetched batch (and on stop), so a crash redelivers at
   * most the unfinished rest of one batch per partition.
   */
  readonly commit?: { readonly everyRecords?: number; readonly intervalMs?: number };
  /** How long start() waits for the group join; default 60 s. */
  readonly joinTimeoutMs?: number;
}

export function createEventReceiver(options: KafkaReceiverOptions): ManagedEventReceiver {
  installKafkajsPatch(); // linear instead of quadratic header decoding in kafkajs 2.2.4 (header-encoding-patch.ts)
  const logger = options.logger ?? createConsoleLogger();
  const kafka = kafkaClientOf(options, logger, `evc-${options.groupId}`);
  return createReceiver({ ...options, logger }, ({ observer, pauses }) => ({
    consumer: new KafkaConsumerTransport({
      kafka,
      groupId: options.groupId,
      fromBeginning: options.fromBeginning ?? true,
      observer,
      pauses,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 4,
      joinTimeoutMs: options.joinTimeoutMs ?? 60_000,
      ...(options.consumerConfig === undefined ? {} : { consumerConfig: options.consumerConfig }),
      ...(options.commit === undefined ? {} : { commit: options.commit }),
    }),
    deadLetters: options.deadLetterProducer ?? createKafkaProducerTransport({ kafka, logger }),
    ownsDeadLetters: options.deadLetterProducer === undefined,
  }));
}
