// ConsumerTransport on a kafkajs consumer. Offsets are resolved one record at a time and only after
// the record processor finished it (handled, or its dead-letter copy acknowledged); kafkajs then
// commits resolved offsets after each batch. A record the processor could not finish pauses its
// partition (the others keep flowing) and is fetched again on resume, because its offset was
// never resolved. Heartbeats continue while a handler is being retried; when one reports that the
// group is rebalancing, the member stops its in-place retries and its batches at once (the records
// stay uncommitted for the partitions' next owners), so a rebalance neither waits for a retry
// schedule nor, when that schedule outlasts the rebalance timeout, lets two members work on one record.
import { performance } from 'node:perf_hooks';
import type { Consumer, ConsumerConfig, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { ConsumedRecord } from '../../contract.js';
import { setOwnProperty } from '../../../contract-conventions/own-properties.js';
import { lastHeaderBytes } from '../../header-values.js';
import type { RecordDelivery, TopicPartition, TransportConsumer, TransportConsumerSettings } from '../transport.js';

/** The transport settings kafkajs takes as they are (the timing ones arrive inside `consumerConfig`). */
export interface KafkaConsumerTransportOptions extends Omit<
  TransportConsumerSettings,
  'groupInstanceId' | 'sessionTimeoutMs' | 'heartbeatIntervalMs' | 'rebalanceTimeoutMs'
> {
  readonly kafka: Kafka;
  readonly consumerConfig?: Omit<ConsumerConfig, 'groupId'>;
  /** Delay before re-creating a consumer kafkajs gave up on; default 5 s. */
  readonly restartDelayMs?: number;
}

const DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;
/** Delay before re-creating a consumer that kafkajs gave up on. */
const RESTART_DELAY_MS = 5_000;
/**
 * Group errors after which this member may no longer own its partitions: kafkajs' own
 * `isRebalancing` set, plus a membership the coordinator no longer knows.
 */
const MEMBERSHIP_CHANGES: ReadonlySet<string> = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'NOT_COORDINATOR_FOR_GROUP',
  'UNKNOWN_MEMBER_ID',
  'FENCED_INSTANCE_ID',
]);

/** Whether a heartbeat error says the group is rebalancing or this member was dropped from it. */
export function isMembershipChange(error: unknown): boolean {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  return typeof type === 'string' && MEMBERSHIP_CHANGES.has(type);
}

export class KafkaConsumerTransport implements TransportConsumer {
  private consumer: Consumer | undefined;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private topics: readonly string[] = [];
  private onRecord: RecordDelivery | undefined;
  /** Last finished offset per partition (`partition:topic`), for commit() outside kafkajs' batch commits. */
  private readonly finished = new Map<string, { topic: string; partition: number; offset: string }>();
  /** Aborted when a heartbeat reports a rebalance; replaced on every (re)join of the group. */
  private membership = new AbortController();

  constructor(private readonly options: KafkaConsumerTransportOptions) {}

  async run(topics: readonly string[], onRecord: RecordDelivery): Promise<void> {
    if (this.consumer !== undefined) throw new Error('consumer is already running');
    this.topics = topics;
    this.onRecord = onRecord;
    await this.startConsumer();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer !== undefined) clearTimeout(this.restartTimer);
    const consumer = this.consumer;
    this.consumer = undefined;
    // disconnect() stops the runner: the batch in progress ends after its current record (the
    // loop checks isRunning), resolved offsets are committed, and the member leaves the group.
    if (consumer !== undefined) await consumer.disconnect();
  }

  pause(partitions: readonly TopicPartition[]): void {
    this.consumer?.pause(byTopic(partitions));
  }

  resume(partitions: readonly TopicPartition[]): void {
    this.consumer?.resume(byTopic(partitions));
  }

  async commit(): Promise<void> {
    const consumer = this.consumer;
    if (consumer === undefined || this.finished.size === 0) return;
    const offsets = [...this.finished.values()].map((done) => ({ ...done, offset: nextOffset(done.offset) }));
    this.finished.clear();
    await consumer.commitOffsets(offsets);
  }

  private async startConsumer(): Promise<void> {
    const { kafka, groupId, consumerConfig } = this.options;
    const consumer = kafka.consumer({ allowAutoTopicCreation: false, ...consumerConfig, groupId });
    this.consumer = consumer;
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`consumer group ${groupId} did not join within ${this.options.joinTimeoutMs} ms`)),
        this.options.joinTimeoutMs,
      );
      consumer.on(consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        resolve();
      });
      consumer.on(consumer.events.CRASH, () => {
        clearTimeout(timer);
        reject(new Error(`consumer group ${groupId} crashed before joining`));
      });
    });
    joined.catch(() => {}); // observed below; avoid an unhandled rejection if run() throws first
    consumer.on(consumer.events.GROUP_JOIN, () => {
      // A new generation: batches of the previous one (if any still run) must not go on.
      const previous = this.membership;
      this.membership = new AbortController();
      previous.abort(new Error('the consumer group was joined again'));
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => this.onCrash(consumer, payload.error, payload.restart));

    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.topics], fromBeginning: this.options.fromBeginning });
      await consumer.run({
        autoCommit: true,
        ...(this.options.commit?.everyRecords === undefined
          ? {}
          : { autoCommitThreshold: this.options.commit.everyRecords }),
        ...(this.options.commit?.intervalMs === undefined
          ? {}
          : { autoCommitInterval: this.options.commit.intervalMs }),
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
        eachBatch: (payload) => this.eachBatch(payload),
      });
      await joined;
    } catch (error) {
      this.consumer = undefined;
      await consumer.disconnect().catch(() => {});
      throw error;
    }
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    // kafkajs' batch functions are called on `payload`, not destructured: its types declare them as methods.
    const { batch } = payload;
    const { topic, partition } = batch;
    const onRecord = this.onRecord!;
    const commitWithinBatch = this.options.commit !== undefined;
    const ownership = this.membership.signal;
    // A heartbeat that reports a rebalance ends this member's work on its batches: retry waits end
    // at once (all partitions of the member, not only this one) and no further record is started.
    const beatChecked = (): Promise<void> =>
      payload.heartbeat().catch((error: unknown) => {
        if (isMembershipChange(error)) this.loseOwnership(ownership, error);
        throw error;
      });
    // kafkajs sends a heartbeat only once per interval anyway; asking it per record would only
    // cost a promise each. A timer keeps the member alive while one record is retried for long,
    // and is how a member in the middle of a retry schedule learns of a rebalance.
    const interval = this.options.consumerConfig?.heartbeatInterval ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
    const beat = setInterval(() => void beatChecked().catch(() => {}), interval);
    // One entry per batch, updated per record: commit() reads the latest offset when it runs.
    const finishedKey = `${partition}:${topic}`;
    const finished = { topic, partition, offset: '' };
    let nextBeat = performance.now() + interval;
    try {
      for (const message of batch.messages) {
        if (this.stopping || !payload.isRunning() || payload.isStale() || ownership.aborted) break;
        try {
          // A record that needed no waiting comes back without a promise: the next one follows in the same turn.
          const done = onRecord(consumedRecord(topic, partition, message), ownership);
          if (done !== undefined) await done;
        } catch (reason) {
          // Not done (dead-letter topic unwritable, shutdown, or rebalance): leave the offset
          // unresolved so the record is fetched again; only an unwritable dead-letter topic stops
          // the partition (a rebalance hands it to its next owner as it is).
          if (!this.stopping && payload.isRunning() && !ownership.aborted) {
            const resume = payload.pause();
            this.options.pauses.pause(topic, partition, message.offset, reason, () => {
              if (!this.stopping) resume();
            });
          }
          break;
        }
        payload.resolveOffset(message.offset);
        finished.offset = message.offset;
        this.finished.set(finishedKey, finished);
        this.options.pauses.succeeded(topic, partition);
        if (commitWithinBatch) await payload.commitOffsetsIfNecessary();
        if (performance.now() >= nextBeat) {
          await beatChecked();
          nextBeat = performance.now() + interval;
        }
      }
    } finally {
      clearInterval(beat);
    }
  }

  /** The group is rebalancing (or dropped this member): stop the batches of `ownership`'s generation. */
  private loseOwnership(ownership: AbortSignal, error: unknown): void {
    if (ownership.aborted || this.membership.signal !== ownership) return;
    this.options.observer.logger.info(
      `consumer group ${this.options.groupId} is rebalancing; in-place retries stop and unfinished records stay uncommitted`,
      {
        reason: error instanceof Error ? error.message : String(error),
      },
    );
    this.membership.abort(error);
  }

  /** kafkajs restarts by itself after retriable errors; when it does not, we re-create the consumer. */
  private onCrash(consumer: Consumer, error: Error, restarting: boolean): void {
    const restartHere = !restarting && !this.stopping && this.consumer === consumer;
    this.options.observer.emit({ type: 'crashed', error, restarting: restarting || restartHere });
    if (!restartHere) return;
    this.consumer = undefined;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopping) return;
      void consumer
        .disconnect()
        .catch(() => {})
        .then(() => (this.stopping ? undefined : this.startConsumer()))
        .catch((restartError: unknown) =>
          this.onCrash(consumer, restartError instanceof Error ? restartError : new Error(String(restartError)), false),
        );
    }, this.options.restartDelayMs ?? RESTART_DELAY_MS);
  }
}

/** kafkajs commits the offset of the next record to read. */
function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

function byTopic(partitions: readonly TopicPartition[]): { topic: string; partitions: number[] }[] {
  const topics = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    const list = topics.get(topic);
    if (list === undefined) topics.set(topic, [partition]);
    else list.push(partition);
  }
  return [...topics].map(([topic, list]) => ({ topic, partitions: list }));
}

/** kafkajs' message as the runtime's record: headers as one Buffer each (the last of repeated ones). */
function consumedRecord(topic: string, partition: number, message: KafkaMessage): ConsumedRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key ?? null,
    value: message.value,
    headers: message.headers === undefined ? NO_HEADERS : bufferHeaders(message.headers),
  };
}

const NO_HEADERS: Readonly<Record<string, Buffer>> = Object.freeze({});

/**
 * kafkajs builds its header object with computed keys (own properties, even for `__proto__`) and
 * Buffer values; only repeated headers (arrays) need a copy that keeps the last value.
 */
function bufferHeaders(headers: IHeaders): Readonly<Record<string, Buffer>> {
  let repeated = false;
  for (const name in headers) {
    const value = headers[name];
    if (!Buffer.isBuffer(value)) {
      repeated = true;
      break;
    }
  }
  if (!repeated) return headers as Readonly<Record<string, Buffer>>;
  const out: Record<string, Buffer> = {};
  for (const name of Object.keys(headers)) {
    const last = lastHeaderBytes(headers[name]);
    if (last !== undefined) setOwnProperty(out, name, last);
  }
  return out;
}
