// The receiver on a real broker: poison records from a foreign (raw kafkajs) producer end in the
// dead-letter topic with the right headers; retries, dead-lettering after N attempts while the
// partition keeps flowing; a restart mid-stream loses nothing; an unwritable DLT pauses the partition.
import { afterEach, describe, expect, it } from 'vitest';
import type { Producer } from 'kafkajs';
import {
  createKafkaEventSender,
  inspectDeadLetters,
  route,
  silentLogger,
  type ManagedEventReceiver,
} from '../../../runtime/index.js';
import { createTopics, kafkaBrokers, uniqueTopic } from '../kafka.js';
import {
  CORRELATION_ID,
  committedOffsets,
  rawProducer,
  recordCount,
  routeCalculated,
  testKafka,
  testReceiver,
  validRoute,
  waitUntil,
} from './harness.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

async function started(
  receiver: ManagedEventReceiver,
  routes: Parameters<ManagedEventReceiver['start']>[0],
): Promise<ManagedEventReceiver> {
  cleanup.push(() => receiver.stop());
  await receiver.start(routes);
  return receiver;
}

async function producer(): Promise<Producer> {
  const raw = await rawProducer();
  cleanup.push(() => raw.disconnect());
  return raw;
}

function sender() {
  const created = createKafkaEventSender({ brokers: kafkaBrokers(), logger: silentLogger });
  cleanup.push(() => created.disconnect());
  return created;
}

describe('receiver on Kafka', () => {
  it('dead-letters bad payloads from a raw kafkajs producer with the right headers', async () => {
    const topic = uniqueTopic('rt.raw');
    await createTopics([topic, `${topic}-dlt`], 3);
    const descriptor = routeCalculated(topic);
    const handled: string[] = [];
    const groupId = uniqueTopic('invoicing');
    const receiver = await started(testReceiver({ groupId }), [
      route(descriptor, (event) => void handled.push(event.payload.truckId)),
    ]);

    const raw = await producer();
    await raw.send({
      topic,
      messages: [
        {
          key: 'TRK-0001',
          value: JSON.stringify(validRoute({ truckId: 'TRK-0001', eta: 'soon' })),
          headers: { correlationId: CORRELATION_ID },
        },
        { key: 'TRK-0002', value: '{"type":"RouteCalculated", oops', headers: { correlationId: CORRELATION_ID } },
        { key: 'TRK-0003', value: Buffer.from([0xc3, 0x28]), headers: { correlationId: CORRELATION_ID } },
        {
          key: 'TRK-0004',
          value: JSON.stringify(validRoute({ truckId: 'TRK-0004' })),
          headers: { correlationId: CORRELATION_ID },
        },
      ],
    });
    await waitUntil(
      () => receiver.metrics().deadLettered === 3 && handled.length === 1,
      () => JSON.stringify(receiver.metrics()),
    );
    expect(handled).toEqual(['TRK-0004']);

    const inspected = await inspectDeadLetters({ brokers: kafkaBrokers(), topic: `${topic}-dlt` });
    const byKey = new Map(inspected.entries.map((entry) => [entry.key?.toString(), entry]));
    const invalid = byKey.get('TRK-0001')!;
    expect(invalid.value?.toString()).toBe(JSON.stringify(validRoute({ truckId: 'TRK-0001', eta: 'soon' })));
    expect(invalid.originalHeaders['correlationId']?.toString()).toBe(CORRELATION_ID);
    expect(invalid.deadLetter).toMatchObject({
      family: 'evc',
      originalTopic: topic,
      consumerGroup: groupId,
      stage: 'validate',
      messageType: 'RouteCalculated',
      errorClass: 'EventValidationError',
      errorMessage: 'RouteCalculated payload is invalid: /eta must match format "date-time"',
      validationErrors: [{ part: 'payload', field: '/eta', rule: 'format' }],
      attempts: 1,
    });
    expect(invalid.deadLetter?.originalOffset).toMatch(/^\d+$/);
    expect(Date.parse(invalid.deadLetter!.deadLetteredAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(byKey.get('TRK-0002')?.deadLetter).toMatchObject({ stage: 'decode', errorClass: 'EventDecodeError' });
    expect(byKey.get('TRK-0003')?.deadLetter).toMatchObject({
      stage: 'decode',
      errorMessage: expect.stringContaining('not-utf8'),
    });
    expect(byKey.get('TRK-0003')?.value).toEqual(Buffer.from([0xc3, 0x28]));
  });

  it('retries a handler that fails twice and does not dead-letter it', async () => {
    const topic = uniqueTopic('rt.retry');
    await createTopics([topic, `${topic}-dlt`], 1);
    const descriptor = routeCalculated(topic);
    let calls = 0;
    const receiver = await started(testReceiver({ groupId: uniqueTopic('g') }), [
      route(descriptor, () => {
        calls += 1;
        if (calls <= 2) throw new Error('database unavailable');
      }),
    ]);
    await sender().send(descriptor, {
      payload: validRoute(),
      key: 'TRK-0042',
      headers: { correlationId: CORRELATION_ID },
    });
    await waitUntil(
      () => receiver.metrics().handled === 1,
      () => JSON.stringify(receiver.metrics()),
    );
    expect(calls).toBe(3);
    expect(receiver.metrics()).toMatchObject({ retried: 2, deadLettered: 0, handled: 1 });
    expect(await recordCount(testKafka(), `${topic}-dlt`)).toBe(0);
  });

  it('dead-letters an always-failing record after N attempts while later records of its partition flow', async () => {
    const topic = uniqueTopic('rt.poison');
    await createTopics([topic, `${topic}-dlt`], 1);
    const descriptor = routeCalculated(topic);
    const handled: string[] = [];
    let poisonAttempts = 0;
    const groupId = uniqueTopic('g');
    const receiver = await started(
      testReceiver({ groupId, retry: { maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 50 } }),
      [
        route(descriptor, (event) => {
          if (event.payload.truckId === 'TRK-6666') {
            poisonAttempts += 1;
            throw new Error('cannot invoice this route');
          }
          handled.push(event.payload.truckId);
        }),
      ],
    );
    const events = ['TRK-1000', 'TRK-6666', 'TRK-1001', 'TRK-1002', 'TRK-1003'].map((truck) => ({
      payload: validRoute({ truckId: truck }),
      key: truck,
      headers: { correlationId: CORRELATION_ID },
    }));
    await sender().sendBatch(descriptor, events);
    await waitUntil(
      () => handled.length === 4 && receiver.metrics().deadLettered === 1,
      () => `${JSON.stringify(handled)} ${JSON.stringify(receiver.metrics())}`,
    );
    expect(handled).toEqual(['TRK-1000', 'TRK-1001', 'TRK-1002', 'TRK-1003']);
    expect(poisonAttempts).toBe(4);
    const [letter] = (await inspectDeadLetters({ brokers: kafkaBrokers(), topic: `${topic}-dlt` })).entries;
    expect(letter?.deadLetter).toMatchObject({
      stage: 'handle',
      attempts: 4,
      originalOffset: '1',
      errorClass: 'HandlerError',
      errorCauseClass: 'Error',
    });
    await waitUntil(
      async () => (await committedOffsets(testKafka(), groupId, topic))[0] === '5',
      () => 'offset 5 committed',
    );
  });

  it('loses nothing when the consumer is restarted mid-stream', async () => {
    const topic = uniqueTopic('rt.restart');
    await createTopics([topic, `${topic}-dlt`], 3);
    const descriptor = routeCalculated(topic);
    const groupId = uniqueTopic('g');
    const seen = new Map<string, number>();
    const handler = route(descriptor, async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const id = event.metadata!.id!;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    });
    const total = 300;
    const out = sender();
    const batch = Array.from({ length: total }, (_, n) => ({
      payload: validRoute({ truckId: `TRK-${1000 + (n % 17)}` }),
      key: `TRK-${1000 + (n % 17)}`,
      headers: { correlationId: CORRELATION_ID },
    }));
    await out.sendBatch(descriptor, batch.slice(0, 200));

    const first = testReceiver({ groupId, partitionsConsumedConcurrently: 1 });
    await first.start([handler]);
    await waitUntil(
      () => seen.size >= 60,
      () => `seen ${seen.size}`,
    );
    await first.stop();
    const afterStop = seen.size;
    expect(afterStop).toBeLessThan(total);
    await out.sendBatch(descriptor, batch.slice(200));

    const second = await started(testReceiver({ groupId }), [handler]);
    await waitUntil(
      () => seen.size === total,
      () => `seen ${seen.size} of ${total}`,
      30_000,
    );
    const duplicates = [...seen.values()].filter((count) => count > 1).length;
    // At-least-once: a stop commits what was finished, so nothing is handled twice here.
    expect(duplicates).toBe(0);
    expect(second.metrics().deadLettered).toBe(0);
  });

  it('pauses a partition whose dead-letter topic cannot be written, and dead-letters the record once it can', async () => {
    const topic = uniqueTopic('rt.dltdown');
    await createTopics([topic], 2);
    const descriptor = routeCalculated(topic);
    const handled: string[] = [];
    const groupId = uniqueTopic('g');
    const receiver = await started(
      testReceiver({
        groupId,
        kafkaConfig: { retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 200 } },
        redelivery: { initialDelayMs: 300, maxDelayMs: 600 },
      }),
      [route(descriptor, (event) => void handled.push(event.payload.truckId))],
    );
    const raw = await producer();
    // Keys chosen to land on different partitions with kafkajs' default (murmur2) partitioner.
    await raw.send({ topic, messages: [{ key: 'TRK-0001', value: 'not json', partition: 0 }] });
    await raw.send({
      topic,
      messages: [
        {
          key: 'TRK-0002',
          value: JSON.stringify(validRoute({ truckId: 'TRK-0002' })),
          partition: 1,
          headers: { correlationId: CORRELATION_ID },
        },
      ],
    });
    await raw.send({
      topic,
      messages: [
        {
          key: 'TRK-0003',
          value: JSON.stringify(validRoute({ truckId: 'TRK-0003' })),
          partition: 0,
          headers: { correlationId: CORRELATION_ID },
        },
      ],
    });

    await waitUntil(
      () => receiver.metrics().deadLetterWriteFailures >= 1 && handled.includes('TRK-0002'),
      () => JSON.stringify(receiver.metrics()),
    );
    expect(receiver.metrics().pausedPartitions).toBe(1);
    expect(handled).not.toContain('TRK-0003'); // behind the stuck record in the paused partition
    expect((await committedOffsets(testKafka(), groupId, topic))[0]).not.toBe('1');

    await createTopics([`${topic}-dlt`], 1);
    await waitUntil(
      () => receiver.metrics().deadLettered === 1 && handled.includes('TRK-0003'),
      () => JSON.stringify(receiver.metrics()),
      25_000,
    );
    expect(await recordCount(testKafka(), `${topic}-dlt`)).toBe(1);
    expect(receiver.metrics().pausedPartitions).toBe(0);
  });
});
