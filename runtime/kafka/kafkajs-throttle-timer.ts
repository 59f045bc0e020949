// kafkajs 2.2.4 arms its request queue's throttle check with a negative delay whenever the queue is not throttled
// (`throttledUntil - Date.now()`, with `throttledUntil` at -1: kafkajs issue #1751). Node runs such a timer after
// 1 ms, as it always did, but since Node 23 it also prints `TimeoutNegativeWarning: -17… is a negative number` on
// the first request of every client: noise in every service, the demo and `evc dlq` on Node 24. The method is
// replaced by the same logic with the delay raised to the 1 ms Node used anyway, so nothing changes but the
// warning. Only kafkajs 2.2.4's own method is replaced; another version keeps its own.
import { replaceKafkajsMethod } from './kafkajs-method-fix.js';

/** kafkajs' own interval for a queue with pending requests and no throttle (requestQueue/index.js). */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;
/** What Node does with a delay below 1 ms (negative, zero, NaN). */
const NODE_MINIMUM_DELAY = 1;

/** The fields of kafkajs' RequestQueue the method reads and writes. */
export interface ThrottledQueue {
  throttledUntil: number;
  pending: readonly unknown[];
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
}

/** kafkajs 2.2.4's `scheduleCheckPendingRequests`, with the delay it hands to setTimeout at least 1 ms. */
export function scheduleCheckPendingRequests(this: ThrottledQueue): void {
  let scheduleAt = this.throttledUntil - Date.now();
  if (!this.throttleCheckTimeoutId) {
    if (this.pending.length > 0) scheduleAt = scheduleAt > 0 ? scheduleAt : CHECK_PENDING_REQUESTS_INTERVAL;
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      Math.max(scheduleAt, NODE_MINIMUM_DELAY),
    );
  }
}

/** Installs the fix (once per process); true when kafkajs' method was replaced. */
export function fixKafkajsThrottleTimer(): boolean {
  return replaceKafkajsMethod({
    module: 'src/network/requestQueue/index.js',
    method: 'scheduleCheckPendingRequests',
    stockMarker: 'this.throttledUntil - Date.now()',
    replacement: () => scheduleCheckPendingRequests,
  });
}
