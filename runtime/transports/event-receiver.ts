// The EventReceiver generated consumers run on in production: a group consumer of the chosen transport feeding
// the shared record processor, and an idempotent producer of the same transport for dead letters.
import type { ProducerTransport } from '../contract.js';
import { createReceiver, type ManagedEventReceiver, type ReceiverOptions } from '../consumer/receiver.js';
import type { KafkaConnectionOptions } from '../kafka/connection.js';
import { createConsoleLogger } from '../logger.js';
import type { KafkajsSettings } from './kafkajs/transport.js';
import { openTransport, type TransportChoice } from './transport-choice.js';
import { retryGroupId } from '../consumer/retry-topics.js';

export interface KafkaReceiverOptions
  extends ReceiverOptions, KafkaConnectionOptions, TransportChoice, Pick<KafkajsSettings, 'consumerConfig'> {
  /**
   * Where a new consumer group starts: default true (the earliest retained record), because a
   * service that joins late should work off what waits for it rather than silently skip it.
   */
  readonly fromBeginning?: boolean;
  /** Partitions processed concurrently (order is always kept within a partition); default 4. */
  readonly partitionsConsumedConcurrently?: number;
  /** Producer for dead letters; default an idempotent producer of its own on the same transport. */
  readonly deadLetterProducer?: ProducerTransport;
  /**
   * Also commit within a fetched batch, after this many finished records and/or this long. By
   * default offsets are committed after each fetched batch (and on stop), so a crash redelivers at
   * most the unfinished rest of one batch per partition.
   */
  readonly commit?: { readonly everyRecords?: number; readonly intervalMs?: number };
  /** How long start() waits for the group join; default 60 s. */
  readonly joinTimeoutMs?: number;
  /** Static group membership (KIP-345), where the transport supports it (`capabilities.supportsStaticMembership`). */
  readonly groupInstanceId?: string;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly rebalanceTimeoutMs?: number;
}

export function createEventReceiver(options: KafkaReceiverOptions): ManagedEventReceiver {
  const logger = options.logger ?? createConsoleLogger();
  const transport = openTransport({ ...options, logger }, `evc-${options.groupId}`);
  return createReceiver({ ...options, logger }, ({ observer, pauses }) => {
    const settings = {
      groupId: options.groupId,
      fromBeginning: options.fromBeginning ?? true,
      observer,
      pauses,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 4,
      joinTimeoutMs: options.joinTimeoutMs ?? 60_000,
      ...(options.commit === undefined ? {} : { commit: options.commit }),
      ...(options.groupInstanceId === undefined ? {} : { groupInstanceId: options.groupInstanceId }),
      ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeoutMs: options.sessionTimeoutMs }),
      ...(options.heartbeatIntervalMs === undefined ? {} : { heartbeatIntervalMs: options.heartbeatIntervalMs }),
      ...(options.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeoutMs: options.rebalanceTimeoutMs }),
    };
    return {
      consumer: transport.consumer(settings),
      deadLetters: options.deadLetterProducer ?? transport.producer(),
      ownsDeadLetters: options.deadLetterProducer === undefined,
      // A client that pauses only whole subscriptions gets a consumer per retry topic (a group of its own, so no
      // assignor has to honour mixed subscriptions), or a waiting retry record would hold back the source topics.
      ...(transport.capabilities.supportsPartitionPause
        ? {}
        : {
            retryConsumer: (retryTopic: string) =>
              transport.consumer({
                ...settings,
                groupId: retryGroupId(options.groupId, retryTopic),
                ...(options.groupInstanceId === undefined
                  ? {}
                  : { groupInstanceId: `${options.groupInstanceId}.${retryTopic}` }),
              }),
          }),
    };
  });
}
