// What happens to one consumed record, independent of where it came from (Kafka or memory):
// prepare it (decode → identify → validate), hand it to its handler with in-place retries, and
// dead-letter what cannot be handled. It resolves only when the record is done — handled, or its
// dead-letter copy acknowledged — and rejects (DeadLetterWriteError, ProcessingAbortedError) when it
// must stay uncommitted. Nothing else escapes: a transport only ever sees these two rejections.
import { performance } from 'node:perf_hooks';
import type { ConsumedRecord, ConsumerRoute, ProducerTransport, WireRecord } from '../contract.js';
import { DeadLetterWriteError, EventRuntimeError, HandlerError, ProcessingAbortedError } from '../errors.js';
import type { DeadLetterHeaderStyle } from '../dead-letter-format/dead-letter-headers.js';
import {
  deadLetterFacts,
  deadLetterRecord,
  deadLetterTopicFor,
  type DeadLetterTopicOption,
} from '../dead-letter-format/dead-letter-record.js';
import { prepareEvent, type PreparationOptions } from './event-preparation.js';
import type { FrameCheck } from '../schema-registry/frame-check.js';
import { EVC_REPLAY_FOR_GROUP } from '../standard-headers.js';
import type { ReceiverObserver } from './receiver-events.js';
import {
  backoffDelay,
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
  type RetrySettings,
  type Sleep,
} from './retry-policy.js';
import type { RouteTable } from './route-table.js';

/**
 * Resolves when the record is done (handled or dead-lettered; hooks say which). `ownership`, when
 * given, aborts when this consumer stops owning the record's partition (a group rebalance): retry
 * waits then end at once and the record stays uncommitted for the partition's next owner.
 */
export type RecordProcessor = (record: ConsumedRecord, ownership?: AbortSignal) => Promise<void>;

export interface RecordProcessorOptions {
  readonly groupId: string;
  readonly routes: RouteTable;
  readonly routeList: readonly ConsumerRoute[];
  readonly preparation: PreparationOptions;
  readonly retry: RetrySettings | undefined;
  readonly deadLetterTopic: DeadLetterTopicOption | undefined;
  readonly headerStyle: DeadLetterHeaderStyle;
  readonly deadLetterTransport: ProducerTransport;
  readonly observer: ReceiverObserver;
  readonly clock: () => Date;
  readonly random: () => number;
  readonly sleep: Sleep;
  /** Aborted when the receiver stops: retry waits end at once and the record stays uncommitted. */
  readonly signal: AbortSignal;
  /** Checks and strips Confluent wire-format frames (when the receiver has a schema registry). */
  readonly frames?: FrameCheck;
}

/** A dead letter whose write failed, kept so a redelivery writes it without running the handler again. */
interface PendingDeadLetter {
  readonly topic: string;
  readonly record: WireRecord;
  readonly event: {
    readonly stage: 'decode' | 'validate' | 'handle';
    readonly messageType: string | undefined;
    readonly attempts: number;
    readonly error: EventRuntimeError;
  };
}

/** Bounds the memory of failed dead-letter writes (one per paused partition in practice). */
const MAX_PENDING_DEAD_LETTERS = 1024;

export function createRecordProcessor(options: RecordProcessorOptions): RecordProcessor {
  const { observer, routes, preparation, groupId } = options;
  const policies = new Map<ConsumerRoute, ResolvedRetryPolicy>();
  for (const route of options.routeList) policies.set(route, resolveRetryPolicy(options.retry, route.options?.retry));
  const defaultPolicy = resolveRetryPolicy(options.retry);
  const pending = new Map<string, PendingDeadLetter>();

  // A route's dead-letter topic (the contract's x-dead-letter) also takes records of its topic that
  // could not be identified as any route: the contract declares it per receiving channel.
  const topicDeadLetters = new Map<string, string>();
  for (const route of options.routeList) {
    const declared = route.options?.deadLetterTopic;
    if (declared !== undefined && !topicDeadLetters.has(route.descriptor.topic))
      topicDeadLetters.set(route.descriptor.topic, declared);
  }
  const deadLetterTopicOf = (record: ConsumedRecord, route: ConsumerRoute | undefined): string =>
    route?.options?.deadLetterTopic ??
    topicDeadLetters.get(record.topic) ??
    deadLetterTopicFor(record.topic, options.deadLetterTopic);

  const writeDeadLetter = async (source: ConsumedRecord, id: string, letter: PendingDeadLetter): Promise<void> => {
    try {
      await options.deadLetterTransport.send(letter.topic, [letter.record]);
    } catch (cause) {
      if (!pending.has(id) && pending.size >= MAX_PENDING_DEAD_LETTERS) pending.delete(pending.keys().next().value!);
      pending.set(id, letter);
      const error = new DeadLetterWriteError(letter.topic, source, cause);
      observer.emit({ type: 'dead-letter-failed', record: source, deadLetterTopic: letter.topic, error });
      throw error;
    }
    pending.delete(id);
    observer.emit({ type: 'dead-lettered', record: source, deadLetterTopic: letter.topic, ...letter.event });
  };

  const deadLetter = (
    record: ConsumedRecord,
    id: string,
    route: ConsumerRoute | undefined,
    error: EventRuntimeError,
    messageType: string | undefined,
    attempts: number,
  ): Promise<void> => {
    const facts = deadLetterFacts(record, error, {
      consumerGroup: groupId,
      messageType,
      attempts,
      now: options.clock(),
    });
    const letter: PendingDeadLetter = {
      topic: deadLetterTopicOf(record, route),
      record: deadLetterRecord(record, facts, options.headerStyle),
      event: { stage: facts.stage, messageType, attempts, error },
    };
    return writeDeadLetter(record, id, letter);
  };

  return async function processRecord(record, ownership) {
    observer.metrics.consumed();
    const id = `${record.topic}\u0000${record.partition}\u0000${record.offset}`;
    const retryWrite = pending.get(id);
    if (retryWrite !== undefined) return writeDeadLetter(record, id, retryWrite);

    // A replayed dead letter is addressed to the group that gave up on it (see EVC_REPLAY_FOR_GROUP).
    const forGroup = record.headers[EVC_REPLAY_FOR_GROUP];
    if (forGroup !== undefined && forGroup.toString('utf8') !== groupId) {
      observer.emit({ type: 'skipped-replay', record, forGroup: forGroup.toString('utf8') });
      return;
    }

    // Dead letters keep the record as it came (frame included); only decoding sees the JSON inside.
    let input = record;
    if (options.frames !== undefined) {
      const checked = await options.frames(record);
      if (checked instanceof EventRuntimeError) {
        observer.emit({ type: 'invalid', record, stage: 'decode', messageType: undefined, error: checked });
        return deadLetter(record, id, undefined, checked, undefined, 1);
      }
      input = checked;
    }
    const prepared = prepareEvent(input, routes, preparation);
    if (!prepared.ok) {
      const stage = prepared.error.stage === 'decode' ? 'decode' : 'validate';
      observer.emit({ type: 'invalid', record, stage, messageType: prepared.messageType, error: prepared.error });
      return deadLetter(record, id, prepared.route, prepared.error, prepared.messageType, 1);
    }
    observer.metrics.valid();

    const { route, event } = prepared;
    const policy = policies.get(route) ?? defaultPolicy;
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      let failure: HandlerError;
      try {
        const result = route.handler(event);
        // Synchronous handlers skip a microtask turn per record.
        if (result !== undefined && typeof (result as Promise<void>).then === 'function') await result;
        observer.handled(record, event.name, attempt, performance.now() - started);
        return;
      } catch (thrown) {
        failure = new HandlerError(event.name, attempt, thrown);
      }
      if (!failure.retriable || attempt >= policy.maxAttempts) {
        return deadLetter(record, id, route, failure, event.name, attempt);
      }
      if (options.signal.aborted || ownership?.aborted === true) throw new ProcessingAbortedError(record);
      const delayMs = backoffDelay(policy, attempt, options.random);
      observer.emit({ type: 'retrying', record, messageType: event.name, attempt, delayMs, error: failure });
      try {
        // Built only on this (rare) path, so the per-record path allocates nothing for it.
        await options.sleep(
          delayMs,
          ownership === undefined ? options.signal : AbortSignal.any([options.signal, ownership]),
        );
      } catch {
        throw new ProcessingAbortedError(record);
      }
    }
  };
}
