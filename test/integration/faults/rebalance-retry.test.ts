// Fault: the consumer group rebalances (a second member joins, later leaves) while a member is in
// the middle of retrying a failing handler. No record may be lost or dead-lettered, and no record
// may be worked on by two members at once. A member works on a record from its first handler call
// until the call that succeeds, or until its retry wait is cut short (the receiver learned of a
// rebalance or is stopping: the record stays uncommitted for the partition's next owner). Handing a
// record over (calls A A B B, or A B A after B left again) is fine; B calling while A still waits
// to retry, or both calling at once, is not.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createEventReceiver,
  createKafkaEventSender,
  route,
  silentLogger,
  type KafkaReceiverOptions,
  type ManagedEventReceiver,
  type ReceiverEvent,
} from '../../../runtime/index.js';
import { abortableSleep } from '../../../runtime/consumer/retry-policy.js';
import { createTopics, groupTiming, kafkaBrokers, testTransportName, uniqueTopic } from '../kafka.js';
import { numberOf, numberedEvent, report, routeCalculated, seconds, sleep, waitUntil } from './support.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

type Member = 'A' | 'B';

/**
 * Shared view of what the members did to each record (by message number). A member works on a
 * record while a handler call runs and while it waits to call again (after a `retrying` event,
 * until the wait ends in the next call or is cut short).
 */
class Ledger {
  /** Per record, the member of each handler call, in call order. */
  readonly calls = new Map<number, Member[]>();
  readonly succeeded = new Map<number, Member[]>();
  /** A member started working on a record another member was still working on. */
  readonly concurrent: string[] = [];
  private readonly working = new Map<number, Member>();

  constructor(private readonly failuresOf: (n: number) => number) {}

  handler(member: Member) {
    return async (n: number): Promise<void> => {
      this.begin(member, n, 'called the handler');
      const calls = this.calls.get(n) ?? [];
      calls.push(member);
      this.calls.set(n, calls);
      try {
        await sleep(5);
        if (calls.length <= this.failuresOf(n)) throw new Error(`dependency unavailable (call ${calls.length})`);
        this.succeeded.set(n, [...(this.succeeded.get(n) ?? []), member]);
      } finally {
        this.end(member, n); // a `retrying` event right after a failure means it goes on
      }
    };
  }

  begin(member: Member, n: number, what: string): void {
    const other = this.working.get(n);
    if (other !== undefined && other !== member)
      this.concurrent.push(
        `${n}: ${member} ${what} while ${other} was working on it (calls ${this.calls.get(n)?.join('')})`,
      );
    this.working.set(n, member);
  }

  end(member: Member, n: number): void {
    if (this.working.get(n) === member) this.working.delete(n);
  }

  /** Records that went from one member to the other during their retries. */
  handedOver(): number {
    return [...this.calls.values()].filter((calls) => new Set(calls).size > 1).length;
  }

  duplicates(): number {
    return [...this.succeeded.values()].filter((members) => members.length > 1).length;
  }
}

interface Started {
  readonly receiver: ManagedEventReceiver;
  readonly events: ReceiverEvent[];
  readonly joinMs: number;
}

async function member(
  name: Member,
  ledger: Ledger,
  topic: string,
  groupId: string,
  options: Partial<KafkaReceiverOptions>,
): Promise<Started> {
  const events: ReceiverEvent[] = [];
  const handle = ledger.handler(name);
  const numbers = new Map<string, number>(); // partition:offset → message number
  let retrying: number | undefined;
  const receiver = createEventReceiver({
    brokers: kafkaBrokers(),
    groupId,
    clientId: `faults-${name}`,
    logger: silentLogger,
    hooks: {
      onEvent: (event) => {
        if (event.type === 'handled') return;
        events.push(event);
        if (event.type !== 'retrying') return;
        retrying = numbers.get(`${event.record.partition}:${event.record.offset}`);
        if (retrying !== undefined) ledger.begin(name, retrying, 'waits to retry');
      },
    },
    // The runtime's own wait; a wait cut short ends the member's work on the record. The processor
    // calls it right after emitting `retrying`, so `retrying` names the record it waits for.
    sleep: (ms, signal) => {
      const n = retrying;
      return abortableSleep(ms, signal).catch((reason: unknown) => {
        if (n !== undefined) ledger.end(name, n);
        throw reason;
      });
    },
    ...options,
  });
  cleanup.push(() => receiver.stop());
  const started = performance.now();
  await receiver.start([
    route(routeCalculated(topic), (event) => {
      const n = numberOf(event.payload.routeId);
      numbers.set(`${event.record.partition}:${event.record.offset}`, n);
      return handle(n);
    }),
  ]);
  return { receiver, events, joinMs: performance.now() - started };
}

async function publish(topic: string, total: number): Promise<void> {
  const sender = createKafkaEventSender({ brokers: kafkaBrokers(), logger: silentLogger });
  try {
    for (let n = 0; n < total; n += 20)
      await sender.sendBatch(
        routeCalculated(topic),
        Array.from({ length: Math.min(20, total - n) }, (_, i) => numberedEvent(n + i)),
      );
  } finally {
    await sender.disconnect();
  }
}

const retrying = (events: readonly ReceiverEvent[]) => events.filter((event) => event.type === 'retrying').length;

describe('rebalance during handler retries', () => {
  it('a member joins and leaves while records are being retried: nothing lost, nothing dead-lettered, no record worked on by two members at once', async () => {
    const total = 120;
    const topic = uniqueTopic('faults.rebalance');
    await createTopics([topic, `${topic}-dlt`], 4);
    // Every tenth record fails its first three calls; retried every 600 ms, up to 8 attempts.
    const ledger = new Ledger((n) => (n % 10 === 3 ? 3 : 0));
    const groupId = uniqueTopic('faults.rebalance.g');
    const options: Partial<KafkaReceiverOptions> = {
      retry: { maxAttempts: 8, strategy: 'fixed', initialDelayMs: 600, jitter: 'none' },
      ...groupTiming({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 500 }),
    };
    await publish(topic, total);

    const a = await member('A', ledger, topic, groupId, options);
    await waitUntil(
      () => retrying(a.events) > 0,
      () => 'A never retried',
      30_000,
    );
    const b = await member('B', ledger, topic, groupId, options); // joins while A retries
    // B works for a while, then leaves in the middle of one of its own retry schedules.
    const handledByB = () => [...ledger.succeeded.values()].filter((members) => members.includes('B')).length;
    await waitUntil(
      () => handledByB() >= 5 || ledger.succeeded.size === total,
      () => `B handled ${handledByB()}; ${ledger.succeeded.size} done`,
      30_000,
    );
    const retriesSoFar = retrying(b.events);
    await waitUntil(
      () => retrying(b.events) > retriesSoFar || ledger.succeeded.size === total,
      () => `B never retried; ${ledger.succeeded.size} done`,
      30_000,
    );
    const leaveAt = performance.now();
    await b.receiver.stop(); // leaves, possibly in the middle of a retry
    const leaveMs = performance.now() - leaveAt;
    await waitUntil(
      () => ledger.succeeded.size === total,
      () => `handled ${ledger.succeeded.size} of ${total}`,
      60_000,
    );

    const deadLettered = a.receiver.metrics().deadLettered + b.receiver.metrics().deadLettered;
    report('rebalance during retries (join + leave)', {
      records: total,
      failingRecords: total / 10,
      handlerCalls: [...ledger.calls.values()].reduce((sum, calls) => sum + calls.length, 0),
      bJoinedDuringRetries: seconds(b.joinMs),
      bLeft: seconds(leaveMs),
      handledByB: handledByB(),
      duplicates: ledger.duplicates(),
      handedOver: ledger.handedOver(),
      concurrent: ledger.concurrent.length,
      deadLettered,
    });
    expect(ledger.succeeded.size).toBe(total);
    expect(deadLettered).toBe(0);
    expect(ledger.concurrent).toEqual([]);
  }, 120_000);

  it('a retry schedule longer than the rebalance timeout does not make two members work on one record', async () => {
    const topic = uniqueTopic('faults.rebalance-long');
    await createTopics([topic, `${topic}-dlt`], 2);
    // Record 0 fails its first six calls, retried every 1.5 s: ~9 s of retries, longer than the
    // 5 s the group waits for a member to rejoin.
    const ledger = new Ledger((n) => (n === 0 ? 6 : 0));
    const groupId = uniqueTopic('faults.rebalance-long.g');
    const options: Partial<KafkaReceiverOptions> = {
      retry: { maxAttempts: 10, strategy: 'fixed', initialDelayMs: 1_500, jitter: 'none' },
      // @platformatic/kafka refuses a rebalance timeout below the session timeout (the broker's minimum is 6 s).
      ...groupTiming({
        sessionTimeoutMs: testTransportName() === 'kafkajs' ? 10_000 : 6_000,
        rebalanceTimeoutMs: testTransportName() === 'kafkajs' ? 5_000 : 6_000,
        heartbeatIntervalMs: 500,
      }),
    };
    await publish(topic, 20);

    const a = await member('A', ledger, topic, groupId, options);
    await waitUntil(
      () => retrying(a.events) > 0,
      () => 'A never retried',
      30_000,
    );
    const b = await member('B', ledger, topic, groupId, options);
    await waitUntil(
      () => ledger.succeeded.size === 20,
      () => `handled ${ledger.succeeded.size} of 20; calls of 0: ${ledger.calls.get(0)?.join('')}`,
      60_000,
    );
    // Let a member that was not told about the rebalance finish its schedule, to see it if it does.
    await sleep(2_000);

    const deadLettered = a.receiver.metrics().deadLettered + b.receiver.metrics().deadLettered;
    report('rebalance during a long retry schedule', {
      callsOfFailingRecord: ledger.calls.get(0)?.join(''),
      bJoinedDuringRetries: seconds(b.joinMs),
      duplicates: ledger.duplicates(),
      handedOver: ledger.handedOver(),
      concurrent: ledger.concurrent.length,
      deadLettered,
    });
    expect(ledger.succeeded.size).toBe(20);
    expect(deadLettered).toBe(0);
    expect(ledger.concurrent).toEqual([]);
    // The join did not wait for the retry schedule to run out.
    expect(b.joinMs).toBeLessThan(5_000);
  }, 90_000);
});
