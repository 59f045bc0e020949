// What happens to one consumed record, independent of where it came from (Kafka or memory):
// prepare it (decode → identify → validate), hand it to its handler with in-place retries, move a
// failed delivery to its next retry topic when the route declares them (x-retry.delays), and
// dead-letter what cannot be handled. It resolves only when the record is done — handled, or its
// retry or dead-letter copy acknowledged — and rejects (DeadLetterWriteError, ProcessingAbortedError,
// RetryNotDueError) when it must stay uncommitted. Nothing else escapes: a transport only ever sees these.
import { performance } from 'node:perf_hooks';
import type { ConsumedRecord, ConsumerRoute, ProducerTransport, ReceivedEvent, WireRecord } from '../contract.js';
import {
  DeadLetterWriteError,
  EventRuntimeError,
  HandlerError,
  ProcessingAbortedError,
  RetryNotDueError,
} from '../errors.js';
import type { AttemptHistoryEntry } from '../dead-letter-format/attempt-history.js';
import type { DeadLetterHeaderStyle } from '../dead-letter-format/dead-letter-headers.js';
import { deadLetterFacts, deadLetterRecord, failedDelivery } from '../dead-letter-format/dead-letter-record.js';
import { deadLetterTopicFor, type DeadLetterTopicOption } from '../../contract-conventions/dead-letter-topic.js';
import { prepareEvent, type PreparationOptions } from './event-preparation.js';
import type { FrameCheck } from '../schema-registry/frame-check.js';
import { EVC_REPLAY_FOR_GROUP } from '../../contract-conventions/headers.js';
import type { ReceiverObserver } from './receiver-observer.js';
import { backoffDelay, type Sleep } from './retry-policy.js';
import {
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
  type RetrySettings,
} from '../../contract-conventions/retry-settings.js';
import type { RouteTable } from './route-table.js';
import { readRetryState, retryRecord, RetryRouting, type RetryState } from './retry-topics.js';

/**
 * Done when the record is done (handled or dead-lettered; hooks say which): at once (undefined) when nothing had to
 * wait, else when the returned promise resolves. It never throws; what must stay uncommitted rejects. `ownership`,
 * when given, aborts when this consumer stops owning the record's partition (a group rebalance): retry waits then
 * end at once and the record stays uncommitted for the partition's next owner.
 */
export type RecordProcessor = (record: ConsumedRecord, ownership?: AbortSignal) => void | Promise<void>;

export interface RecordProcessorOptions {
  readonly groupId: string;
  readonly routes: RouteTable;
  readonly routeList: readonly ConsumerRoute[];
  /** The routes' retry topics (x-retry.delays), as the route table knows them; default: read from `routeList`. */
  readonly retryRouting?: RetryRouting;
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

/**
 * A dead letter (or retry copy) whose write failed, kept so a redelivery writes it without running the
 * handler again.
 */
interface PendingDeadLetter {
  readonly topic: string;
  readonly record: WireRecord;
  readonly event:
    | {
        readonly kind: 'dead-letter';
        readonly stage: 'decode' | 'validate' | 'handle';
        readonly messageType: string | undefined;
        readonly attempts: number;
        readonly error: EventRuntimeError;
      }
    | {
        readonly kind: 'retry';
        readonly messageType: string;
        readonly failedDeliveries: number;
        readonly dueAt: string;
        readonly error: HandlerError;
      };
}

/** Bounds the memory of failed dead-letter writes (one per paused partition in practice). */
const MAX_PENDING_DEAD_LETTERS = 1024;

/** The record's failed deliveries so far (from its retry headers), and this one. */
function historyWith(
  retry: RetryState | undefined,
  record: ConsumedRecord,
  attempts: number,
  error: EventRuntimeError,
  now: Date,
): AttemptHistoryEntry[] {
  return [...(retry?.history ?? []), failedDelivery(record, attempts, error, now)];
}

/** Which record a pending dead letter belongs to. */
function pendingId(record: ConsumedRecord): string {
  return `${record.topic}\u0000${record.partition}\u0000${record.offset}`;
}

export function createRecordProcessor(options: RecordProcessorOptions): RecordProcessor {
  const { observer, routes, preparation, groupId } = options;
  const retryRouting = options.retryRouting ?? new RetryRouting(options.routeList);
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
  // A retry topic's dead letters go where its source topic's go.
  const deadLetterTopicOf = (sourceTopic: string, route: ConsumerRoute | undefined): string =>
    route?.options?.deadLetterTopic ??
    topicDeadLetters.get(sourceTopic) ??
    deadLetterTopicFor(sourceTopic, options.deadLetterTopic);

  const writeDeadLetter = async (source: ConsumedRecord, letter: PendingDeadLetter): Promise<void> => {
    const id = pendingId(source);
    try {
      await options.deadLetterTransport.send(letter.topic, [letter.record]);
    } catch (cause) {
      if (!pending.has(id) && pending.size >= MAX_PENDING_DEAD_LETTERS) pending.delete(pending.keys().next().value!);
      pending.set(id, letter);
      const error = new DeadLetterWriteError(letter.topic, source, cause, letter.event.kind);
      observer.emit({ type: 'dead-letter-failed', record: source, deadLetterTopic: letter.topic, error });
      throw error;
    }
    pending.delete(id);
    const event = letter.event;
    if (event.kind === 'retry')
      observer.emit({
        type: 'retry-scheduled',
        record: source,
        retryTopic: letter.topic,
        messageType: event.messageType,
        failedDeliveries: event.failedDeliveries,
        dueAt: event.dueAt,
        error: event.error,
      });
    else
      observer.emit({
        type: 'dead-lettered',
        record: source,
        deadLetterTopic: letter.topic,
        stage: event.stage,
        messageType: event.messageType,
        attempts: event.attempts,
        error: event.error,
      });
  };

  const deadLetter = (
    record: ConsumedRecord,
    route: ConsumerRoute | undefined,
    error: EventRuntimeError,
    messageType: string | undefined,
    attempts: number,
    retry: RetryState | undefined,
  ): Promise<void> => {
    const now = options.clock();
    // After retry topics the dead letter names where the record first arrived and carries every failure.
    const origin = retry === undefined ? record : { ...record, ...retry.original };
    const history = historyWith(retry, record, attempts, error, now);
    const total = history.reduce((sum, entry) => sum + entry.attempts, 0);
    // A route without retry topics keeps its dead letters as they were: no history header.
    const keepsHistory = retry !== undefined || (route !== undefined && retryRouting.hasStages(route));
    const facts = deadLetterFacts(origin, error, {
      consumerGroup: groupId,
      messageType,
      attempts: total,
      now,
      ...(keepsHistory ? { attemptHistory: history } : {}),
    });
    const letter: PendingDeadLetter = {
      topic: deadLetterTopicOf(origin.topic, route),
      record: deadLetterRecord(record, facts, options.headerStyle),
      event: { kind: 'dead-letter', stage: facts.stage, messageType, attempts: total, error },
    };
    return writeDeadLetter(record, letter);
  };

  /** Moves a failed delivery to its next retry topic, due `delayMs` from now; the source partition goes on. */
  const forward = (
    record: ConsumedRecord,
    stage: { readonly topic: string; readonly delayMs: number },
    failure: HandlerError,
    attempts: number,
    retry: RetryState | undefined,
  ): Promise<void> => {
    const now = options.clock();
    const failedDeliveries = (retry?.failedDeliveries ?? 0) + 1;
    const dueAtMs = now.getTime() + stage.delayMs;
    const history = historyWith(retry, record, attempts, failure, now);
    const original = retry?.original ?? record;
    const letter: PendingDeadLetter = {
      topic: stage.topic,
      record: retryRecord(record, { failedDeliveries, dueAtMs, original, forGroup: groupId }, history),
      event: {
        kind: 'retry',
        messageType: failure.messageName,
        failedDeliveries,
        dueAt: new Date(dueAtMs).toISOString(),
        error: failure,
      },
    };
    return writeDeadLetter(record, letter);
  };

  /**
   * One call of the route's handler. A synchronous success is observed and gives undefined, a synchronous throw
   * gives its HandlerError, and a handler that returns a promise gives a promise of one or the other: so the
   * first attempt of a record whose synchronous handler succeeds makes no promise and no closure.
   */
  const attemptHandler = (
    record: ConsumedRecord,
    route: ConsumerRoute,
    event: ReceivedEvent<unknown, unknown, unknown>,
    attempt: number,
  ): HandlerError | undefined | Promise<HandlerError | undefined> => {
    const started = performance.now();
    let result: void | PromiseLike<void>;
    try {
      result = route.handler(event);
    } catch (thrown) {
      return new HandlerError(event.name, attempt, thrown);
    }
    if (result !== undefined && typeof result.then === 'function') {
      return Promise.resolve(result).then(
        () => {
          observer.handled(record, event.name, attempt, performance.now() - started);
          return undefined;
        },
        (thrown: unknown) => new HandlerError(event.name, attempt, thrown),
      );
    }
    observer.handled(record, event.name, attempt, performance.now() - started);
    return undefined;
  };

  /**
   * Decode → identify → validate → first attempt, without a promise when nothing has to wait: a synchronous
   * handler that succeeds finishes the record in the caller's turn (a transport then hands over the next record
   * without a microtask and a promise per record). Everything that waits continues in `afterFailedAttempt`.
   */
  const processInput = (
    record: ConsumedRecord,
    input: ConsumedRecord,
    ownership: AbortSignal | undefined,
    retry: RetryState | undefined,
  ): void | Promise<void> => {
    const prepared = prepareEvent(input, routes, preparation);
    if (!prepared.ok) {
      const stage = prepared.error.stage === 'decode' ? 'decode' : 'validate';
      observer.emit({ type: 'invalid', record, stage, messageType: prepared.messageType, error: prepared.error });
      return deadLetter(record, prepared.route, prepared.error, prepared.messageType, 1, retry);
    }
    observer.metrics.valid();
    const { route, event } = prepared;
    const outcome = attemptHandler(record, route, event, 1);
    if (outcome === undefined) return undefined;
    if (outcome instanceof HandlerError) return afterFailedAttempt(record, route, event, outcome, ownership, retry);
    return outcome.then((failure) =>
      failure === undefined ? undefined : afterFailedAttempt(record, route, event, failure, ownership, retry),
    );
  };

  /** The in-place retries after a failed attempt, then the next retry topic or the dead-letter topic. */
  const afterFailedAttempt = async (
    record: ConsumedRecord,
    route: ConsumerRoute,
    event: ReceivedEvent<unknown, unknown, unknown>,
    firstFailure: HandlerError,
    ownership: AbortSignal | undefined,
    retry: RetryState | undefined,
  ): Promise<void> => {
    const policy = policies.get(route) ?? defaultPolicy;
    let failure = firstFailure;
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > 1) {
        const outcome = attemptHandler(record, route, event, attempt);
        const failed = outcome === undefined || outcome instanceof HandlerError ? outcome : await outcome;
        if (failed === undefined) return;
        failure = failed;
      }
      if (!failure.retriable || attempt >= policy.maxAttempts) {
        const next = failure.retriable ? retryRouting.nextStage(route, retry?.failedDeliveries ?? 0) : undefined;
        if (next !== undefined) return forward(record, next, failure, attempt, retry);
        return deadLetter(record, route, failure, event.name, attempt, retry);
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

  const processFramed = async (
    record: ConsumedRecord,
    frames: FrameCheck,
    ownership: AbortSignal | undefined,
    retry: RetryState | undefined,
  ): Promise<void> => {
    // Dead letters keep the record as it came (frame included); only decoding sees the JSON inside.
    const checked = await frames(record);
    if (checked instanceof EventRuntimeError) {
      observer.emit({ type: 'invalid', record, stage: 'decode', messageType: undefined, error: checked });
      return deadLetter(record, undefined, checked, undefined, 1, retry);
    }
    return processInput(record, checked, ownership, retry);
  };

  const processRecord = (record: ConsumedRecord, ownership?: AbortSignal): void | Promise<void> => {
    // A retry topic's record waits for its due time with its partition paused (the transport resumes it).
    const retry = retryRouting.isRetryTopic(record.topic) ? readRetryState(record) : undefined;
    // Another group's failed delivery (all groups of a source topic read its retry topics): not ours to wait for.
    if (retry?.forGroup !== undefined && retry.forGroup !== groupId) {
      observer.emit({ type: 'skipped-retry', record, forGroup: retry.forGroup });
      return undefined;
    }
    if (retry !== undefined && retry.dueAtMs > options.clock().getTime())
      return Promise.reject(new RetryNotDueError(record, retry.dueAtMs));
    observer.metrics.consumed();
    // Almost always empty: the record's id is built only when a failed write waits for a redelivery.
    const retryWrite = pending.size === 0 ? undefined : pending.get(pendingId(record));
    if (retryWrite !== undefined) return writeDeadLetter(record, retryWrite);

    // A replayed dead letter is addressed to the group that gave up on it (see EVC_REPLAY_FOR_GROUP).
    const forGroup = record.headers[EVC_REPLAY_FOR_GROUP];
    if (forGroup !== undefined && forGroup.toString('utf8') !== groupId) {
      observer.emit({ type: 'skipped-replay', record, forGroup: forGroup.toString('utf8') });
      return undefined;
    }
    if (options.frames !== undefined) return processFramed(record, options.frames, ownership, retry);
    return processInput(record, record, ownership, retry);
  };

  // Callers see a rejection, never a throw: whatever escapes the synchronous part becomes a rejected promise.
  return function processRecordSafely(record, ownership) {
    try {
      return processRecord(record, ownership);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
}
