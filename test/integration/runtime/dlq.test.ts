// Inspect and replay on a real broker: inspect commits nothing; replay delivers a dead letter to
// its original handler exactly once, keeps still-invalid records where they are, and refuses loops.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKafkaEventSender,
  inspectDeadLetters,
  replayDeadLetters,
  route,
  silentLogger,
  type ManagedEventReceiver,
} from '../../../runtime/index.js';
import { createTopics, kafkaBrokers, uniqueTopic, withAdmin } from '../kafka.js';
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

describe('evc dlq on Kafka', () => {
  it('inspect reads everything and commits nothing', async () => {
    const topic = uniqueTopic('dlq.inspect');
    await createTopics([topic, `${topic}-dlt`], 2);
    const receiver = await started(testReceiver({ groupId: uniqueTopic('g') }), [
      route(routeCalculated(topic), () => {}),
    ]);
    const raw = await rawProducer();
    cleanup.push(() => raw.disconnect());
    await raw.send({
      topic,
      messages: Array.from({ length: 6 }, (_, n) => ({
        key: `TRK-000${n}`,
        value: n % 2 === 0 ? 'broken' : '{"type":"RouteCalculated"}',
      })),
    });
    await waitUntil(
      () => receiver.metrics().deadLettered === 6,
      () => JSON.stringify(receiver.metrics()),
    );

    const before = await withAdmin((admin) => admin.listGroups());
    const first = await inspectDeadLetters({ brokers: kafkaBrokers(), topic: `${topic}-dlt` });
    const again = await inspectDeadLetters({ brokers: kafkaBrokers(), topic: `${topic}-dlt`, stage: 'decode' });
    const limited = await inspectDeadLetters({
      brokers: kafkaBrokers(),
      topic: `${topic}-dlt`,
      limit: 2,
      filter: 'stage=validate',
    });
    const future = await inspectDeadLetters({
      brokers: kafkaBrokers(),
      topic: `${topic}-dlt`,
      since: new Date(Date.now() + 3_600_000),
    });

    expect(first.entries).toHaveLength(6);
    expect(first.complete).toBe(true);
    expect(again.entries).toHaveLength(3);
    expect(again.entries.every((entry) => entry.deadLetter?.stage === 'decode')).toBe(true);
    expect([limited.entries.length, limited.matched, limited.limited]).toEqual([2, 3, true]);
    expect(future.entries).toHaveLength(0);

    // A named group reads without committing; throw-away groups are removed afterwards.
    const named = uniqueTopic('inspector');
    expect(
      (await inspectDeadLetters({ brokers: kafkaBrokers(), topic: `${topic}-dlt`, groupId: named })).entries,
    ).toHaveLength(6);
    expect(Object.values(await committedOffsets(testKafka(), named, `${topic}-dlt`))).toEqual(['-1', '-1']);
    const after = await withAdmin((admin) => admin.listGroups());
    const leftBehind = after.groups.filter(
      (group) =>
        group.groupId.startsWith('evc-dlq-inspect-') && !before.groups.some((old) => old.groupId === group.groupId),
    );
    expect(leftBehind).toEqual([]);
  });

  it('replay delivers a dead letter to the original handler exactly once, and not again on a second replay', async () => {
    const topic = uniqueTopic('dlq.replay');
    await createTopics([topic, `${topic}-dlt`], 1);
    const descriptor = routeCalculated(topic);
    let invoicingBroken = true;
    const handled = new Map<string, number>();
    const replayCounts: number[] = [];
    const receiver = await started(
      testReceiver({ groupId: uniqueTopic('invoicing'), retry: { maxAttempts: 2, initialDelayMs: 10 } }),
      [
        route(descriptor, (event) => {
          if (invoicingBroken && event.payload.truckId === 'TRK-0666') throw new Error('tax service down');
          handled.set(event.payload.truckId, (handled.get(event.payload.truckId) ?? 0) + 1);
          replayCounts.push(event.metadata?.replayCount ?? -1);
        }),
      ],
    );
    const sender = createKafkaEventSender({ brokers: kafkaBrokers(), logger: silentLogger });
    cleanup.push(() => sender.disconnect());
    for (const truck of ['TRK-0001', 'TRK-0666', 'TRK-0002'])
      await sender.send(descriptor, {
        payload: validRoute({ truckId: truck }),
        key: truck,
        headers: { correlationId: CORRELATION_ID },
      });
    await waitUntil(
      () => receiver.metrics().deadLettered === 1 && handled.size === 2,
      () => JSON.stringify(receiver.metrics()),
    );

    const dryRun = await replayDeadLetters({ brokers: kafkaBrokers(), topic: `${topic}-dlt`, dryRun: true });
    expect(dryRun.counts).toMatchObject({ 'would-replay': 1, replayed: 0 });
    expect(await recordCount(testKafka(), topic)).toBe(3);

    invoicingBroken = false; // the cause is fixed
    const replay = await replayDeadLetters({
      brokers: kafkaBrokers(),
      topic: `${topic}-dlt`,
      validators: [descriptor],
    });
    expect(replay.counts).toMatchObject({ replayed: 1, 'still-invalid': 0, 'loop-refused': 0 });
    expect(replay.records[0]).toMatchObject({
      outcome: 'replayed',
      destination: topic,
      messageType: 'RouteCalculated',
      replayCount: 0,
    });
    await waitUntil(
      () => handled.get('TRK-0666') === 1,
      () => JSON.stringify([...handled]),
    );

    const second = await replayDeadLetters({ brokers: kafkaBrokers(), topic: `${topic}-dlt` });
    // It starts after its committed position: the replayed record is not even read again.
    expect(second.counts).toMatchObject({ replayed: 0, 'would-replay': 0 });
    expect(second.records).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(Object.fromEntries(handled)).toEqual({ 'TRK-0001': 1, 'TRK-0666': 1, 'TRK-0002': 1 });
    expect(replayCounts).toEqual([0, 0, 1]);
    expect((await committedOffsets(testKafka(), `evc-dlq-replay-${topic}-dlt`, `${topic}-dlt`))[0]).toBe('1');
  });

  it('keeps still-invalid records in place and refuses a replay loop', async () => {
    const topic = uniqueTopic('dlq.loop');
    await createTopics([topic, `${topic}-dlt`], 1);
    const descriptor = routeCalculated(topic);
    const receiver = await started(testReceiver({ groupId: uniqueTopic('g') }), [route(descriptor, () => {})]);
    const raw = await rawProducer();
    cleanup.push(() => raw.disconnect());
    await raw.send({
      topic,
      messages: [
        {
          key: 'TRK-0001',
          value: JSON.stringify(validRoute({ eta: 'soon' })),
          headers: { correlationId: CORRELATION_ID },
        },
      ],
    });
    await waitUntil(
      () => receiver.metrics().deadLettered === 1,
      () => JSON.stringify(receiver.metrics()),
    );
    const dlt = `${topic}-dlt`;

    // Under the contract it is still invalid: it stays, and the replay position does not pass it.
    const checked = await replayDeadLetters({
      brokers: kafkaBrokers(),
      topic: dlt,
      validators: new Map([[descriptor.name, descriptor]]),
    });
    expect(checked.counts).toMatchObject({ 'still-invalid': 1, replayed: 0 });
    expect(checked.records[0]).toMatchObject({
      outcome: 'still-invalid',
      validationErrors: [{ field: '/eta', rule: 'format' }],
    });
    expect(await recordCount(testKafka(), topic)).toBe(1);

    // Replayed without re-validation, it fails again, comes back with its replay count, and is refused at the limit.
    for (let round = 1; round <= 2; round += 1) {
      const result = await replayDeadLetters({ brokers: kafkaBrokers(), topic: dlt, maxReplays: 2 });
      expect(result.counts.replayed).toBe(1);
      await waitUntil(
        () => receiver.metrics().deadLettered === 1 + round,
        () => JSON.stringify(receiver.metrics()),
      );
    }
    const refused = await replayDeadLetters({ brokers: kafkaBrokers(), topic: dlt, maxReplays: 2 });
    expect(refused.counts).toMatchObject({ replayed: 0, 'loop-refused': 1 });
    expect(refused.records).toHaveLength(1);
    expect(refused.records[0]).toMatchObject({ outcome: 'loop-refused', replayCount: 2 });
    const inspected = await inspectDeadLetters({ brokers: kafkaBrokers(), topic: dlt });
    expect(inspected.entries.map((entry) => entry.replayCount)).toEqual([0, 1, 2]);
    expect(await recordCount(testKafka(), topic)).toBe(3);
  });
});
