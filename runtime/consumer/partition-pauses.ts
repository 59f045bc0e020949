// When a record cannot be finished (its dead-letter write failed), its partition stops — the other
// partitions keep flowing — and is resumed after a delay that doubles while the failure persists.
// Shared by the Kafka and in-memory transports, which only supply how to pause and resume.
import type { ReceiverObserver } from './receiver-observer.js';

export interface RedeliveryOptions {
  /** First pause after a failure; default 1 s. */
  readonly initialDelayMs?: number;
  /** Longest pause while failures continue; default 30 s. */
  readonly maxDelayMs?: number;
}

export class PartitionPauses {
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly observer: ReceiverObserver,
    options: RedeliveryOptions = {},
  ) {
    this.initialDelayMs = options.initialDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  /**
   * Records that `offset` of a partition could not be finished; the caller has paused the
   * partition and gets `resume` called after the delay (unless `cancelAll` ran first).
   */
  pause(topic: string, partition: number, offset: string, reason: unknown, resume: () => void): void {
    const key = `${partition}:${topic}`;
    const failures = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, failures);
    const resumeInMs = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** Math.min(failures - 1, 30));
    this.observer.emit({
      type: 'partition-paused',
      topic,
      partition,
      offset,
      resumeInMs,
      reason: reason instanceof Error ? reason.message : String(reason),
    });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.observer.emit({ type: 'partition-resumed', topic, partition });
      resume();
    }, resumeInMs);
    this.timers.add(timer);
  }

  /** A record of the partition was finished: the next failure starts again at the initial delay. */
  succeeded(topic: string, partition: number): void {
    if (this.failures.size === 0) return;
    this.failures.delete(`${partition}:${topic}`);
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
