// `evc dlq replay`: re-publishes dead letters to the topic they came from (or `to`), with their
// original key, value bytes and headers plus an incremented `evc_replay_count`. Records still
// invalid under the given contracts stay where they are and are reported; records replayed
// `maxReplays` times already are refused (an endless DLT → topic → DLT loop is a bug to fix, not
// to repeat). Progress is committed in the group `evc-dlq-replay-<topic>` only after the broker
// acknowledged the replayed records, so an interrupted replay resumes without losing or doubling.
import type { KafkaMessage } from 'kafkajs';
import type { ConsumedRecord, MessageDescriptor, ProducerTransport, WireRecord } from '../contract.js';
import type { ValidationFailure } from '../errors.js';
import { EventValidationError } from '../errors.js';
import { prepareEvent } from '../consumer/event-preparation.js';
import { unframeValue } from '../schema-registry/wire-format.js';
import { DEFAULT_DECODE_LIMITS } from '../consumer/json-decoder.js';
import { RouteTable } from '../consumer/route-table.js';
import { kafkaClientOf, type KafkaConnectionOptions } from '../kafka/connection.js';
import { createKafkaProducerTransport } from '../transports/kafkajs/producer-transport.js';
import { silentLogger, type Logger } from '../logger.js';
import { EVC_REPLAY_COUNT, EVC_REPLAY_FOR_GROUP } from '../../contract-conventions/headers.js';
import { deadLetterEntry, type DeadLetterEntry } from './dead-letter-entry.js';
import { parseDeadLetterFilter, type DeadLetterPredicate } from './dead-letter-filter.js';
import { ReplayProgress } from './replay-progress.js';
import { scanTopic, type PartitionBounds } from './topic-scan.js';

export interface ReplayOptions extends KafkaConnectionOptions {
  /** The dead-letter topic to replay from. */
  readonly topic: string;
  /** Destination for every record; default each record's original topic from its dead-letter headers. */
  readonly to?: string;
  /** Which records to replay: a predicate or an expression like `stage=validate,message=RouteCalculated`. */
  readonly filter?: DeadLetterPredicate | string;
  /** Report what would be replayed; send and commit nothing. */
  readonly dryRun?: boolean;
  /** Replay at most this many records. */
  readonly limit?: number;
  /** Re-validate against these messages (by name) before replaying; a record still invalid stays put. */
  readonly validators?: ReadonlyMap<string, MessageDescriptor> | readonly MessageDescriptor[];
  /** Refuse records already replayed this often; default 3. */
  readonly maxReplays?: number;
  /** Consumer group keeping the replay position; default `evc-dlq-replay-<topic>`. */
  readonly groupId?: string;
  /** Producer for replayed records; default an idempotent producer of its own. */
  readonly producer?: ProducerTransport;
  readonly timeoutMs?: number;
  readonly logger?: Logger;
}

export type ReplayOutcome = 'replayed' | 'would-replay' | 'still-invalid' | 'loop-refused' | 'no-destination';

export interface ReplayRecordReport {
  readonly partition: number;
  readonly offset: string;
  readonly outcome: ReplayOutcome;
  readonly destination: string | undefined;
  readonly messageType: string | undefined;
  /** The replay count the record carried. */
  readonly replayCount: number;
  readonly reason?: string;
  readonly validationErrors?: readonly ValidationFailure[];
}

export interface ReplayResult {
  readonly topic: string;
  readonly dryRun: boolean;
  readonly groupId: string;
  readonly records: readonly ReplayRecordReport[];
  readonly counts: Readonly<Record<ReplayOutcome | 'already-replayed' | 'filtered-out', number>>;
  readonly partitions: readonly PartitionBounds[];
  readonly complete: boolean;
  /** Why the replay stopped before the end of the topic, if it did. */
  readonly stoppedEarly?: 'limit' | 'progress-full';
}

/** Records are re-published in chunks: one produce request, then one commit per partition. */
const CHUNK = 500;

/** `to` names the dead-letter topic being read: every replayed record would come straight back. */
export class ReplayIntoSourceError extends Error {
  override readonly name = 'ReplayIntoSourceError';
}

export async function replayDeadLetters(options: ReplayOptions): Promise<ReplayResult> {
  if (options.to === options.topic)
    throw new ReplayIntoSourceError(
      `--to ${options.to} is the topic being replayed: records would be read and written back forever; pass the topic the records should go to`,
    );
  const logger = options.logger ?? silentLogger;
  const kafka = kafkaClientOf(options, logger, 'evc-dlq-replay');
  const dryRun = options.dryRun ?? false;
  const maxReplays = options.maxReplays ?? 3;
  const groupId = options.groupId ?? `evc-dlq-replay-${options.topic}`;
  const filter = typeof options.filter === 'string' ? parseDeadLetterFilter(options.filter) : options.filter;
  const validation =
    options.validators === undefined
      ? undefined
      : new RouteTable(descriptorsOf(options.validators).map((descriptor) => ({ descriptor, handler: () => {} })));
  const ownProducer = options.producer === undefined && !dryRun;
  const producer = options.producer ?? createKafkaProducerTransport({ kafka, logger });
  const records: ReplayRecordReport[] = [];
  const counts = {
    replayed: 0,
    'would-replay': 0,
    'still-invalid': 0,
    'loop-refused': 0,
    'no-destination': 0,
    'already-replayed': 0,
    'filtered-out': 0,
  };
  const progress = new Map<number, ReplayProgress>();
  let stoppedEarly: ReplayResult['stoppedEarly'];

  const report = (
    entry: DeadLetterEntry,
    outcome: ReplayOutcome,
    destination: string | undefined,
    extra: Partial<ReplayRecordReport> = {},
  ) => {
    counts[outcome] += 1;
    records.push({
      partition: entry.partition,
      offset: entry.offset,
      outcome,
      destination,
      messageType: entry.messageType,
      replayCount: entry.replayCount,
      ...extra,
    });
  };

  try {
    const result = await scanTopic({
      kafka,
      topic: options.topic,
      groupId,
      start: { from: 'committed' },
      logger,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      onMessages: async (partition, messages, context) => {
        const bound = context.bounds.get(partition)!;
        let state = progress.get(partition);
        if (state === undefined) {
          state = ReplayProgress.restore(bound.start, bound.metadata);
          progress.set(partition, state);
        }
        let pending: { entry: DeadLetterEntry; destination: string; record: WireRecord }[] = [];
        const flush = async () => {
          if (pending.length === 0) return;
          const byDestination = new Map<string, WireRecord[]>();
          for (const item of pending)
            byDestination.set(item.destination, [...(byDestination.get(item.destination) ?? []), item.record]);
          for (const [destination, wire] of byDestination) await producer.send(destination, wire);
          // Acknowledged: only now do these offsets count as done.
          for (const item of pending) {
            state.markDone(item.entry.offset);
            report(item.entry, 'replayed', item.destination);
          }
          pending = [];
          await context.commit(partition, state.committedOffset(), state.metadata());
          await context.heartbeat();
        };

        for (const message of messages) {
          if (state.isDone(message.offset)) {
            counts['already-replayed'] += 1;
            continue;
          }
          if (
            options.limit !== undefined &&
            counts.replayed + counts['would-replay'] + pending.length >= options.limit
          ) {
            stoppedEarly = 'limit';
            break;
          }
          const entry = deadLetterEntry(options.topic, partition, message);
          if (filter !== undefined && !filter(entry)) {
            counts['filtered-out'] += 1;
            continue;
          }
          const destination = options.to ?? entry.deadLetter?.originalTopic;
          if (destination === undefined) {
            report(entry, 'no-destination', undefined, {
              reason: 'no original topic in the dead-letter headers; pass --to',
            });
            continue;
          }
          if (destination === options.topic) {
            report(entry, 'loop-refused', destination, {
              reason: 'its original topic is this dead-letter topic itself; pass --to with the topic it belongs on',
            });
            continue;
          }
          if (entry.replayCount >= maxReplays) {
            report(entry, 'loop-refused', destination, {
              reason: `already replayed ${entry.replayCount} time(s) (limit ${maxReplays}); fix the consumer or the record first`,
            });
            continue;
          }
          if (validation !== undefined) {
            const invalid = revalidate(entry, message, validation, destination);
            if (invalid !== undefined) {
              report(entry, 'still-invalid', destination, invalid);
              continue;
            }
          }
          if (dryRun) {
            report(entry, 'would-replay', destination);
            continue;
          }
          if (!state.hasRoomFor(message.offset, pending.length)) {
            await flush();
            if (!state.hasRoomFor(message.offset, 0)) {
              stoppedEarly = 'progress-full';
              break;
            }
          }
          pending.push({ entry, destination, record: replayRecord(entry) });
          if (pending.length >= CHUNK) await flush();
        }
        await flush();
        return stoppedEarly === undefined;
      },
    });
    return {
      topic: options.topic,
      dryRun,
      groupId,
      records,
      counts,
      partitions: result.partitions,
      complete: result.complete,
      ...(stoppedEarly === undefined ? {} : { stoppedEarly }),
    };
  } finally {
    if (ownProducer)
      await producer
        .disconnect()
        .catch((error: unknown) => logger.warn('replay producer did not disconnect cleanly', { error }));
  }
}

function descriptorsOf(
  validators: ReadonlyMap<string, MessageDescriptor> | readonly MessageDescriptor[],
): MessageDescriptor[] {
  return isDescriptorList(validators) ? [...validators] : [...validators.values()];
}

// Array.isArray alone narrows a readonly array to any[].
function isDescriptorList(
  validators: ReadonlyMap<string, MessageDescriptor> | readonly MessageDescriptor[],
): validators is readonly MessageDescriptor[] {
  return Array.isArray(validators);
}

/** The original record again: same key and value bytes, original headers, replay count + 1. */
function replayRecord(entry: DeadLetterEntry): WireRecord {
  return {
    key: entry.key,
    value: entry.value,
    headers: {
      ...entry.originalHeaders,
      [EVC_REPLAY_COUNT]: Buffer.from(String(entry.replayCount + 1), 'utf8'),
      // Only the group that dead-lettered the record handles the replay; other groups of the topic already did.
      ...(entry.deadLetter?.consumerGroup
        ? { [EVC_REPLAY_FOR_GROUP]: Buffer.from(entry.deadLetter.consumerGroup, 'utf8') }
        : {}),
    },
  };
}

/**
 * Judges the record as its consumer will: the same decode → identify → validate steps, against the
 * contract of the topic it came from (or goes to).
 */
function revalidate(
  entry: DeadLetterEntry,
  message: KafkaMessage,
  table: RouteTable,
  destination: string,
): Partial<ReplayRecordReport> | undefined {
  const topic = entry.deadLetter?.originalTopic ?? destination;
  const record: ConsumedRecord = {
    topic,
    partition: entry.deadLetter?.originalPartition ?? entry.partition,
    offset: entry.deadLetter?.originalOffset ?? message.offset,
    timestamp: entry.deadLetter?.originalTimestamp ?? message.timestamp,
    key: entry.key,
    // A Confluent-framed value is judged by the JSON inside; its schema id is checked again by the
    // consumer when the replayed record (bytes unchanged) arrives.
    value: unframedValue(entry.value),
    headers: entry.originalHeaders,
  };
  const prepared = prepareEvent(record, table, { decode: DEFAULT_DECODE_LIMITS, discriminator: 'type' });
  if (prepared.ok) return undefined;
  return {
    reason: prepared.error.message,
    ...(prepared.error instanceof EventValidationError ? { validationErrors: prepared.error.failures } : {}),
  };
}

function unframedValue(value: Buffer | null): Buffer | null {
  const frame = unframeValue(value);
  return frame.framed && 'payload' in frame ? frame.payload : value;
}
