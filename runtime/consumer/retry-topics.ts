// Non-blocking retries (x-retry.delays): which retry topics a receiver consumes, which source topic each
// stands for, and the records that travel through them. A failed delivery is forwarded to the next retry
// topic with its due time and history in headers, and committed, so its source partition keeps flowing;
// the receiver of the retry topic pauses that partition until the record is due (see record-processor.ts).
import type { ConsumedRecord, ConsumerRoute, RecordCoordinates, WireRecord } from '../contract.js';
import {
  EVC_RETRY_ATTEMPT,
  EVC_RETRY_DUE_AT,
  EVC_RETRY_FOR_GROUP,
  EVC_RETRY_HISTORY,
  EVC_RETRY_ORIGINAL_OFFSET,
  EVC_RETRY_ORIGINAL_PARTITION,
  EVC_RETRY_ORIGINAL_TIMESTAMP,
  EVC_RETRY_ORIGINAL_TOPIC,
  RETRY_HEADER_NAMES,
} from '../../contract-conventions/headers.js';
import { setOwnProperty } from '../../contract-conventions/own-properties.js';
import { retryTopicsFor, type RetryStage } from '../../contract-conventions/retry-topic.js';
import type { ContractRetryPolicy, RetryPolicy } from '../../contract-conventions/retry-settings.js';
import { isDeadLetterHeader } from '../dead-letter-format/dead-letter-headers.js';
import {
  decodeAttemptHistory,
  encodeAttemptHistory,
  type AttemptHistoryEntry,
} from '../dead-letter-format/attempt-history.js';

/** Where a record read from a retry topic stands in its schedule. */
export interface RetryState {
  /** Deliveries that failed before this one (1 on the first retry topic). */
  readonly failedDeliveries: number;
  /** When the record may be handled again, ms since the epoch. */
  readonly dueAtMs: number;
  /** The record as it first arrived on its source topic. */
  readonly original: RecordCoordinates;
  readonly history: readonly AttemptHistoryEntry[];
  /** The group whose delivery failed: the only one that handles it (absent on records written by hand). */
  readonly forGroup: string | undefined;
}

export class RetryRouting {
  private readonly stages = new Map<ConsumerRoute, readonly RetryStage[]>();
  /** Retry topic → the source topic whose routes handle its records. */
  private readonly sources = new Map<string, string>();

  constructor(routes: readonly ConsumerRoute[]) {
    for (const route of routes) {
      const declared = declaredTopics(route.options?.retry);
      if (declared === undefined) continue;
      const source = route.descriptor.topic;
      const stages = retryTopicsFor(source, declared);
      if (stages === undefined) continue;
      this.stages.set(route, stages);
      for (const { topic } of stages) {
        const known = this.sources.get(topic);
        if (known !== undefined && known !== source)
          throw new Error(`retry topic ${topic} is declared for both ${known} and ${source}: one source topic each`);
        this.sources.set(topic, source);
      }
    }
    for (const topic of this.sources.keys())
      if (routes.some((route) => route.descriptor.topic === topic))
        throw new Error(`retry topic ${topic} is also a consumed topic: use a topic of its own`);
  }

  /** Retry topics to subscribe besides the routes' own topics. */
  retryTopics(): string[] {
    return [...this.sources.keys()];
  }

  /** Retry topic → source topic, for identifying a retry topic's records with its source topic's routes. */
  aliases(): ReadonlyMap<string, string> {
    return this.sources;
  }

  isRetryTopic(topic: string): boolean {
    return this.sources.has(topic);
  }

  /** The stage a record goes to after `failedDeliveries` failed deliveries, or undefined when they are used up. */
  nextStage(route: ConsumerRoute, failedDeliveries: number): RetryStage | undefined {
    return this.stages.get(route)?.[failedDeliveries];
  }

  /** Whether this route retries through topics at all. */
  hasStages(route: ConsumerRoute): boolean {
    return this.stages.has(route);
  }
}

/**
 * The consumer group of a retry topic's own consumer (transports without per-partition pause): the receiver's
 * group and the topic, so its committed offsets are found again after a restart.
 */
export function retryGroupId(groupId: string, retryTopic: string): string {
  return `${groupId}.${retryTopic}`;
}

function declaredTopics(
  retry: RetryPolicy | ContractRetryPolicy | undefined,
): Pick<ContractRetryPolicy, 'delays' | 'channels'> | undefined {
  if (retry === undefined || !('delays' in retry || 'channels' in retry)) return undefined;
  const { delays, channels } = retry;
  return { ...(delays === undefined ? {} : { delays }), ...(channels === undefined ? {} : { channels }) };
}

/**
 * The retry headers of a record read from a retry topic, or undefined when it has none (a record someone
 * wrote there by hand is then handled at once, as a first retry).
 */
export function readRetryState(record: ConsumedRecord): RetryState | undefined {
  const h = record.headers;
  const text = (name: string): string | undefined => h[name]?.toString('utf8');
  const dueAt = Number(text(EVC_RETRY_DUE_AT));
  const failed = Number(text(EVC_RETRY_ATTEMPT));
  if (!Number.isSafeInteger(dueAt) || !Number.isSafeInteger(failed) || failed < 1) return undefined;
  const partition = Number(text(EVC_RETRY_ORIGINAL_PARTITION));
  return {
    failedDeliveries: failed,
    dueAtMs: dueAt,
    original: {
      topic: text(EVC_RETRY_ORIGINAL_TOPIC) ?? record.topic,
      partition: Number.isSafeInteger(partition) ? partition : record.partition,
      offset: text(EVC_RETRY_ORIGINAL_OFFSET) ?? record.offset,
      timestamp: text(EVC_RETRY_ORIGINAL_TIMESTAMP) ?? record.timestamp,
    },
    history: decodeAttemptHistory(h[EVC_RETRY_HISTORY]),
    forGroup: text(EVC_RETRY_FOR_GROUP),
  };
}

/** The copy of `record` that goes to a retry topic: key, value and application headers unchanged, retry headers new. */
export function retryRecord(
  record: ConsumedRecord,
  next: {
    readonly failedDeliveries: number;
    readonly dueAtMs: number;
    readonly original: RecordCoordinates;
    readonly forGroup: string;
  },
  history: readonly AttemptHistoryEntry[],
): WireRecord {
  const headers: Record<string, Buffer> = {};
  for (const name of Object.keys(record.headers)) {
    if (RETRY_HEADER_NAMES.has(name) || isDeadLetterHeader(name)) continue;
    setOwnProperty(headers, name, record.headers[name]);
  }
  const text = (value: string | number) => Buffer.from(String(value), 'utf8');
  headers[EVC_RETRY_ATTEMPT] = text(next.failedDeliveries);
  headers[EVC_RETRY_DUE_AT] = text(next.dueAtMs);
  headers[EVC_RETRY_ORIGINAL_TOPIC] = text(next.original.topic);
  headers[EVC_RETRY_ORIGINAL_PARTITION] = text(next.original.partition);
  headers[EVC_RETRY_ORIGINAL_OFFSET] = text(next.original.offset);
  headers[EVC_RETRY_ORIGINAL_TIMESTAMP] = text(next.original.timestamp);
  headers[EVC_RETRY_HISTORY] = encodeAttemptHistory(history);
  headers[EVC_RETRY_FOR_GROUP] = text(next.forGroup);
  return { key: record.key, value: record.value, headers };
}
