// What a receiver tells the outside world while it works: one event type per thing that happened,
// delivered to hooks, counted in metrics and logged. A hook that throws is logged and ignored —
// observing must never change what happens to a record.
import type { RecordCoordinates } from '../contract.js';
import type { DeadLetterWriteError, EventRuntimeError, HandlerError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DeadLetterStage } from '../dead-letter-format/dead-letter-headers.js';
import type { ReceiverMetrics } from './receiver-metrics.js';

export type ReceiverEvent =
  | {
      readonly type: 'handled';
      readonly record: RecordCoordinates;
      readonly messageType: string;
      readonly attempts: number;
      readonly latencyMs: number;
    }
  | {
      readonly type: 'invalid';
      readonly record: RecordCoordinates;
      readonly stage: 'decode' | 'validate';
      readonly messageType: string | undefined;
      readonly error: EventRuntimeError;
    }
  | {
      readonly type: 'retrying';
      readonly record: RecordCoordinates;
      readonly messageType: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly error: HandlerError;
    }
  | {
      readonly type: 'dead-lettered';
      readonly record: RecordCoordinates;
      readonly deadLetterTopic: string;
      readonly stage: DeadLetterStage;
      readonly messageType: string | undefined;
      readonly attempts: number;
      readonly error: EventRuntimeError;
    }
  | {
      readonly type: 'dead-letter-failed';
      readonly record: RecordCoordinates;
      readonly deadLetterTopic: string;
      readonly error: DeadLetterWriteError;
    }
  | {
      readonly type: 'partition-paused';
      readonly topic: string;
      readonly partition: number;
      readonly offset: string;
      readonly resumeInMs: number;
      readonly reason: string;
    }
  | { readonly type: 'partition-resumed'; readonly topic: string; readonly partition: number }
  | { readonly type: 'skipped-replay'; readonly record: RecordCoordinates; readonly forGroup: string }
  | { readonly type: 'crashed'; readonly error: Error; readonly restarting: boolean }
  | { readonly type: 'started'; readonly topics: readonly string[]; readonly groupId: string }
  | { readonly type: 'stopped'; readonly groupId: string };

export interface ReceiverHooks {
  /** Every event, in order. */
  readonly onEvent?: (event: ReceiverEvent) => void;
  /** Events that need a person's attention: a dead-letter write failed (the partition is paused), the consumer crashed. */
  readonly onError?: (error: Error, event: ReceiverEvent) => void;
}

/** Fans events out to hooks, metrics and the log. */
export class ReceiverObserver {
  constructor(
    private readonly hooks: ReceiverHooks,
    readonly metrics: ReceiverMetrics,
    readonly logger: Logger,
  ) {}

  /**
   * The per-record success path: counts and latency without building an event object unless a
   * hook wants one (it runs once per handled record, so it stays allocation-free).
   */
  handled(record: RecordCoordinates, messageType: string, attempts: number, latencyMs: number): void {
    if (this.hooks.onEvent === undefined) {
      this.metrics.handled(latencyMs);
      return;
    }
    this.emit({ type: 'handled', record, messageType, attempts, latencyMs });
  }

  emit(event: ReceiverEvent): void {
    this.metrics.count(event);
    this.log(event);
    const { onEvent, onError } = this.hooks;
    if (onEvent !== undefined) this.call(onEvent, event, event);
    if (onError !== undefined && (event.type === 'dead-letter-failed' || event.type === 'crashed'))
      this.call(onError, event.error, event);
  }

  private call<A>(hook: (argument: A, event: ReceiverEvent) => void, argument: A, event: ReceiverEvent): void {
    try {
      hook(argument, event);
    } catch (error) {
      this.logger.warn('receiver hook threw; ignored', { error, event: event.type });
    }
  }

  private log(event: ReceiverEvent): void {
    const log = this.logger;
    switch (event.type) {
      case 'handled':
        // Not logged: one line per record would cost more than the handling; metrics count them.
        return;
      case 'invalid':
        log.warn(`rejected record (${event.stage}): ${event.error.message}`, at(event.record));
        return;
      case 'retrying':
        log.info(
          `retrying ${event.messageType} in ${event.delayMs} ms after attempt ${event.attempt}: ${event.error.message}`,
          at(event.record),
        );
        return;
      case 'dead-lettered':
        log.warn(
          `dead-lettered to ${event.deadLetterTopic} (${event.stage}, ${event.attempts} attempt(s)): ${event.error.message}`,
          at(event.record),
        );
        return;
      case 'dead-letter-failed':
        log.error(event.error.message, at(event.record));
        return;
      case 'partition-paused':
        log.error(
          `paused ${event.topic}[${event.partition}] at offset ${event.offset}; retrying in ${event.resumeInMs} ms: ${event.reason}`,
        );
        return;
      case 'partition-resumed':
        log.info(`resumed ${event.topic}[${event.partition}]`);
        return;
      case 'skipped-replay':
        log.debug(`skipped a record replayed for group ${event.forGroup}`, at(event.record));
        return;
      case 'crashed':
        log.error(`consumer crashed${event.restarting ? ', restarting' : ''}: ${event.error.message}`);
        return;
      case 'started':
        log.info(`consuming ${event.topics.join(', ')} as group ${event.groupId}`);
        return;
      case 'stopped':
        log.info(`stopped group ${event.groupId}`);
        return;
    }
  }
}

function at(record: RecordCoordinates): Record<string, unknown> {
  return { topic: record.topic, partition: record.partition, offset: record.offset };
}
