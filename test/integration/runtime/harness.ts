// Shared pieces of the runtime's integration tests: descriptors, a quiet receiver on the test
// broker with small backoffs, raw kafkajs producing, and waiting for a condition.
import { type Kafka, logLevel, type Producer } from 'kafkajs';
import { newKafkajsClient } from '../../../runtime/kafka/kafkajs-client.js';
import {
  createEventReceiver,
  silentLogger,
  type KafkaReceiverOptions,
  type ManagedEventReceiver,
} from '../../../runtime/index.js';
import { groupTiming, kafkaBrokers } from '../kafka.js';

export { CORRELATION_ID, routeCalculated, validRoute, type RouteCalculated } from '../../unit/runtime/fixtures.js';

export function testKafka(clientId = 'evc-runtime-it'): Kafka {
  return newKafkajsClient({ clientId, brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
}

/** A receiver on the test broker: quiet, fast retries, short redelivery pauses. */
export function testReceiver(options: Partial<KafkaReceiverOptions> & { groupId: string }): ManagedEventReceiver {
  return createEventReceiver({
    brokers: kafkaBrokers(),
    logger: silentLogger,
    retry: { initialDelayMs: 20, maxDelayMs: 100 },
    redelivery: { initialDelayMs: 200, maxDelayMs: 1_000 },
    ...groupTiming({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 }),
    ...options,
  });
}

export async function rawProducer(): Promise<Producer> {
  const producer = testKafka('evc-raw-producer').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  return producer;
}

/** Polls until `check` returns true; fails with `describe()` after the timeout. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  describe: () => string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** End offsets of every partition of a topic, summed: how many records it holds. */
export async function recordCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Offsets a group committed on a topic, by partition (-1: none). */
export async function committedOffsets(kafka: Kafka, groupId: string, topic: string): Promise<Record<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries((entry?.partitions ?? []).map(({ partition, offset }) => [partition, offset]));
  } finally {
    await admin.disconnect();
  }
}
