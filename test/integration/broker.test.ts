// The test broker itself: kafkajs 2.2.4 talks to Kafka 3.9 (produce, consume in a group, admin),
// auto-creation is off, and a broker of a test's own survives stop/start with its data.

import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { newKafkajsClient } from '../../runtime/kafka/kafkajs-client.js';
import { QUICK_CRASH_RECOVERY_PROPERTIES, startBroker, type RunningBroker } from '../../scripts/kafka/broker.js';
import { createTopics, deleteTopics, kafkaBrokers, kafkaClient, uniqueTopic, withAdmin } from './kafka.js';

interface Received {
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: string;
}

/** Consume `topic` from the beginning in a fresh group until `count` messages arrived. */
async function consumeAll(kafka: Kafka, topic: string, count: number, timeoutMs = 30_000): Promise<Received[]> {
  const consumer: Consumer = kafka.consumer({ groupId: uniqueTopic('group'), sessionTimeout: 10_000 });
  const received: Received[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`received ${received.length}/${count} messages from ${topic} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            received.push({
              partition,
              offset: message.offset,
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
            });
            if (received.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

async function produce(producer: Producer, topic: string, keys: readonly string[]): Promise<void> {
  await producer.send({
    topic,
    acks: -1,
    messages: keys.map((key, i) => ({ key, value: JSON.stringify({ key, seq: i }), headers: { ce_type: 'Test' } })),
  });
}

describe('test broker (shared, from the global setup)', () => {
  it('answers describeCluster with one broker on the advertised address', async () => {
    const [address] = kafkaBrokers();
    const cluster = await withAdmin((admin) => admin.describeCluster());
    expect(cluster.brokers).toHaveLength(1);
    expect(`${cluster.brokers[0]?.host}:${cluster.brokers[0]?.port}`).toBe(address);
    expect(cluster.controller).toBe(1);
    // The global setup also hands the addresses to code that reads the environment.
    expect(process.env.KAFKA_BROKERS).toBe(kafkaBrokers().join(','));
  });

  it('produces and consumes keyed messages with kafkajs, in key order per partition', async () => {
    const topic = uniqueTopic('broker-test.orders');
    await createTopics([topic], 3);
    const kafka = kafkaClient('broker-test');
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const keys = ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'd', 'e', 'a'];
    try {
      await produce(producer, topic, keys);
    } finally {
      await producer.disconnect();
    }

    const received = await consumeAll(kafka, topic, keys.length);
    expect(received.map((m) => m.key).sort()).toEqual([...keys].sort());
    // Same key → same partition, in the order produced.
    const seqOfA = received.filter((m) => m.key === 'a').map((m) => (JSON.parse(m.value) as { seq: number }).seq);
    expect(seqOfA).toEqual([0, 3, 6, 9]);
    expect(new Set(received.filter((m) => m.key === 'a').map((m) => m.partition)).size).toBe(1);
    await deleteTopics([topic]);
  });

  it('creates and deletes topics with the admin client', async () => {
    const topic = uniqueTopic('broker-test.lifecycle');
    await createTopics([topic], 2, [{ name: 'retention.ms', value: '60000' }]);
    await withAdmin(async (admin) => {
      expect(await admin.listTopics()).toContain(topic);
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(metadata.topics[0]?.partitions).toHaveLength(2);
      await admin.deleteTopics({ topics: [topic] });
      await expect.poll(() => admin.listTopics(), { timeout: 10_000 }).not.toContain(topic);
    });
  });

  it('does not create topics on first use (auto.create.topics.enable=false)', async () => {
    const topic = uniqueTopic('broker-test.missing');
    const admin = kafkaClient('broker-test-noretry', { retry: { retries: 0 }, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await expect(admin.fetchTopicMetadata({ topics: [topic] })).rejects.toThrow(/does not host this topic-partition/);
      expect(await admin.listTopics()).not.toContain(topic);
    } finally {
      await admin.disconnect();
    }
  });
});

describe('a broker of its own, stopped and started again', () => {
  let broker: RunningBroker | undefined;
  afterAll(async () => {
    await broker?.stop();
  });

  it('keeps ports and data across a clean stop and a crash', async () => {
    broker = await startBroker({ properties: QUICK_CRASH_RECOVERY_PROPERTIES });
    expect(broker.brokers).not.toEqual(kafkaBrokers());
    const kafka = newKafkajsClient({
      clientId: 'broker-test-restart',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 20, initialRetryTime: 200, maxRetryTime: 2_000 },
    });
    const topic = uniqueTopic('broker-test.restart');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();

    // The producer stays connected across both restarts and reconnects by itself.
    const producer = kafka.producer();
    await producer.connect();
    try {
      await produce(producer, topic, ['before']);
      const firstPid = broker.pid;
      await broker.stopProcess();
      expect(broker.isRunning()).toBe(false);
      await broker.startAgain();
      expect(broker.pid).not.toBe(firstPid);
      await produce(producer, topic, ['after-clean-stop']);

      await broker.restart({ signal: 'SIGKILL' });
      await produce(producer, topic, ['after-crash']);
    } finally {
      await producer.disconnect();
    }

    const received = await consumeAll(kafka, topic, 3);
    expect(received.map((m) => m.key)).toEqual(['before', 'after-clean-stop', 'after-crash']);
    expect(received.map((m) => m.offset)).toEqual(['0', '1', '2']);

    const { dataDir } = broker;
    await broker.stop();
    expect(broker.isRunning()).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });
});
