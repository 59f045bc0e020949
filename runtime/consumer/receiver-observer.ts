// Where a receiver's events go: each event is counted in the metrics, logged, and handed to the application's hooks.
import type { RecordCoordinates } from '../contract.js';
import type { Logger } from '../logger.js';
import type { ReceiverEvent, ReceiverHooks } from './receiver-events.js';
import type { ReceiverMetrics } from './receiver-metrics.js';

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
      case 'retry-scheduled':
        log.info(
          `moved ${event.messageType} to ${event.retryTopic} (due ${event.dueAt}) after ${event.failedDeliveries} failed deliveries: ${event.error.message}`,
          at(event.record),
        );
        return;
      case 'retry-waiting':
        log.debug(
          `${event.topic}[${event.partition}] waits ${event.resumeInMs} ms for offset ${event.offset} to be due`,
        );
        return;
      case 'partition-resumed':
        log.info(`resumed ${event.topic}[${event.partition}]`);
        return;
      case 'skipped-replay':
        log.debug(`skipped a record replayed for group ${event.forGroup}`, at(event.record));
        return;
      case 'skipped-retry':
        log.debug(`skipped a retry of group ${event.forGroup}`, at(event.record));
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
