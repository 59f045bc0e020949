// The runtime's records go through the broker on the patched kafkajs 2.2.4 encoder (one buffer per
// record and per batch, CRC-32C eight bytes per step): a plain kafkajs consumer reads back exactly
// the keys, values and CloudEvents headers the sender built. (The broker checks each batch's CRC:
// a wrong one is refused as corrupt, so this also proves the checksum.)
import { afterEach, describe, expect, it } from 'vitest';
import { createKafkaEventSender, silentLogger } from '../../../runtime/index.js';
import { kafkajsPatchCounters, kafkajsPatchStatus } from '../../../runtime/transports/kafkajs/header-encoding-patch.js';
import { createTopics, kafkaBrokers, uniqueTopic } from '../kafka.js';
import { CORRELATION_ID, routeCalculated, testKafka, validRoute, waitUntil } from './harness.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

describe('kafkajs header patch on a real broker', () => {
  it('delivers what the sender built, readable by a plain kafkajs consumer', async () => {
    const topic = uniqueTopic('patch');
    await createTopics([topic]);
    const sender = createKafkaEventSender({ brokers: kafkaBrokers(), logger: silentLogger, source: 'routing-it' });
    cleanup.push(() => sender.disconnect());
    const patched = process.env['EVC_KAFKAJS_PATCH'] !== 'off';
    expect(kafkajsPatchStatus()).toMatchObject({ encode: patched, decode: patched });

    const batches = kafkajsPatchCounters.fastBatches;
    const descriptor = routeCalculated(topic);
    const trucks = Array.from({ length: 60 }, (_, n) => `TRK-${1000 + n}`);
    await sender.sendBatch(
      descriptor,
      trucks.slice(0, 59).map((truckId) => ({
        payload: validRoute({ truckId }),
        key: truckId,
        headers: { correlationId: CORRELATION_ID },
      })),
    );
    await sender.send(descriptor, {
      payload: validRoute({ truckId: trucks[59]! }),
      key: trucks[59]!,
      headers: { correlationId: CORRELATION_ID },
    });
    if (patched) expect(kafkajsPatchCounters.fastBatches).toBeGreaterThan(batches);

    const received: { key: string; value: unknown; headers: Record<string, string> }[] = [];
    const consumer = testKafka('evc-patch-reader').consumer({
      groupId: `${topic}-reader`,
      allowAutoTopicCreation: false,
    });
    cleanup.push(() => consumer.disconnect());
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
        );
        received.push({ key: message.key!.toString(), value: JSON.parse(message.value!.toString()), headers });
      },
    });
    await waitUntil(
      () => received.length === trucks.length,
      () => `received ${received.length} of ${trucks.length}`,
    );

    expect(received.map((record) => record.key).sort()).toEqual(trucks);
    for (const record of received) {
      expect(record.value).toEqual(validRoute({ truckId: record.key }));
      expect(record.headers).toEqual({
        correlationId: CORRELATION_ID,
        ce_specversion: '1.0',
        ce_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ce_source: 'routing-it',
        ce_type: 'RouteCalculated',
        ce_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        'content-type': 'application/json',
        evc_contract_version: descriptor.contractVersion,
      });
      expect(Object.keys(record.headers)).toEqual([
        'correlationId',
        'ce_specversion',
        'ce_id',
        'ce_source',
        'ce_type',
        'ce_time',
        'content-type',
        'evc_contract_version',
      ]);
    }
    expect(new Set(received.map((record) => record.headers['ce_id'])).size).toBe(trucks.length);
  });
});
