// The Confluent wire format on the bundled broker and registry, proven with Confluent's own
// JavaScript client (@confluentinc/schemaregistry JsonSerializer / JsonDeserializer): records our
// producer writes are read by its deserializer, records its serializer writes are handled by our
// receiver; a frame with an unknown schema id, or with the id of another subject, is dead-lettered
// with the reason.

import {
  JsonDeserializer,
  JsonSerializer,
  SchemaRegistryClient as ConfluentClient,
  SerdeType,
  SubjectNameStrategyType,
} from '@confluentinc/schemaregistry';
import { Ajv } from 'ajv';
import type { KafkaMessage } from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../generator/cli/main.js';
import { openContractSubjects } from '../../../generator/schema-registry/contract-subjects.js';
import {
  createKafkaEventSender,
  frameValue,
  schemaIdSource,
  silentLogger,
  type MessageDescriptor,
} from '../../../runtime/index.js';
import { createTopics, kafkaBrokers, uniqueTopic } from '../kafka.js';
import { rawProducer, testKafka, testReceiver, waitUntil } from '../runtime/harness.js';
import { registryClient, registryUrl } from '../schema-registry.js';
import { orderPayload, writeContracts } from './contracts.js';

interface OrderPlaced {
  readonly type: 'OrderPlaced';
  readonly orderId: string;
}

const topic = uniqueTopic('wire');
const payloadSchema = orderPayload({ type: { const: 'OrderPlaced' } }, ['type', 'orderId']);
let descriptor: MessageDescriptor<OrderPlaced, undefined, undefined>;
let registeredId = 0;

/** Every record of a topic from the beginning, raw, until `count` arrived. */
async function readRaw(from: string, count: number): Promise<KafkaMessage[]> {
  const consumer = testKafka('evc-wire-raw').consumer({ groupId: `raw-${from}-${Date.now()}` });
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

const confluent = (): ConfluentClient =>
  new ConfluentClient({ baseURLs: [registryUrl()], createAxiosDefaults: { timeout: 5_000 } });

beforeAll(async () => {
  await createTopics([topic, `${topic}-dlt`], 1);
  const cwd = writeContracts({ topic, messages: [{ name: 'OrderPlaced', payload: payloadSchema }] });
  const pushed = await main(['registry', 'push', '--registry-url', registryUrl()], {
    cwd,
    stdout: () => undefined,
    stderr: () => undefined,
  });
  expect(pushed).toBe(0);
  const planned = (await openContractSubjects({ contracts: 'contracts', cwd })).plan.find(
    (s) => s.subject === `${topic}-value`,
  );
  if (planned === undefined) throw new Error('no value subject planned');
  registeredId = (await registryClient().version(planned.subject, 'latest')).id;
  descriptor = {
    name: 'OrderPlaced',
    topic,
    service: 'orders',
    contractVersion: '1.0.0',
    contentType: 'application/json',
    keyEncoding: 'none',
    validatePayload: new Ajv().compile(payloadSchema),
    wireFormat: { format: 'confluent', subject: planned.subject, schema: planned.text },
  };
});

describe('Confluent wire format', () => {
  it('our producer writes 0x00 + schema id + JSON; Confluent’s JsonDeserializer reads it', async () => {
    const sender = createKafkaEventSender({
      brokers: kafkaBrokers(),
      logger: silentLogger,
      schemaIds: schemaIdSource({ url: registryUrl() }),
    });
    try {
      await sender.send(descriptor, { payload: { type: 'OrderPlaced', orderId: 'o-1' } });
    } finally {
      await sender.disconnect();
    }
    const [record] = await readRaw(topic, 1);
    const value = record?.value ?? Buffer.alloc(0);
    expect(value[0]).toBe(0);
    expect(value.readUInt32BE(1)).toBe(registeredId);
    expect(value.subarray(5).toString('utf8')).toBe('{"type":"OrderPlaced","orderId":"o-1"}');
    const deserializer = new JsonDeserializer(confluent(), SerdeType.VALUE, {
      validate: true,
      subjectNameStrategyType: SubjectNameStrategyType.TOPIC,
    });
    expect(await deserializer.deserialize(topic, value)).toEqual({ type: 'OrderPlaced', orderId: 'o-1' });
  });

  it('records Confluent’s JsonSerializer writes reach our handler; unknown and foreign ids are dead-lettered', async () => {
    const serializer = new JsonSerializer(confluent(), SerdeType.VALUE, {
      useLatestVersion: true,
      autoRegisterSchemas: false,
      validate: true,
      subjectNameStrategyType: SubjectNameStrategyType.TOPIC,
    });
    const fromConfluent = await serializer.serialize(topic, { type: 'OrderPlaced', orderId: 'o-2' });
    const foreignSubject = `${uniqueTopic('foreign')}-value`;
    const foreignId = await registryClient().register(foreignSubject, {
      schemaType: 'JSON',
      schema: JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', title: 'Other' }),
    });
    const json = Buffer.from('{"type":"OrderPlaced","orderId":"o-3"}');
    const producer = await rawProducer();
    try {
      await producer.send({
        topic,
        messages: [
          { value: fromConfluent },
          { value: frameValue(999_999, json) },
          { value: frameValue(foreignId, json) },
          { value: json }, // plain JSON still works
        ],
      });
    } finally {
      await producer.disconnect();
    }

    const handled: OrderPlaced[] = [];
    const receiver = testReceiver({ groupId: `wire-${topic}`, schemaIds: schemaIdSource({ url: registryUrl() }) });
    await receiver.start([{ descriptor, handler: (event) => void handled.push(event.payload as OrderPlaced) }]);
    try {
      // Record 0 of the topic is the first test's; 1–4 are this test's.
      await waitUntil(
        () => handled.length >= 3,
        () => `handled ${JSON.stringify(handled)}`,
      );
    } finally {
      await receiver.stop();
    }
    expect(handled.map((p) => p.orderId)).toEqual(['o-1', 'o-2', 'o-3']);
    const dead = await readRaw(`${topic}-dlt`, 2);
    const reasons = dead.map((m) => m.headers?.['evc_dlt_error_message']?.toString());
    expect(reasons).toEqual([
      expect.stringContaining('schema id 999999 is not known to the registry'),
      expect.stringContaining(`schema id ${foreignId} belongs to ${foreignSubject}, not to ${topic}-value`),
    ]);
    // The dead letters keep the framed bytes as they came.
    expect(dead[1]?.value?.readUInt32BE(1)).toBe(foreignId);
  });
});
