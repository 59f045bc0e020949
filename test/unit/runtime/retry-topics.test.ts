// Non-blocking retry topics (x-retry.delays) on the in-memory broker: a failed delivery moves to the next
// retry topic and is handled there no earlier than its due time, the source partition keeps flowing, and
// the dead letter after the last retry carries every failed delivery.
import { afterEach, describe, expect, it } from 'vitest';
import {
  InMemoryBroker,
  createEventSender,
  createInMemoryReceiver,
  readDeadLetterHeaders,
  route,
  silentLogger,
  type ManagedEventReceiver,
  type ReceiverEvent,
} from '../../../runtime/index.js';
import { retryDelayMs, retryTopicFor, retryTopicsFor } from '../../../contract-conventions/index.js';
import { createReceiver } from '../../../runtime/consumer/receiver.js';
import { retryGroupId } from '../../../runtime/consumer/retry-topics.js';
import { CORRELATION_ID, routeCalculated, validRoute } from './fixtures.js';

const calculated = routeCalculated();
const running: ManagedEventReceiver[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((receiver) => receiver.stop()));
});

async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function setup() {
  const broker = new InMemoryBroker({ defaultPartitions: 1 });
  for (const topic of ['routing.events', 'routing.events-retry-0', 'routing.events-retry-1', 'routing.events-dlt'])
    broker.createTopic(topic, 1);
  const sender = createEventSender(broker.producer());
  const events: ReceiverEvent[] = [];
  const receiver = createInMemoryReceiver(broker, {
    groupId: 'invoicing',
    logger: silentLogger,
    hooks: { onEvent: (event) => events.push(event) },
  });
  running.push(receiver);
  const send = (truck: string) =>
    sender.send(calculated, {
      payload: validRoute({ truckId: truck }),
      key: truck,
      headers: { correlationId: CORRELATION_ID },
    });
  return { broker, receiver, events, send };
}

describe('retry topic naming and delays (contract-conventions)', () => {
  it.each([
    ['500ms', 500],
    ['1s', 1_000],
    ['1.5s', 1_500],
    ['10s', 10_000],
    ['1m', 60_000],
    ['2h', 7_200_000],
    [0.25, 250],
    [0, 0],
  ] as const)('reads the delay %j as %i ms', (delay, ms) => {
    expect(retryDelayMs(delay)).toBe(ms);
  });

  it.each(['1d', '', 'soon', '-1s', '10', '1 s'])('refuses the delay %j', (delay) => {
    expect(() => retryDelayMs(delay)).toThrow(RangeError);
  });

  it('refuses a delay beyond a week', () => {
    expect(() => retryDelayMs(8 * 24 * 3600)).toThrow(/7 days/);
  });

  it("names retry topics as Spring Kafka's index strategy does", () => {
    expect(retryTopicFor('orders', 0)).toBe('orders-retry-0');
    expect(retryTopicsFor('orders', { delays: ['1s', '10s', '1m'] })).toEqual([
      { topic: 'orders-retry-0', delayMs: 1_000 },
      { topic: 'orders-retry-1', delayMs: 10_000 },
      { topic: 'orders-retry-2', delayMs: 60_000 },
    ]);
    expect(retryTopicsFor('orders', {})).toBeUndefined();
  });

  it.each([
    [{ delays: [] }, /non-empty/],
    [{ delays: ['1s'], channels: ['a', 'b'] }, /one topic per delay/],
    [{ channels: ['a'] }, /need delays/],
    [{ delays: ['1s', '2s'], channels: ['a', 'a'] }, /twice/],
    [{ delays: ['1s'], channels: ['orders'] }, /consumed topic/],
  ])('refuses %j', (declared, message) => {
    expect(() => retryTopicsFor('orders', declared)).toThrow(message);
  });
});

describe('receiver with retry topics (in-memory broker)', () => {
  it('moves a transient failure through the retry topics, handles it when due, and keeps the source flowing', async () => {
    const { broker, receiver, events, send } = setup();
    const handled: { truck: string; topic: string; at: number }[] = [];
    let flakyCalls = 0;
    await receiver.start([
      route(
        calculated,
        (event) => {
          if (event.payload.truckId === 'TRK-0001' && ++flakyCalls <= 2) throw new Error('inventory service down');
          handled.push({ truck: event.payload.truckId, topic: event.record.topic, at: Date.now() });
        },
        { retry: { delays: ['150ms', '300ms'] } },
      ),
    ]);
    const sentAt = Date.now();
    await send('TRK-0001');
    await send('TRK-0002');
    await send('TRK-0003');
    await waitFor(() => handled.some((h) => h.truck === 'TRK-0001'), 'the flaky record');

    // The records behind the failing one were handled first, from the source topic.
    expect(handled.map((h) => `${h.truck}@${h.topic}`)).toEqual([
      'TRK-0002@routing.events',
      'TRK-0003@routing.events',
      'TRK-0001@routing.events-retry-1',
    ]);
    const flaky = handled[2]!;
    expect(flaky.at - sentAt).toBeGreaterThanOrEqual(150 + 300);
    expect(flakyCalls).toBe(3);
    expect(broker.records('routing.events-retry-0')).toHaveLength(1);
    expect(broker.records('routing.events-retry-1')).toHaveLength(1);
    expect(broker.records('routing.events-dlt')).toHaveLength(0);
    const scheduled = events.filter((event) => event.type === 'retry-scheduled');
    expect(scheduled.map((event) => [event.retryTopic, event.failedDeliveries])).toEqual([
      ['routing.events-retry-0', 1],
      ['routing.events-retry-1', 2],
    ]);
    expect(events.some((event) => event.type === 'retry-waiting')).toBe(true);
    expect(receiver.metrics()).toMatchObject({ retryScheduled: 2, handled: 3, deadLettered: 0 });
    // The retry copy keeps key, value and application headers; its retry headers are not application headers.
    const copy = broker.records('routing.events-retry-1')[0]!;
    const original = broker.records('routing.events')[0]!;
    expect(copy.key).toEqual(original.key);
    expect(copy.value).toEqual(original.value);
    expect(copy.headers['correlationId']).toEqual(original.headers['correlationId']);
    expect(copy.headers['evc_retry_attempt']?.toString()).toBe('2');
    expect(copy.headers['evc_retry_original_topic']?.toString()).toBe('routing.events');
  });

  it('dead-letters a permanent failure after the last retry topic with every failed delivery in its headers', async () => {
    const { broker, receiver, send } = setup();
    await receiver.start([
      route(
        calculated,
        () => {
          throw new TypeError('bad tariff table');
        },
        { retry: { delays: [0.02, 0.04], maxAttempts: 2, strategy: { type: 'fixed', delaySeconds: 0 } } },
      ),
    ]);
    await send('TRK-0009');
    await waitFor(() => broker.records('routing.events-dlt').length === 1, 'the dead letter');
    const letter = broker.records('routing.events-dlt')[0]!;
    const info = readDeadLetterHeaders(letter.headers)!;
    expect(info).toMatchObject({
      originalTopic: 'routing.events',
      originalPartition: 0,
      originalOffset: '0',
      stage: 'handle',
      attempts: 6, // 2 in place per delivery, 3 deliveries
      errorCauseClass: 'TypeError',
    });
    expect(info.attemptHistory?.map((entry) => [entry.topic, entry.attempts, entry.errorCauseClass])).toEqual([
      ['routing.events', 2, 'TypeError'],
      ['routing.events-retry-0', 2, 'TypeError'],
      ['routing.events-retry-1', 2, 'TypeError'],
    ]);
    expect(info.attemptHistory?.[0]?.errorMessage).toMatch(/bad tariff table/);
    // Retry headers became the history: none travels on in the dead letter.
    expect(Object.keys(letter.headers).filter((name) => name.startsWith('evc_retry_'))).toEqual([]);
    expect(receiver.metrics()).toMatchObject({ retryScheduled: 2, deadLettered: 1, retried: 3 });
  });

  it('dead-letters an error marked not retriable at once, without retry topics', async () => {
    const { broker, receiver, send } = setup();
    await receiver.start([
      route(
        calculated,
        () => {
          throw Object.assign(new Error('customer unknown'), { retriable: false });
        },
        { retry: { delays: ['10ms'] } },
      ),
    ]);
    await send('TRK-0010');
    await waitFor(() => broker.records('routing.events-dlt').length === 1, 'the dead letter');
    expect(broker.records('routing.events-retry-0')).toHaveLength(0);
    const info = readDeadLetterHeaders(broker.records('routing.events-dlt')[0]!.headers)!;
    expect(info.attempts).toBe(1);
    expect(info.attemptHistory).toHaveLength(1);
  });

  it('dead-letters an invalid record found on a retry topic to its source topic’s dead-letter topic', async () => {
    const { broker, receiver } = setup();
    await receiver.start([route(calculated, () => {}, { retry: { delays: ['10ms'] } })]);
    broker.append('routing.events-retry-0', [
      {
        key: Buffer.from('TRK-0011'),
        value: Buffer.from('{not json'),
        headers: {
          evc_retry_attempt: Buffer.from('1'),
          evc_retry_due_at: Buffer.from(String(Date.now())),
          evc_retry_original_topic: Buffer.from('routing.events'),
          evc_retry_original_partition: Buffer.from('0'),
          evc_retry_original_offset: Buffer.from('41'),
          evc_retry_original_timestamp: Buffer.from('1'),
        },
      },
    ]);
    await waitFor(() => broker.records('routing.events-dlt').length === 1, 'the dead letter');
    expect(readDeadLetterHeaders(broker.records('routing.events-dlt')[0]!.headers)).toMatchObject({
      originalTopic: 'routing.events',
      originalOffset: '41',
      stage: 'decode',
    });
  });

  it('refuses a retry topic that another route consumes', async () => {
    const { receiver } = setup();
    await expect(
      receiver.start([
        route(calculated, () => {}, { retry: { delays: ['1s'] } }),
        route(routeCalculated('routing.events-retry-0'), () => {}),
      ]),
    ).rejects.toThrow(/also a consumed topic/);
  });

  it('gives each retry topic a consumer (and group) of its own when the transport asks for it', async () => {
    const { broker, send } = setup();
    const handled: string[] = [];
    let calls = 0;
    const receiver = createReceiver({ groupId: 'invoicing', logger: silentLogger }, ({ pauses }) => ({
      consumer: broker.consumer('invoicing', { fromBeginning: true, pauses }),
      deadLetters: broker.producer(),
      ownsDeadLetters: true,
      retryConsumer: (topic) => broker.consumer(retryGroupId('invoicing', topic), { fromBeginning: true, pauses }),
    }));
    running.push(receiver);
    await receiver.start([
      route(
        calculated,
        (event) => {
          if (event.payload.truckId === 'TRK-0001' && ++calls === 1) throw new Error('once');
          handled.push(`${event.payload.truckId}@${event.record.topic}`);
        },
        { retry: { delays: ['100ms'] } },
      ),
    ]);
    await send('TRK-0001');
    await send('TRK-0002');
    await waitFor(() => handled.length === 2, 'both records');
    expect(handled).toEqual(['TRK-0002@routing.events', 'TRK-0001@routing.events-retry-0']);
    expect(broker.committedOffset('invoicing.routing.events-retry-0', 'routing.events-retry-0', 0)).toBe(1);
    expect(broker.committedOffset('invoicing', 'routing.events', 0)).toBe(2);
  });

  it('leaves another group’s retries alone: only the group whose delivery failed handles the retry record', async () => {
    const { broker, receiver, send } = setup();
    const portal: string[] = [];
    const tracking: string[] = [];
    let calls = 0;
    const retry = { delays: ['50ms'] };
    await receiver.start([
      route(
        calculated,
        (event) => {
          if (++calls === 1) throw new Error('once');
          portal.push(event.record.topic);
        },
        { retry },
      ),
    ]);
    const other = createInMemoryReceiver(broker, { groupId: 'tracking', logger: silentLogger });
    running.push(other);
    await other.start([route(calculated, (event) => void tracking.push(event.record.topic), { retry })]);
    await send('TRK-0001');
    await waitFor(() => portal.length === 1, 'the retried record');
    await broker.drain();
    expect(portal).toEqual(['routing.events-retry-0']);
    expect(tracking).toEqual(['routing.events']);
    expect(other.metrics()).toMatchObject({ handled: 1, skippedRetries: 1, skippedReplays: 0 });
  });
});
