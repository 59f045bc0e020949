// Non-blocking retry topics on the real broker (x-retry.delays as a generated route carries it): a transient
// failure is handled again from <topic>-retry-<n> no earlier than its delay, a permanent one reaches the
// dead-letter topic after the last retry topic with every failed delivery in its headers, and the records
// behind a failing one on the same partition are handled meanwhile instead of waiting for it.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKafkaEventSender,
  readDeadLetterHeaders,
  route,
  silentLogger,
  type ManagedEventReceiver,
} from '../../../runtime/index.js';
import { createTopics, kafkaBrokers, uniqueTopic } from '../kafka.js';
import { CORRELATION_ID, routeCalculated, testKafka, testReceiver, validRoute, waitUntil } from './harness.js';

const receivers: ManagedEventReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

interface Handled {
  readonly truck: string;
  readonly topic: string;
  readonly at: number;
}

describe('retry topics on the broker', () => {
  it('retries transient failures after their delays, dead-letters permanent ones with their history, and never blocks the partition', async () => {
    const topic = uniqueTopic('retry.topics');
    const [retry0, retry1, dlt] = [`${topic}-retry-0`, `${topic}-retry-1`, `${topic}-dlt`];
    // One partition: every record shares it, so a blocking retry would hold all of them back.
    await createTopics([topic, retry0, retry1, dlt], 1);
    const descriptor = routeCalculated(topic);
    const delays = { first: 1_000, second: 2_000 };

    const handled: Handled[] = [];
    const failedAt = new Map<string, number[]>();
    const calls = new Map<string, number>();
    const receiver = testReceiver({ groupId: uniqueTopic('retry.topics.g') });
    receivers.push(receiver);
    await receiver.start([
      route(
        descriptor,
        (event) => {
          const truck = event.payload.truckId;
          const call = (calls.get(truck) ?? 0) + 1;
          calls.set(truck, call);
          // TRK-1xxx fail on their first delivery, TRK-9xxx on every delivery; the rest never fail.
          if ((truck.startsWith('TRK-1') && call === 1) || truck.startsWith('TRK-9')) {
            failedAt.set(truck, [...(failedAt.get(truck) ?? []), Date.now()]);
            throw new Error(`warehouse API timed out for ${truck}`);
          }
          handled.push({ truck, topic: event.record.topic, at: Date.now() });
        },
        { retry: { delays: [`${delays.first}ms`, `${delays.second / 1000}s`] } },
      ),
    ]);

    const sender = createKafkaEventSender({ brokers: kafkaBrokers(), logger: silentLogger });
    const trucks = ['TRK-1001', 'TRK-9001', ...Array.from({ length: 20 }, (_, i) => `TRK-${5000 + i}`), 'TRK-1002'];
    try {
      for (const truck of trucks)
        await sender.send(descriptor, {
          payload: validRoute({ truckId: truck }),
          key: truck,
          headers: { correlationId: CORRELATION_ID },
        });
    } finally {
      await sender.disconnect();
    }

    await waitUntil(
      () => handled.filter((h) => h.truck.startsWith('TRK-1')).length === 2,
      () => `transient records not handled: ${JSON.stringify(handled.map((h) => `${h.truck}@${h.topic}`))}`,
      30_000,
    );
    const kafka = testKafka('evc-retry-topics-it');
    const consumer = kafka.consumer({ groupId: uniqueTopic('retry.topics.read') });
    const letters: { headers: Record<string, Buffer> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: dlt, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void letters.push({ headers: message.headers as Record<string, Buffer> }),
    });
    try {
      await waitUntil(
        () => letters.length === 1,
        () => `no dead letter in ${dlt}`,
        30_000,
      );
    } finally {
      await consumer.disconnect();
    }

    // Transient: handled from the first retry topic, no earlier than its delay after the failure.
    for (const truck of ['TRK-1001', 'TRK-1002']) {
      const done = handled.find((h) => h.truck === truck)!;
      expect(done.topic).toBe(retry0);
      expect(done.at - failedAt.get(truck)![0]!).toBeGreaterThanOrEqual(delays.first - 50);
    }
    // Not blocked: the 20 records behind TRK-1001 and TRK-9001 on the same partition were all handled, from
    // the source topic, before the first retry was due.
    const fromSource = handled.filter((h) => h.topic === topic);
    expect(fromSource.map((h) => h.truck)).toEqual(trucks.slice(2, 22));
    const retried = handled.find((h) => h.truck === 'TRK-1001')!;
    expect(fromSource.every((h) => h.at < retried.at)).toBe(true);

    // Permanent: three deliveries (source, retry-0, retry-1), then the dead-letter topic with each of them.
    expect(failedAt.get('TRK-9001')).toHaveLength(3);
    const [first, second, third] = failedAt.get('TRK-9001')!;
    expect(second! - first!).toBeGreaterThanOrEqual(delays.first - 50);
    expect(third! - second!).toBeGreaterThanOrEqual(delays.second - 50);
    const info = readDeadLetterHeaders(letters[0]!.headers)!;
    expect(info).toMatchObject({ originalTopic: topic, originalPartition: 0, originalOffset: '1', attempts: 3 });
    expect(info.attemptHistory?.map((entry) => entry.topic)).toEqual([topic, retry0, retry1]);
    expect(info.attemptHistory?.every((entry) => entry.errorMessage.includes('warehouse API timed out'))).toBe(true);
    expect(receiver.metrics()).toMatchObject({ retryScheduled: 4, deadLettered: 1, handled: 22 });

    process.stderr.write(
      `[retry-topics] source records handled while retries waited: ${fromSource.length}; ` +
        `transient retried after ${retried.at - failedAt.get('TRK-1001')![0]!} ms (delay ${delays.first} ms); ` +
        `permanent failures at +0, +${second! - first!}, +${third! - first!} ms, then dead-lettered\n`,
    );
  }, 90_000);
});
