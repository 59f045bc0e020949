// The EventReceiver behind every transport: owns the routes, the record processor, metrics, hooks
// and shutdown; a transport (Kafka, in-memory) only delivers records and commits what the
// processor finished.
import type { ConsumerRoute, ConsumerTransport, EventReceiver, ProducerTransport } from '../contract.js';
import type { DeadLetterOptions } from '../dead-letter-format/dead-letter-record.js';
import { createConsoleLogger, type Logger } from '../logger.js';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './json-decoder.js';
import { PartitionPauses, type RedeliveryOptions } from './partition-pauses.js';
import type { ReceiverHooks } from './receiver-events.js';
import { ReceiverObserver } from './receiver-observer.js';
import { ReceiverMetrics, type ReceiverMetricsSnapshot } from './receiver-metrics.js';
import { createRecordProcessor } from './record-processor.js';
import { abortableSleep, type Sleep } from './retry-policy.js';
import { resolveRetryPolicy, type RetrySettings } from '../../contract-conventions/retry-settings.js';
import { RouteTable } from './route-table.js';
import { RetryRouting } from './retry-topics.js';
import { frameCheck } from '../schema-registry/frame-check.js';
import type { SchemaIdSource } from '../schema-registry/schema-ids.js';

export interface ReceiverOptions {
  /** Consumer group; also recorded in dead-letter headers. */
  readonly groupId: string;
  readonly deadLetter?: DeadLetterOptions;
  /** Defaults for every route; a route's own `options.retry` wins field by field. */
  readonly retry?: RetrySettings;
  /** How long a partition waits after its dead-letter topic could not be written. */
  readonly redelivery?: RedeliveryOptions;
  readonly decode?: Partial<DecodeLimits>;
  /** Payload field that names the message when `ce_type` is absent; `false` turns the fallback off. Default `type`. */
  readonly discriminator?: string | false;
  readonly hooks?: ReceiverHooks;
  /** Default: console on stderr at `EVC_LOG_LEVEL` (info). Pass `silentLogger` in tests. */
  readonly logger?: Logger;
  readonly clock?: () => Date;
  /** Jitter source in [0, 1); injectable for deterministic tests. */
  readonly random?: () => number;
  /** Wait between handler attempts; injectable so tests do not wait. Must reject when the signal aborts. */
  readonly sleep?: Sleep;
  /**
   * Schema ids of the registry (`schemaIdSource(connection)`): Confluent-framed values are then
   * accepted when their id belongs to the expected subject, else dead-lettered with the reason.
   * Without it a framed value fails to decode as JSON (and is dead-lettered as such).
   */
  readonly schemaIds?: SchemaIdSource;
}

/** An EventReceiver with its counters. */
export interface ManagedEventReceiver extends EventReceiver {
  readonly groupId: string;
  metrics(): ReceiverMetricsSnapshot;
}

/** What a transport module builds for a receiver once the receiver's observer exists. */
export interface ReceiverTransports {
  readonly consumer: ConsumerTransport;
  readonly deadLetters: ProducerTransport;
  /** Whether stop() should disconnect `deadLetters` (false when it is shared with the application). */
  readonly ownsDeadLetters: boolean;
  /**
   * For a transport that can only pause its whole subscription: a consumer of its own for one retry topic, so a
   * retry record waiting for its due time holds back only that retry topic, never the source topics. Absent:
   * retry topics share `consumer`, whose per-partition pause keeps the others flowing.
   */
  readonly retryConsumer?: (retryTopic: string) => ConsumerTransport;
}

export interface TransportContext {
  readonly observer: ReceiverObserver;
  readonly pauses: PartitionPauses;
}

export function createReceiver(
  options: ReceiverOptions,
  build: (context: TransportContext) => ReceiverTransports,
): ManagedEventReceiver {
  if (options.groupId.trim() === '') throw new TypeError('groupId must not be empty');
  resolveRetryPolicy(options.retry); // fail at construction, not on the first failing record
  const logger = options.logger ?? createConsoleLogger();
  const metrics = new ReceiverMetrics();
  const observer = new ReceiverObserver(options.hooks ?? {}, metrics, logger);
  const pauses = new PartitionPauses(observer, options.redelivery);
  const transports = build({ observer, pauses });
  const shutdown = new AbortController();
  let state: 'new' | 'starting' | 'running' | 'stopping' | 'stopped' = 'new';
  let stopped: Promise<void> | undefined;
  let retryConsumers: { readonly topic: string; readonly consumer: ConsumerTransport }[] = [];
  const stopConsumers = async (): Promise<void> => {
    await Promise.all([transports.consumer, ...retryConsumers.map(({ consumer }) => consumer)].map((c) => c.stop()));
  };

  return {
    groupId: options.groupId,
    metrics: () => metrics.snapshot(),

    async start(routes: readonly ConsumerRoute[]) {
      if (state !== 'new')
        throw new Error(`receiver of group ${options.groupId} was already started; create a new one`);
      if (routes.length === 0) throw new TypeError('start() needs at least one route');
      const retryRouting = new RetryRouting(routes); // refuses retry topics that collide, before anything starts
      state = 'starting';
      const table = new RouteTable(routes, retryRouting.aliases());
      const processor = createRecordProcessor({
        groupId: options.groupId,
        routes: table,
        routeList: routes,
        retryRouting,
        preparation: {
          decode: { ...DEFAULT_DECODE_LIMITS, ...definedOnly(options.decode) },
          discriminator: options.discriminator === false ? undefined : (options.discriminator ?? 'type'),
        },
        retry: options.retry,
        deadLetterTopic: options.deadLetter?.topic,
        headerStyle: options.deadLetter?.headerStyle ?? 'evc',
        deadLetterTransport: transports.deadLetters,
        observer,
        clock: options.clock ?? (() => new Date()),
        random: options.random ?? Math.random,
        sleep: options.sleep ?? abortableSleep,
        signal: shutdown.signal,
        ...(options.schemaIds !== undefined ? { frames: frameCheck(options.schemaIds, routes) } : {}),
      });
      const topics = table.subscribedTopics();
      const ownConsumers = transports.retryConsumer === undefined ? [] : retryRouting.retryTopics();
      const shared = topics.filter((topic) => !ownConsumers.includes(topic));
      retryConsumers = ownConsumers.map((topic) => ({ topic, consumer: transports.retryConsumer!(topic) }));
      try {
        await transports.consumer.run(shared, processor);
      } catch (error) {
        // Nothing runs (e.g. the broker is unreachable): start() may be called again.
        if (state === 'starting') state = 'new';
        throw error;
      }
      try {
        await Promise.all(retryConsumers.map(({ topic, consumer }) => consumer.run([topic], processor)));
      } catch (error) {
        // The source topics run but a retry topic cannot: stop it all rather than run without retries.
        await stopConsumers().catch(() => {});
        state = 'stopped';
        throw error;
      }
      if (state === 'starting') state = 'running';
      observer.emit({ type: 'started', topics, groupId: options.groupId });
    },

    stop() {
      if (stopped !== undefined) return stopped;
      state = 'stopping';
      stopped = (async () => {
        // First end retry waits (the interrupted record stays uncommitted and is redelivered), then
        // let the transport finish the in-flight handler call, commit and leave the group.
        shutdown.abort(new Error('receiver stopping'));
        pauses.cancelAll();
        try {
          await stopConsumers();
        } finally {
          if (transports.ownsDeadLetters)
            await transports.deadLetters
              .disconnect()
              .catch((error: unknown) => logger.warn('dead-letter producer did not disconnect cleanly', { error }));
          state = 'stopped';
          observer.emit({ type: 'stopped', groupId: options.groupId });
        }
      })();
      return stopped;
    },
  };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (value === undefined) return out;
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
