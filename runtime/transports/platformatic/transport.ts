// The runtime's transport on @platformatic/kafka 1.x (pure JavaScript, maintained): static membership and an
// idempotent producer, but pause only for a consumer's whole stream. The 1.x line is used because 2.x needs
// Node 22+ and the runtime supports Node 20.19+.
import type { KafkaConnectionOptions } from '../../kafka/connection.js';
import type { KafkajsSettings } from '../kafkajs/transport.js';
import type { KafkaTransport, TransportCapabilities } from '../transport.js';
import { platformaticClientOptions } from './connection.js';
import { DEFAULT_FETCH, PlatformaticConsumerTransport, type PlatformaticFetchSettings } from './consumer.js';
import { createPlatformaticProducer } from './producer.js';

/** The pinned client version (package.json); test/unit/runtime/transport-choice.test.ts keeps them equal. */
export const PLATFORMATIC_KAFKA_VERSION = '1.35.0';

export const PLATFORMATIC_CAPABILITIES: TransportCapabilities = {
  client: 'platformatic',
  clientVersion: `@platformatic/kafka ${PLATFORMATIC_KAFKA_VERSION}`,
  supportsPartitionPause: false,
  supportsStaticMembership: true,
  supportsIdempotentProducer: true,
  supportsConsumerGroupProtocol: true,
};

/** The first kafkajs client setting given that this client has no counterpart for, if any. */
export function kafkajsOnlySetting(options: KafkajsSettings): string | undefined {
  return (['consumerConfig', 'producerConfig', 'compression'] as const).find((name) => options[name] !== undefined);
}

export function platformaticTransport(
  options: KafkaConnectionOptions & KafkajsSettings & { readonly fetch?: Partial<PlatformaticFetchSettings> },
  defaultClientId: string,
): KafkaTransport {
  if (options.kafka !== undefined)
    throw new TypeError('the platformatic transport cannot use a kafkajs `kafka` client; give `brokers` instead');
  const kafkajsOnly = kafkajsOnlySetting(options);
  if (kafkajsOnly !== undefined)
    throw new TypeError(`${kafkajsOnly}: a kafkajs setting; the platformatic transport does not take it`);
  const client = platformaticClientOptions(options, defaultClientId);
  const fetch = { ...DEFAULT_FETCH, ...options.fetch };
  return {
    capabilities: PLATFORMATIC_CAPABILITIES,
    producer: (settings) => createPlatformaticProducer(client, settings),
    consumer: (settings) => new PlatformaticConsumerTransport(client, settings, fetch),
  };
}
