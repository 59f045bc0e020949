// Avro payloads on the real broker, with the code `evc generate` made from examples/fleet-avro:
// a binary-encoded and a JSON-encoded Avro message go out through the validating sender and come
// back through the receiver equal to what was sent; the bytes on the topic are real Avro binary
// (read back here with avsc from the contract's .avsc files, as any Avro consumer would); bytes
// that are not Avro of the schema are dead-lettered as a decode error, never a crash.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import avsc from 'avsc';
import { bigintLongs } from '../../support/avro-longs.js';
import {
  createKafkaEventSender,
  EventValidationError,
  inspectDeadLetters,
  route,
  type ManagedEventReceiver,
  type MessageDescriptor,
  type ReceivedEvent,
} from '../../../runtime/index.js';
import {
  MaintenanceDueMessage,
  TruckPositionReportedMessage,
} from '../../../examples/fleet-avro/generated/messages.js';
import type { MaintenanceDue, TruckPositionReported } from '../../../examples/fleet-avro/generated/types.js';
import { createTopics, deleteTopics, kafkaBrokers, uniqueTopic } from '../kafka.js';
import { rawProducer, testKafka, testReceiver, waitUntil } from '../runtime/harness.js';

const schemas = path.resolve(import.meta.dirname, '../../../examples/fleet-avro/contracts/schemas');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

const position: TruckPositionReported = {
  eventId: '6f1c2b7e-4d8a-4f0e-9b1a-2c3d4e5f6a7b',
  truck: { truckId: 'TRK-0042', kind: 'BOX_TRUCK' },
  position: { lat: 48.8566, lon: 2.3522 },
  speedKmh: null,
  odometerMeters: 9_007_199_254_740_991, // the largest long a JavaScript number holds exactly
  recordedAt: 1_796_601_600_000,
  sensors: { fuel: 0.5, coolantC: 88.25 },
  unitSerial: '\u0000\u00ffA\u0080', // fixed(4): one character per byte
};

const maintenance: MaintenanceDue = {
  truck: { truckId: 'TRK-0042', kind: 'SEMI' },
  dueOn: 20_800,
  reason: null,
  costEstimate: '\u0001\u00e2\u0040', // decimal(9,2) bytes: 1234.56
};

/** The descriptor on a topic of this test's own (the broker is shared by the integration tests). */
function onTopic<P, K, H>(descriptor: MessageDescriptor<P, K, H>, topic: string): MessageDescriptor<P, K, H> {
  return { ...descriptor, topic };
}

async function topics(prefix: string): Promise<string> {
  const topic = uniqueTopic(prefix);
  await createTopics([topic, `${topic}-dlt`], 1);
  cleanup.push(() => deleteTopics([topic, `${topic}-dlt`]));
  return topic;
}

async function received(
  groupId: string,
  routes: Parameters<ManagedEventReceiver['start']>[0],
): Promise<ManagedEventReceiver> {
  const receiver = testReceiver({ groupId });
  cleanup.push(() => receiver.stop());
  await receiver.start(routes);
  return receiver;
}

describe('Avro payloads end to end on the bundled broker', () => {
  it('sends and receives Avro binary and Avro JSON payloads unchanged', async () => {
    const positions = onTopic(TruckPositionReportedMessage, await topics('fleet.positions'));
    const dues = onTopic(MaintenanceDueMessage, await topics('fleet.maintenance'));
    const got: ReceivedEvent<unknown, unknown, unknown>[] = [];
    await received(`avro-${positions.topic}`, [
      route(positions, async (event) => void got.push(event)),
      route(dues, async (event) => void got.push(event)),
    ]);
    const sender = createKafkaEventSender({ brokers: kafkaBrokers(), source: 'fleet' });
    cleanup.push(() => sender.disconnect());
    await sender.send(positions, { payload: position, key: 'TRK-0042' });
    await sender.send(dues, { payload: maintenance });

    await waitUntil(
      () => got.length === 2,
      () => `2 events received, got ${got.length}`,
    );
    const byName = new Map(got.map((event) => [event.name, event]));
    expect(byName.get('TruckPositionReported')).toMatchObject({ payload: position, key: 'TRK-0042' });
    expect(byName.get('MaintenanceDue')?.payload).toEqual(maintenance);

    // On the wire: Avro binary for one, JSON text for the other.
    const records = await rawRecords([positions.topic, dues.topic], 2);
    const binary = records.get(positions.topic)!;
    const longs = bigintLongs();
    const reader = avsc.Type.forSchema(
      JSON.parse(readFileSync(path.join(schemas, 'truck-position-reported.avsc'), 'utf8')) as avsc.Schema,
      { registry: { long: longs, 'com.logiflow.fleet.TruckRef': truckRefType(longs) } },
    );
    const decoded = reader.fromBuffer(binary) as Record<string, unknown>;
    expect(decoded.odometerMeters).toBe(BigInt(position.odometerMeters));
    expect((decoded.unitSerial as Buffer).equals(Buffer.from([0x00, 0xff, 0x41, 0x80]))).toBe(true);
    expect(binary.length).toBeLessThan(Buffer.byteLength(JSON.stringify(position)));
    expect(JSON.parse(records.get(dues.topic)!.toString('utf8'))).toEqual(maintenance);
  });

  it('refuses an invalid Avro payload before sending, with the path of the problem', async () => {
    const positions = onTopic(TruckPositionReportedMessage, await topics('fleet.positions'));
    const sender = createKafkaEventSender({ brokers: kafkaBrokers(), source: 'fleet' });
    cleanup.push(() => sender.disconnect());
    const tooBig = { ...position, odometerMeters: 2 ** 60, unitSerial: 'AB' };
    const error = await sender.send(positions, { payload: tooBig, key: 'TRK-0042' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as Error).message).toMatch(/\/odometerMeters/);
    expect((error as Error).message).toMatch(/\/unitSerial/);
  });

  it('dead-letters bytes that are not Avro binary of the schema, and goes on with the next record', async () => {
    const positions = onTopic(TruckPositionReportedMessage, await topics('fleet.positions'));
    const got: unknown[] = [];
    await received(`avro-bad-${positions.topic}`, [route(positions, async (event) => void got.push(event.payload))]);
    const producer = await rawProducer();
    cleanup.push(() => producer.disconnect());
    await producer.send({ topic: positions.topic, messages: [{ key: 'TRK-0042', value: Buffer.from([0x02, 0x41]) }] });
    const sender = createKafkaEventSender({ brokers: kafkaBrokers(), source: 'fleet' });
    cleanup.push(() => sender.disconnect());
    await sender.send(positions, { payload: position, key: 'TRK-0042' });

    await waitUntil(
      () => got.length === 1,
      () => 'the valid record handled after the bad one',
    );
    const { entries } = await inspectDeadLetters({ brokers: kafkaBrokers(), topic: `${positions.topic}-dlt` });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.value).toEqual(Buffer.from([0x02, 0x41]));
    expect(entries[0]!.deadLetter).toMatchObject({ stage: 'decode', errorClass: 'EventDecodeError' });
    expect(entries[0]!.deadLetter?.errorMessage).toMatch(/not Avro binary/);
  });
});

function truckRefType(long: avsc.Type): avsc.Type {
  return avsc.Type.forSchema(JSON.parse(readFileSync(path.join(schemas, 'truck.avsc'), 'utf8')) as avsc.Schema, {
    registry: { long },
  });
}

/** The first record value of each topic, read with a plain kafkajs consumer. */
async function rawRecords(topicNames: readonly string[], count: number): Promise<Map<string, Buffer>> {
  const consumer = testKafka('evc-avro-raw').consumer({ groupId: `raw-${topicNames[0]}` });
  await consumer.connect();
  const values = new Map<string, Buffer>();
  try {
    await consumer.subscribe({ topics: [...topicNames], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (!values.has(topic) && message.value) values.set(topic, message.value);
      },
    });
    await waitUntil(
      () => values.size === count,
      () => `${count} raw records`,
    );
  } finally {
    await consumer.disconnect();
  }
  return values;
}
