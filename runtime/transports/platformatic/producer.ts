// TransportProducer on @platformatic/kafka: idempotent with acks=all by default, one `send` per batch, and keys
// partitioned exactly as Java's and kafkajs' producers do (murmur2 of the key bytes, sign bit cleared), so a key
// lands on the same partition whichever client sent it. Records without a key go round-robin.
import { murmur2, Producer, ProduceAcks, type MessageToProduce } from '@platformatic/kafka';
import type { WireRecord } from '../../contract.js';
import type { TransportProducer, TransportProducerSettings } from '../transport.js';
import type { PlatformaticClientOptions } from './connection.js';
import { headerNameBytes } from './header-names.js';

const DEFAULT_RETRIES = 10;

/** Java's `Utils.toPositive(Utils.murmur2(key)) % partitions`; the client applies the modulo. */
export function keyPartition(key: Buffer): number {
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
): TransportProducer & { readonly producer: Producer } {
  const idempotent = settings.idempotent ?? true;
  let roundRobin = 0;
  const producer = new Producer({
    // The client retries an idempotent producer's sends forever unless told otherwise, even after errors no retry
    // can fix; a bounded number (about as long as kafkajs' default retries) lets the caller see the failure.
    ...client,
    // ≤ 1 would mean "forever" to the client's idempotent producer.
    retries: Math.max(client.retries ?? DEFAULT_RETRIES, 2),
    ...(settings.ackTimeoutMs === undefined ? {} : { timeout: settings.ackTimeoutMs }),
    idempotent,
    acks: ProduceAcks.ALL,
    autocreateTopics: false,
    partitioner: (_message, key) => (key === undefined ? roundRobin++ & 0x7fffffff : keyPartition(key)),
  });
  let connecting: Promise<void> | undefined;
  const connect = (): Promise<void> => {
    // The client connects on first use; asking for metadata proves the brokers answer. A failed attempt is
    // forgotten so the next call tries again.
    connecting ??= producer
      .metadata({ topics: [] })
      .then(() => undefined)
      .catch((error: unknown) => {
        connecting = undefined;
        throw error;
      });
    return connecting;
  };
  return {
    producer,
    connect,
    async send(topic: string, records: readonly WireRecord[]) {
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
      await producer.send({ messages });
    },
    async disconnect() {
      connecting = undefined;
      await producer.close();
    },
  };
}
