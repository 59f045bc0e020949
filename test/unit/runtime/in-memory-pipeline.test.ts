import { afterEach, describe, expect, it } from 'vitest';
import {
  InMemoryBroker,
  createEventSender,
  createInMemoryReceiver,
  readDeadLetterHeaders,
  route,
  silentLogger,
  type InMemoryReceiverOptions,
  type ManagedEventReceiver,
  type ReceiverEvent,
  type ReceivedEvent,
  type WireRecord,
} from '../../../runtime/index.js';
import {
  CORRELATION_ID,
  routeCalculated,
  routeCancelled,
  validRoute,
  type EventHeaders,
  type RouteCalculated,
} from './fixtures.js';

const calculated = routeCalculated();
const headers = { correlationId: CORRELATION_ID };
const running: ManagedEventReceiver[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((receiver) => receiver.stop()));
});

function setup(options: Partial<InMemoryReceiverOptions> = {}, partitions = 1) {
  const broker = new InMemoryBroker({ defaultPartitions: partitions });
  broker.createTopic('routing.events', partitions);
  const sender = createEventSender(broker.producer());
  const sleeps: number[] = [];
  const events: ReceiverEvent[] = [];
  const receiver = createInMemoryReceiver(broker, {
    groupId: 'invoicing',
    logger: silentLogger,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    hooks: { onEvent: (event) => events.push(event) },
    ...options,
  });
  running.push(receiver);
  return { broker, sender, receiver, sleeps, events };
}

const send = (
  sender: ReturnType<typeof createEventSender>,
  truck = 'TRK-0042',
  overrides: Partial<RouteCalculated> = {},
) => sender.send(calculated, { payload: validRoute({ truckId: truck, ...overrides }), key: truck, headers });

const raw = (value: string | Buffer, extra: Record<string, string> = {}): WireRecord => ({
  key: Buffer.from('TRK-0042'),
  value: typeof value === 'string' ? Buffer.from(value) : value,
  headers: Object.fromEntries(
    Object.entries({ correlationId: CORRELATION_ID, ...extra }).map(([name, text]) => [name, Buffer.from(text)]),
  ),
});

describe('receiver on the in-memory broker', () => {
  it('hands a valid event to its handler once and commits it', async () => {
    const { broker, sender, receiver } = setup();
    const received: ReceivedEvent<RouteCalculated, string, EventHeaders>[] = [];
    await receiver.start([route(calculated, (event) => void received.push(event))]);
    await send(sender);
    await broker.drain();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      name: 'RouteCalculated',
      payload: validRoute(),
      key: 'TRK-0042',
      headers,
      metadata: { source: 'routing', replayCount: 0 },
    });
    expect(broker.committedOffset('invoicing', 'routing.events', 0)).toBe(1);
    expect(broker.records('routing.events-dlt')).toEqual([]);
    expect(receiver.metrics()).toMatchObject({
      consumed: 1,
      valid: 1,
      handled: 1,
      invalid: 0,
      retried: 0,
      deadLettered: 0,
    });
  });

  it('dead-letters an invalid record with its validation errors, never calling the handler', async () => {
    const { broker, receiver } = setup();
    let calls = 0;
    await receiver.start([route(calculated, () => void (calls += 1))]);
    broker.append('routing.events', [raw(JSON.stringify(validRoute({ eta: 'tomorrow' })))]);
    await broker.drain();
    expect(calls).toBe(0);
    const [letter] = broker.records('routing.events-dlt');
    expect(letter?.key?.toString()).toBe('TRK-0042');
    expect(letter?.value?.toString()).toBe(JSON.stringify(validRoute({ eta: 'tomorrow' })));
    expect(letter?.headers['correlationId']?.toString()).toBe(CORRELATION_ID);
    expect(readDeadLetterHeaders(letter!.headers)).toMatchObject({
      family: 'evc',
      originalTopic: 'routing.events',
      originalPartition: 0,
      originalOffset: '0',
      consumerGroup: 'invoicing',
      stage: 'validate',
      messageType: 'RouteCalculated',
      errorClass: 'EventValidationError',
      errorMessage: 'RouteCalculated payload is invalid: /eta must match format "date-time"',
      validationErrors: [{ part: 'payload', field: '/eta', rule: 'format' }],
      attempts: 1,
    });
    expect(broker.committedOffset('invoicing', 'routing.events')).toBe(1);
    expect(receiver.metrics()).toMatchObject({ consumed: 1, valid: 0, invalid: 1, deadLettered: 1 });
  });

  const poison: [string, WireRecord, string, string][] = [
    ['empty value', raw(Buffer.alloc(0)), 'decode', 'EventDecodeError'],
    ['non-UTF-8 bytes', raw(Buffer.from([0xff, 0xfe, 0x7b])), 'decode', 'EventDecodeError'],
    ['invalid JSON', raw('{"type":'), 'decode', 'EventDecodeError'],
    ['JSON nested 10 000 deep', raw(`${'['.repeat(10_000)}${']'.repeat(10_000)}`), 'decode', 'EventDecodeError'],
    [
      'an unknown ce_type',
      raw(JSON.stringify(validRoute()), { ce_type: 'RouteExploded' }),
      'validate',
      'UnknownMessageTypeError',
    ],
    [
      'a __proto__ payload',
      raw('{"__proto__":{"polluted":true},"type":"RouteCalculated"}'),
      'validate',
      'EventValidationError',
    ],
  ];
  it.each(poison)('dead-letters %s without retrying or crashing', async (_name, record, stage, errorClass) => {
    const { broker, sender, receiver, sleeps } = setup();
    const handled: string[] = [];
    await receiver.start([
      route(calculated, (event) => void handled.push(event.record.offset)),
      route(routeCancelled(), () => {}),
    ]);
    broker.append('routing.events', [record]);
    await send(sender);
    await broker.drain();
    expect(readDeadLetterHeaders(broker.records('routing.events-dlt')[0]!.headers)).toMatchObject({
      stage,
      errorClass,
      attempts: 1,
    });
    expect(handled).toEqual(['1']);
    expect(sleeps).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('retries a handler that fails twice, then succeeds, with backoff and without dead-lettering', async () => {
    const { broker, sender, receiver, sleeps, events } = setup({
      retry: { maxAttempts: 5, initialDelayMs: 100, multiplier: 2 },
    });
    let calls = 0;
    await receiver.start([
      route(calculated, () => {
        calls += 1;
        if (calls <= 2) throw new Error(`database unavailable (${calls})`);
      }),
    ]);
    await send(sender);
    await broker.drain();
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 100]); // full jitter with random() = 0.5 of 100, 200
    expect(broker.records('routing.events-dlt')).toEqual([]);
    expect(
      events.filter((event) => event.type === 'retrying').map((event) => event.type === 'retrying' && event.attempt),
    ).toEqual([1, 2]);
    expect(receiver.metrics()).toMatchObject({ handled: 1, retried: 2, deadLettered: 0 });
    expect(broker.committedOffset('invoicing', 'routing.events')).toBe(1);
  });

  it('dead-letters after maxAttempts while later records of the same partition keep flowing', async () => {
    const { broker, sender, receiver, sleeps } = setup({ retry: { maxAttempts: 3, initialDelayMs: 10 } });
    const handled: string[] = [];
    let attempts = 0;
    await receiver.start([
      route(calculated, (event) => {
        if (event.payload.truckId === 'TRK-6666') {
          attempts += 1;
          throw new TypeError('cannot read properties of undefined');
        }
        handled.push(event.payload.truckId);
      }),
    ]);
    await send(sender, 'TRK-0001');
    await send(sender, 'TRK-6666');
    await send(sender, 'TRK-0002');
    await send(sender, 'TRK-0003');
    await broker.drain();
    expect(attempts).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(handled).toEqual(['TRK-0001', 'TRK-0002', 'TRK-0003']);
    const letters = broker.records('routing.events-dlt');
    expect(letters).toHaveLength(1);
    expect(readDeadLetterHeaders(letters[0]!.headers)).toMatchObject({
      stage: 'handle',
      errorClass: 'HandlerError',
      errorCauseClass: 'TypeError',
      attempts: 3,
      originalOffset: '1',
      errorMessage: 'RouteCalculated handler failed (attempt 3): TypeError: cannot read properties of undefined',
    });
    expect(letters[0]!.headers['evc_dlt_error_stacktrace']?.toString()).toContain(
      'TypeError: cannot read properties of undefined',
    );
    expect(broker.committedOffset('invoicing', 'routing.events')).toBe(4);
  });

  it('does not retry an error that says it is not retriable', async () => {
    const { broker, sender, receiver, sleeps } = setup();
    await receiver.start([
      route(calculated, () => {
        throw Object.assign(new Error('customer does not exist'), { retriable: false });
      }),
    ]);
    await send(sender);
    await broker.drain();
    expect(sleeps).toEqual([]);
    expect(readDeadLetterHeaders(broker.records('routing.events-dlt')[0]!.headers)).toMatchObject({
      attempts: 1,
      stage: 'handle',
    });
  });

  it('keeps a record whose dead-letter write fails uncommitted, pauses its partition, and delivers it later', async () => {
    const { broker, sender, receiver, events } = setup({ redelivery: { initialDelayMs: 20 } }, 2);
    broker.rejectWrites('routing.events-dlt');
    let poisonCalls = 0;
    const handled: string[] = [];
    await receiver.start([
      route(calculated, (event) => {
        if (event.payload.truckId === 'TRK-6666') {
          poisonCalls += 1;
          throw new Error('always fails');
        }
        handled.push(event.payload.truckId);
      }),
    ]);
    // Find two trucks on different partitions.
    await send(sender, 'TRK-6666');
    const poisonPartition = broker.records('routing.events')[0]!.partition;
    let other = 1000;
    for (; ; other += 1) {
      await send(sender, `TRK-${other}`);
      const last = broker
        .records('routing.events')
        .find((record) => (JSON.parse(record.value!.toString()) as { truckId: string }).truckId === `TRK-${other}`)!;
      if (last.partition !== poisonPartition) break;
    }
    await send(sender, 'TRK-6666'); // same key: the same, paused partition
    await broker.drain();
    const stuck = receiver.metrics();
    expect(stuck.deadLetterWriteFailures).toBeGreaterThanOrEqual(1);
    expect(stuck.pausedPartitions).toBe(1);
    expect(broker.committedOffset('invoicing', 'routing.events', poisonPartition)).toBe(0);
    expect(handled).toContain(`TRK-${other}`); // the other partition flows
    expect(events.some((event) => event.type === 'partition-paused' && event.partition === poisonPartition)).toBe(true);

    broker.acceptWrites('routing.events-dlt');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await broker.drain();
    // Both poison records end in the DLT; the first one's handler was not run again for the rewrite.
    expect(broker.records('routing.events-dlt')).toHaveLength(2);
    expect(poisonCalls).toBe(5 + 5);
    expect(broker.committedOffset('invoicing', 'routing.events', poisonPartition)).toBe(2);
    expect(receiver.metrics()).toMatchObject({ pausedPartitions: 0, deadLettered: 2 });
  });

  it('lets a restarted receiver continue where the stopped one committed', async () => {
    const { broker, sender, receiver } = setup();
    const seen: string[] = [];
    const handler = route(calculated, (event) => void seen.push(event.payload.truckId));
    await receiver.start([handler]);
    for (let n = 1000; n < 1005; n += 1) await send(sender, `TRK-${n}`);
    await broker.drain();
    await receiver.stop();
    for (let n = 1005; n < 1010; n += 1) await send(sender, `TRK-${n}`);
    const restarted = createInMemoryReceiver(broker, { groupId: 'invoicing', logger: silentLogger });
    running.push(restarted);
    await restarted.start([handler]);
    await broker.drain();
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `TRK-${1000 + i}`));
  });

  it('stopping during retries leaves the record uncommitted for the next member', async () => {
    const broker = new InMemoryBroker();
    const sender = createEventSender(broker.producer());
    let calls = 0;
    let failing = true;
    const first = createInMemoryReceiver(broker, {
      groupId: 'g',
      logger: silentLogger,
      retry: { initialDelayMs: 60_000, jitter: 'none' },
    });
    running.push(first);
    await first.start([
      route(calculated, () => {
        calls += 1;
        if (failing) throw new Error('down');
      }),
    ]);
    await send(sender);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(1);
    const started = Date.now();
    await first.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(broker.committedOffset('g', 'routing.events')).toBe(0);

    failing = false;
    const second = createInMemoryReceiver(broker, { groupId: 'g', logger: silentLogger });
    running.push(second);
    await second.start([route(calculated, () => void (calls += 1))]);
    await broker.drain();
    expect(calls).toBe(2);
    expect(broker.committedOffset('g', 'routing.events')).toBe(1);
    expect(broker.records('routing.events-dlt')).toEqual([]);
  });

  it('splits partitions between members of a group', async () => {
    const broker = new InMemoryBroker({ defaultPartitions: 4 });
    const sender = createEventSender(broker.producer());
    const byMember: Record<string, Set<number>> = { a: new Set(), b: new Set() };
    for (const name of ['a', 'b'] as const) {
      const receiver = createInMemoryReceiver(broker, { groupId: 'shared', logger: silentLogger });
      running.push(receiver);
      await receiver.start([route(calculated, (event) => void byMember[name]!.add(event.record.partition))]);
    }
    for (let n = 1000; n < 1040; n += 1) await send(sender, `TRK-${n}`);
    await broker.drain();
    expect(byMember['a']!.size + byMember['b']!.size).toBe(4);
    expect([...byMember['a']!].filter((partition) => byMember['b']!.has(partition))).toEqual([]);
  });

  it("uses a route's own dead-letter topic and retry policy", async () => {
    const { broker, sender, receiver, sleeps } = setup({ retry: { maxAttempts: 5 } });
    await receiver.start([
      route(
        calculated,
        () => {
          throw new Error('no');
        },
        {
          deadLetterTopic: 'routing.events.invoicing-dlt',
          retry: { maxAttempts: 2, strategy: { type: 'fixed', delaySeconds: 0.01 } },
        },
      ),
    ]);
    await send(sender);
    broker.append('routing.events', [raw('not json')]);
    await broker.drain();
    expect(sleeps).toHaveLength(1);
    expect(broker.records('routing.events.invoicing-dlt')).toHaveLength(2);
    expect(broker.records('routing.events-dlt')).toHaveLength(0);
  });

  it('writes Spring-style headers when asked', async () => {
    const { broker, receiver } = setup({
      deadLetter: { headerStyle: 'spring', topic: { 'routing.events': 'routing.events.DLT' } },
    });
    await receiver.start([route(calculated, () => {})]);
    broker.append('routing.events', [raw('{}')]);
    await broker.drain();
    const [letter] = broker.records('routing.events.DLT');
    expect(letter?.headers['kafka_dlt-original-partition']).toEqual(Buffer.from([0, 0, 0, 0]));
    expect(readDeadLetterHeaders(letter!.headers)).toMatchObject({
      family: 'spring',
      stage: 'validate',
      consumerGroup: 'invoicing',
    });
  });

  it('survives a throwing hook and reports handler latency', async () => {
    const { broker, sender, receiver } = setup({
      hooks: {
        onEvent: () => {
          throw new Error('hook bug');
        },
      },
    });
    await receiver.start([route(calculated, async () => new Promise((resolve) => setTimeout(resolve, 5)))]);
    await send(sender);
    await send(sender);
    await broker.drain();
    const metrics = receiver.metrics();
    expect(metrics.handled).toBe(2);
    expect(metrics.handlerLatency.count).toBe(2);
    expect(metrics.handlerLatency.meanMs).toBeGreaterThanOrEqual(4);
    expect(metrics.handlerLatency.p99Ms).toBeGreaterThanOrEqual(metrics.handlerLatency.p50Ms);
  });
});
