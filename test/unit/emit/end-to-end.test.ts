// Generated producer → in-memory broker → generated consumer: a valid event arrives typed end to
// end; an invalid one is refused by the producer with the validator's errors and never sent.
import { describe, expect, it } from 'vitest';
import {
  InMemoryBroker,
  createEventSender,
  createInMemoryReceiver,
  silentLogger,
  EventValidationError,
  type ReceivedEvent,
} from 'eventcontracts/runtime';
import {
  RoutingProducer,
  InvoicingConsumer,
  invoicingDeadLetterTopics,
  invoicingRoutes,
  type RouteCalculated,
  type RouteCalculatedKey,
  type RouteCalculatedHeaders,
} from '../../../generated/index.js';
import { routeCalculated } from '../../support/logiflow-events.js';

describe('generated LogiFlow code on the in-memory transport', () => {
  it('delivers a valid RouteCalculated to the invoicing handler, typed and validated', async () => {
    const broker = new InMemoryBroker();
    const routing = new RoutingProducer(createEventSender(broker.producer(), { source: 'routing' }));
    const received: ReceivedEvent<RouteCalculated, RouteCalculatedKey, RouteCalculatedHeaders>[] = [];
    const invoicing = new InvoicingConsumer(
      createInMemoryReceiver(broker, { groupId: 'invoicing', logger: silentLogger }),
      {
        onRouteCalculated: (event) => {
          // Typed access: a typo here would not compile.
          const km: number = event.payload.distanceKm;
          expect(km).toBeGreaterThan(0);
          received.push(event);
        },
      },
    );
    await invoicing.start();
    const event = routeCalculated(42);
    await routing.sendRouteCalculated(event);
    await broker.drain();
    await invoicing.stop();

    expect(received).toHaveLength(1);
    expect(received[0]!.payload).toEqual(event.payload);
    expect(received[0]!.key).toBe('TRK-0042');
    expect(received[0]!.headers.correlationId).toBe(event.headers.correlationId);
    const [record] = broker.records('routing.events');
    expect(record!.key!.toString()).toBe('TRK-0042');
    expect(record!.headers.ce_type!.toString()).toBe('RouteCalculated');
  });

  it('refuses an invalid event before sending, naming the field and the rule', async () => {
    const broker = new InMemoryBroker();
    const routing = new RoutingProducer(createEventSender(broker.producer(), { source: 'routing' }));
    const event = routeCalculated(1, { distanceKm: -5, calculatedAt: 'yesterday' });
    const error = await routing.sendRouteCalculated(event).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).message).toContain('/distanceKm must be >= 0');
    expect((error as EventValidationError).message).toContain('/calculatedAt must match format "date-time"');
    expect(broker.records('routing.events')).toEqual([]);
  });

  it('refuses a key that breaks the key schema', async () => {
    const broker = new InMemoryBroker();
    const routing = new RoutingProducer(createEventSender(broker.producer(), { source: 'routing' }));
    const event = { ...routeCalculated(1), key: 'truck-1' };
    await expect(routing.sendRouteCalculated(event)).rejects.toThrow(/key is invalid: .*must match pattern/);
  });

  it('dead-letters a record a raw producer wrote with a bad payload, and keeps consuming', async () => {
    const broker = new InMemoryBroker();
    const handled: string[] = [];
    const invoicing = new InvoicingConsumer(
      createInMemoryReceiver(broker, { groupId: 'invoicing', logger: silentLogger }),
      {
        onRouteCalculated: (event) => void handled.push(event.payload.routeId),
      },
    );
    await invoicing.start();
    await broker
      .producer()
      .send('routing.events', [
        { key: Buffer.from('TRK-0001'), value: Buffer.from('{"type":"RouteCalculated","routeId":42}'), headers: {} },
      ]);
    const good = routeCalculated(2);
    await new RoutingProducer(createEventSender(broker.producer(), { source: 'routing' })).sendRouteCalculated(good);
    await broker.drain();
    await invoicing.stop();
    expect(handled).toEqual([good.payload.routeId]);
    const dead = broker.records('routing.events-dlt');
    expect(dead).toHaveLength(1);
    expect(dead[0]!.value!.toString()).toBe('{"type":"RouteCalculated","routeId":42}');
  });

  it("applies the receive operation's x-retry and x-dead-letter without the application passing them", async () => {
    // invoicing's contract: x-retry maxAttempts 5 (exponential from 0.2 s), x-dead-letter routing.events-dlt.
    // The receiver's own default here is 1 attempt: the contract's setting must win.
    const broker = new InMemoryBroker();
    const waits: number[] = [];
    const receiver = createInMemoryReceiver(broker, {
      groupId: 'invoicing',
      logger: silentLogger,
      retry: { maxAttempts: 1 },
      random: () => 0.5,
      sleep: async (ms) => void waits.push(ms),
    });
    let calls = 0;
    const invoicing = new InvoicingConsumer(receiver, {
      onRouteCalculated: () => {
        calls += 1;
        throw new Error('invoice store is down');
      },
    });
    await invoicing.start();
    await new RoutingProducer(createEventSender(broker.producer(), { source: 'routing' })).sendRouteCalculated(
      routeCalculated(3),
    );
    await broker.drain();
    await invoicing.stop();
    expect(calls).toBe(5);
    // Full jitter at 0.5 of 200, 400, 800, 1600 ms.
    expect(waits).toEqual([100, 200, 400, 800]);
    expect(broker.records(invoicingDeadLetterTopics['routing.events']!)).toHaveLength(1);
    expect(invoicingRoutes({ onRouteCalculated: () => {} })[0]!.options).toEqual({
      deadLetterTopic: 'routing.events-dlt',
      retry: {
        maxAttempts: 5,
        strategy: { type: 'exponential', initialDelaySeconds: 0.2, multiplier: 2, maxDelaySeconds: 5 },
      },
    });
  });
});

describe('headers on the wire', () => {
  it('arrive as strings and are coerced to the types the contract declares', async () => {
    const { loadRegistry } = await import('../../../generator/load/index.js');
    const { memorySource } = await import('../../../generator/load/memory-source.js');
    const { liveDescriptors } = await import('../../../generator/emit/live-descriptors.js');
    const registry = await loadRegistry(
      memorySource({
        'a.yaml': `asyncapi: 3.0.0\ninfo: {title: a, version: '1'}\nchannels:\n  c:\n    address: t\n    messages:\n      M:\n        payload: {type: object, properties: {id: {type: string}}}\n        headers:\n          type: object\n          required: [attempt]\n          properties:\n            attempt: {type: integer, minimum: 1}\n            urgent: {type: boolean}\noperations:\n  s: {action: send, channel: {$ref: '#/channels/c'}}\n`,
      }),
    );
    const descriptor = liveDescriptors(registry).get('M')!;
    const broker = new InMemoryBroker();
    const received: unknown[] = [];
    const receiver = createInMemoryReceiver(broker, { groupId: 'g', logger: silentLogger });
    await receiver.start([{ descriptor, handler: (event) => void received.push(event.headers) }]);
    await createEventSender(broker.producer()).send(descriptor, {
      payload: { id: 'x' },
      headers: { attempt: 3, urgent: true },
    });
    await broker.drain();
    await receiver.stop();
    expect(broker.records('t')[0]!.headers.attempt!.toString()).toBe('3');
    expect(received).toEqual([{ attempt: 3, urgent: true }]);
  });
});
