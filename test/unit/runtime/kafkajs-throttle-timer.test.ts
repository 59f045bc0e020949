// kafkajs 2.2.4's request queue arms a timer with a negative delay when it is not throttled, which Node 23+ reports
// as a TimeoutNegativeWarning on every client's first request. The replacement must behave as kafkajs' own method
// in every state of the queue — same timer (with the delay Node would have used), same bookkeeping — and warn not.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  fixKafkajsThrottleTimer,
  scheduleCheckPendingRequests,
  type ThrottledQueue,
} from '../../../runtime/kafka/kafkajs-throttle-timer.js';

const require = createRequire(import.meta.url);
type Schedule = (this: ThrottledQueue) => void;

/** kafkajs' own method, from a fresh copy of its module (the cached one may already be fixed). */
function stockSchedule(): Schedule {
  const file = require.resolve('kafkajs/src/network/requestQueue/index.js');
  const cached = require.cache[file];
  delete require.cache[file];
  try {
    return (require(file) as { prototype: { scheduleCheckPendingRequests: Schedule } }).prototype
      .scheduleCheckPendingRequests;
  } finally {
    if (cached) require.cache[file] = cached;
  }
}

interface QueueState {
  readonly throttledFor: number; // throttledUntil − now; kafkajs starts at -1 − now
  readonly pending: number;
  readonly armed: boolean;
}

/** What one call does: the delay handed to setTimeout (if any), and the queue's timer id and checks after it fires. */
function run(schedule: Schedule, state: QueueState): { delay?: number; armedAfter: boolean; checks: number } {
  const now = 1_700_000_000_000;
  vi.spyOn(Date, 'now').mockReturnValue(now);
  let delay: number | undefined;
  let fire: (() => void) | undefined;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation((callback: () => void, ms?: number) => {
    delay = ms;
    fire = callback;
    return 42 as unknown as ReturnType<typeof setTimeout>;
  });
  let checks = 0;
  const queue: ThrottledQueue = {
    throttledUntil: now + state.throttledFor,
    pending: Array.from({ length: state.pending }),
    throttleCheckTimeoutId: state.armed ? (7 as unknown as ReturnType<typeof setTimeout>) : null,
    checkPendingRequests: () => void checks++,
  };
  schedule.call(queue);
  const armedAfter = queue.throttleCheckTimeoutId !== null;
  fire?.();
  vi.restoreAllMocks();
  return { ...(delay === undefined ? {} : { delay }), armedAfter, checks };
}

afterEach(() => vi.restoreAllMocks());

describe('kafkajs throttle timer', () => {
  it('does what kafkajs 2.2.4 does, with the delay Node would have used (at least 1 ms)', () => {
    const stock = stockSchedule();
    const states = fc.record({
      throttledFor: fc.oneof(fc.constant(-1 - 1_700_000_000_000), fc.integer({ min: -100_000, max: 100_000 })),
      pending: fc.nat(3),
      armed: fc.boolean(),
    });
    fc.assert(
      fc.property(states, (state) => {
        const expected = run(stock, state);
        const actual = run(scheduleCheckPendingRequests, state);
        expect(actual).toEqual({
          ...expected,
          ...(expected.delay === undefined ? {} : { delay: Math.max(expected.delay, 1) }),
        });
      }),
    );
  });

  it('replaces kafkajs 2.2.4 method', () => {
    expect(fixKafkajsThrottleTimer()).toBe(true);
    const queue = require('kafkajs/src/network/requestQueue/index.js') as {
      prototype: { scheduleCheckPendingRequests: Schedule };
    };
    expect(queue.prototype.scheduleCheckPendingRequests).toBe(scheduleCheckPendingRequests);
  });

  it('an idle queue arms its timer without a TimeoutNegativeWarning (Node 23+ warns with kafkajs own method)', async () => {
    const warnings: string[] = [];
    const listen = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', listen);
    try {
      const idle = (schedule: Schedule): Promise<void> =>
        new Promise((resolve) => {
          const queue: ThrottledQueue = {
            throttledUntil: -1,
            pending: [],
            throttleCheckTimeoutId: null,
            checkPendingRequests: resolve,
          };
          schedule.call(queue);
        });
      await idle(scheduleCheckPendingRequests);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      expect(warnings).not.toContain('TimeoutNegativeWarning');
      // The check can fail: where Node warns at all, kafkajs' own method makes it warn.
      if (Number(process.versions.node.split('.')[0]) >= 23) {
        await idle(stockSchedule());
        await new Promise((resolve) => setImmediate(resolve));
        expect(warnings).toContain('TimeoutNegativeWarning');
      }
    } finally {
      process.off('warning', listen);
    }
  });
});
