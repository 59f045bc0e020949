// Reads a topic once, from chosen start offsets up to the end offsets (high watermarks) captured
// when the scan starts, then stops: what `evc dlq inspect` and `replay` need. kafkajs has no
// manual partition assignment, so this joins a consumer group with auto-commit off; nothing is
// committed unless the caller commits through the context it gets.
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '../logger.js';
import { describeCause } from '../errors.js';

export type ScanStart =
  | { readonly from: 'earliest' }
  /** The first record at or after this time (ms since the epoch), per partition. */
  | { readonly from: 'timestamp'; readonly timestamp: number }
  /** The group's committed offsets (earliest where it has none). */
  | { readonly from: 'committed' };

export interface PartitionBounds {
  readonly partition: number;
  /** Earliest retained offset. */
  readonly low: string;
  /** End offset when the scan started: records at or beyond it are not read. */
  readonly high: string;
  /** Where this scan started reading. */
  readonly start: string;
  /** Offset metadata the group committed with `start` (replay keeps its progress there). */
  readonly metadata: string | null;
}

export interface ScanContext {
  readonly bounds: ReadonlyMap<number, PartitionBounds>;
  /** Commit the group's position in a partition (only the replay tool does). */
  commit(partition: number, offset: string, metadata: string | null): Promise<void>;
  heartbeat(): Promise<void>;
}

/** Gets the records of one fetched batch within bounds; returns false to end the scan early. */
export type ScanHandler = (
  partition: number,
  messages: readonly KafkaMessage[],
  context: ScanContext,
) => Promise<boolean>;

export interface ScanOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly groupId: string;
  readonly start: ScanStart;
  readonly onMessages: ScanHandler;
  /** Give up (complete: false) after this long; default 60 s. */
  readonly timeoutMs?: number;
  /** Remove the consumer group afterwards (for throw-away inspect groups). */
  readonly deleteGroup?: boolean;
  readonly logger: Logger;
}

export interface ScanResult {
  readonly partitions: readonly PartitionBounds[];
  /** True when every partition was read up to its captured end (or the handler ended the scan). */
  readonly complete: boolean;
  readonly endedEarly: boolean;
}

export class TopicNotFoundError extends Error {
  override readonly name = 'TopicNotFoundError';
  constructor(readonly topic: string) {
    super(`topic ${topic} does not exist`);
  }
}

export async function scanTopic(options: ScanOptions): Promise<ScanResult> {
  const { kafka, topic, groupId } = options;
  const admin = kafka.admin();
  await admin.connect();
  let partitions: PartitionBounds[];
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) throw new TopicNotFoundError(topic);
    partitions = await partitionBounds(admin, topic, groupId, options.start);
  } finally {
    await admin.disconnect();
  }
  const bounds = new Map(partitions.map((bound) => [bound.partition, bound]));
  const pending = new Set(
    partitions.filter((bound) => BigInt(bound.start) < BigInt(bound.high)).map((bound) => bound.partition),
  );
  if (pending.size === 0) return { partitions, complete: true, endedEarly: false };

  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, sessionTimeout: 30_000 });
  let endedEarly = false;
  let failure: unknown;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const timer = setTimeout(finish, options.timeoutMs ?? 60_000);
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    failure ??= payload.error;
    finish();
  });

  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const bound = bounds.get(batch.partition);
        if (bound === undefined || !pending.has(batch.partition) || !payload.isRunning()) return;
        const start = BigInt(bound.start);
        const high = BigInt(bound.high);
        const inBounds = batch.messages.filter((message) => {
          const offset = BigInt(message.offset);
          return offset >= start && offset < high;
        });
        const context: ScanContext = {
          bounds,
          heartbeat: () => payload.heartbeat(),
          commit: (partition, offset, metadata) => consumer.commitOffsets([{ topic, partition, offset, metadata }]),
        };
        let proceed = true;
        try {
          if (inBounds.length > 0) proceed = await options.onMessages(batch.partition, inBounds, context);
        } catch (error) {
          failure ??= error;
          proceed = false;
        }
        if (!proceed) {
          endedEarly = true;
          pending.clear();
          finish();
          return;
        }
        if (BigInt(batch.lastOffset()) >= high - 1n) {
          pending.delete(batch.partition);
          if (pending.size === 0) finish();
        }
      },
    });
    // Start where the caller asked, not where a fresh group would (`seek` without auto-commit commits nothing).
    for (const bound of partitions) {
      if (pending.has(bound.partition)) consumer.seek({ topic, partition: bound.partition, offset: bound.start });
    }
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer
      .disconnect()
      .catch((error: unknown) => options.logger.warn('scan consumer did not disconnect cleanly', { error }));
    if (options.deleteGroup) await deleteGroup(kafka, groupId, options.logger);
  }
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(describeCause(failure));
  return { partitions, complete: pending.size === 0 || endedEarly, endedEarly };
}

async function partitionBounds(
  admin: ReturnType<Kafka['admin']>,
  topic: string,
  groupId: string,
  start: ScanStart,
): Promise<PartitionBounds[]> {
  const offsets = await admin.fetchTopicOffsets(topic);
  const starts = new Map<number, { offset: string; metadata: string | null }>();
  if (start.from === 'timestamp') {
    for (const entry of await admin.fetchTopicOffsetsByTimestamp(topic, start.timestamp))
      starts.set(entry.partition, { offset: entry.offset, metadata: null });
  } else if (start.from === 'committed') {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    for (const entry of committed?.partitions ?? [])
      starts.set(entry.partition, { offset: entry.offset, metadata: entry.metadata });
  }
  return offsets
    .map(({ partition, low, high }) => {
      const chosen = starts.get(partition);
      // No committed offset (-1), or one before the retained range: start at the earliest record.
      const offset = chosen === undefined || BigInt(chosen.offset) < BigInt(low) ? low : chosen.offset;
      return { partition, low, high, start: offset, metadata: chosen?.metadata ?? null };
    })
    .sort((a, b) => a.partition - b.partition);
}

async function deleteGroup(kafka: Kafka, groupId: string, logger: Logger): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch (error) {
    logger.debug('could not delete the scan group (it expires by itself)', { groupId, error });
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
