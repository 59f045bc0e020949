// What integration tests need to talk to the real broker: its addresses, clients, and topics with
// names of their own (auto-creation is off on the test broker, as on many production clusters).

import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type Kafka, logLevel, type Admin, type ConsumerConfig, type ITopicConfig, type KafkaConfig } from 'kafkajs';
import { newKafkajsClient } from '../../runtime/kafka/kafkajs-client.js';
import { ensureTopics, type KafkaReceiverOptions } from '../../runtime/index.js';
import { chosenTransportName } from '../../runtime/transports/transport-choice.js';
import type { TransportName } from '../../runtime/transports/transport.js';

/** Bootstrap addresses from the global setup (or KAFKA_BROKERS), e.g. `['127.0.0.1:40123']`. */
export function kafkaBrokers(): string[] {
  const provided = inject('kafkaBrokers');
  if (provided !== undefined && provided.length > 0) return provided;
  const fromEnv = (process.env.KAFKA_BROKERS ?? '').split(',').filter((broker) => broker.trim() !== '');
  if (fromEnv.length > 0) return fromEnv;
  throw new Error(
    'No Kafka broker: run the `integration` vitest project (its global setup starts one) or set KAFKA_BROKERS',
  );
}

/** A kafkajs client on the test broker; quiet (WARN) unless `config.logLevel` says otherwise. */
export function kafkaClient(clientId = 'evc-test', config: Partial<KafkaConfig> = {}): Kafka {
  return newKafkajsClient({ clientId, brokers: kafkaBrokers(), logLevel: logLevel.WARN, ...config });
}

/** Run `fn` with a connected admin client, disconnecting afterwards. */
export async function withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafkaClient('evc-test-admin').admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Create topics (replication factor 1) and wait until their partitions have leaders, with the product's own
 * `ensureTopics` (what `evc topics --create` runs). Topics that already exist are left as they are.
 */
export async function createTopics(
  names: readonly string[],
  partitions = 3,
  configEntries: ITopicConfig['configEntries'] = [],
): Promise<void> {
  const config = Object.fromEntries((configEntries ?? []).map(({ name, value }) => [name, value]));
  await ensureTopics({
    brokers: kafkaBrokers(),
    topics: names.map((topic) => ({ topic, partitions, replicas: 1, config })),
  });
}

/** Delete topics, ignoring ones that do not exist. */
export async function deleteTopics(names: readonly string[]): Promise<void> {
  await withAdmin(async (admin) => {
    const existing = new Set(await admin.listTopics());
    const topics = names.filter((name) => existing.has(name));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  });
}

/**
 * A topic name no other test (or earlier run against the same broker) uses: `<prefix>.<time>-<random>`,
 * with the prefix reduced to Kafka's legal characters.
 */
export function uniqueTopic(prefix = 'test'): string {
  const safe = prefix.replace(/[^a-zA-Z0-9._-]/g, '-').slice(0, 200) || 'test';
  return `${safe}.${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/**
 * The client the runtime runs on in this test run (`EVC_TRANSPORT`, set per vitest project): tests that pass
 * client-specific settings, or assert a client's own behaviour, ask it.
 */
export function testTransportName(): TransportName {
  return chosenTransportName({});
}

/**
 * Group timing for a test's receiver on the transport under test: the neutral settings always, kafkajs' own
 * fetch tuning only when kafkajs runs (the platformatic transport refuses kafkajs settings).
 */
export function groupTiming(
  timing: { sessionTimeoutMs?: number; heartbeatIntervalMs?: number; rebalanceTimeoutMs?: number },
  kafkajsOnly: Omit<ConsumerConfig, 'groupId' | 'sessionTimeout' | 'heartbeatInterval' | 'rebalanceTimeout'> = {
    maxWaitTimeInMs: 200,
  },
): Pick<KafkaReceiverOptions, 'sessionTimeoutMs' | 'heartbeatIntervalMs' | 'rebalanceTimeoutMs' | 'consumerConfig'> {
  return { ...timing, ...(testTransportName() === 'kafkajs' ? { consumerConfig: kafkajsOnly } : {}) };
}
