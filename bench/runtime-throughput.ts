// Throughput of the validating runtime against raw kafkajs on the same broker in the same run:
// 1 KB JSON events, produced in batches of the same size by both (one producer.send per batch,
// idempotent producer with acks=-1 on both sides so only the runtime's own work differs), then
// consumed by a fresh group (raw: eachMessage + JSON.parse; evc: the receiver with decode →
// identify → validate → handler). Consume time runs from the first record to the last, so
// group-join time is not counted. A third variant, raw kafkajs sending the same headers as the
// runtime (CloudEvents + contract version), shows what those headers cost inside kafkajs.
// A fourth, consume-only variant (evcNoHeaders) runs the evc receiver on records produced like
// raw's, without headers: the target compares evc against raw kafkajs without headers, but the
// runtime must send its 8 CloudEvents/contract headers, and every consumer pays kafkajs' header
// decoding for them. evcNoHeaders / raw is the runtime's own per-record work (decode, identify by
// the payload's `type` discriminator, validate payload and key, dispatch); evc / evcNoHeaders is
// what the headers add (kafkajs decoding them, plus the runtime reading and validating them).
// Rounds alternate the order of the variants and the medians are reported, because a shared
// machine drifts during a run. Besides messages/s, each variant's CPU time per message (this
// process only: client work, not the broker's) is reported: on a loaded machine it is the
// steadier figure, and the CPU ratio is the throughput ratio a CPU-bound client would see.
// The runtime encodes its own records past kafkajs' slow header code and decodes headers in linear
// time (runtime/transports/kafkajs/header-encoding-patch.ts); EVC_KAFKAJS_PATCH=off measures without that.
// `tsx bench/runtime-throughput.ts [count] [rounds]` runs it alone and prints a side-by-side table.
import { randomBytes, randomUUID } from 'node:crypto';
import { Ajv } from 'ajv';
import { type Kafka, Partitioners, logLevel, type Consumer, type Producer } from 'kafkajs';
import { newKafkajsClient } from '../runtime/kafka/kafkajs-client.js';
import { routePlannedDescriptor, type RoutePlannedFields } from './route-planned.js';
import {
  InMemoryBroker,
  createEventReceiver,
  createEventSender,
  route,
  silentLogger,
  type ConsumedRecord,
  type MessageDescriptor,
  type WireRecord,
} from '../runtime/index.js';
import { createKafkaProducerTransport } from '../runtime/transports/kafkajs/producer-transport.js';
import { createReceiver } from '../runtime/consumer/receiver.js';
import { kafkajsPatchCounters, kafkajsPatchStatus } from '../runtime/transports/kafkajs/header-encoding-patch.js';

const BATCH = 500;
const PARTITIONS = 3;
const CONCURRENCY = 3;

export type RoutePlanned = RoutePlannedFields;

type RoutePlannedDescriptor = MessageDescriptor<RoutePlanned, string, { correlationId: string }>;

let compiled: Omit<RoutePlannedDescriptor, 'topic'> | undefined;

/**
 * The message on a topic of this run. Validators are compiled once, as generated code holds its
 * descriptors as module constants: each round gets warm validators, not freshly compiled ones.
 */
export function descriptor(topic: string): RoutePlannedDescriptor {
  compiled ??= compileDescriptor();
  return { ...compiled, topic };
}

function compileDescriptor(): Omit<RoutePlannedDescriptor, 'topic'> {
  const { topic: _topic, ...rest } = routePlannedDescriptor<RoutePlanned>('', {
    service: 'bench',
    notesMaxLength: 500,
  });
  return rest;
}

/** Whatever application headers a record has; the evcNoHeaders records have none. */
type HeaderlessDescriptor = MessageDescriptor<RoutePlanned, string, Record<string, string>>;

let compiledHeaderless: Omit<HeaderlessDescriptor, 'topic'> | undefined;

/**
 * The same message for records without headers: the bench descriptor requires `correlationId`,
 * which would dead-letter every headerless record, so only the header validator is swapped for one
 * that accepts any headers. Payload and key validators are the very same compiled functions.
 */
function headerlessDescriptor(topic: string): HeaderlessDescriptor {
  compiled ??= compileDescriptor();
  if (compiledHeaderless === undefined) {
    const { validateHeaders: _required, __types: _types, ...rest } = compiled;
    compiledHeaderless = { ...rest, validateHeaders: new Ajv({ allErrors: true }).compile({ type: 'object' }) };
  }
  return { ...compiledHeaderless, topic };
}

/** A ~1 KB event (the JSON is padded to 1024 bytes with `notes`). */
export function event(n: number): RoutePlanned {
  const base: RoutePlanned = {
    type: 'RoutePlanned',
    routeId: '9b2e7c1d-3f4a-4b5c-8d6e-7f8091a2b3c4',
    truckId: `TRK-${1000 + (n % 97)}`,
    plannedAt: '2026-08-01T10:00:00.000Z',
    distanceKm: 120.5 + n,
    notes: '',
    stops: Array.from({ length: 6 }, (_, i) => ({
      lat: 48.1 + i / 100,
      lon: 11.5 + i / 100,
      address: `Warehouse street ${i}, 80331 Munich`,
      arriveBy: '2026-08-01T12:00:00Z',
    })),
  };
  base.notes = 'x'.repeat(Math.max(0, 1024 - JSON.stringify(base).length));
  return base;
}

export const CORRELATION = { correlationId: '4f3c2b1a-0d9e-4c8b-a7f6-e5d4c3b2a190' };

type Variant = 'raw' | 'rawHeaders' | 'evc' | 'evcNoHeaders';
const VARIANTS: readonly Variant[] = ['raw', 'rawHeaders', 'evc', 'evcNoHeaders'];

/** One measured pass: wall time and this process' CPU time (user + system), both for `count` messages. */
interface Pass {
  readonly ms: number;
  readonly cpuUs: number;
}

export const cpuNow = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

export async function benchRuntimeThroughput(
  brokers: string[],
  count = 20000,
  rounds = 3,
): Promise<Record<string, number>> {
  const kafka = newKafkajsClient({ clientId: 'evc-bench', brokers, logLevel: logLevel.NOTHING });
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const topicOf = (variant: Variant | 'warm', round: number) => `bench.${variant}.${round}.${suffix}`;
  const topics = [
    ...VARIANTS.flatMap((variant) => Array.from({ length: rounds }, (_, round) => topicOf(variant, round))),
    ...VARIANTS.map((variant) => `${topicOf(variant, -1)}`),
  ];
  const admin = kafka.admin();
  await admin.connect();
  const all = [...topics, ...topics.map((topic) => `${topic}-dlt`)];
  await admin.createTopics({
    waitForLeaders: true,
    topics: all.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
  });

  const events = Array.from({ length: count }, (_, n) => event(n));
  const messageBytes = JSON.stringify(events[0]).length;
  const rawProducer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await rawProducer.connect();
  const transport = createKafkaProducerTransport({ kafka, logger: silentLogger });
  await transport.connect();
  const sender = createEventSender(transport, { source: 'bench' });

  // evcNoHeaders is produced exactly like raw (no headers); its produce passes are not reported.
  const produce = (variant: Variant, topic: string, slice: readonly RoutePlanned[]) =>
    variant === 'evc'
      ? produceEvc(sender, descriptor(topic), slice)
      : produceRaw(rawProducer, topic, slice, variant === 'rawHeaders');
  const consume = (variant: Variant, topic: string, expected: number) => {
    if (variant === 'evc') return consumeEvc(brokers, descriptor(topic), expected);
    if (variant === 'evcNoHeaders') return consumeEvc(brokers, headerlessDescriptor(topic), expected);
    return consumeRaw(kafka, topic, expected);
  };

  const produced: Record<Variant, Pass[]> = { raw: [], rawHeaders: [], evc: [], evcNoHeaders: [] };
  const consumed: Record<Variant, Pass[]> = { raw: [], rawHeaders: [], evc: [], evcNoHeaders: [] };
  const fastBefore = kafkajsPatchCounters.fastEncoded;
  try {
    // Warm-up: JIT, connections and metadata for every path, on topics of their own.
    const warm = Math.min(2_000, count);
    for (const variant of VARIANTS) await produce(variant, topicOf(variant, -1), events.slice(0, warm));
    for (const variant of VARIANTS) await consume(variant, topicOf(variant, -1), warm);

    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
      for (const variant of order) produced[variant].push(await produce(variant, topicOf(variant, round), events));
      for (const variant of order) consumed[variant].push(await consume(variant, topicOf(variant, round), count));
    }
  } finally {
    await rawProducer.disconnect();
    await transport.disconnect();
    await admin.deleteTopics({ topics: all }).catch(() => {});
    await admin.disconnect();
  }

  if (process.env['EVC_BENCH_VERBOSE'] !== undefined) {
    const rates = (passes: Pass[]) =>
      passes.map((pass) => `${Math.round((count / pass.ms) * 1000)} (${(pass.cpuUs / count).toFixed(1)} µs)`).join(' ');
    for (const variant of VARIANTS)
      process.stderr.write(
        `${variant.padEnd(12)} produce ${rates(produced[variant])} | consume ${rates(consumed[variant])} msgs/s (CPU/msg)\n`,
      );
  }
  const cpu = await runtimeCpuCost(events);
  const rate = (ms: number) => Math.round((count / ms) * 1000);
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  const round2 = (value: number) => Math.round(value * 100) / 100;
  const medians = (passes: Record<Variant, Pass[]>) => {
    const ms = Object.fromEntries(
      VARIANTS.map((variant) => [variant, median(passes[variant].map((pass) => pass.ms))]),
    ) as Record<Variant, number>;
    const cpuUs = Object.fromEntries(
      VARIANTS.map((variant) => [variant, median(passes[variant].map((pass) => pass.cpuUs / count))]),
    ) as Record<Variant, number>;
    return { ms, cpuUs };
  };
  const figures = (phase: 'produce' | 'consume', passes: Record<Variant, Pass[]>): Record<string, number> => {
    const { ms, cpuUs } = medians(passes);
    return {
      [`${phase}RawMsgsPerSec`]: rate(ms.raw),
      [`${phase}RawWithHeadersMsgsPerSec`]: rate(ms.rawHeaders),
      [`${phase}EvcMsgsPerSec`]: rate(ms.evc),
      [`${phase}Ratio`]: round3(ms.raw / ms.evc),
      [`${phase}RatioVsRawWithHeaders`]: round3(ms.rawHeaders / ms.evc),
      [`${phase}OverheadUsPerMsg`]: round2(((ms.evc - ms.raw) / count) * 1000),
      [`${phase}RawCpuUsPerMsg`]: round2(cpuUs.raw),
      [`${phase}RawWithHeadersCpuUsPerMsg`]: round2(cpuUs.rawHeaders),
      [`${phase}EvcCpuUsPerMsg`]: round2(cpuUs.evc),
      // The throughput ratio of a client whose CPU is the bottleneck.
      [`${phase}CpuRatio`]: round3(cpuUs.raw / cpuUs.evc),
      [`${phase}CpuOverheadUsPerMsg`]: round2(cpuUs.evc - cpuUs.raw),
      // Ratios within each round (raw and evc ran minutes apart at most), then their median: drift cancels.
      [`${phase}RatioPerRoundMedian`]: round3(median(passes.raw.map((pass, round) => pass.ms / passes.evc[round]!.ms))),
      [`${phase}CpuRatioPerRoundMedian`]: round3(
        median(passes.raw.map((pass, round) => pass.cpuUs / passes.evc[round]!.cpuUs)),
      ),
    };
  };
  // Consume only: this variant's records come from the raw producer, so its produce passes say nothing new.
  const headerlessFigures = (passes: Record<Variant, Pass[]>): Record<string, number> => {
    const { ms, cpuUs } = medians(passes);
    return {
      consumeEvcNoHeadersMsgsPerSec: rate(ms.evcNoHeaders),
      consumeEvcNoHeadersCpuUsPerMsg: round2(cpuUs.evcNoHeaders),
      consumeEvcNoHeadersRatio: round3(ms.raw / ms.evcNoHeaders),
      consumeEvcNoHeadersCpuRatio: round3(cpuUs.raw / cpuUs.evcNoHeaders),
      consumeEvcNoHeadersRatioPerRoundMedian: round3(
        median(passes.raw.map((pass, round) => pass.ms / passes.evcNoHeaders[round]!.ms)),
      ),
      consumeEvcNoHeadersCpuRatioPerRoundMedian: round3(
        median(passes.raw.map((pass, round) => pass.cpuUs / passes.evcNoHeaders[round]!.cpuUs)),
      ),
    };
  };
  const patch = kafkajsPatchStatus();
  return {
    messages: count,
    rounds,
    messageBytes,
    ...figures('produce', produced),
    ...figures('consume', consumed),
    ...headerlessFigures(consumed),
    kafkajsPatchEncode: patch?.encode === true ? 1 : 0,
    kafkajsPatchDecode: patch?.decode === true ? 1 : 0,
    kafkajsFastEncodedRecords: kafkajsPatchCounters.fastEncoded - fastBefore,
    ...cpu,
  };
}

/**
 * The figures as a table: raw, raw with the runtime's headers, evc, and evc consuming headerless
 * records side by side ('-' where a variant has no figure: evc without headers is consume-only).
 */
export function throughputTable(figures: Record<string, number>): string {
  const LABEL = 32;
  const shown = (name: string) => String(figures[name] ?? '-');
  const row = (label: string, phase: 'produce' | 'consume', unit: 'MsgsPerSec' | 'CpuUsPerMsg') =>
    `${label.padEnd(LABEL)}${['Raw', 'RawWithHeaders', 'Evc', 'EvcNoHeaders'].map((variant) => shown(`${phase}${variant}${unit}`).padStart(16)).join('')}`;
  const ratio = (label: string, prefix: string, rest = '') =>
    `${label.padEnd(LABEL)}${`throughput ${shown(`${prefix}Ratio`)} (per round ${shown(`${prefix}RatioPerRoundMedian`)})`.padStart(40)}` +
    `${`CPU ${shown(`${prefix}CpuRatio`)} (per round ${shown(`${prefix}CpuRatioPerRoundMedian`)})`.padStart(34)}${rest}`;
  const vsHeaders = (phase: 'produce' | 'consume') =>
    `vs raw+headers ${shown(`${phase}RatioVsRawWithHeaders`)}`.padStart(24);
  return [
    `${''.padEnd(LABEL)}${'raw'.padStart(16)}${'raw+headers'.padStart(16)}${'evc'.padStart(16)}${'evc no headers'.padStart(16)}`,
    row('produce msgs/s', 'produce', 'MsgsPerSec'),
    row('produce CPU µs/msg', 'produce', 'CpuUsPerMsg'),
    row('consume msgs/s', 'consume', 'MsgsPerSec'),
    row('consume CPU µs/msg', 'consume', 'CpuUsPerMsg'),
    ratio('produce evc / raw', 'produce', vsHeaders('produce')),
    ratio('consume evc / raw', 'consume', vsHeaders('consume')),
    ratio('consume evc no headers / raw', 'consumeEvcNoHeaders'),
  ].join('\n');
}

/**
 * The runtime's own CPU time per message, without Kafka: the sender (validate, serialize, headers)
 * against JSON.stringify alone, and the record processor (decode, identify, validate, dispatch)
 * against JSON.parse alone (medians of interleaved rounds). Steadier than the broker figures.
 */
async function runtimeCpuCost(events: readonly RoutePlanned[]): Promise<Record<string, number>> {
  const message = descriptor('cpu');
  let records: readonly WireRecord[] = [];
  const sender = createEventSender(
    { send: async (_topic, sent) => void (records = sent), disconnect: async () => {} },
    { source: 'bench' },
  );
  const consumed: ConsumedRecord[] = [];
  for (let from = 0; from < events.length; from += BATCH) {
    await sender.sendBatch(
      message,
      events.slice(from, from + BATCH).map((payload) => ({ payload, key: payload.truckId, headers: CORRELATION })),
    );
    for (const record of records)
      consumed.push({ ...record, topic: 'cpu', partition: 0, offset: String(consumed.length), timestamp: '0' });
  }
  const broker = new InMemoryBroker();
  let handled = 0;
  const table = [route(message, () => void (handled += 1))];
  // The processor a receiver runs, driven directly so no transport time is counted.
  let processor: ((record: ConsumedRecord) => void | Promise<void>) | undefined;
  const capture = createReceiver({ groupId: 'cpu', logger: silentLogger }, () => ({
    consumer: { run: async (_topics, onRecord) => void (processor = onRecord), stop: async () => {} },
    deadLetters: broker.producer(),
    ownsDeadLetters: false,
  }));
  await capture.start(table);

  // CPU time (not wall time: the machine may be busy), the four measurements interleaved per round, medians.
  const measures: Record<string, (index: number) => unknown> = {
    cpuJsonStringifyUsPerMsg: (i) => Buffer.from(JSON.stringify(events[i])),
    cpuSenderUsPerMsg: (i) =>
      sender.send(message, { payload: events[i]!, key: events[i]!.truckId, headers: CORRELATION }),
    cpuJsonParseUsPerMsg: (i): unknown => JSON.parse(consumed[i]!.value!.toString('utf8')),
    cpuReceiverUsPerMsg: (i) => processor!(consumed[i]!),
  };
  const samples: Record<string, number[]> = {};
  for (const fn of Object.values(measures)) for (let i = 0; i < Math.min(2_000, events.length); i += 1) await fn(i);
  for (let round = 0; round < 5; round += 1) {
    for (const [name, fn] of Object.entries(measures)) {
      const started = cpuNow();
      for (let i = 0; i < events.length; i += 1) await fn(i);
      (samples[name] ??= []).push((cpuNow() - started) / events.length);
    }
  }
  await capture.stop();
  if (handled === 0) throw new Error('processor handled nothing');
  return Object.fromEntries(
    Object.entries(samples).map(([name, values]) => [name, Math.round(median(values) * 100) / 100]),
  );
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The headers the runtime sends, written by hand: what a raw producer following CloudEvents would send. */
export function sameHeaders(payload: RoutePlanned): Record<string, string> {
  return {
    correlationId: CORRELATION.correlationId,
    ce_specversion: '1.0',
    ce_id: randomUUID(),
    ce_source: 'bench',
    ce_type: payload.type,
    ce_time: new Date().toISOString(),
    'content-type': 'application/json',
    evc_contract_version: '1.0.0',
  };
}

async function produceRaw(
  producer: Producer,
  topic: string,
  events: readonly RoutePlanned[],
  withHeaders: boolean,
): Promise<Pass> {
  const cpu = cpuNow();
  const started = performance.now();
  for (let from = 0; from < events.length; from += BATCH) {
    const messages = events
      .slice(from, from + BATCH)
      .map((payload) =>
        withHeaders
          ? { key: payload.truckId, value: JSON.stringify(payload), headers: sameHeaders(payload) }
          : { key: payload.truckId, value: JSON.stringify(payload) },
      );
    await producer.send({ topic, acks: -1, messages });
  }
  return { ms: performance.now() - started, cpuUs: cpuNow() - cpu };
}

async function produceEvc(
  sender: ReturnType<typeof createEventSender>,
  message: ReturnType<typeof descriptor>,
  events: readonly RoutePlanned[],
): Promise<Pass> {
  const cpu = cpuNow();
  const started = performance.now();
  for (let from = 0; from < events.length; from += BATCH) {
    await sender.sendBatch(
      message,
      events.slice(from, from + BATCH).map((payload) => ({ payload, key: payload.truckId, headers: CORRELATION })),
    );
  }
  return { ms: performance.now() - started, cpuUs: cpuNow() - cpu };
}

async function consumeRaw(kafka: Kafka, topic: string, count: number): Promise<Pass> {
  const consumer: Consumer = kafka.consumer({ groupId: `bench-raw-${topic}`, allowAutoTopicCreation: false });
  let received = 0;
  let first = 0;
  let firstCpu = 0;
  let done!: (pass: Pass) => void;
  const finished = new Promise<Pass>((resolve) => (done = resolve));
  let checksum = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: CONCURRENCY,
    eachMessage: async ({ message }) => {
      if (received === 0) {
        first = performance.now();
        firstCpu = cpuNow();
      }
      const payload = JSON.parse(message.value!.toString()) as RoutePlanned;
      checksum += payload.distanceKm;
      received += 1;
      if (received === count) done({ ms: performance.now() - first, cpuUs: cpuNow() - firstCpu });
    },
  });
  const pass = await finished;
  await consumer.disconnect();
  if (checksum === 0) throw new Error('nothing decoded');
  return pass;
}

async function consumeEvc<Headers>(
  brokers: string[],
  message: MessageDescriptor<RoutePlanned, string, Headers>,
  count: number,
): Promise<Pass> {
  let received = 0;
  let first = 0;
  let firstCpu = 0;
  let done!: (pass: Pass) => void;
  const finished = new Promise<Pass>((resolve) => (done = resolve));
  const receiver = createEventReceiver({
    brokers,
    transport: 'kafkajs', // this benchmark compares the runtime with raw kafkajs
    groupId: `bench-evc-${message.topic}`,
    logger: silentLogger,
    partitionsConsumedConcurrently: CONCURRENCY,
  });
  await receiver.start([
    route(message, () => {
      if (received === 0) {
        first = performance.now();
        firstCpu = cpuNow();
      }
      received += 1;
      if (received === count) done({ ms: performance.now() - first, cpuUs: cpuNow() - firstCpu });
    }),
  ]);
  const pass = await finished;
  const metrics = receiver.metrics();
  await receiver.stop();
  if (metrics.invalid !== 0 || metrics.deadLettered !== 0)
    throw new Error(`bench events were rejected: ${JSON.stringify(metrics)}`);
  return pass;
}

// Standalone: KAFKA_BROKERS, or a broker of its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 20_000);
  const rounds = Number(process.argv[3] ?? 3);
  const { withBenchBroker } = await import('./bench-broker.js');
  const result = await withBenchBroker((brokers) => benchRuntimeThroughput(brokers, count, rounds));
  const patch = kafkajsPatchStatus();
  process.stdout.write(
    `${count} messages of ${result['messageBytes']} bytes, ${rounds} rounds, medians; kafkajs patch: ${patch === undefined ? 'not installed' : patch.reason}\n`,
  );
  process.stdout.write(`${throughputTable(result)}\n\n`);
  for (const [name, value] of Object.entries(result)) process.stdout.write(`${name.padEnd(42)} ${value}\n`);
}
