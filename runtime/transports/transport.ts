// The seam between the runtime and a Kafka client: what the validating sender and receiver need from a client
// (connect, send a batch, subscribe, deliver records with raw key/value/headers, pause/resume partitions, commit,
// rebalance notice, close) and what the client can and cannot do, so callers ask instead of assuming kafkajs.
// Implementations: transports/kafkajs (kafkajs 2.2.4) and transports/platformatic (@platformatic/kafka 1.x).
import type { ConsumedRecord, ConsumerTransport, ProducerTransport } from '../contract.js';
import type { PartitionPauses } from '../consumer/partition-pauses.js';
import type { ReceiverObserver } from '../consumer/receiver-observer.js';

/** The clients the runtime runs on; `EVC_TRANSPORT` or the factories' `transport` option picks one. */
export const TRANSPORT_NAMES = ['kafkajs', 'platformatic'] as const;
export type TransportName = (typeof TRANSPORT_NAMES)[number];

/** What a transport supports. Code that needs one of these checks it and says so when it is missing. */
export interface TransportCapabilities {
  readonly client: TransportName;
  /** The client library and its version, e.g. `kafkajs 2.2.4` (logged at start, printed by the benchmark). */
  readonly clientVersion: string;
  /**
   * One partition can be paused while the other partitions of the same consumer keep flowing. When false the
   * transport can only stop its whole subscription: a partition that cannot go on (dead-letter topic unwritable,
   * retry record not due yet) holds back every partition of that consumer until it resumes — give such partitions
   * a consumer of their own.
   */
  readonly supportsPartitionPause: boolean;
  /** Static group membership (`group.instance.id`, KIP-345): a restarted member gets its partitions back at once. */
  readonly supportsStaticMembership: boolean;
  /** Idempotent producer (no duplicates from the client's own retries) with `acks=all`. */
  readonly supportsIdempotentProducer: boolean;
  /** The KIP-848 consumer group protocol (`group.protocol=consumer`, Kafka 4.0+). */
  readonly supportsConsumerGroupProtocol: boolean;
}

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** A producer on one client. `send` is one batch: it resolves once the broker acknowledged every record (acks=all). */
export interface TransportProducer extends ProducerTransport {
  /** Connects now; `send` also connects on first use, and retries the connection after a failed one. */
  connect(): Promise<void>;
}

/**
 * Called once per record, one record at a time per partition (partitions may run concurrently). Returning nothing
 * (the record needed no waiting, e.g. a synchronous handler), or a promise that resolves, means the record is
 * finished (handled or dead-lettered): its offset may be committed. Rejecting means it is not: the
 * transport must not commit it and must deliver it again later (after pausing its partition, see
 * `TransportConsumerSettings.pauses`). `ownership` aborts when the member may no longer own the record's
 * partition (a rebalance): the processor stops its in-place retries and rejects.
 */
export type RecordDelivery = (record: ConsumedRecord, ownership: AbortSignal) => void | Promise<void>;

/** A group consumer on one client. */
export interface TransportConsumer extends ConsumerTransport {
  /**
   * Connects, joins the group, subscribes to `topics` and starts delivering records to `onRecord`; resolves once
   * the member joined the group (rejects after `joinTimeoutMs`). Offsets of finished records are committed after
   * each fetched batch, per `commit`, and on `stop`.
   */
  run(topics: readonly string[], onRecord: RecordDelivery): Promise<void>;
  /**
   * Stops fetching these partitions (records already delivered finish). Without `supportsPartitionPause` the
   * whole subscription pauses until every paused partition is resumed.
   */
  pause(partitions: readonly TopicPartition[]): void;
  resume(partitions: readonly TopicPartition[]): void;
  /** Commits the offsets of the records finished so far, now. */
  commit(): Promise<void>;
  /** Finishes the record in flight, commits, leaves the group and closes the connections. */
  stop(): Promise<void>;
}

export interface TransportConsumerSettings {
  readonly groupId: string;
  /** Where a group without committed offsets starts: the earliest retained record, else only new ones. */
  readonly fromBeginning: boolean;
  /** Where the transport reports crashes and rebalances (`crashed`, `rebalanced` events). */
  readonly observer: ReceiverObserver;
  /** Decides how long a partition whose record was not finished stays paused; the transport pauses and resumes. */
  readonly pauses: PartitionPauses;
  /** Partitions processed at the same time (order is kept within each partition). */
  readonly partitionsConsumedConcurrently: number;
  /** How long `run` waits for the first group join. */
  readonly joinTimeoutMs: number;
  /** Commit within a batch too, after this many finished records or this long; default after each fetched batch. */
  readonly commit?: { readonly everyRecords?: number; readonly intervalMs?: number };
  /** Static membership id (needs `supportsStaticMembership`); the member keeps its partitions across a restart. */
  readonly groupInstanceId?: string;
  /** How long the coordinator waits for a silent member before rebalancing (client default when absent). */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** How long the coordinator waits for members to rejoin during a rebalance (client default when absent). */
  readonly rebalanceTimeoutMs?: number;
}

export interface TransportProducerSettings {
  /** Default true: no duplicates from the client's retries; requires `supportsIdempotentProducer`. */
  readonly idempotent?: boolean;
  /** How long the broker may take to acknowledge a batch (client default when absent). */
  readonly ackTimeoutMs?: number;
}

/** A Kafka client as the runtime uses it: a factory of producers and group consumers on one connection setup. */
export interface KafkaTransport {
  readonly capabilities: TransportCapabilities;
  producer(settings?: TransportProducerSettings): TransportProducer;
  consumer(settings: TransportConsumerSettings): TransportConsumer;
}
