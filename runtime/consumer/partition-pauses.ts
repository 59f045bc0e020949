// When a record cannot be finished (its dead-letter write failed), its partition stops — the other
// partitions keep flowing — and is resumed after a delay that doubles while the failure persists.
// A retry topic's record that is not due yet stops its partition the same way, until its due time.
// Shared by the Kafka and in-memory transports, which only supply how to pause and resume.
import type { ReceiverObserver } from './receiver-observer.js';
import { RetryNotDueError } from '../errors.js';

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
    // A retry topic's record that is not due: wait exactly until it is; no failure, no back-off.
    if (reason instanceof RetryNotDueError) {
      const resumeInMs = Math.max(1, reason.dueAtMs - Date.now());
      this.observer.emit({ type: 'retry-waiting', topic, partition, offset, resumeInMs });
      this.schedule(resumeInMs, resume);
      return;
    }
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
    this.schedule(resumeInMs, () => {
      this.observer.emit({ type: 'partition-resumed', topic, partition });
      resume();
    });
  }

  private schedule(ms: number, resume: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      resume();
    }, ms);
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
