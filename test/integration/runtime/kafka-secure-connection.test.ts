// Connecting to a cluster that wants TLS and SASL: a dedicated local broker with, next to its usual
// PLAINTEXT listener, a SASL_PLAINTEXT one (PLAIN users in its JAAS config, SCRAM-SHA-256/512 users
// created with kafka-configs), an SSL one that requires client certificates, and a SASL_SSL one
// (SCRAM-SHA-512), with a CA and certificates made by openssl for this run. Clients are configured
// only through KAFKA_* variables. Events go through the validating sender and the receiver, `evc
// dlq inspect` reads the dead-letter topic, wrong passwords and missing certificates are refused,
// and not one log line (kafkajs at DEBUG) holds a password, the client key or its passphrase.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { logLevel } from 'kafkajs';
import { registerDlqCommand } from '../../../generator/cli/commands/dlq.js';
import { DEFAULT_KAFKA_HOME, startBroker, type RunningBroker } from '../../../scripts/kafka/broker.js';
import { kafkaClientOf } from '../../../runtime/kafka/connection.js';
import {
  createConsoleLogger,
  createEventReceiver,
  createKafkaEventSender,
  describeConnection,
  kafkaConnectionFromEnv,
  route,
  silentLogger,
  type KafkaConnectionOptions,
  type Logger,
} from '../../../runtime/index.js';
import { groupTiming } from '../kafka.js';
import { CORRELATION_ID, routeCalculated, validRoute, waitUntil } from './harness.js';

const USERS = { alice: 'alice-Pl41n-s3cret', bob: 'bob-Scr4m-s3cret' } as const;
const WRONG = 'not-the-Right-passw0rd';
const KEY_PASSPHRASE = 'client-Key-pa55phrase';
const SECRETS = [USERS.alice, USERS.bob, WRONG, KEY_PASSPHRASE];

let broker: RunningBroker | undefined;
let saslBroker = '';
let sslBroker = '';
let saslSslBroker = '';
const dir = mkdtempSync(join(tmpdir(), 'evc-secure-it-'));
const pem = (name: string): string => join(dir, name);
const lines: string[] = [];
const logger: Logger = createConsoleLogger('debug', (line) => lines.push(line));

function freePort(avoid: readonly number[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') return reject(new Error('no port'));
        resolve(avoid.includes(address.port) ? freePort(avoid) : address.port);
      });
    });
  });
}

/**
 * `kafka-configs --alter --add-config SCRAM-…` with the broker's own jars (kafkajs cannot create SCRAM
 * users). One mechanism per call: Kafka refuses two credentials of one user in one request.
 */
function addScramUser(
  bootstrap: string,
  mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512',
  user: string,
  password: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java',
      [
        '-XX:TieredStopAtLevel=1',
        '-Xmx128m',
        `-Dlog4j.configuration=file:${join(import.meta.dirname, '../../../scripts/kafka/log4j.properties')}`,
        '-cp',
        join(DEFAULT_KAFKA_HOME, 'libs', '*'),
        'kafka.admin.ConfigCommand',
        '--bootstrap-server',
        bootstrap,
        '--alter',
        '--add-config',
        `${mechanism}=[iterations=4096,password=${password}]`,
        '--entity-type',
        'users',
        '--entity-name',
        user,
      ],
      (error, stdout, stderr) =>
        error ? reject(new Error(`kafka-configs failed: ${error.message}\n${stdout}${stderr}`)) : resolve(),
    );
  });
}

function openssl(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd: dir }, (error, _stdout, stderr) =>
      error ? reject(new Error(`openssl ${args[0]} failed: ${error.message}\n${stderr}`)) : resolve(),
    );
  });
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate whose key is encrypted (EC P-256, two days). */
async function makeCertificates(): Promise<void> {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-noenc'];
  await openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=evc-test-ca');
  writeFileSync(pem('server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  for (const [name, subject, ext] of [
    ['server', '/CN=127.0.0.1', ['-extfile', 'server.ext']],
    ['client', '/CN=evc-client', []],
  ] as const) {
    await openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    await openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      ...ext,
    );
  }
  // The broker's PEM key store: its (unencrypted PKCS#8) key, then its certificate.
  writeFileSync(
    pem('server-keystore.pem'),
    `${readFileSync(pem('server.key'), 'utf8')}${readFileSync(pem('server.pem'), 'utf8')}`,
  );
  await openssl(
    'pkcs8',
    '-topk8',
    '-in',
    'client.key',
    '-out',
    'client-encrypted.key',
    '-v2',
    'aes-256-cbc',
    '-passout',
    `pass:${KEY_PASSPHRASE}`,
  );
}

const tlsEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
  KAFKA_BROKERS: sslBroker,
  KAFKA_SSL_CA_FILE: pem('ca.pem'),
  KAFKA_SSL_CERT_FILE: pem('client.pem'),
  KAFKA_SSL_KEY_FILE: pem('client-encrypted.key'),
  KAFKA_SSL_KEY_PASSPHRASE: KEY_PASSPHRASE,
  ...extra,
});

const env = (mechanism: string, user: keyof typeof USERS, password: string = USERS[user]): Record<string, string> => {
  const passwordFile = join(dir, `${user}-${mechanism}.password`);
  writeFileSync(passwordFile, `${password}\n`);
  return {
    KAFKA_BROKERS: saslBroker,
    KAFKA_CLIENT_ID: `evc-sasl-${mechanism}`,
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: user,
    KAFKA_SASL_PASSWORD_FILE: passwordFile,
  };
};

/** kafkajs at DEBUG through the runtime's log creator: every request, response and auth step. */
const debugClient = (connection: KafkaConnectionOptions) =>
  kafkaClientOf(
    {
      ...connection,
      kafkaConfig: {
        ...connection.kafkaConfig,
        logLevel: logLevel.DEBUG,
        retry: { retries: 1, initialRetryTime: 100 },
      },
    },
    logger,
    'evc-sasl-it',
  );

beforeAll(async () => {
  await makeCertificates();
  const ports: number[] = [];
  for (let i = 0; i < 5; i += 1) ports.push(await freePort(ports));
  const [port, controllerPort, saslPort, sslPort, saslSslPort] = ports as [number, number, number, number, number];
  const scram = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
  const listeners = { PLAINTEXT: port, SASL_PLAINTEXT: saslPort, SSL: sslPort, SASL_SSL: saslSslPort };
  const advertised = Object.entries(listeners).map(([name, at]) => `${name}://127.0.0.1:${at}`);
  broker = await startBroker({
    port,
    controllerPort,
    properties: {
      listeners: [...advertised, `CONTROLLER://127.0.0.1:${controllerPort}`].join(','),
      'advertised.listeners': advertised.join(','),
      'listener.security.protocol.map':
        'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL',
      'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
      'listener.name.sasl_plaintext.plain.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="${USERS.alice}";`,
      'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config': scram,
      'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config': scram,
      'ssl.keystore.type': 'PEM',
      'ssl.keystore.location': pem('server-keystore.pem'),
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': pem('ca.pem'),
      'listener.name.ssl.ssl.client.auth': 'required',
      'listener.name.sasl_ssl.sasl.enabled.mechanisms': 'SCRAM-SHA-512',
      'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config': scram,
    },
  });
  saslBroker = `127.0.0.1:${saslPort}`;
  sslBroker = `127.0.0.1:${sslPort}`;
  saslSslBroker = `127.0.0.1:${saslSslPort}`;
  for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const)
    await addScramUser(broker.brokers[0]!, mechanism, 'bob', USERS.bob);
  // The controller has the credentials; wait until the broker's metadata has them too.
  for (const mechanism of ['scram-sha-256', 'scram-sha-512']) {
    await waitUntil(
      async () => {
        const admin = kafkaClientOf(
          kafkaConnectionFromEnv(env(mechanism, 'bob')),
          silentLogger,
          'evc-sasl-probe',
        ).admin();
        try {
          await admin.connect();
          return true;
        } catch {
          return false;
        } finally {
          await admin.disconnect().catch(() => {});
        }
      },
      () => `SCRAM user bob (${mechanism}) never became usable`,
    );
  }
}, 180_000);

afterAll(async () => {
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS and SASL from KAFKA_* variables', () => {
  it('PLAIN: events through the validating sender and the receiver; evc dlq inspect reads the dead letter', async () => {
    const connection = kafkaConnectionFromEnv(env('plain', 'alice'));
    const topic = `sasl.plain.${Date.now().toString(36)}`;
    const admin = debugClient(connection).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [topic, `${topic}-dlt`].map((name) => ({ topic: name, numPartitions: 1, replicationFactor: 1 })),
      });
    } finally {
      await admin.disconnect();
    }
    const descriptor = routeCalculated(topic);
    const handled: string[] = [];
    const receiver = createEventReceiver({
      ...connection,
      groupId: `${topic}.g`,
      logger,
      ...groupTiming({}),
    });
    const sender = createKafkaEventSender({ ...connection, source: 'sasl-it', logger });
    try {
      await receiver.start([route(descriptor, (event) => void handled.push(event.payload.truckId))]);
      await sender.sendBatch(descriptor, [
        { payload: validRoute({ truckId: 'TRK-0001' }), key: 'TRK-0001', headers: { correlationId: CORRELATION_ID } },
        { payload: validRoute({ truckId: 'TRK-0002' }), key: 'TRK-0002', headers: { correlationId: CORRELATION_ID } },
      ]);
      // An invalid event a producer without validation would send: dead-lettered over SASL too.
      const raw = debugClient(connection).producer();
      await raw.connect();
      await raw.send({
        topic,
        messages: [
          { key: 'TRK-0003', value: '{"type":"RouteCalculated"}', headers: { correlationId: CORRELATION_ID } },
        ],
      });
      await raw.disconnect();
      await waitUntil(
        () => handled.length === 2 && receiver.metrics().deadLettered === 1,
        () => JSON.stringify({ handled, metrics: receiver.metrics() }),
        60_000,
      );
    } finally {
      await sender.disconnect();
      await receiver.stop();
    }
    expect(handled.sort()).toEqual(['TRK-0001', 'TRK-0002']);

    let stdout = '';
    let stderr = '';
    let code = -1;
    const program = new Command('evc').exitOverride();
    registerDlqCommand(
      program,
      { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir },
      (exit) => void (code = exit),
      { env: env('plain', 'alice') },
    );
    await program.parseAsync(['dlq', 'inspect', `${topic}-dlt`], { from: 'user' });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`${topic}-dlt: 1 dead letter(s) matched of 1 read`);
  });

  it.each(['scram-sha-256', 'scram-sha-512'])('%s: authenticates and talks to the cluster', async (mechanism) => {
    const admin = debugClient(kafkaConnectionFromEnv(env(mechanism, 'bob'))).admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.map(({ host, port }) => `${host}:${port}`)).toEqual([saslBroker]);
    } finally {
      await admin.disconnect();
    }
  });

  it.each(['plain', 'scram-sha-512'])('%s: a wrong password is refused', async (mechanism) => {
    const user = mechanism === 'plain' ? 'alice' : 'bob';
    const admin = debugClient(kafkaConnectionFromEnv(env(mechanism, user, WRONG))).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL .*authentication failed/i);
    await admin.disconnect().catch(() => {});
  });

  it('mutual TLS: CA, client certificate and encrypted key from files', async () => {
    const connection = kafkaConnectionFromEnv(tlsEnv());
    expect(describeConnection(connection)).toBe(
      `brokers=${sslBroker} tls=on(ca=custom,clientCert=yes,key=[redacted],passphrase=[redacted],verifyServer=yes) sasl=off`,
    );
    const admin = debugClient(connection).admin();
    await admin.connect();
    try {
      expect((await admin.describeCluster()).brokers.map(({ host, port }) => `${host}:${port}`)).toEqual([sslBroker]);
    } finally {
      await admin.disconnect();
    }
  });

  it('TLS: refused without a client certificate, or without the CA that signed the broker', async () => {
    const noClientCert = kafkaConnectionFromEnv({ KAFKA_BROKERS: sslBroker, KAFKA_SSL_CA_FILE: pem('ca.pem') });
    const systemCas = kafkaConnectionFromEnv({ KAFKA_BROKERS: sslBroker, KAFKA_SSL: 'true' });
    const outcomes: string[] = [];
    for (const connection of [noClientCert, systemCas]) {
      const admin = debugClient(connection).admin();
      outcomes.push(
        await admin.connect().then(
          () => 'connected',
          (error: Error) => error.message,
        ),
      );
      await admin.disconnect().catch(() => {});
    }
    expect(outcomes[0]).not.toBe('connected');
    expect(outcomes[1]).toMatch(/certificate/i);
  });

  it('SASL_SSL: SCRAM-SHA-512 over TLS, password from a file', async () => {
    const connection = kafkaConnectionFromEnv({
      ...env('scram-sha-512', 'bob'),
      KAFKA_BROKERS: saslSslBroker,
      KAFKA_SSL_CA_FILE: pem('ca.pem'),
    });
    expect(describeConnection(connection)).toBe(
      `brokers=${saslSslBroker} clientId="evc-sasl-scram-sha-512" tls=on(ca=custom,verifyServer=yes) sasl=scram-sha-512 user="bob" password=[redacted]`,
    );
    const admin = debugClient(connection).admin();
    await admin.connect();
    try {
      const topic = `sasl-ssl.${Date.now().toString(36)}`;
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] });
      expect(await admin.listTopics()).toContain(topic);
    } finally {
      await admin.disconnect();
    }
  });

  it('evc dlq with a wrong mechanism fails as a usage error naming the variable', async () => {
    let stderr = '';
    let code = -1;
    const program = new Command('evc').exitOverride();
    registerDlqCommand(
      program,
      { stdout: () => {}, stderr: (t) => void (stderr += t), cwd: dir },
      (exit) => void (code = exit),
      { env: { ...env('plain', 'alice'), KAFKA_SASL_MECHANISM: 'gssapi' } },
    );
    await program.parseAsync(['dlq', 'inspect', 'any-dlt'], { from: 'user' });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'evc dlq inspect: KAFKA_SASL_MECHANISM: unknown SASL mechanism "gssapi" (supported: plain, scram-sha-256, scram-sha-512)\n',
    );
  });

  it('no log line and no summary holds a password, key or passphrase (kafkajs at DEBUG, successful and failed logins)', () => {
    // Runs last: the lines of every test above, including the authentication steps.
    expect(lines.some((line) => /Authenticate with SASL PLAIN|SASL PLAIN authentication successful/.test(line))).toBe(
      true,
    );
    expect(lines.some((line) => /SASL SCRAM SHA512 authentication successful/.test(line))).toBe(true);
    expect(lines.some((line) => /^evc error .*authentication failed/i.test(line))).toBe(true);
    const keyMaterial = readFileSync(pem('client-encrypted.key'), 'utf8').split('\n')[1]!;
    for (const line of lines) for (const secret of [...SECRETS, keyMaterial]) expect(line).not.toContain(secret);
    const summary = describeConnection(kafkaConnectionFromEnv(env('scram-sha-512', 'bob')));
    expect(summary).toBe(
      `brokers=${saslBroker} clientId="evc-sasl-scram-sha-512" tls=off sasl=scram-sha-512 user="bob" password=[redacted]`,
    );
  });
});
