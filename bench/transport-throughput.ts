// The runtime against each client's own raw producer and consumer (issue 15's restated targets), on the same broker:
// 1 KB JSON events with the runtime's 8 headers, idempotent producers with acks=all on both sides, 6 partitions.
// Raw consume does the decoding the runtime does (each header read as a string by its name, JSON.parse of the value),
// so the ratio is the runtime's own cost on that client: kafkajs hands header names over as strings, and the raw
// platformatic consumer asks its client for the same (the runtime decodes the names too; a value is read by its name).
// The raw platformatic consumer works on each record inside the stream's data callback, as the client's own examples
// do; the runtime's transport asks for the next fetch before it works on the records it has (startSoon in
// runtime/transports/platformatic/consumer.ts), so that ratio can exceed 1: usPerRecord is the runtime's CPU cost.
// Each pass runs on a fresh topic (and group); the passes of one round are interleaved (order reversed every round)
// and the median of the rounds is reported, because a machine shared with other work drifts during a run. All
// produce rounds run first, then the events are let go and all consume rounds run, each pass after a full garbage
// collection: a major collection of the ~200 MB of events (or of the previous pass's garbage) landing inside one pass
// cost it several µs per record, which is the size of what is measured. One JSON line per client and direction:
//   rawMsgsPerSec / evcMsgsPerSec  records per second (consume: first record to last, group join not counted)
//   ratio                          evc / raw throughput
//   usPerRecord                    CPU µs per record of evc minus raw (this process: the runtime's own work)
//   p99Ms                          evc: 99th percentile of the time one batch of 500 records took (sent / consumed)
//   heapMb                         evc: highest heap in use during its passes
// `npm run bench -- transport` runs it (bench/run.ts); `tsx bench/transport-throughput.ts [count] [rounds]` alone.
import { randomBytes } from 'node:crypto';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  Consumer as PlatformaticConsumer,
  Producer as PlatformaticProducer,
  ProduceAcks,
  stringDeserializer,
  stringSerializers,
  type Message as PlatformaticMessage,
} from '@platformatic/kafka';
import { Partitioners, logLevel, type Producer as KafkajsProducer } from 'kafkajs';
import { newKafkajsClient } from '../runtime/kafka/kafkajs-client.js';
import { DEFAULT_FETCH } from '../runtime/transports/platformatic/consumer.js';
import {
  createEventReceiver,
  createEventSender,
  createKafkaTransport,
  route,
  silentLogger,
  type TransportName,
} from '../runtime/index.js';
import {
  CORRELATION,
  cpuNow,
  descriptor,
  event,
  median,
  sameHeaders,
  type RoutePlanned,
} from './runtime-throughput.js';

const BATCH = 500;
const PARTITIONS = 6;
const CONCURRENCY = 6;
/** The fetch sizes the platformatic transport uses (its 50 MB default is slow), for its raw consumer too. */
const PLATFORMATIC_FETCH = {
  maxBytes: DEFAULT_FETCH.maxBytes,
  maxBytesPerPartition: DEFAULT_FETCH.maxBytesPerPartition,
  maxWaitTime: DEFAULT_FETCH.maxWaitTimeMs,
};

export interface TransportFigures {
  readonly client: TransportName;
  readonly direction: 'produce' | 'consume';
  readonly rawMsgsPerSec: number;
  readonly evcMsgsPerSec: number;
  readonly ratio: number;
  readonly usPerRecord: number;
  readonly p99Ms: number;
  readonly heapMb: number;
}

interface Pass {
  readonly ms: number;
  readonly cpuUs: number;
  /** Milliseconds per block of BATCH records. */
  readonly blocks: number[];
  readonly heapMb: number;
}

/** Measures a pass: wall and CPU time from `start()` to the end, per-block times, and the heap high-water mark. */
class PassClock {
  private started = 0;
  private cpu = 0;
  private lastBlock = 0;
  private heap = 0;
  readonly blocks: number[] = [];

  start(): void {
    this.started = performance.now();
    this.lastBlock = this.started;
    this.cpu = cpuNow();
  }

  block(): void {
    const now = performance.now();
    this.blocks.push(now - this.lastBlock);
    this.lastBlock = now;
    // V8's own figure: process.memoryUsage() also reads the resident set from /proc, which showed up in the
    // profiles of a pass (47–127 ms of 4.4–5.5 s per 100,000 records) for a figure the line does not report.
    this.heap = Math.max(this.heap, getHeapStatistics().used_heap_size);
  }

  finish(): Pass {
    return {
      ms: performance.now() - this.started,
      cpuUs: cpuNow() - this.cpu,
      blocks: this.blocks,
      heapMb: this.heap / 1024 / 1024,
    };
  }
}

type Side = 'raw' | 'evc';
type Direction = 'produce' | 'consume';

/** One client's four measured operations on a topic of the run. */
interface ClientBench {
  produce(side: Side, topic: string, events: readonly RoutePlanned[]): Promise<Pass>;
  consume(side: Side, topic: string, count: number): Promise<Pass>;
  close(): Promise<void>;
}

/**
 * Records per pass. 20,000 records pass in under half a second, and three such runs on an idle machine gave
 * consume ratios of 0.95, 0.72 and 0.76 for one client; 100,000 records take a few seconds a pass and steady it.
 */
const RECORDS_PER_PASS = 100_000;

export async function benchTransports(
  brokers: string[],
  count = RECORDS_PER_PASS,
  rounds = 3,
  clients: readonly TransportName[] = ['kafkajs', 'platformatic'],
): Promise<TransportFigures[]> {
  const kafka = newKafkajsClient({ clientId: 'evc-bench-admin', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const topics: string[] = [];
  const topicOf = (client: TransportName, side: Side, round: number): string => {
    const topic = `bench.transport.${client}.${side}.${round}.${suffix}`;
    topics.push(topic, `${topic}-dlt`);
    return topic;
  };
  let events: RoutePlanned[] = Array.from({ length: count }, (_, n) => event(n));
  const benches = new Map<TransportName, ClientBench>();
  for (const client of clients) benches.set(client, await clientBench(client, brokers));
  const passes = new Map<string, Pass[]>();
  const record = (client: TransportName, direction: Direction, side: Side, pass: Pass) => {
    const key = `${client}.${direction}.${side}`;
    passes.set(key, [...(passes.get(key) ?? []), pass]);
  };
  try {
    const created: string[] = [];
    for (let round = -1; round < rounds; round += 1)
      for (const client of clients)
        for (const side of ['raw', 'evc'] as const) created.push(topicOf(client, side, round));
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
    });
    // Round -1 warms up every path (JIT, connections, metadata) and is not reported.
    const warmUp = Math.min(2_000, count);
    const orderOf = (round: number) => {
      const order = [...clients].flatMap((client) => (['raw', 'evc'] as const).map((side) => ({ client, side })));
      return round % 2 === 0 ? order : order.reverse();
    };
    for (let round = -1; round < rounds; round += 1)
      for (const { client, side } of orderOf(round)) {
        const slice = round < 0 ? events.slice(0, warmUp) : events;
        collectGarbage();
        const pass = await benches.get(client)!.produce(side, topicOf(client, side, round), slice);
        if (round >= 0) record(client, 'produce', side, pass);
      }
    events = [];
    for (let round = -1; round < rounds; round += 1)
      for (const { client, side } of orderOf(round)) {
        collectGarbage();
        const pass = await benches.get(client)!.consume(side, topicOf(client, side, round), round < 0 ? warmUp : count);
        if (round >= 0) record(client, 'consume', side, pass);
      }
  } finally {
    for (const bench of benches.values()) await bench.close();
    await admin.deleteTopics({ topics: [...new Set(topics)] }).catch(() => {});
    await admin.disconnect();
  }

  const figures: TransportFigures[] = [];
  for (const client of clients)
    for (const direction of ['produce', 'consume'] as const) {
      const raw = passes.get(`${client}.${direction}.raw`)!;
      const evc = passes.get(`${client}.${direction}.evc`)!;
      const rate = (list: Pass[]) => count / (median(list.map((pass) => pass.ms)) / 1000);
      const cpuPerRecord = (list: Pass[]) => median(list.map((pass) => pass.cpuUs / count));
      figures.push({
        client,
        direction,
        rawMsgsPerSec: Math.round(rate(raw)),
        evcMsgsPerSec: Math.round(rate(evc)),
        ratio: round3(rate(evc) / rate(raw)),
        usPerRecord: round2(cpuPerRecord(evc) - cpuPerRecord(raw)),
        p99Ms: round2(
          percentile(
            evc.flatMap((pass) => pass.blocks),
            0.99,
          ),
        ),
        heapMb: round2(Math.max(...evc.map((pass) => pass.heapMb))),
      });
    }
  return figures;
}

/** A full collection before each pass, so no pass pays for another's garbage. */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function collectGarbage(): void {
  gc();
  gc();
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

async function clientBench(client: TransportName, brokers: string[]): Promise<ClientBench> {
  const transport = createKafkaTransport({ brokers, transport: client, logger: silentLogger });
  const producer = transport.producer();
  await producer.connect();
  const sender = createEventSender(producer, { source: 'bench' });
  const raw = client === 'kafkajs' ? await kafkajsRaw(brokers) : await platformaticRaw(brokers);
  return {
    async produce(side, topic, events) {
      const clock = new PassClock();
      clock.start();
      for (let from = 0; from < events.length; from += BATCH) {
        const slice = events.slice(from, from + BATCH);
        if (side === 'evc')
          await sender.sendBatch(
            descriptor(topic),
            slice.map((payload) => ({ payload, key: payload.truckId, headers: CORRELATION })),
          );
        else await raw.send(topic, slice);
        clock.block();
      }
      return clock.finish();
    },
    async consume(side, topic, count) {
      return side === 'evc' ? consumeEvc(client, brokers, topic, count) : raw.consume(topic, count);
    },
    async close() {
      await producer.disconnect();
      await raw.close();
    },
  };
}

/** Counts delivered records for a pass and settles it at `count`. */
function passCounter(count: number): { seen(): void; finished: Promise<Pass> } {
  const clock = new PassClock();
  let received = 0;
  let done!: (pass: Pass) => void;
  const finished = new Promise<Pass>((resolve) => (done = resolve));
  return {
    finished,
    seen() {
      if (received === 0) clock.start();
      received += 1;
      if (received % BATCH === 0) clock.block();
      if (received === count) done(clock.finish());
    },
  };
}

async function consumeEvc(client: TransportName, brokers: string[], topic: string, count: number): Promise<Pass> {
  const counter = passCounter(count);
  const receiver = createEventReceiver({
    brokers,
    transport: client,
    groupId: `bench-evc-${topic}`,
    logger: silentLogger,
    partitionsConsumedConcurrently: CONCURRENCY,
  });
  await receiver.start([route(descriptor(topic), () => counter.seen())]);
  const pass = await counter.finished;
  const metrics = receiver.metrics();
  await receiver.stop();
  if (metrics.invalid !== 0 || metrics.deadLettered !== 0)
    throw new Error(`bench events were rejected: ${JSON.stringify(metrics)}`);
  return pass;
}

interface RawClient {
  send(topic: string, events: readonly RoutePlanned[]): Promise<void>;
  consume(topic: string, count: number): Promise<Pass>;
  close(): Promise<void>;
}

/** What raw consumers do with each record: the runtime's decoding, nothing else. */
let checksum = 0;
function decode(value: Buffer, headerValues: Iterable<Buffer | undefined | null>): void {
  for (const header of headerValues) if (header) checksum += header.toString('utf8').length;
  checksum += (JSON.parse(value.toString('utf8')) as RoutePlanned).distanceKm;
}

async function kafkajsRaw(brokers: string[]): Promise<RawClient> {
  const kafka = newKafkajsClient({ clientId: 'evc-bench-raw', brokers, logLevel: logLevel.NOTHING });
  const producer: KafkajsProducer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return {
    async send(topic, events) {
      await producer.send({
        topic,
        acks: -1,
        messages: events.map((payload) => ({
          key: payload.truckId,
          value: JSON.stringify(payload),
          headers: sameHeaders(payload),
        })),
      });
    },
    async consume(topic, count) {
      const counter = passCounter(count);
      const consumer = kafka.consumer({ groupId: `bench-raw-${topic}`, allowAutoTopicCreation: false });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: CONCURRENCY,
        eachMessage: async ({ message }) => {
          decode(message.value!, Object.values(message.headers ?? {}) as Buffer[]);
          counter.seen();
        },
      });
      const pass = await counter.finished;
      await consumer.disconnect();
      return pass;
    },
    close: () => producer.disconnect(),
  };
}

async function platformaticRaw(brokers: string[]): Promise<RawClient> {
  const producer = new PlatformaticProducer({
    clientId: 'evc-bench-raw',
    bootstrapBrokers: brokers,
    idempotent: true,
    acks: ProduceAcks.ALL,
    autocreateTopics: false,
    serializers: stringSerializers,
  });
  return {
    async send(topic, events) {
      await producer.send({
        messages: events.map((payload) => ({
          topic,
          key: payload.truckId,
          value: JSON.stringify(payload),
          headers: sameHeaders(payload),
        })),
      });
    },
    async consume(topic, count) {
      const counter = passCounter(count);
      const consumer = new PlatformaticConsumer({
        clientId: 'evc-bench-raw',
        bootstrapBrokers: brokers,
        groupId: `bench-raw-${topic}`,
        // Header names as strings, as kafkajs' raw consumer gets them from its client and the runtime needs them
        // (a header value is read by its name); key, value and header values stay bytes, decoded below.
        deserializers: { headerKey: stringDeserializer },
        ...PLATFORMATIC_FETCH,
      });
      const stream = await consumer.consume({
        topics: [topic],
        mode: 'committed',
        fallbackMode: 'earliest',
        ...PLATFORMATIC_FETCH,
      });
      stream.on('data', (message: PlatformaticMessage<Buffer, Buffer, string, Buffer>) => {
        decode(message.value, message.headers.values());
        counter.seen();
      });
      const pass = await counter.finished;
      await stream.close();
      await new Promise<void>((resolve) => consumer.close(true, () => resolve()));
      return pass;
    },
    close: () => producer.close(),
  };
}

/** The figures, one JSON line each (what `npm run bench -- transport` prints). */
export function transportLines(figures: readonly TransportFigures[]): string {
  return figures.map((line) => JSON.stringify(line)).join('\n');
}

// Standalone: KAFKA_BROKERS, or a broker of its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? RECORDS_PER_PASS);
  const rounds = Number(process.argv[3] ?? 3);
  const { withBenchBroker } = await import('./bench-broker.js');
  const figures = await withBenchBroker((brokers) => benchTransports(brokers, count, rounds));
  process.stdout.write(`${transportLines(figures)}\n`);
  if (checksum === 0) throw new Error('raw consumers decoded nothing');
}
