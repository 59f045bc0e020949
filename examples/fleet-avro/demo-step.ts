// The Avro part of the LogiFlow demo (`npm run demo`): the fleet registry in examples/fleet-avro —
// Avro payloads in AsyncAPI 3.0 and 2.6 form, named types shared across .avsc files — linted, its
// generated code checked, then fleet publishes truck positions in Avro binary and a maintenance
// notice as Avro data in JSON, and dispatch receives them through its generated consumer.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { logLevel } from 'kafkajs';
import { newKafkajsClient } from '../../runtime/kafka/kafkajs-client.js';
import {
  createEventReceiver,
  createKafkaEventSender,
  ensureTopics,
  silentLogger,
  type EventSender,
  type KafkaConnectionOptions,
  type ManagedEventReceiver,
  type MessageDescriptor,
} from 'eventcontracts/runtime';
import { runLint } from '../../generator/cli/commands/lint.js';
import { runGenerate } from '../../generator/cli/commands/generate.js';
import { planTopics } from '../../generator/catalog/topic-plan.js';
import { directorySource, loadRegistry } from '../../generator/load/index.js';
import { FleetProducer, dispatchRoutes, type MaintenanceDue, type TruckPositionReported } from './generated/index.js';

const repo = path.resolve(import.meta.dirname, '../..');
const contracts = 'examples/fleet-avro/contracts';

export interface DemoOutput {
  readonly say: (text: string) => void;
  readonly expect: (ok: boolean, what: string) => void;
}

/** Runs the fleet → dispatch exchange on the demo's cluster; its topics get the run's prefix. */
export async function fleetAvroStep(connection: KafkaConnectionOptions, run: string, out: DemoOutput): Promise<void> {
  const { say, expect } = out;
  const show = (text: string): void => {
    if (text.trim() !== '') say(text.trim());
  };
  const quiet = { stdout: show, stderr: show, cwd: repo };
  const lint = await runLint({ contracts, format: 'text' }, quiet);
  const generated = await runGenerate({ contracts, out: 'examples/fleet-avro/generated', check: true }, quiet);
  expect(lint === 0 && generated === 0, 'the fleet contracts lint clean and their generated code is up to date');

  const onRun = (topic: string): string => `fleet-${run}.${topic}`;
  const plan = planTopics(await loadRegistry(await directorySource(contracts, repo)));
  await ensureTopics({
    ...connection,
    topics: plan.topics.map(({ topic, partitions, config }) => ({
      topic: onRun(topic),
      ...(partitions === undefined ? {} : { partitions }),
      config,
    })),
  });
  const onRunTopic = <P, K, H>(d: MessageDescriptor<P, K, H>): MessageDescriptor<P, K, H> => ({
    ...d,
    topic: onRun(d.topic),
  });

  const positions: TruckPositionReported[] = [];
  const dues: MaintenanceDue[] = [];
  const receiver: ManagedEventReceiver = createEventReceiver({
    ...connection,
    groupId: `dispatch.${run}`,
    logger: silentLogger,
  });
  const sender = createKafkaEventSender({ ...connection, source: 'fleet', logger: silentLogger });
  try {
    const routes = dispatchRoutes({
      onTruckPositionReported: async ({ payload }) => void positions.push(payload),
      onMaintenanceDue: async ({ payload }) => void dues.push(payload),
    });
    await receiver.start(routes.map((r) => ({ ...r, descriptor: onRunTopic(r.descriptor) })));
    const routed: EventSender = {
      send: (d, e) => sender.send(onRunTopic(d), e),
      sendBatch: (d, e) => sender.sendBatch(onRunTopic(d), e),
    };
    const fleet = new FleetProducer(routed);
    const sent = [1, 2, 3].map((n): TruckPositionReported => ({
      eventId: randomUUID(),
      truck: { truckId: `TRK-004${n}`, kind: 'BOX_TRUCK' },
      position: { lat: 48.85 + n / 100, lon: 2.35 },
      speedKmh: n === 2 ? null : 72.5,
      odometerMeters: 1_250_000 + n,
      recordedAt: Date.now(),
      sensors: { fuelRatio: 0.5 },
      unitSerial: '\u0000\u0001\u00fe\u00ff',
    }));
    for (const payload of sent) await fleet.sendTruckPositionReported({ payload, key: payload.truck.truckId });
    const due: MaintenanceDue = {
      truck: { truckId: 'TRK-0041', kind: 'BOX_TRUCK' },
      dueOn: 20_805,
      reason: 'brakes',
      costEstimate: null,
    };
    await fleet.sendMaintenanceDue({ payload: due });
    const deadline = Date.now() + 60_000;
    while ((positions.length < 3 || dues.length < 1) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));

    const bytes = await firstValue(connection, onRun('fleet.positions'));
    say(`a TruckPositionReported on ${onRun('fleet.positions')}: ${bytes.length} bytes of Avro binary`);
    say(`${bytes.subarray(0, 40).toString('hex').replace(/(..)/g, '$1 ').trim()} …`);
    say(`the same event as JSON would be ${Buffer.byteLength(JSON.stringify(sent[0]))} bytes`);
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    expect(
      positions.length === 3 && sent.every((p) => positions.some((q) => same(p, q))),
      'dispatch received the 3 positions (Avro binary) exactly as fleet sent them',
    );
    expect(dues.length === 1 && same(dues[0], due), 'dispatch received the maintenance notice (Avro data as JSON)');
  } finally {
    await receiver.stop();
    await sender.disconnect();
  }
}

async function firstValue(connection: KafkaConnectionOptions, topic: string): Promise<Buffer> {
  const kafka = newKafkajsClient({
    ...connection.kafkaConfig,
    brokers: [...connection.brokers!],
    clientId: 'fleet-demo',
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `fleet-demo-bytes-${randomUUID()}` });
  let value: Buffer | undefined;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void (value ??= message.value ?? undefined) });
    const deadline = Date.now() + 30_000;
    while (value === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await consumer.disconnect();
  }
  if (value === undefined) throw new Error(`no record on ${topic}`);
  return value;
}
