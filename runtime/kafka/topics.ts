// Creates the topics a registry needs and reports how the existing ones differ from what the
// contracts declare. A missing dead-letter topic is what pauses a partition at the worst moment
// (the record cannot be parked, so it is not committed); creating them with the event topics, before
// the services start, removes that failure. Existing topics are never altered: fewer partitions than
// declared is reported, because changing a live topic's partitions moves keys between partitions
// and is an operator's decision.
import type { Admin } from 'kafkajs';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { kafkaClientOf, type KafkaConnectionOptions } from './connection.js';

export interface TopicSpec {
  readonly topic: string;
  /** Undefined: the broker's default (`num.partitions`). */
  readonly partitions?: number;
  /** Undefined: the broker's default (`default.replication.factor`). */
  readonly replicas?: number;
  readonly config?: Readonly<Record<string, string>>;
}

export interface ExistingTopic {
  readonly topic: string;
  readonly partitions: number;
  /** Declared partitions when they differ from the topic's. */
  readonly declaredPartitions?: number;
}

export interface EnsureTopicsResult {
  readonly created: readonly string[];
  readonly existing: readonly ExistingTopic[];
}

export interface EnsureTopicsOptions extends KafkaConnectionOptions {
  readonly topics: readonly TopicSpec[];
  readonly logger?: Logger;
  /** How long the broker may take to elect leaders for new topics; default 30 s. */
  readonly timeoutMs?: number;
}

export async function ensureTopics(options: EnsureTopicsOptions): Promise<EnsureTopicsResult> {
  const admin = kafkaClientOf(options, options.logger ?? silentLogger, 'evc-topics').admin();
  await admin.connect();
  try {
    const present = new Set(await admin.listTopics());
    const missing = options.topics.filter((spec) => !present.has(spec.topic));
    if (missing.length > 0) {
      const timeoutMs = options.timeoutMs ?? 30_000;
      // kafkajs's own waitForLeaders asks one broker once it answers, and gives up on the first
      // UNKNOWN_TOPIC_OR_PARTITION: in KRaft every broker learns of a new topic on its own schedule, so on a
      // cluster that error is the normal "not yet". Wait for the leaders here instead, treating it as such.
      await admin.createTopics({
        waitForLeaders: false,
        timeout: timeoutMs,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          // -1 asks the broker for its default (KIP-464, Kafka 2.4+).
          numPartitions: spec.partitions ?? -1,
          replicationFactor: spec.replicas ?? -1,
          configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
      await waitForLeaders(
        admin,
        missing.map((spec) => spec.topic),
        timeoutMs,
      );
    }
    const kept = options.topics.filter((spec) => present.has(spec.topic));
    const metadata =
      kept.length === 0 ? { topics: [] } : await admin.fetchTopicMetadata({ topics: kept.map((spec) => spec.topic) });
    const partitionsOf = new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
    const existing = kept.map((spec): ExistingTopic => {
      const partitions = partitionsOf.get(spec.topic) ?? 0;
      return {
        topic: spec.topic,
        partitions,
        ...(spec.partitions !== undefined && spec.partitions !== partitions
          ? { declaredPartitions: spec.partitions }
          : {}),
      };
    });
    return { created: missing.map((spec) => spec.topic), existing };
  } finally {
    await admin.disconnect();
  }
}

/** How often the metadata is asked again while a new topic's partitions have no leader yet. */
const LEADER_POLL_MS = 100;

/**
 * Resolves once every partition of every topic has a leader that serves it: named in the cluster's metadata, and
 * answering for its offsets (KRaft publishes a leader in the metadata a moment before the broker takes the partition
 * on, and answers NOT_LEADER_OR_FOLLOWER meanwhile). Errors count as "not yet". Rejects after `timeoutMs` naming the
 * topics still without leaders, and the last error seen.
 */
export async function waitForLeaders(admin: Admin, topics: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lastError: string;
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      const led = new Set(
        metadata.topics
          .filter((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0))
          .map((topic) => topic.name),
      );
      if (topics.every((topic) => led.has(topic))) {
        for (const topic of topics) await admin.fetchTopicOffsets(topic);
        return;
      }
      lastError = `without a leader: ${topics.filter((topic) => !led.has(topic)).join(', ')}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline)
      throw new Error(`new topics had no partition leaders after ${timeoutMs} ms (${lastError})`);
    await new Promise((resolve) => setTimeout(resolve, LEADER_POLL_MS));
  }
}
