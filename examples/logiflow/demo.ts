// The LogiFlow demo (`npm run demo`): routing → invoicing → tracking → customer portal on a real
// Kafka broker, using the code `evc generate` made from contracts/. It shows a consumer going down
// while its producer keeps publishing (the backlog waits in Kafka and drains on restart), then a
// malformed and a schema-invalid event landing in the dead-letter topic, `evc dlq inspect`, the
// fix, and `evc dlq replay`, then Avro payloads (examples/fleet-avro). Exits 0 only if every event
// was processed exactly once.
// `npm run demo -- --registry` also pushes the contracts to a schema registry (EVC_REGISTRY_URL, else
// a local Apicurio) and ends with a RouteCalculated in the Confluent wire format, shown as bytes.
import { type Kafka, Partitioners, logLevel } from 'kafkajs';
import { newKafkajsClient } from '../../runtime/kafka/kafkajs-client.js';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  createEventReceiver,
  createKafkaEventSender,
  createKafkaTransport,
  describeConnection,
  ensureTopics,
  inspectDeadLetters,
  kafkaConnectionFromEnv,
  replayDeadLetters,
  silentLogger,
  type KafkaConnectionOptions,
  type ManagedEventReceiver,
  type MessageDescriptor,
  schemaIdSource,
  type SchemaIdSource,
  type ConfluentWireFormat,
} from 'eventcontracts/runtime';
import { runRegistryPush } from '../../generator/cli/commands/registry-push.js';
import { openContractSubjects } from '../../generator/schema-registry/contract-subjects.js';
import { startRegistry, type RunningRegistry } from '../../scripts/registry/registry.js';
import {
  RoutingProducer,
  ShipmentStatusChangedMessage,
  RouteCalculatedMessage,
  InvoiceGeneratedMessage,
  RouteCancelledMessage,
  type ShipmentStatusChanged,
} from '../../generated/index.js';
import { runLint } from '../../generator/cli/commands/lint.js';
import { runGenerate } from '../../generator/cli/commands/generate.js';
import { planTopics } from '../../generator/catalog/topic-plan.js';
import { directorySource, loadRegistry } from '../../generator/load/index.js';
import { startBroker, type RunningBroker } from '../../scripts/kafka/broker.js';
import { runningBundledBroker } from '../../generator/cli/bundled-broker.js';
import { customerPortalService, HandledEvents, invoicingService, statusChange, trackingService } from './services.js';
import { staleValidator } from './stale-contract.js';
import { routeCalculated } from '../../test/support/logiflow-events.js';
import { fleetAvroStep } from '../fleet-avro/demo-step.js';

const repo = path.resolve(import.meta.dirname, '../..');
const step = (n: number, text: string): void => console.log(`\n\x1b[1m${n}. ${text}\x1b[0m`);
const say = (text: string): void => console.log(`   ${text}`);
const failures: string[] = [];
const expect = (ok: boolean, what: string): void => {
  say(`${ok ? '✔' : '✘'} ${what}`);
  if (!ok) failures.push(what);
};

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<number> {
  const quiet = { stdout: () => undefined, stderr: (t: string) => void process.stderr.write(t), cwd: repo };
  step(1, 'Contracts: lint and check that the generated code is up to date');
  const lint = await runLint({ contracts: 'contracts', format: 'text' }, { ...quiet, stderr: (t) => say(t.trim()) });
  const generated = await runGenerate(
    { contracts: 'contracts', out: 'generated', check: true },
    { ...quiet, stdout: (t) => say(t.trim()) },
  );
  if (lint !== 0 || generated !== 0) return 1;

  let broker: RunningBroker | undefined;
  // KAFKA_BROKERS (with TLS/SASL from KAFKA_SSL*/KAFKA_SASL* or EVC_KAFKA_CONFIG) means a cluster of yours.
  // Else the broker of `npm run kafka:start` when one runs; else one of its own for the demo's length.
  const bundled = process.env.KAFKA_BROKERS ? undefined : runningBundledBroker(process.cwd());
  let connection: KafkaConnectionOptions | undefined = process.env.KAFKA_BROKERS
    ? kafkaConnectionFromEnv()
    : bundled && { brokers: bundled.brokers };
  step(
    2,
    connection
      ? `Kafka: using ${describeConnection(connection)}${bundled ? ' (started by npm run kafka:start)' : ''}`
      : 'Kafka: starting a local single-node broker (KRaft)',
  );
  if (connection === undefined) {
    broker = await startBroker();
    connection = { brokers: broker.brokers };
    say(`broker ${broker.brokers.join(',')} ready in ${(broker.timings.totalMs / 1000).toFixed(1)} s`);
  }
  // The client the services' senders and receivers run on: the runtime's default, or EVC_TRANSPORT.
  say(`services run on ${createKafkaTransport({ ...connection, logger: silentLogger }).capabilities.clientVersion}`);
  const receivers: ManagedEventReceiver[] = [];
  let registry: RunningRegistry | undefined;
  try {
    let framing: Framing | undefined;
    if (process.argv.includes('--registry')) {
      const given = process.env['EVC_REGISTRY_URL'];
      say(given ? `schema registry: using ${given}` : 'schema registry: starting a local Apicurio Registry');
      if (!given) {
        registry = await startRegistry();
        say(`registry ${registry.ccompatUrl} ready in ${(registry.timings.totalMs / 1000).toFixed(1)} s`);
      }
      const url = given ?? registry!.ccompatUrl;
      const pushed = await runRegistryPush(
        { registryUrl: url },
        {
          ...quiet,
          stdout: (t) =>
            t
              .trimEnd()
              .split('\n')
              .forEach((line) => say(line)),
        },
      );
      if (pushed !== 0) return 1;
      // Every message goes out framed with the id of its topic's value subject (what push registered).
      const formats = new Map<string, ConfluentWireFormat>();
      for (const planned of (await openContractSubjects({ contracts: 'contracts', cwd: repo })).plan)
        if (planned.part === 'value')
          formats.set(planned.topic, { format: 'confluent', subject: planned.subject, schema: planned.text });
      framing = { url, ids: schemaIdSource({ url }), formats };
    }
    return await run(connection, receivers, framing);
  } finally {
    await Promise.allSettled(receivers.map((r) => r.stop()));
    await broker?.stop();
    await registry?.stop();
  }
}

/** With --registry: where schema ids come from, for the framed step and for every receiver. */
interface Framing {
  readonly url: string;
  readonly ids: SchemaIdSource;
  /** Contract topic → its value subject and registered schema. */
  readonly formats: ReadonlyMap<string, ConfluentWireFormat>;
}

async function run(
  connection: KafkaConnectionOptions,
  receivers: ManagedEventReceiver[],
  framing: Framing | undefined,
): Promise<number> {
  const kafka = newKafkajsClient({
    ...connection.kafkaConfig,
    brokers: [...connection.brokers!],
    clientId: 'logiflow-demo',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  // Demo topics get a run id so reruns against the same cluster start clean. It is a prefix, so a
  // contract's dead-letter topic maps to the run's topic the way the receiver's default does:
  // onRun('routing.events-dlt') is `${onRun('routing.events')}-dlt`.
  const run = randomUUID().slice(0, 8);
  const onRun = (topic: string): string => `logiflow-${run}.${topic}`;
  // What `evc topics --create` does: every event topic with its binding's partitions, and every
  // dead-letter topic the receivers use (x-dead-letter, else <topic>-dlt), here under the run's prefix.
  const plan = planTopics(await loadRegistry(await directorySource('contracts', repo)));
  const created = await ensureTopics({
    ...connection,
    topics: plan.topics.map(({ topic, partitions, replicas, config }) => ({
      topic: onRun(topic),
      ...(partitions === undefined ? {} : { partitions }),
      ...(replicas === undefined ? {} : { replicas }),
      config,
    })),
  });
  say(
    `created ${created.created.length} topics (evc topics --create): ${plan.topics.map((t) => `${t.topic}${t.partitions === undefined ? '' : ` (${t.partitions})`}`).join(', ')}, under the prefix logiflow-${run}.`,
  );

  // The generated descriptors fix each message's topic; the demo points them at this run's topics.
  const onRunTopic = <P, K, H>(d: MessageDescriptor<P, K, H>): MessageDescriptor<P, K, H> => {
    const wireFormat = framing?.formats.get(d.topic);
    return { ...d, topic: onRun(d.topic), ...(wireFormat ? { wireFormat } : {}) };
  };
  const sender = createKafkaEventSender({
    ...connection,
    source: 'logiflow-demo',
    logger: silentLogger,
    ...(framing ? { schemaIds: framing.ids } : {}),
  });
  const routedSender = {
    send: <P, K, H>(d: MessageDescriptor<P, K, H>, e: Parameters<typeof sender.send<P, K, H>>[1]) =>
      sender.send(onRunTopic(d), e),
    sendBatch: <P, K, H>(d: MessageDescriptor<P, K, H>, e: Parameters<typeof sender.sendBatch<P, K, H>>[1]) =>
      sender.sendBatch(onRunTopic(d), e),
  };
  const receiverFor = (groupId: string, descriptors?: Map<string, MessageDescriptor>): ManagedEventReceiver => {
    const receiver = createEventReceiver({
      ...connection,
      groupId: `${groupId}.${run}`,
      logger: silentLogger,
      ...(framing ? { schemaIds: framing.ids } : {}),
      retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
    });
    const wrapped: ManagedEventReceiver = {
      ...receiver,
      groupId: receiver.groupId,
      metrics: () => receiver.metrics(),
      stop: () => receiver.stop(),
      start: (routes) =>
        receiver.start(
          routes.map((r) => ({
            ...r,
            descriptor: descriptors?.get(r.descriptor.name) ?? onRunTopic(r.descriptor),
            // The route's dead-letter topic comes from the contract (x-dead-letter): the run's copy of it.
            ...(r.options?.deadLetterTopic === undefined
              ? {}
              : { options: { ...r.options, deadLetterTopic: onRun(r.options.deadLetterTopic) } }),
          })),
        ),
    };
    receivers.push(wrapped);
    return wrapped;
  };

  step(3, 'Routing publishes; invoicing, tracking and the customer portal consume');
  const invoiced = new HandledEvents();
  const tracked = new HandledEvents();
  const portal = new HandledEvents();
  // The portal still runs last month's build: its ShipmentStatusChanged validator predates OUT_FOR_DELIVERY.
  const stalePortal = new Map([
    [
      ShipmentStatusChangedMessage.name,
      { ...onRunTopic(ShipmentStatusChangedMessage), validatePayload: await staleValidator() },
    ],
  ]);
  let invoicing = invoicingService(receiverFor('invoicing'), routedSender, invoiced);
  const tracking = trackingService(receiverFor('tracking'), routedSender, tracked);
  let customerPortal = customerPortalService(receiverFor('customer-portal', stalePortal), portal);
  await Promise.all([invoicing.start(), tracking.start(), customerPortal.start()]);
  const routing = new RoutingProducer(routedSender);
  const routes = Array.from({ length: 20 }, (_, i) => routeCalculated(i + 1));
  for (const route of routes) await routing.sendRouteCalculated(route);
  await waitFor('invoices for the first 20 routes', () => invoiced.size === 20 && tracked.size >= 40);
  say(
    `routing sent 20 RouteCalculated → invoicing handled ${invoiced.size}, tracking ${tracked.size} (routes + invoices), portal ${portal.size}`,
  );

  step(4, 'Invoicing goes down at 2 AM; routing keeps publishing');
  await invoicing.stop();
  const later = Array.from({ length: 30 }, (_, i) => routeCalculated(100 + i));
  await routing.sendRouteCalculatedBatch(later);
  const lag = await groupLag(admin, `invoicing.${run}`, onRun('routing.events'));
  say(
    `routing published 30 more without waiting for anyone; invoicing's backlog on ${onRun('routing.events')}: ${lag} records`,
  );
  expect(lag === 30, 'the backlog waits in Kafka: 30 records');

  step(5, 'Invoicing comes back and works off its backlog');
  const restartedAt = Date.now();
  invoicing = invoicingService(receiverFor('invoicing'), routedSender, invoiced);
  await invoicing.start();
  await waitFor('invoicing to drain its backlog', () => invoiced.size === 50);
  say(
    `invoicing handled the 30 waiting routes in ${((Date.now() - restartedAt) / 1000).toFixed(1)} s (including rejoining the group)`,
  );
  expect((await groupLag(admin, `invoicing.${run}`, onRun('routing.events'))) === 0, 'backlog drained: lag 0');

  step(6, 'Bad events: a malformed record and one the portal cannot validate');
  const raw = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner }); // no kafkajs warning
  await raw.connect();
  const shipmentId = randomUUID();
  await raw.send({
    topic: onRun('tracking.events'),
    messages: [
      {
        key: shipmentId,
        value: '{"type":"ShipmentStatusChanged","shipmentId":',
        headers: { ce_type: 'ShipmentStatusChanged' },
      },
    ],
  });
  const outForDelivery = statusChange(randomUUID(), 'OUT_FOR_DELIVERY');
  const statusSender = new (await import('../../generated/index.js')).TrackingProducer(routedSender);
  await statusSender.sendShipmentStatusChanged({
    key: outForDelivery.shipmentId,
    headers: { correlationId: randomUUID() },
    payload: outForDelivery,
  });
  const portalReceiver = receivers.find((r) => r.groupId === `customer-portal.${run}`)!;
  await waitFor('two dead letters', () => portalReceiver.metrics().deadLettered >= 2);
  say(
    `a legacy scanner wrote truncated JSON; tracking (contract 1.0.0 with OUT_FOR_DELIVERY) sent a status the portal's stale build rejects`,
  );

  step(7, `evc dlq inspect ${onRun('tracking.events')}-dlt`);
  const inspected = await inspectDeadLetters({
    ...connection,
    topic: `${onRun('tracking.events')}-dlt`,
    logger: silentLogger,
  });
  for (const entry of inspected.entries) {
    const info = entry.deadLetter;
    say(
      `partition ${entry.partition} offset ${entry.offset}: ${info?.stage ?? '?'} failed in group ${info?.consumerGroup ?? '?'} at ${info?.deadLetteredAt ?? entry.timestamp}: ${info?.errorClass}: ${info?.errorMessage}`,
    );
  }
  expect(inspected.entries.length === 2, 'both bad records wait in the dead-letter topic, with the reason attached');
  expect(
    inspected.entries.some((e) => e.deadLetter?.stage === 'decode') &&
      inspected.entries.some((e) => e.deadLetter?.stage === 'validate'),
    'one failed to decode, one to validate',
  );

  step(8, 'Fix the causes: redeploy the portal with the current contract; fix the scanner');
  await customerPortal.stop();
  customerPortal = customerPortalService(receiverFor('customer-portal'), portal);
  await customerPortal.start();
  // The scanner's bug is fixed: it re-sends its event, this time through the generated producer.
  const rescanned = statusChange(shipmentId, 'SCHEDULED');
  await statusSender.sendShipmentStatusChanged({
    key: shipmentId,
    headers: { correlationId: randomUUID() },
    payload: rescanned,
  });

  step(9, `evc dlq replay ${onRun('tracking.events')}-dlt --contracts contracts`);
  const validators: MessageDescriptor[] = [
    RouteCalculatedMessage,
    RouteCancelledMessage,
    InvoiceGeneratedMessage,
    ShipmentStatusChangedMessage,
  ].map((d) => onRunTopic(d as MessageDescriptor));
  const replay = await replayDeadLetters({
    ...connection,
    topic: `${onRun('tracking.events')}-dlt`,
    validators,
    logger: silentLogger,
  });
  for (const record of replay.records)
    say(
      `partition ${record.partition} offset ${record.offset}: ${record.outcome}${record.reason ? ` (${record.reason})` : ''}`,
    );
  expect(replay.counts.replayed === 1, 'the event that is valid under the current contract was replayed');
  expect(
    replay.counts['still-invalid'] === 1,
    'the malformed record stays in the dead-letter topic, reported, never lost',
  );
  await waitFor(
    'the portal to handle the replayed and re-sent events',
    () => portal.has(outForDelivery.metadata.eventId) && portal.has(rescanned.metadata.eventId),
  );
  const again = await replayDeadLetters({
    ...connection,
    topic: `${onRun('tracking.events')}-dlt`,
    validators,
    logger: silentLogger,
  });
  expect(again.counts.replayed === 0, 'replaying again re-publishes nothing: progress was committed');

  step(10, 'Exactly once');
  await new Promise((r) => setTimeout(r, 1000)); // let any duplicate show up before counting
  say(`invoicing handled ${invoiced.size} routes, tracking ${tracked.size} events, portal ${portal.size} events`);
  expect(invoiced.size === 50 && invoiced.duplicates().length === 0, 'invoicing: all 50 routes, no duplicates');
  expect(tracked.size === 100 && tracked.duplicates().length === 0, 'tracking: 50 routes + 50 invoices, no duplicates');
  expect(
    portal.size === 102 && portal.duplicates().length === 0,
    'portal: 50 invoices + 50 statuses + the replayed and the re-sent one, no duplicates',
  );
  for (const receiver of receivers) {
    const m = receiver.metrics();
    say(
      `${receiver.groupId} (one run of the consumer): consumed ${m.consumed}, handled ${m.handled}, invalid ${m.invalid}, retried ${m.retried}, dead-lettered ${m.deadLettered}`,
    );
  }
  step(11, 'Avro: fleet publishes truck positions in Avro binary, dispatch receives them (examples/fleet-avro)');
  await fleetAvroStep(connection, run, { say, expect });
  if (framing) await framedStep(framing, kafka, onRun('routing.events'));
  await raw.disconnect();
  await sender.disconnect();
  await admin.disconnect();
  console.log(
    failures.length === 0
      ? '\nDemo complete: every event processed exactly once; nothing lost.'
      : `\nDemo FAILED: ${failures.join('; ')}`,
  );
  return failures.length === 0 ? 0 : 1;
}

/**
 * With --registry every event went out in the Confluent wire format: 0x00, the id of the schema the
 * push registered under the topic's value subject, then the JSON — as Java, Python and Go
 * serializers write it — and every receiver checked that id before handling the event.
 */
async function framedStep(framing: Framing, kafka: Kafka, topic: string): Promise<void> {
  step(12, `Schema registry: what a RouteCalculated looks like on ${topic}`);
  const consumer = kafka.consumer({ groupId: `demo-wire-${randomUUID()}` });
  let bytes: Buffer | undefined;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void (bytes ??= message.value ?? undefined) });
  await waitFor('a record of the topic', () => bytes !== undefined);
  await consumer.disconnect();
  const value = bytes!;
  const id = value.readUInt32BE(1);
  const subject = framing.formats.get('routing.events')?.subject ?? '?';
  say(
    `${value.subarray(0, 5).toString('hex').replace(/(..)/g, '$1 ').trim()} | ${value.subarray(5, 64).toString('utf8')}…`,
  );
  say(`magic byte 00, schema id ${id} (${subject} in ${framing.url}), then the JSON payload`);
  expect(value[0] === 0 && id > 0, 'records are framed as Confluent serializers (Java, Python, Go) expect');
}

async function groupLag(admin: ReturnType<Kafka['admin']>, groupId: string, topic: string): Promise<number> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedBy = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  return ends.reduce((sum, p) => sum + Number(p.high) - Math.max(0, committedBy.get(p.partition) ?? 0), 0);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

export type { ShipmentStatusChanged };
