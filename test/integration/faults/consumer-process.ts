// A consumer service as its own process, for the SIGKILL test (consumer-kill.test.ts): a receiver
// whose handler appends `H <n> <partition> <offset>` to a file (synchronously, so the line is in
// the file before the record counts as handled), and `B <partition> <first> <last> <size>` when
// kafkajs starts a fetched batch (kafkajs only: the platformatic transport has no batch notice, so there a
// partition's first record in this run stands for its batch start). With FAULTS_BLOCK_AFTER=k, the first record of each partition
// that comes after k handled records and is not the first of its batch blocks its handler forever
// (`S <n> <partition> <offset>`): the parent then kills the process in the middle of batches.
// With FAULTS_RESTART_PROBE=1 it runs on whichever transport EVC_TRANSPORT picks (no kafkajs instrumentation,
// no batch lines) and joins with static membership (FAULTS_INSTANCE_ID as `group.instance.id`, KIP-345) when the
// transport supports it; it writes `STATIC yes|no` first. The crash-restart test measures how soon a restarted
// process handles records again (`START`, `READY` and `FIRST` carry ms since the process started).
// Run as `node --import tsx consumer-process.ts` with the FAULTS_* variables below.
import { appendFileSync, existsSync } from 'node:fs';
import { Kafka, logLevel, type Consumer, type ConsumerConfig } from 'kafkajs';
import {
  createEventReceiver,
  createKafkaTransport,
  route,
  silentLogger,
  stopOnSignals,
  type ManagedEventReceiver,
} from '../../../runtime/index.js';
import { chosenTransportName } from '../../../runtime/transports/transport-choice.js';
import { routeCalculated } from '../../unit/runtime/fixtures.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};
const brokers = env('FAULTS_BROKERS').split(',');
const topic = env('FAULTS_TOPIC');
const groupId = env('FAULTS_GROUP');
const out = env('FAULTS_OUT');
const handlerDelayMs = Number(process.env['FAULTS_HANDLER_DELAY_MS'] ?? '0');
const blockAfter =
  process.env['FAULTS_BLOCK_AFTER'] === undefined ? undefined : Number(process.env['FAULTS_BLOCK_AFTER']);

const write = (line: string) => appendFileSync(out, `${line}\n`);
/** First offset of the batch each partition is working on. */
const batchStart = new Map<number, string>();

// The application's own kafkajs client (the runtime accepts one), instrumented to log batches.
class BatchLoggingKafka extends Kafka {
  override consumer(config: ConsumerConfig): Consumer {
    const consumer = super.consumer(config);
    consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => {
      batchStart.set(payload.partition, payload.firstOffset);
      write(`B ${payload.partition} ${payload.firstOffset} ${payload.lastOffset} ${payload.batchSize}`);
    });
    return consumer;
  }
}

let handledCount = 0;
const blocked = new Set<number>();
/** The session a member without static membership is waited for; the broker's minimum (group.min.session.timeout.ms). */
const SESSION_TIMEOUT_MS = 6_000;
const onKafkajs = process.env['FAULTS_RESTART_PROBE'] !== '1' && chosenTransportName({}) === 'kafkajs';

function restartProbeReceiver(): ManagedEventReceiver {
  const transport = createKafkaTransport({ brokers, logger: silentLogger });
  const instanceId = process.env['FAULTS_INSTANCE_ID'];
  const staticMember = transport.capabilities.supportsStaticMembership && instanceId !== undefined;
  write(`STATIC ${staticMember ? 'yes' : 'no'} ${transport.capabilities.client}`);
  return createEventReceiver({
    transport,
    brokers,
    groupId,
    logger: silentLogger,
    partitionsConsumedConcurrently: 3,
    sessionTimeoutMs: SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: 500,
    ...(staticMember ? { groupInstanceId: instanceId } : {}),
  });
}

const receiver =
  process.env['FAULTS_RESTART_PROBE'] === '1'
    ? restartProbeReceiver()
    : createEventReceiver({
        ...(onKafkajs
          ? { kafka: new BatchLoggingKafka({ clientId: 'evc-faults-child', brokers, logLevel: logLevel.NOTHING }) }
          : { brokers }),
        groupId,
        logger: silentLogger,
        partitionsConsumedConcurrently: 3,
        sessionTimeoutMs: SESSION_TIMEOUT_MS,
        heartbeatIntervalMs: 500,
        // Small fetches, so a batch is a handful of records and the bound below is a real one.
        ...(onKafkajs ? { consumerConfig: { maxWaitTimeInMs: 200, maxBytesPerPartition: 4_096 } } : {}),
      });

// A replacement started ahead of the kill (FAULTS_WAIT_FOR): loaded, it waits for the go file, so the
// measured restart is the group's, not Node's start-up.
const waitFor = process.env['FAULTS_WAIT_FOR'];
if (waitFor !== undefined) {
  write('LOADED');
  while (!existsSync(waitFor)) await new Promise((resolve) => setTimeout(resolve, 10));
}
write(`START ${Math.round(performance.now())}`);
let firstHandled = false;
await receiver.start([
  route(routeCalculated(topic), async (event) => {
    const { partition, offset } = event.record;
    if (!onKafkajs && !batchStart.has(partition)) batchStart.set(partition, offset);
    const n = Number.parseInt(event.payload.routeId.slice(-12), 16);
    if (
      blockAfter !== undefined &&
      handledCount >= blockAfter &&
      !blocked.has(partition) &&
      batchStart.get(partition) !== offset
    ) {
      blocked.add(partition);
      write(`S ${n} ${partition} ${offset}`);
      await new Promise<never>(() => {}); // a handler that never returns: killed here
    }
    if (handlerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, handlerDelayMs));
    if (!firstHandled) {
      firstHandled = true;
      write(`FIRST ${Math.round(performance.now())}`);
    }
    write(`H ${n} ${partition} ${offset}`);
    handledCount += 1;
  }),
]);
write(`READY ${Math.round(performance.now())}`);
stopOnSignals([receiver], { logger: silentLogger });
