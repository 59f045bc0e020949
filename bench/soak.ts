// Soak benchmark (`npm run bench:soak`, not part of `npm test`): streams SOAK_EVENTS (default
// 1,000,000) ~1 KB events through the validating producer (createKafkaEventSender, sendBatch) into
// a topic of SOAK_PARTITIONS (default 3) partitions, consumed at the same time by the receiver
// (createEventReceiver) in a child process of its own, so its memory is the consumer's alone.
//
// 1 % of the events are invalid and must reach the consumer anyway: half are schema-invalid events
// sent through a sender whose validation is bypassed (proper CloudEvents headers; the consumer
// refuses them at `validate`), half are bytes that are not JSON from a raw kafkajs producer (refused
// at `decode`). Every valid event carries its sequence number and send time (epoch ms, sub-ms).
//
// Reports: produce and consume throughput (msgs/s, MB/s), end-to-end latency p50/p90/p99/max (send
// time → handler, 1 % histogram buckets; with an unthrottled producer that outruns the consumer it
// is mostly the backlog, reported as the largest consumer lag: set SOAK_RATE below the consumer's
// rate for the latency of a consumer that keeps up), valid events lost / handled twice, dead letters counted
// by reading the whole `-dlt` topic at the end (must equal the invalid count exactly, and be the
// same sequence numbers), and the consumer's RSS and heap: a sample every SOAK_SAMPLE_MS (2 s), and
// heap after a full GC when warmed up (10 % consumed) and at the end, with a verdict on growth.
// Exit code 1 when any of those checks fails.
//
// Kafka: a local single-node broker started here, unless KAFKA_BROKERS is set; then TLS/SASL come
// from KAFKA_SSL*/KAFKA_SASL* or EVC_KAFKA_CONFIG (kafkaConnectionFromEnv) and the topics are
// deleted afterwards. Other knobs: SOAK_BATCH (events per sendBatch, default 500), SOAK_RATE (cap
// on produced events/s, default none), SOAK_TIMEOUT_S (default 1800), SOAK_STALL_S (fail when the
// consumer makes no progress this long, default 120), SOAK_JSON (write the result as JSON to this file).
// The client: EVC_TRANSPORT=kafkajs|platformatic (the runtime's transport choice; producer and consumer alike).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { routePlannedDescriptor, type BenchHeaders, type RoutePlannedFields, type Stop } from './route-planned.js';
import { type Kafka, Partitioners, logLevel, type Message } from 'kafkajs';
import { newKafkajsClient } from '../runtime/kafka/kafkajs-client.js';
import {
  createConsoleLogger,
  createEventReceiver,
  createKafkaEventSender,
  describeConnection,
  kafkaConnectionFromEnv,
  readDeadLetterHeaders,
  route,
  type KafkaConnectionOptions,
  type MessageDescriptor,
  type OutgoingEvent,
} from '../runtime/index.js';

// --- the event --------------------------------------------------------------------------------------

interface RoutePlanned extends RoutePlannedFields {
  seq: number;
  sentAt: number;
}
type Headers = BenchHeaders;

const CORRELATION: Headers = { correlationId: '4f3c2b1a-0d9e-4c8b-a7f6-e5d4c3b2a190' };
const INVALID_EVERY = 100;

function descriptor(topic: string): MessageDescriptor<RoutePlanned, string, Headers> {
  return routePlannedDescriptor<RoutePlanned>(topic, {
    service: 'soak',
    notesMaxLength: 1000,
    extraProperties: { seq: { type: 'integer', minimum: 0 }, sentAt: { type: 'number' } },
  });
}

const STOPS: Stop[] = Array.from({ length: 6 }, (_, i) => ({
  lat: 48.1 + i / 100,
  lon: 11.5 + i / 100,
  address: `Warehouse street ${i}, 80331 Munich`,
  arriveBy: '2026-08-01T12:00:00Z',
}));
function event(seq: number, sentAt: number, notes = NOTES): RoutePlanned {
  return {
    type: 'RoutePlanned',
    seq,
    sentAt,
    routeId: '9b2e7c1d-3f4a-4b5c-8d6e-7f8091a2b3c4',
    truckId: `TRK-${1000 + (seq % 997)}`,
    plannedAt: '2026-08-01T10:00:00.000Z',
    distanceKm: 120.5 + (seq % 1000),
    notes,
    stops: STOPS,
  };
}
// Padding so the JSON is ~1024 bytes with a 7-digit seq and a sub-ms epoch time.
const NOTES = 'x'.repeat(Math.max(0, 1024 - JSON.stringify(event(1_000_000, 1_700_000_000_000.123, '')).length));

const isInvalid = (seq: number): boolean => seq % INVALID_EVERY === INVALID_EVERY - 1;
/** Invalid events alternate: schema-invalid through a sender that does not validate, and bytes that are not JSON. */
const invalidKind = (seq: number): 'validate' | 'decode' =>
  Math.floor(seq / INVALID_EVERY) % 2 === 0 ? 'validate' : 'decode';
const invalidCount = (count: number): number => Math.floor(count / INVALID_EVERY);
const notJson = (seq: number): string => `garbage #${seq} ${'\u0000'.repeat(8)}{not json`;

/** Epoch milliseconds with sub-millisecond precision, comparable across processes on one machine. */
const now = (): number => performance.timeOrigin + performance.now();

// --- latency histogram: fixed memory, ~1 % resolution -------------------------------------------------

const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = 2_400; // 1 µs · 1.01^2400 ≈ 23 days

class Histogram {
  readonly counts = new Float64Array(BUCKETS);
  add(ms: number): void {
    const us = Math.max(1, ms * 1000);
    this.counts[Math.min(BUCKETS - 1, Math.ceil(Math.log(us) / LOG_GROWTH))]! += 1;
  }
  static quantile(counts: ArrayLike<number>, q: number): number {
    let total = 0;
    for (let i = 0; i < counts.length; i += 1) total += counts[i]!;
    const target = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (let i = 0; i < counts.length; i += 1) {
      seen += counts[i]!;
      if (seen >= target) return GROWTH ** i / 1000;
    }
    return Number.NaN;
  }
  static max(counts: ArrayLike<number>): number {
    for (let i = counts.length - 1; i >= 0; i -= 1) if (counts[i]! > 0) return GROWTH ** i / 1000;
    return Number.NaN;
  }
}

// --- messages between the bench and its consumer process -----------------------------------------------

interface MemorySample {
  /** Seconds since the consumer started. */
  readonly t: number;
  readonly consumed: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  /** Sampled right after a full GC (start, warm, end). */
  readonly afterGc?: boolean;
  readonly label?: 'start' | 'warm' | 'end';
}

type FromConsumer =
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'progress';
      readonly handled: number;
      readonly deadLettered: number;
      readonly sample: MemorySample;
    }
  | {
      readonly kind: 'done';
      readonly handled: number;
      readonly distinct: number;
      readonly duplicates: number;
      readonly deadLettered: number;
      readonly invalid: number;
      readonly firstMs: number;
      readonly lastMs: number;
      readonly latency: number[];
      readonly samples: MemorySample[];
    }
  | { readonly kind: 'failed'; readonly error: string };

interface ConsumerJob {
  readonly topic: string;
  readonly count: number;
  readonly partitions: number;
  readonly sampleMs: number;
}

// --- consumer process ---------------------------------------------------------------------------------

async function consumerProcess(): Promise<void> {
  const send = (message: FromConsumer, then?: () => void): void =>
    void process.send?.(message, undefined, {}, () => then?.());
  const job = JSON.parse(process.argv[3]!) as ConsumerJob;
  const gc = (globalThis as { gc?: () => void }).gc;
  const started = now();
  const sample = (consumed: number, label?: MemorySample['label']): MemorySample => {
    if (label !== undefined) {
      gc?.();
      gc?.();
    }
    const { rss, heapUsed } = process.memoryUsage();
    return {
      t: (now() - started) / 1000,
      consumed,
      rssMiB: rss / 2 ** 20,
      heapUsedMiB: heapUsed / 2 ** 20,
      ...(label === undefined ? {} : { afterGc: gc !== undefined, label }),
    };
  };

  // Everything the consumer keeps is allocated up front: a bitmap of seen sequence numbers and the histogram.
  const expectedValid = job.count - invalidCount(job.count);
  const expectedInvalid = invalidCount(job.count);
  const seen = new Uint8Array(job.count);
  const histogram = new Histogram();
  let handled = 0;
  let distinct = 0;
  let duplicates = 0;
  let firstMs = 0;
  let lastMs = 0;
  const samples: MemorySample[] = [];

  const receiver = createEventReceiver({
    ...kafkaConnectionFromEnv(process.env),
    groupId: `${job.topic}.consumer`,
    // Each dead letter is logged at warn (10,000 of them at 1 M events): only errors here.
    logger: createConsoleLogger('error'),
    partitionsConsumedConcurrently: job.partitions,
  });
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const done = (): boolean => distinct === expectedValid && receiver.metrics().deadLettered >= expectedInvalid;
  let warm = false;

  samples.push(sample(0, 'start'));
  await receiver.start([
    route(descriptor(job.topic), (received) => {
      const at = now();
      if (handled === 0) firstMs = at;
      lastMs = at;
      handled += 1;
      const { seq, sentAt } = received.payload;
      histogram.add(at - sentAt);
      if (seen[seq] === 0) {
        seen[seq] = 1;
        distinct += 1;
      } else {
        duplicates += 1;
      }
      if (distinct === expectedValid) setImmediate(() => (done() ? finish() : undefined));
    }),
  ]);
  send({ kind: 'ready' });
  const timer = setInterval(() => {
    const metrics = receiver.metrics();
    const consumed = handled + metrics.deadLettered;
    if (!warm && consumed >= job.count / 10) {
      warm = true;
      samples.push(sample(consumed, 'warm'));
    }
    const current = sample(consumed);
    samples.push(current);
    send({ kind: 'progress', handled, deadLettered: metrics.deadLettered, sample: current });
    if (done()) finish();
  }, job.sampleMs);
  await finished;
  clearInterval(timer);
  // Dead letters of the last batch may be acknowledged after the last valid event: wait for all.
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 50));
  samples.push(sample(handled + receiver.metrics().deadLettered, 'end'));
  const metrics = receiver.metrics();
  await receiver.stop();
  // Close the IPC channel once the result is written, so the process can exit.
  send(
    {
      kind: 'done',
      handled,
      distinct,
      duplicates,
      deadLettered: metrics.deadLettered,
      invalid: metrics.invalid,
      firstMs,
      lastMs,
      latency: [...histogram.counts],
      samples,
    },
    () => process.disconnect?.(),
  );
}

// --- the bench ------------------------------------------------------------------------------------------

interface SoakResult {
  events: number;
  valid: number;
  invalid: number;
  eventBytes: number;
  partitions: number;
  batch: number;
  producedSeconds: number;
  produceMsgsPerSec: number;
  produceMBPerSec: number;
  consumeSeconds: number;
  consumeMsgsPerSec: number;
  consumeMBPerSec: number;
  wallSeconds: number;
  /** Most events produced but not yet handled or dead-lettered, at the progress samples: the backlog the latency includes. */
  maxConsumerLag: number;
  latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number };
  handled: number;
  lost: number;
  duplicates: number;
  deadLettersInTopic: number;
  deadLettersByStage: Record<string, number>;
  deadLettersMatchInvalid: boolean;
  memory: {
    startRssMiB: number;
    warmRssMiB: number;
    endRssMiB: number;
    maxRssMiB: number;
    startHeapMiB: number;
    warmHeapAfterGcMiB: number;
    endHeapAfterGcMiB: number;
    maxHeapMiB: number;
    heapGrowthMiB: number;
    rssGrowthMiB: number;
    samples: number;
    verdict: string;
  };
  ok: boolean;
  failures: string[];
}

function envNumber(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return parsed;
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
const say = (text: string): void => void process.stderr.write(`[soak] ${text}\n`);

async function soak(connection: KafkaConnectionOptions, options: { deleteTopics: boolean }): Promise<SoakResult> {
  const count = Math.floor(envNumber('SOAK_EVENTS', 1_000_000));
  const partitions = Math.floor(envNumber('SOAK_PARTITIONS', 3));
  const batch = Math.floor(envNumber('SOAK_BATCH', 500));
  const rate = process.env['SOAK_RATE'] ? envNumber('SOAK_RATE', 0) : undefined;
  const sampleMs = envNumber('SOAK_SAMPLE_MS', 2_000);
  const timeoutMs = envNumber('SOAK_TIMEOUT_S', 1_800) * 1000;
  const topic = `soak.${Date.now().toString(36)}.${randomBytes(3).toString('hex')}`;
  const dlt = `${topic}-dlt`;
  const expectedInvalid = invalidCount(count);
  const expectedValid = count - expectedInvalid;
  const eventBytes = JSON.stringify(event(count, now())).length;
  say(
    `${count.toLocaleString('en')} events of ~${eventBytes} B (${expectedInvalid.toLocaleString('en')} invalid) → ${topic} (${partitions} partitions), batches of ${batch}${rate === undefined ? '' : `, at most ${rate}/s`}`,
  );

  const kafka = newKafkajsClient({
    ...connection.kafkaConfig,
    brokers: [...connection.brokers!],
    clientId: 'evc-soak',
    logLevel: logLevel.WARN,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [topic, dlt].map((name) => ({ topic: name, numPartitions: partitions, replicationFactor: 1 })),
  });

  const deadline = Date.now() + timeoutMs;
  const child = startConsumer({ topic, count, partitions, sampleMs });
  const wallStarted = now();
  try {
    let produced = 0;
    const consumer = consumerMessages(child, () => produced);
    await consumer.next('ready', deadline);
    say(`consumer ${child.pid} joined its group`);

    // Produce: valid events through the validating sender; invalid ones through a sender that does
    // not validate or a raw kafkajs producer, each on a producer of its own so the three sends of
    // a batch run side by side, interleaved in the same topic.
    const logger = createConsoleLogger('warn');
    const sender = createKafkaEventSender({ ...connection, source: 'soak', logger });
    const bypassing = createKafkaEventSender({ ...connection, source: 'soak-unchecked', logger });
    const checked = descriptor(topic);
    const unchecked: MessageDescriptor<RoutePlanned, string, Headers> = { ...checked, validatePayload: () => true };
    const raw = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await Promise.all([sender.connect(), bypassing.connect(), raw.connect()]);
    const produceStarted = now();
    const progress = setInterval(() => {
      const last = consumer.last;
      say(
        `produced ${produced.toLocaleString('en')}, handled ${(last?.handled ?? 0).toLocaleString('en')}, dead-lettered ${(last?.deadLettered ?? 0).toLocaleString('en')}` +
          (last === undefined
            ? ''
            : `; consumer rss ${round(last.sample.rssMiB)} MiB heap ${round(last.sample.heapUsedMiB)} MiB`),
      );
    }, 5_000);
    try {
      for (let from = 0; from < count; from += batch) {
        if (Date.now() > deadline) throw new Error(`timed out producing after ${produced} events`);
        const to = Math.min(count, from + batch);
        const sentAt = now();
        const valid: OutgoingEvent<RoutePlanned, string, Headers>[] = [];
        const badSchema: OutgoingEvent<RoutePlanned, string, Headers>[] = [];
        const badBytes: Message[] = [];
        for (let seq = from; seq < to; seq += 1) {
          if (!isInvalid(seq))
            valid.push({ payload: event(seq, sentAt), key: `TRK-${1000 + (seq % 997)}`, headers: CORRELATION });
          else if (invalidKind(seq) === 'validate')
            badSchema.push({
              payload: { ...event(seq, sentAt), distanceKm: -1 },
              key: `TRK-${1000 + (seq % 997)}`,
              headers: CORRELATION,
            });
          else
            badBytes.push({
              key: `TRK-${1000 + (seq % 997)}`,
              value: notJson(seq),
              headers: { correlationId: CORRELATION.correlationId },
            });
        }
        await Promise.all([
          sender.sendBatch(checked, valid),
          badSchema.length > 0 ? bypassing.sendBatch(unchecked, badSchema) : undefined,
          badBytes.length > 0 ? raw.send({ topic, acks: -1, messages: badBytes }) : undefined,
        ]);
        produced = to;
        if (rate !== undefined) {
          const ahead = produced / rate - (now() - produceStarted) / 1000;
          if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead * 1000));
        }
      }
    } finally {
      clearInterval(progress);
    }
    const producedMs = now() - produceStarted;
    await Promise.all([sender.disconnect(), bypassing.disconnect(), raw.disconnect()]);
    say(`produced ${count.toLocaleString('en')} in ${round(producedMs / 1000)} s; waiting for the consumer`);

    // A consumer that stops making progress (a lost or extra dead letter, a hang) fails the run
    // after SOAK_STALL_S instead of waiting for the overall timeout.
    const stallMs = envNumber('SOAK_STALL_S', 120) * 1000;
    let lastCount = -1;
    let lastChange = Date.now();
    const waiting = setInterval(() => {
      const last = consumer.last;
      const consumed = (last?.handled ?? 0) + (last?.deadLettered ?? 0);
      if (consumed !== lastCount) [lastCount, lastChange] = [consumed, Date.now()];
      else if (Date.now() - lastChange > stallMs)
        consumer.fail(
          `no progress for ${stallMs / 1000} s at ${last?.handled ?? 0} handled, ${last?.deadLettered ?? 0} dead-lettered`,
        );
      say(
        `handled ${(last?.handled ?? 0).toLocaleString('en')} / ${expectedValid.toLocaleString('en')}, dead-lettered ${(last?.deadLettered ?? 0).toLocaleString('en')} / ${expectedInvalid.toLocaleString('en')}`,
      );
    }, 5_000);
    let done: Extract<FromConsumer, { kind: 'done' }>;
    try {
      done = await consumer.next('done', deadline);
    } finally {
      clearInterval(waiting);
    }
    const wallMs = now() - wallStarted;

    // Count the dead letters by reading the whole -dlt topic: which events, which stage.
    const deadLetters = await readDeadLetters(kafka, dlt, deadline);
    const expectedSeqs = new Set<number>();
    for (let seq = INVALID_EVERY - 1; seq < count; seq += INVALID_EVERY) expectedSeqs.add(seq);
    const matches =
      deadLetters.seqs.length === expectedSeqs.size &&
      new Set(deadLetters.seqs).size === expectedSeqs.size &&
      deadLetters.seqs.every((seq) => expectedSeqs.has(seq));

    const memory = memoryReport(done.samples);
    const consumeMs = done.lastMs - done.firstMs;
    const failures: string[] = [];
    const lost = expectedValid - done.distinct;
    if (lost !== 0) failures.push(`${lost} valid events never handled`);
    if (done.duplicates !== 0) failures.push(`${done.duplicates} valid events handled more than once`);
    if (deadLetters.seqs.length !== expectedInvalid)
      failures.push(`${deadLetters.seqs.length} dead letters in ${dlt}, expected ${expectedInvalid}`);
    else if (!matches) failures.push(`the dead letters in ${dlt} are not exactly the invalid events`);
    if (!memory.verdict.startsWith('OK')) failures.push(`consumer memory: ${memory.verdict}`);
    const mb = (n: number, ms: number): number => round((n * eventBytes) / 2 ** 20 / (ms / 1000));
    return {
      events: count,
      valid: expectedValid,
      invalid: expectedInvalid,
      eventBytes,
      partitions,
      batch,
      producedSeconds: round(producedMs / 1000),
      produceMsgsPerSec: Math.round(count / (producedMs / 1000)),
      produceMBPerSec: mb(count, producedMs),
      consumeSeconds: round(consumeMs / 1000),
      consumeMsgsPerSec: Math.round(count / (consumeMs / 1000)),
      consumeMBPerSec: mb(count, consumeMs),
      wallSeconds: round(wallMs / 1000),
      maxConsumerLag: consumer.maxLag,
      latencyMs: {
        p50: round(Histogram.quantile(done.latency, 0.5), 2),
        p90: round(Histogram.quantile(done.latency, 0.9), 2),
        p99: round(Histogram.quantile(done.latency, 0.99), 2),
        p999: round(Histogram.quantile(done.latency, 0.999), 2),
        max: round(Histogram.max(done.latency), 2),
      },
      handled: done.handled,
      lost,
      duplicates: done.duplicates,
      deadLettersInTopic: deadLetters.seqs.length,
      deadLettersByStage: deadLetters.byStage,
      deadLettersMatchInvalid: matches,
      memory,
      ok: failures.length === 0,
      failures,
    };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (options.deleteTopics) await admin.deleteTopics({ topics: [topic, dlt] }).catch(() => {});
    await admin.disconnect();
  }
}

function startConsumer(job: ConsumerJob): ChildProcess {
  // Same loader flags as this process (tsx), plus --expose-gc for the after-GC heap samples.
  return fork(fileURLToPath(import.meta.url), ['--consumer', JSON.stringify(job)], {
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function consumerMessages(child: ChildProcess, produced: () => number) {
  const queue: FromConsumer[] = [];
  let wake: (() => void) | undefined;
  let exited: string | undefined;
  const state = {
    last: undefined as Extract<FromConsumer, { kind: 'progress' }> | undefined,
    maxLag: 0,
    fail(error: string): void {
      queue.push({ kind: 'failed', error });
      wake?.();
    },
    async next<K extends FromConsumer['kind']>(kind: K, deadline: number): Promise<Extract<FromConsumer, { kind: K }>> {
      for (;;) {
        const index = queue.findIndex((message) => message.kind === kind || message.kind === 'failed');
        if (index >= 0) {
          const [message] = queue.splice(index, 1);
          if (message!.kind === 'failed') throw new Error(`consumer failed: ${message!.error}`);
          return message as Extract<FromConsumer, { kind: K }>;
        }
        if (exited !== undefined) throw new Error(`consumer exited (${exited}) before "${kind}"`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for the consumer's "${kind}"`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1_000);
        });
      }
    },
  };
  child.on('message', (message: FromConsumer) => {
    if (message.kind === 'progress') {
      state.last = message;
      state.maxLag = Math.max(state.maxLag, produced() - message.handled - message.deadLettered);
    } else queue.push(message);
    wake?.();
  });
  child.on('exit', (code, signal) => {
    exited = `code ${code}, signal ${signal}`;
    wake?.();
  });
  return state;
}

async function readDeadLetters(
  kafka: Kafka,
  dlt: string,
  deadline: number,
): Promise<{ seqs: number[]; byStage: Record<string, number> }> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(dlt);
  await admin.disconnect();
  const total = offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  const seqs: number[] = [];
  const byStage: Record<string, number> = {};
  if (total === 0) return { seqs, byStage };
  const consumer = kafka.consumer({
    groupId: `${dlt}.count.${randomBytes(3).toString('hex')}`,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 200,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: dlt, fromBeginning: true });
  let read = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  await consumer.run({
    eachMessage: async ({ message }) => {
      read += 1;
      const info = readDeadLetterHeaders(message.headers ?? {});
      const stage = info?.stage ?? 'unknown';
      byStage[stage] = (byStage[stage] ?? 0) + 1;
      const value = message.value?.toString('utf8') ?? '';
      let seq = Number.NaN;
      try {
        seq =
          stage === 'decode' ? Number(/^garbage #(\d+) /.exec(value)?.[1]) : (JSON.parse(value) as RoutePlanned).seq;
      } catch {
        // Not one of ours: counted, and NaN matches no invalid event.
      }
      seqs.push(seq);
      if (read === total) finish();
    },
  });
  const timeout = setInterval(() => (Date.now() > deadline ? finish() : undefined), 1_000);
  await finished;
  clearInterval(timeout);
  await consumer.disconnect();
  return { seqs, byStage };
}

/**
 * Memory verdict: the heap after a full GC at the end against the heap after a full GC once warmed
 * up (10 % consumed: JIT, kafkajs buffers and connection state are in place by then). Growth within
 * max(8 MiB, 10 %) is noise; RSS is reported and judged the same way against the warm sample, with
 * a wider margin (max(32 MiB, 25 %)) because the allocator keeps freed pages.
 */
function memoryReport(samples: readonly MemorySample[]): SoakResult['memory'] {
  const start = samples.find((s) => s.label === 'start')!;
  const end = samples.find((s) => s.label === 'end')!;
  const warm = samples.find((s) => s.label === 'warm') ?? start;
  const heapGrowth = end.heapUsedMiB - warm.heapUsedMiB;
  const rssGrowth = end.rssMiB - warm.rssMiB;
  const heapOk = heapGrowth <= Math.max(8, warm.heapUsedMiB * 0.1);
  const rssOk = rssGrowth <= Math.max(32, warm.rssMiB * 0.25);
  const verdict =
    heapOk && rssOk
      ? `OK: no growth beyond noise (heap after GC ${round(warm.heapUsedMiB)} → ${round(end.heapUsedMiB)} MiB, RSS ${round(warm.rssMiB)} → ${round(end.rssMiB)} MiB from warm-up to end)`
      : `GROWTH: heap after GC ${round(warm.heapUsedMiB)} → ${round(end.heapUsedMiB)} MiB${heapOk ? '' : ' (beyond max(8 MiB, 10 %))'}, RSS ${round(warm.rssMiB)} → ${round(end.rssMiB)} MiB${rssOk ? '' : ' (beyond max(32 MiB, 25 %))'}`;
  return {
    startRssMiB: round(start.rssMiB),
    warmRssMiB: round(warm.rssMiB),
    endRssMiB: round(end.rssMiB),
    maxRssMiB: round(Math.max(...samples.map((s) => s.rssMiB))),
    startHeapMiB: round(start.heapUsedMiB),
    warmHeapAfterGcMiB: round(warm.heapUsedMiB),
    endHeapAfterGcMiB: round(end.heapUsedMiB),
    maxHeapMiB: round(Math.max(...samples.map((s) => s.heapUsedMiB))),
    heapGrowthMiB: round(heapGrowth),
    rssGrowthMiB: round(rssGrowth),
    samples: samples.length,
    verdict,
  };
}

function printResult(result: SoakResult, connection: string): void {
  const lines = [
    `connection                 ${connection}`,
    `transport                  ${process.env['EVC_TRANSPORT']?.trim() || 'default (EVC_TRANSPORT unset)'}`,
    `events                     ${result.events.toLocaleString('en')} × ${result.eventBytes} B (${result.valid.toLocaleString('en')} valid, ${result.invalid.toLocaleString('en')} invalid), ${result.partitions} partitions, batches of ${result.batch}`,
    `produce                    ${result.produceMsgsPerSec.toLocaleString('en')} msgs/s, ${result.produceMBPerSec} MiB/s (${result.producedSeconds} s)`,
    `consume                    ${result.consumeMsgsPerSec.toLocaleString('en')} msgs/s, ${result.consumeMBPerSec} MiB/s (${result.consumeSeconds} s, first to last record)`,
    `wall                       ${result.wallSeconds} s`,
    `consumer lag (max)         ${result.maxConsumerLag.toLocaleString('en')} events behind the producer`,
    `end-to-end latency         p50 ${result.latencyMs.p50} ms, p90 ${result.latencyMs.p90} ms, p99 ${result.latencyMs.p99} ms, p99.9 ${result.latencyMs.p999} ms, max ${result.latencyMs.max} ms`,
    `valid events               ${result.handled.toLocaleString('en')} handled, ${result.lost} lost, ${result.duplicates} duplicates`,
    `dead letters (read back)   ${result.deadLettersInTopic.toLocaleString('en')} of ${result.invalid.toLocaleString('en')} invalid ${JSON.stringify(result.deadLettersByStage)}${result.deadLettersMatchInvalid ? ', exactly the invalid events' : ', NOT the invalid events'}`,
    `consumer RSS               start ${result.memory.startRssMiB} MiB, warm ${result.memory.warmRssMiB} MiB, end ${result.memory.endRssMiB} MiB, max ${result.memory.maxRssMiB} MiB`,
    `consumer heap              start ${result.memory.startHeapMiB} MiB, warm (after GC) ${result.memory.warmHeapAfterGcMiB} MiB, end (after GC) ${result.memory.endHeapAfterGcMiB} MiB, max ${result.memory.maxHeapMiB} MiB (${result.memory.samples} samples)`,
    `memory verdict             ${result.memory.verdict}`,
    `result                     ${result.ok ? 'OK' : `FAILED: ${result.failures.join('; ')}`}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  const given = process.env['KAFKA_BROKERS'];
  let connection: KafkaConnectionOptions;
  let broker: { brokers: string[]; stop(): Promise<void> } | undefined;
  if (given) {
    connection = kafkaConnectionFromEnv(process.env);
  } else {
    const { startBroker } = await import('../scripts/kafka/broker.js');
    say('starting a local single-node broker (KRaft)');
    // Room for 1 M events of 1 KB in the page cache and a heap that does not slow the broker down.
    const started = await startBroker({ heap: ['-Xms512m', '-Xmx1g'] });
    broker = started;
    connection = { brokers: started.brokers };
    // The consumer process reads its connection from the environment as well.
    process.env['KAFKA_BROKERS'] = started.brokers.join(',');
    say(`broker ${started.brokers.join(',')} (pid ${started.pid}) ready in ${round(started.timings.totalMs / 1000)} s`);
  }
  try {
    const result = await soak(connection, { deleteTopics: broker === undefined });
    printResult(result, describeConnection(connection));
    const file = process.env['SOAK_JSON'];
    if (file) writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    if (broker !== undefined) {
      delete process.env['KAFKA_BROKERS'];
      await broker.stop();
    }
  }
}

if (process.argv[2] === '--consumer') {
  consumerProcess().catch((error: unknown) => {
    process.exitCode = 1;
    process.send?.(
      {
        kind: 'failed',
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies FromConsumer,
      undefined,
      {},
      () => process.disconnect?.(),
    );
  });
} else if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(
        `[soak] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
