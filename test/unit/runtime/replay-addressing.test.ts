// A replayed dead letter reaches every consumer group of its topic; only the group that
// dead-lettered it may handle it again, or the others would process the event twice.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  InMemoryBroker,
  createEventSender,
  createInMemoryReceiver,
  silentLogger,
  route,
} from '../../../runtime/index.js';
import { EVC_REPLAY_FOR_GROUP } from '../../../contract-conventions/headers.js';
import { routeCalculated } from './fixtures.js';

describe('replayed records are addressed to one consumer group', () => {
  it('the addressed group handles the record, other groups skip and commit it', async () => {
    const broker = new InMemoryBroker();
    const descriptor = routeCalculated();
    await createEventSender(broker.producer()).send(descriptor, {
      key: 'TRK-0001',
      payload: { type: 'RouteCalculated', routeId: randomUUID(), truckId: 'TRK-0001', eta: new Date().toISOString() },
      headers: { correlationId: randomUUID() },
    });
    // What `evc dlq replay` writes: the original record plus the group it is meant for.
    const [original] = broker.records(descriptor.topic);
    await broker.producer().send(descriptor.topic, [
      {
        key: original!.key,
        value: original!.value,
        headers: { ...original!.headers, [EVC_REPLAY_FOR_GROUP]: Buffer.from('invoicing') },
      },
    ]);

    const handled: Record<string, number> = { invoicing: 0, tracking: 0 };
    const receivers = ['invoicing', 'tracking'].map((group) =>
      createInMemoryReceiver(broker, { groupId: group, logger: silentLogger }),
    );
    await Promise.all(
      receivers.map((r, i) => r.start([route(descriptor, () => void (handled[['invoicing', 'tracking'][i]!]! += 1))])),
    );
    await broker.drain();
    await Promise.all(receivers.map((r) => r.stop()));

    expect(handled).toEqual({ invoicing: 2, tracking: 1 });
    expect(receivers[1]!.metrics().skippedReplays).toBe(1);
    expect(broker.committedOffset('tracking', descriptor.topic, 0)).toBe(2);
  });
});
