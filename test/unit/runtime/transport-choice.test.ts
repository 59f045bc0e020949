// Which client the runtime runs on (option, EVC_TRANSPORT, default), what each transport says it supports, and how
// connection settings reach @platformatic/kafka: refused by name when it cannot honour them.
import { readFileSync } from 'node:fs';
import { murmur2 } from '@platformatic/kafka';
import { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createKafkaTransport, DEFAULT_TRANSPORT, silentLogger } from '../../../runtime/index.js';
import { platformaticClientOptions } from '../../../runtime/transports/platformatic/connection.js';
import { keyPartition } from '../../../runtime/transports/platformatic/producer.js';
import { PLATFORMATIC_KAFKA_VERSION } from '../../../runtime/transports/platformatic/transport.js';
import { chosenTransportName } from '../../../runtime/transports/transport-choice.js';

describe('chosenTransportName', () => {
  const cases: [string, Parameters<typeof chosenTransportName>[0], Record<string, string>, string][] = [
    ['default', {}, {}, DEFAULT_TRANSPORT],
    ['environment', {}, { EVC_TRANSPORT: 'platformatic' }, 'platformatic'],
    ['blank environment is unset', {}, { EVC_TRANSPORT: '  ' }, DEFAULT_TRANSPORT],
    ['option wins over environment', { transport: 'kafkajs' }, { EVC_TRANSPORT: 'platformatic' }, 'kafkajs'],
    [
      'a kafkajs client keeps kafkajs',
      { kafka: new Kafka({ brokers: ['x:1'] }) },
      { EVC_TRANSPORT: 'platformatic' },
      'kafkajs',
    ],
    ['the default is @platformatic/kafka', { brokers: ['x:1'] }, {}, 'platformatic'],
    ['kafkajs consumer settings keep kafkajs', { consumerConfig: { sessionTimeout: 10_000 } }, {}, 'kafkajs'],
    ['kafkajs producer settings keep kafkajs', { producerConfig: { maxInFlightRequests: 1 } }, {}, 'kafkajs'],
    [
      'a kafkajs connection setting without a platformatic counterpart keeps kafkajs',
      { kafkaConfig: { enforceRequestTimeout: true } },
      {},
      'kafkajs',
    ],
    [
      'a SASL mechanism only kafkajs speaks keeps kafkajs',
      {
        kafkaConfig: { sasl: { mechanism: 'aws', authorizationIdentity: 'a', accessKeyId: 'k', secretAccessKey: 's' } },
      },
      {},
      'kafkajs',
    ],
    [
      'connection settings both clients honour stay on the default',
      {
        kafkaConfig: {
          ssl: true,
          sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
          connectionTimeout: 3_000,
          logLevel: 0,
        },
      },
      {},
      'platformatic',
    ],
    [
      'a named client wins over kafkajs settings (and refuses them when they cannot run)',
      { consumerConfig: { sessionTimeout: 10_000 } },
      { EVC_TRANSPORT: 'platformatic' },
      'platformatic',
    ],
  ];
  it.each(cases)('%s', (_name, choice, env, expected) => {
    expect(chosenTransportName(choice, env)).toBe(expected);
  });

  it('names the variable and the allowed values for an unknown client', () => {
    expect(() => chosenTransportName({}, { EVC_TRANSPORT: 'rdkafka' })).toThrow(
      'EVC_TRANSPORT=rdkafka: unknown client; use one of kafkajs, platformatic',
    );
    expect(() => chosenTransportName({ transport: 'rdkafka' as never }, {})).toThrow("unknown client 'rdkafka'");
  });
});

describe('transports', () => {
  it('say what they support', () => {
    const kafkajs = createKafkaTransport({ brokers: ['127.0.0.1:9'], transport: 'kafkajs', logger: silentLogger });
    const platformatic = createKafkaTransport({ brokers: ['127.0.0.1:9'], transport: 'platformatic' });
    expect(kafkajs.capabilities).toMatchObject({ client: 'kafkajs', supportsPartitionPause: true });
    expect(kafkajs.capabilities.supportsStaticMembership).toBe(false);
    expect(platformatic.capabilities).toMatchObject({ client: 'platformatic', supportsStaticMembership: true });
    expect(platformatic.capabilities.supportsPartitionPause).toBe(false);
  });

  it('report the installed @platformatic/kafka version', () => {
    const installed = JSON.parse(readFileSync('node_modules/@platformatic/kafka/package.json', 'utf8')) as {
      version: string;
    };
    expect(PLATFORMATIC_KAFKA_VERSION).toBe(installed.version);
  });

  it('refuse settings of the other client instead of ignoring them', () => {
    expect(() =>
      createKafkaTransport({
        brokers: ['127.0.0.1:9'],
        transport: 'platformatic',
        consumerConfig: { maxWaitTimeInMs: 1 },
      }),
    ).toThrow('consumerConfig: a kafkajs setting');
    expect(() =>
      platformaticClientOptions({ brokers: ['h:1'], kafkaConfig: { enforceRequestTimeout: true } }, 'evc'),
    ).toThrow('kafkaConfig.enforceRequestTimeout');
  });

  it('translate ssl, sasl and timeouts for @platformatic/kafka', () => {
    expect(
      platformaticClientOptions(
        {
          brokers: ['h:1'],
          clientId: 'svc',
          kafkaConfig: {
            ssl: true,
            sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
            connectionTimeout: 1_000,
            retry: { retries: 4, initialRetryTime: 50 },
          },
        },
        'evc',
      ),
    ).toEqual({
      clientId: 'svc',
      bootstrapBrokers: ['h:1'],
      tls: {},
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'u', password: 'p' },
      connectTimeout: 1_000,
      retries: 4,
      retryDelay: 50,
    });
  });

  it('partition keys as Java does (murmur2 with the sign bit cleared)', () => {
    // Values from Kafka's Utils.murmur2 test vectors, sign bit cleared (Utils.toPositive).
    expect(keyPartition(murmur2, Buffer.from('21'))).toBe(-973932308 & 0x7fffffff);
    expect(keyPartition(murmur2, Buffer.from('foobar'))).toBe(-790332482 & 0x7fffffff);
  });
});
