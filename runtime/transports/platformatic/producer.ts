// TransportProducer on @platformatic/kafka: idempotent with acks=all by default, one `send` per batch, and keys
// partitioned exactly as Java's and kafkajs' producers do (murmur2 of the key bytes, sign bit cleared), so a key
// lands on the same partition whichever client sent it. Records without a key go round-robin.
import type { GenericError, MessageToProduce, Producer } from '@platformatic/kafka';
import type { WireRecord } from '../../contract.js';
import type { TransportProducer, TransportProducerSettings } from '../transport.js';
import { loadPlatformaticKafka, type PlatformaticKafka } from './client-module.js';
import type { PlatformaticClientOptions } from './connection.js';
import { headerNameBytes } from './header-names.js';

/**
 * How long a send goes on asking for the partition's new leader after the old one's broker went away. The
 * client retries a produce on the broker it resolved first (only Kafka's "not leader" answers make it re-read
 * the metadata; a refused connection does not), so a dead leader held every send for its whole retry budget.
 */
const LEADER_FAILOVER_BUDGET_MS = 30_000;
/** Client retries of one attempt: enough for a blip, few enough that a dead broker is given up on quickly. */
const ATTEMPT_RETRIES = 2;
const ATTEMPT_RETRY_DELAY_MS = 250;
const FAILOVER_BACKOFF_MS = [100, 250, 500, 1_000] as const;

/** A connection to the broker failed (not a Kafka error answer): the leader may have moved. */
function isBrokerGone(client: PlatformaticKafka, error: unknown): boolean {
  if (!(error instanceof Error) || !client.GenericError.isGenericError(error)) return false;
  const found = (error as GenericError).findBy('code', client.NetworkError.code);
  return found !== null && found !== undefined;
}

/** Java's `Utils.toPositive(Utils.murmur2(key)) % partitions`; the client applies the modulo. */
export function keyPartition(murmur2: PlatformaticKafka['murmur2'], key: Buffer): number {
  return murmur2(key) & 0x7fffffff;
}

function headerMap(headers: Readonly<Record<string, Buffer>>): Map<Buffer, Buffer> {
  const out = new Map<Buffer, Buffer>();
  for (const name in headers) if (Object.hasOwn(headers, name)) out.set(headerNameBytes(name), headers[name]!);
  return out;
}

export function createPlatformaticProducer(
  client: PlatformaticClientOptions,
  settings: TransportProducerSettings = {},
): TransportProducer {
  const idempotent = settings.idempotent ?? true;
  let roundRobin = 0;
  // Built on first use (see client-module.ts); a failed load is forgotten so the next call tries again.
  let opening: Promise<{ readonly kafka: PlatformaticKafka; readonly producer: Producer }> | undefined;
  const open = (): Promise<{ readonly kafka: PlatformaticKafka; readonly producer: Producer }> => {
    opening ??= loadPlatformaticKafka().then(
      (kafka) => ({
        kafka,
        producer: new kafka.Producer({
          // The client retries an idempotent producer's sends forever unless told otherwise, even after errors no
          // retry can fix; a bounded number (about as long as kafkajs' default retries) lets the caller see the failure.
          ...client,
          // ≤ 1 would mean "forever" to the client's idempotent producer. The rest of the default budget is spent in
          // `send`, with fresh metadata each time (see LEADER_FAILOVER_BUDGET_MS).
          retries: Math.max(client.retries ?? ATTEMPT_RETRIES, 2),
          retryDelay: client.retryDelay ?? ATTEMPT_RETRY_DELAY_MS,
          ...(settings.ackTimeoutMs === undefined ? {} : { timeout: settings.ackTimeoutMs }),
          idempotent,
          acks: kafka.ProduceAcks.ALL,
          autocreateTopics: false,
          partitioner: (_message, key) =>
            key === undefined ? roundRobin++ & 0x7fffffff : keyPartition(kafka.murmur2, key),
        }),
      }),
      (error: unknown) => {
        opening = undefined;
        throw error;
      },
    );
    return opening;
  };
  let connecting: Promise<void> | undefined;
  const connect = (): Promise<void> => {
    // The client connects on first use; asking for metadata proves the brokers answer. A failed attempt is
    // forgotten so the next call tries again.
    connecting ??= open()
      .then(({ producer }) => producer.metadata({ topics: [] }))
      .then(() => undefined)
      .catch((error: unknown) => {
        connecting = undefined;
        throw error;
      });
    return connecting;
  };
  return {
    connect,
    async send(topic: string, records: readonly WireRecord[]) {
      const { kafka, producer } = await open();
      const messages: MessageToProduce[] = new Array<MessageToProduce>(records.length);
      for (let i = 0; i < records.length; i++) {
        const record = records[i]!;
        messages[i] = {
          topic,
          headers: headerMap(record.headers),
          ...(record.key === null ? {} : { key: record.key }),
          ...(record.value === null ? {} : { value: record.value }),
        };
      }
      const deadline = Date.now() + LEADER_FAILOVER_BUDGET_MS;
      for (let attempt = 0; ; attempt++) {
        try {
          await producer.send({ messages });
          return;
        } catch (error) {
          if (!isBrokerGone(kafka, error) || Date.now() >= deadline) throw error;
          // Idempotent sequences advance only on success: sending the batch again cannot skip a sequence number.
          producer.clearMetadata();
          const backoff = FAILOVER_BACKOFF_MS[Math.min(attempt, FAILOVER_BACKOFF_MS.length - 1)]!;
          await new Promise((resolve) => setTimeout(resolve, backoff));
        }
      }
    },
    async disconnect() {
      connecting = undefined;
      // Never opened: nothing to close, and no reason to load the client now.
      if (opening === undefined) return;
      const { producer } = await opening;
      await producer.close();
    },
  };
}
