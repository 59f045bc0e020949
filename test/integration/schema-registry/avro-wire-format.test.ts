// Avro binary in the Confluent wire format on the bundled broker and registry, proven with
// Confluent's own JavaScript client (@confluentinc/schemaregistry AvroSerializer / AvroDeserializer,
// the same frame and datum Java's KafkaAvroSerializer/-Deserializer use): records our producer writes
// are read by its deserializer; records its serializer writes reach our handler as evc's plain values.

import {
  AvroDeserializer,
  AvroSerializer,
  SchemaRegistryClient as ConfluentClient,
  SerdeType,
  SubjectNameStrategyType,
} from '@confluentinc/schemaregistry';
import type { KafkaMessage } from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { directorySource, loadRegistry } from '../../../generator/load/index.js';
import {
  createKafkaEventSender,
  route,
  schemaIdSource,
  silentLogger,
  type MessageDescriptor,
} from '../../../runtime/index.js';
import { TruckPositionReportedMessage } from '../../../examples/fleet-avro/generated/messages.js';
import type { TruckPositionReported } from '../../../examples/fleet-avro/generated/types.js';
import { createTopics, kafkaBrokers, uniqueTopic } from '../kafka.js';
import { rawProducer, testKafka, testReceiver, waitUntil } from '../runtime/harness.js';
import { registryClient, registryUrl } from '../schema-registry.js';

const topic = uniqueTopic('avro-wire');
let descriptor: MessageDescriptor<TruckPositionReported, string, undefined>;
let registeredId = 0;

const position: TruckPositionReported = {
  eventId: '6f1c2b7e-4d8a-4f0e-9b1a-2c3d4e5f6a7b',
  truck: { truckId: 'TRK-0042', kind: 'SEMI' },
  position: { lat: 48.8566, lon: 2.3522 },
  speedKmh: 81.5,
  odometerMeters: 1_250_000,
  recordedAt: 1_796_601_600_000,
  sensors: { fuel: 0.5 },
  unitSerial: '\u0000\u00ffA\u0080',
};

const confluent = (): ConfluentClient =>
  new ConfluentClient({ baseURLs: [registryUrl()], createAxiosDefaults: { timeout: 5_000 } });

async function readRaw(from: string, count: number): Promise<KafkaMessage[]> {
  const consumer = testKafka('evc-avro-wire-raw').consumer({ groupId: `raw-${from}-${Date.now()}` });
  const seen: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: from, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
  try {
    await waitUntil(
      () => seen.length >= count,
      () => `${seen.length} of ${count} records on ${from}`,
    );
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

beforeAll(async () => {
  await createTopics([topic, `${topic}-dlt`], 1);
  const registry = await loadRegistry(await directorySource('examples/fleet-avro/contracts'));
  const avro = registry.messages.find((m) => m.name === 'TruckPositionReported')!.avro!;
  // Registered here as AVRO with the model's self-contained schema text (what a push of Avro payloads registers).
  const subject = `${topic}-value`;
  registeredId = await registryClient().register(subject, { schemaType: 'AVRO', schema: avro.text });
  descriptor = {
    ...TruckPositionReportedMessage,
    topic,
    wireFormat: { format: 'confluent', subject, schema: avro.text },
  };
});

describe('Avro binary in the Confluent wire format', () => {
  it('our producer writes 0x00 + schema id + Avro binary; Confluent’s AvroDeserializer reads it', async () => {
    const sender = createKafkaEventSender({
      brokers: kafkaBrokers(),
      logger: silentLogger,
      schemaIds: schemaIdSource({ url: registryUrl() }),
    });
    try {
      await sender.send(descriptor, { payload: position, key: 'TRK-0042' });
    } finally {
      await sender.disconnect();
    }
    const [record] = await readRaw(topic, 1);
    const value = record?.value ?? Buffer.alloc(0);
    expect(value[0]).toBe(0);
    expect(value.readUInt32BE(1)).toBe(registeredId);
    const deserializer = new AvroDeserializer(confluent(), SerdeType.VALUE, {
      subjectNameStrategyType: SubjectNameStrategyType.TOPIC,
    });
    const read = (await deserializer.deserialize(topic, value)) as Record<string, unknown>;
    expect(read).toMatchObject({
      eventId: position.eventId,
      truck: position.truck,
      position: position.position,
      odometerMeters: position.odometerMeters,
      sensors: position.sensors,
    });
    expect(read.speedKmh).toBeCloseTo(81.5);
    expect(Buffer.from(read.unitSerial as Uint8Array)).toEqual(Buffer.from([0x00, 0xff, 0x41, 0x80]));
  });

  it('records Confluent’s AvroSerializer writes reach our handler as plain values', async () => {
    const serializer = new AvroSerializer(confluent(), SerdeType.VALUE, {
      useLatestVersion: true,
      autoRegisterSchemas: false,
      subjectNameStrategyType: SubjectNameStrategyType.TOPIC,
    });
    const fromConfluent = await serializer.serialize(topic, {
      ...position,
      eventId: '00000000-0000-4000-8000-000000000002',
      unitSerial: Buffer.from([0x00, 0xff, 0x41, 0x80]),
    });
    const got: TruckPositionReported[] = [];
    const receiver = testReceiver({
      groupId: `avro-wire-${topic}`,
      schemaIds: schemaIdSource({ url: registryUrl() }),
    });
    try {
      await receiver.start([route(descriptor, async ({ payload }) => void got.push(payload))]);
      const producer = await rawProducer();
      try {
        await producer.send({ topic, messages: [{ key: 'TRK-0042', value: fromConfluent }] });
      } finally {
        await producer.disconnect();
      }
      await waitUntil(
        () => got.some((p) => p.eventId === '00000000-0000-4000-8000-000000000002'),
        () => 'the record Confluent serialized, handled',
      );
    } finally {
      await receiver.stop();
    }
    const handled = got.find((p) => p.eventId === '00000000-0000-4000-8000-000000000002')!;
    expect({ ...handled, speedKmh: 81.5 }).toEqual({ ...position, eventId: handled.eventId });
    expect(handled.speedKmh).toBeCloseTo(81.5);
  });
});
