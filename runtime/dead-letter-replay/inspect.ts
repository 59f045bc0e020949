// `evc dlq inspect`: what waits in a dead-letter topic, why, and since when — read without
// committing anything (a throw-away consumer group with auto-commit off, deleted afterwards).
import { randomUUID } from 'node:crypto';
import type { DeadLetterStage } from '../dead-letter-format/dead-letter-headers.js';
import { kafkaClientOf, type KafkaConnectionOptions } from '../kafka/connection.js';
import { silentLogger, type Logger } from '../logger.js';
import { deadLetterEntry, type DeadLetterEntry } from './dead-letter-entry.js';
import { parseDeadLetterFilter, type DeadLetterPredicate } from './dead-letter-filter.js';
import { scanTopic, type PartitionBounds } from './topic-scan.js';
import { parseSince } from './time-window.js';

export interface InspectOptions extends KafkaConnectionOptions {
  /** The dead-letter topic. */
  readonly topic: string;
  /** Most entries returned; default 100. */
  readonly limit?: number;
  /** Only records dead-lettered at or after this time (a Date, ms, ISO text or a duration like `2h`). */
  readonly since?: Date | number | string;
  readonly stage?: DeadLetterStage;
  /** A further filter: a predicate or an expression like `message=RouteCalculated`. */
  readonly filter?: DeadLetterPredicate | string;
  readonly timeoutMs?: number;
  /** Consumer group to read with (kept afterwards); default a throw-away `evc-dlq-inspect-<uuid>`, deleted after reading. */
  readonly groupId?: string;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

export interface InspectResult {
  readonly topic: string;
  readonly entries: readonly DeadLetterEntry[];
  /** Records read (within the time window). */
  readonly scanned: number;
  /** Records that matched stage and filter (may exceed entries.length when limited). */
  readonly matched: number;
  readonly partitions: readonly PartitionBounds[];
  /** False when the scan timed out before reaching the end of every partition. */
  readonly complete: boolean;
  /** True when more records matched than `limit`. */
  readonly limited: boolean;
}

export async function inspectDeadLetters(options: InspectOptions): Promise<InspectResult> {
  const logger = options.logger ?? silentLogger;
  const kafka = kafkaClientOf(options, logger, 'evc-dlq-inspect');
  const limit = options.limit ?? 100;
  const since = options.since === undefined ? undefined : sinceTime(options.since, options.now?.() ?? new Date());
  const filter = typeof options.filter === 'string' ? parseDeadLetterFilter(options.filter) : options.filter;
  const entries: DeadLetterEntry[] = [];
  let scanned = 0;
  let matched = 0;

  const result = await scanTopic({
    kafka,
    topic: options.topic,
    groupId: options.groupId ?? `evc-dlq-inspect-${randomUUID()}`,
    start: since === undefined ? { from: 'earliest' } : { from: 'timestamp', timestamp: since.getTime() },
    deleteGroup: options.groupId === undefined,
    logger,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    onMessages: async (partition, messages) => {
      for (const message of messages) {
        if (since !== undefined && Number(message.timestamp) < since.getTime()) continue;
        scanned += 1;
        const entry = deadLetterEntry(options.topic, partition, message);
        if (options.stage !== undefined && entry.deadLetter?.stage !== options.stage) continue;
        if (filter !== undefined && !filter(entry)) continue;
        matched += 1;
        if (entries.length < limit) entries.push(entry);
      }
      return true;
    },
  });
  entries.sort(
    (a, b) =>
      Number(a.timestamp) - Number(b.timestamp) ||
      a.partition - b.partition ||
      Number(BigInt(a.offset) - BigInt(b.offset)),
  );
  return {
    topic: options.topic,
    entries,
    scanned,
    matched,
    partitions: result.partitions,
    complete: result.complete,
    limited: matched > entries.length,
  };
}

function sinceTime(since: Date | number | string, now: Date): Date {
  if (since instanceof Date) return since;
  if (typeof since === 'number') return new Date(since);
  return parseSince(since, now);
}
