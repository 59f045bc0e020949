// Counters and handler latency of one receiver, cheap enough to update on every record: integer
// increments and one logarithmic histogram bucket per handled record.
import type { ReceiverEvent } from './receiver-events.js';

export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly maxMs: number;
  /** Upper bound of the histogram bucket holding the percentile (≈19 % resolution). */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface ReceiverMetricsSnapshot {
  /** Deliveries, including redeliveries after a pause. */
  readonly consumed: number;
  readonly valid: number;
  /** Decode errors, validation failures and unknown message types. */
  readonly invalid: number;
  readonly handled: number;
  /** Handler re-attempts (not records). */
  readonly retried: number;
  readonly deadLettered: number;
  /** Failed deliveries moved to a retry topic (x-retry.delays). */
  readonly retryScheduled: number;
  /** Replayed records addressed to another consumer group, committed without handling. */
  readonly skippedReplays: number;
  /** Retry-topic records of other groups' failed deliveries, passed over. */
  readonly skippedRetries: number;
  readonly deadLetterWriteFailures: number;
  readonly pausedPartitions: number;
  readonly crashes: number;
  readonly handlerLatency: LatencySummary;
}

const BUCKETS = 160;
const BUCKETS_PER_DOUBLING = 4;

export class ReceiverMetrics {
  private consumedCount = 0;
  private validCount = 0;
  private invalidCount = 0;
  private handledCount = 0;
  private retriedCount = 0;
  private deadLetteredCount = 0;
  private retryScheduledCount = 0;
  private deadLetterFailures = 0;
  private skippedReplayCount = 0;
  private skippedRetryCount = 0;
  private crashCount = 0;
  private readonly paused = new Set<string>();
  private latencyTotal = 0;
  private latencyMax = 0;
  private readonly histogram = new Uint32Array(BUCKETS);

  /** Called by the processor for every delivery, before anything else can fail. */
  consumed(): void {
    this.consumedCount += 1;
  }

  /** Called when a record decoded and validated. */
  valid(): void {
    this.validCount += 1;
  }

  count(event: ReceiverEvent): void {
    switch (event.type) {
      case 'handled':
        this.handled(event.latencyMs);
        return;
      case 'invalid':
        this.invalidCount += 1;
        return;
      case 'retrying':
        this.retriedCount += 1;
        return;
      case 'dead-lettered':
        this.deadLetteredCount += 1;
        return;
      case 'retry-scheduled':
        this.retryScheduledCount += 1;
        return;
      case 'dead-letter-failed':
        this.deadLetterFailures += 1;
        return;
      case 'skipped-replay':
        this.skippedReplayCount += 1;
        return;
      case 'skipped-retry':
        this.skippedRetryCount += 1;
        return;
      case 'partition-paused':
        this.paused.add(`${event.partition}:${event.topic}`);
        return;
      case 'partition-resumed':
        this.paused.delete(`${event.partition}:${event.topic}`);
        return;
      case 'crashed':
        this.crashCount += 1;
        return;
      default:
        return;
    }
  }

  handled(ms: number): void {
    this.handledCount += 1;
    this.latencyTotal += ms;
    if (ms > this.latencyMax) this.latencyMax = ms;
    const bucket = Math.min(BUCKETS - 1, Math.max(0, Math.floor(Math.log2(1 + ms * 1000) * BUCKETS_PER_DOUBLING)));
    this.histogram[bucket]! += 1;
  }

  snapshot(): ReceiverMetricsSnapshot {
    return {
      consumed: this.consumedCount,
      valid: this.validCount,
      invalid: this.invalidCount,
      handled: this.handledCount,
      retried: this.retriedCount,
      deadLettered: this.deadLetteredCount,
      retryScheduled: this.retryScheduledCount,
      skippedReplays: this.skippedReplayCount,
      skippedRetries: this.skippedRetryCount,
      deadLetterWriteFailures: this.deadLetterFailures,
      pausedPartitions: this.paused.size,
      crashes: this.crashCount,
      handlerLatency: {
        count: this.handledCount,
        meanMs: this.handledCount === 0 ? 0 : this.latencyTotal / this.handledCount,
        maxMs: this.latencyMax,
        p50Ms: this.percentile(0.5),
        p99Ms: this.percentile(0.99),
      },
    };
  }

  private percentile(fraction: number): number {
    if (this.handledCount === 0) return 0;
    const rank = Math.ceil(fraction * this.handledCount);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket += 1) {
      seen += this.histogram[bucket]!;
      if (seen >= rank) return Math.min(this.latencyMax, (2 ** ((bucket + 1) / BUCKETS_PER_DOUBLING) - 1) / 1000);
    }
    return this.latencyMax;
  }
}
