// Fault: the dead-letter topic cannot be written — deleted while the receiver runs (its producer
// still has the topic in its metadata), or present but rejecting writes. The partition of the poison
// record pauses and is reported (onError), the record is not committed, the other partitions keep
// flowing, and the record is dead-lettered exactly once when the topic can be written again.
// (A dead-letter topic that was never created: test/integration/runtime/receiver.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import type { Producer } from 'kafkajs';
import {
  DeadLetterWriteError,
  createEventReceiver,
  inspectDeadLetters,
  route,
  silentLogger,
  type ManagedEventReceiver,
  type ReceiverEvent,
} from '../../../runtime/index.js';
import { createTopics, groupTiming, kafkaBrokers, uniqueTopic, withAdmin } from '../kafka.js';
import { rawProducer } from '../runtime/harness.js';
import {
  CORRELATION_ID,
  committedOn,
  numberOf,
  recordCountOn,
  report,
  routeCalculated,
  routeIdOf,
  seconds,
  validRoute,
  waitUntil,
} from './support.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

interface Observed {
  readonly receiver: ManagedEventReceiver;
  readonly events: ReceiverEvent[];
  readonly errors: Error[];
  /** Handled message numbers by partition, in order. */
  readonly handled: Map<number, number[]>;
}

async function observedReceiver(topic: string, groupId: string): Promise<Observed> {
  const events: ReceiverEvent[] = [];
  const errors: Error[] = [];
  const handled = new Map<number, number[]>();
  const receiver = createEventReceiver({
    brokers: kafkaBrokers(),
    groupId,
    logger: silentLogger,
    // Dead-letter writes give up after a couple of quick retries; the partition then pauses 0.3–1 s.
    kafkaConfig: { retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 } },
    redelivery: { initialDelayMs: 300, maxDelayMs: 1_000 },
    ...groupTiming({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 }),
    hooks: { onEvent: (event) => void events.push(event), onError: (error) => void errors.push(error) },
  });
  cleanup.push(() => receiver.stop());
  await receiver.start([
    route(routeCalculated(topic), (event) => {
      const list = handled.get(event.record.partition) ?? [];
      list.push(numberOf(event.payload.routeId));
      handled.set(event.record.partition, list);
    }),
  ]);
  return { receiver, events, errors, handled };
}

async function producer(): Promise<Producer> {
  const raw = await rawProducer();
  cleanup.push(() => raw.disconnect());
  return raw;
}

const valid = (n: number, partition: number) => ({
  key: `TRK-${1000 + n}`,
  value: JSON.stringify(validRoute({ routeId: routeIdOf(n), truckId: `TRK-${1000 + n}` })),
  partition,
  headers: { correlationId: CORRELATION_ID },
});
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('dead-letter topic unavailable', () => {
  it('deleted: pauses and reports the poison partition, commits nothing past it, keeps the others flowing, dead-letters once it is back', async () => {
    const topic = uniqueTopic('faults.dlt-gone');
    const deadLetterTopic = `${topic}-dlt`;
    await createTopics([topic], 3);
    await createTopics([deadLetterTopic], 1);
    const groupId = uniqueTopic('faults.dlt-gone.g');
    const { receiver, events, errors, handled } = await observedReceiver(topic, groupId);
    const raw = await producer();
    const handledOn = (partition: number) => handled.get(partition) ?? [];

    // Warm-up: a first poison record is dead-lettered normally (the producer now knows the topic).
    await raw.send({ topic, messages: [{ key: 'TRK-0001', value: 'not json', partition: 0 }] });
    await waitUntil(
      () => receiver.metrics().deadLettered === 1,
      () => JSON.stringify(receiver.metrics()),
    );

    await withAdmin((admin) => admin.deleteTopics({ topics: [deadLetterTopic], timeout: 10_000 }));
    await waitUntil(
      async () => !(await withAdmin((admin) => admin.listTopics())).includes(deadLetterTopic),
      () => 'dead-letter topic still listed',
    );

    // Partition 0: a poison record, then valid ones behind it. Partitions 1 and 2: valid records.
    await raw.send({
      topic,
      messages: [
        { key: 'TRK-0002', value: '{"type":"RouteCalculated", broken', partition: 0 },
        ...range(100, 5).map((n) => valid(n, 0)),
      ],
    });
    await raw.send({
      topic,
      messages: [...range(200, 10).map((n) => valid(n, 1)), ...range(300, 10).map((n) => valid(n, 2))],
    });
    await waitUntil(
      () => errors.length > 0 && handledOn(1).length === 10 && handledOn(2).length === 10,
      () => `errors ${errors.length}, handled ${JSON.stringify([...handled])}, ${JSON.stringify(receiver.metrics())}`,
      30_000,
    );
    expect(errors[0]).toBeInstanceOf(DeadLetterWriteError);
    const paused = events.find((event) => event.type === 'partition-paused');
    expect(paused).toMatchObject({ type: 'partition-paused', topic, partition: 0, offset: '1' });

    // While the topic stays gone: redelivery keeps failing, the other partitions keep flowing.
    await raw.send({
      topic,
      messages: [...range(210, 10).map((n) => valid(n, 1)), ...range(310, 10).map((n) => valid(n, 2))],
    });
    await waitUntil(
      () => handledOn(1).length === 20 && handledOn(2).length === 20 && receiver.metrics().deadLetterWriteFailures >= 3,
      () => `handled ${JSON.stringify([...handled])}, ${JSON.stringify(receiver.metrics())}`,
      30_000,
    );
    expect(handledOn(0)).toEqual([]); // behind the stuck record
    // The others commit to their ends; partition 0 only past the warm-up record, not the poison one (offset 1).
    let committedWhileGone = new Map<number, number>();
    await waitUntil(
      async () => {
        committedWhileGone = await committedOn(kafkaBrokers(), groupId, topic);
        return committedWhileGone.get(1) === 20 && committedWhileGone.get(2) === 20;
      },
      () => `committed ${JSON.stringify([...committedWhileGone])}`,
    );
    expect(committedWhileGone.get(0)).toBe(1);
    const failuresWhileGone = receiver.metrics().deadLetterWriteFailures;

    // The topic comes back: the record is dead-lettered (once) and partition 0 drains.
    const recreatedAt = performance.now();
    await createTopics([deadLetterTopic], 1);
    await waitUntil(
      () => receiver.metrics().deadLettered === 2 && handledOn(0).length === 5,
      () => JSON.stringify(receiver.metrics()),
      30_000,
    );
    const recoveredMs = performance.now() - recreatedAt;
    expect(handledOn(0)).toEqual(range(100, 5));
    await waitUntil(
      async () => (await committedOn(kafkaBrokers(), groupId, topic)).get(0) === 7,
      () => 'partition 0 committed to its end',
    );

    const letters = (await inspectDeadLetters({ brokers: kafkaBrokers(), topic: deadLetterTopic })).entries;
    expect(letters).toHaveLength(1);
    expect(letters[0]!.deadLetter).toMatchObject({
      originalTopic: topic,
      originalPartition: 0,
      originalOffset: '1',
      stage: 'decode',
    });
    expect(await recordCountOn(kafkaBrokers(), deadLetterTopic)).toBe(1);
    const deadLettered = events
      .filter((event) => event.type === 'dead-lettered')
      .map((event) => `${event.record.partition}:${event.record.offset}`);
    expect(deadLettered).toEqual(['0:0', '0:1']);
    expect(receiver.metrics().pausedPartitions).toBe(0);

    report('dead-letter topic deleted', {
      pausedPartitions: [
        ...new Set(
          events
            .filter((e) => e.type === 'partition-paused')
            .map((e) => (e.type === 'partition-paused' ? e.partition : -1)),
        ),
      ],
      deadLetterWriteFailures: failuresWhileGone,
      onErrorCalls: errors.length,
      otherPartitionsHandledWhilePaused: handledOn(1).length + handledOn(2).length,
      deadLetteredAfterRecreate: seconds(recoveredMs),
      deadLetterCopies: letters.length,
    });
  }, 90_000);

  it('rejecting writes: the poison partition waits until the topic accepts the record, then dead-letters it once', async () => {
    const topic = uniqueTopic('faults.dlt-reject');
    const deadLetterTopic = `${topic}-dlt`;
    await createTopics([topic], 2);
    // A dead-letter copy (original value plus a dozen headers) is far larger than 200 bytes.
    await createTopics([deadLetterTopic], 1, [{ name: 'max.message.bytes', value: '200' }]);
    const groupId = uniqueTopic('faults.dlt-reject.g');
    const { receiver, events, errors, handled } = await observedReceiver(topic, groupId);
    const raw = await producer();

    await raw.send({
      topic,
      messages: [{ key: 'TRK-0001', value: 'not json', partition: 0 }, valid(1, 0), valid(2, 1), valid(3, 1)],
    });
    await waitUntil(
      () => errors.length > 0 && (handled.get(1)?.length ?? 0) === 2,
      () => `errors ${errors.length} ${JSON.stringify(receiver.metrics())}`,
      30_000,
    );
    expect(errors[0]).toBeInstanceOf(DeadLetterWriteError);
    expect(events.find((event) => event.type === 'partition-paused')).toMatchObject({ partition: 0, offset: '0' });
    expect(handled.get(0)).toBeUndefined();
    expect((await committedOn(kafkaBrokers(), groupId, topic)).get(0)).toBe(-1);

    const acceptedAt = performance.now();
    await withAdmin((admin) =>
      admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: 2 /* TOPIC */,
            name: deadLetterTopic,
            configEntries: [{ name: 'max.message.bytes', value: '1048588' }],
          },
        ],
      }),
    );
    await waitUntil(
      () => receiver.metrics().deadLettered === 1 && handled.get(0)?.length === 1,
      () => JSON.stringify(receiver.metrics()),
      30_000,
    );
    expect(await recordCountOn(kafkaBrokers(), deadLetterTopic)).toBe(1);
    report('dead-letter topic rejecting writes', {
      deadLetterWriteFailures: receiver.metrics().deadLetterWriteFailures,
      deadLetteredAfterAccepting: seconds(performance.now() - acceptedAt),
    });
  }, 60_000);
});
