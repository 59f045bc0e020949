// Connecting to real clusters: KAFKA_* variables and an optional JSON/YAML file → kafkajs ssl/sasl,
// the errors for settings that cannot work (naming the variable, never the secret), and that no
// summary and no log line of a client built from them ever holds the password or the TLS key.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logLevel } from 'kafkajs';
import { kafkaClientOf } from '../../../runtime/kafka/connection.js';
import { connectionSecrets, redactLogFields } from '../../../runtime/kafka/secret-redaction.js';
import {
  KafkaConnectionConfigError,
  createConsoleLogger,
  describeConnection,
  kafkaConnectionFromEnv,
  type KafkaConnectionOptions,
} from '../../../runtime/index.js';
import { KAFKA_CONNECTION_VARIABLES } from '../../../runtime/kafka/connection-config.js';

const PASSWORD = 'pa55-w0rd!Sup3r$ecret';
const KEY_PASSPHRASE = 'key-passphrase-7f3a';
const CA = '-----BEGIN CERTIFICATE-----\nMIIBcaCAcertificate\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBclientCertificate\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQprivateKeyMaterial0123456789\n-----END PRIVATE KEY-----\n';

const dir = mkdtempSync(join(tmpdir(), 'evc-connection-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, contents: string): string => {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
};
const caFile = file('ca.pem', CA);
const certFile = file('client.pem', CERT);
const keyFile = file('client.key', KEY);
const passwordFile = file('password', `${PASSWORD}\n`);
const emptyFile = file('empty', '\n');
const notPem = file('not.pem', 'hello');
const missing = join(dir, 'missing.pem');
const yamlConfig = file(
  'kafka.yaml',
  `brokers: [kafka-1.example.com:9093, kafka-2.example.com:9093]
clientId: from-file
ssl:
  caFile: ca.pem
sasl:
  mechanism: SCRAM-SHA-512
  username: file-user
  passwordFile: password
`,
);
const jsonConfig = file(
  'kafka.json',
  JSON.stringify({
    brokers: 'json-broker:9094',
    ssl: true,
    sasl: { mechanism: 'plain', username: 'u', password: 'from-json-file' },
  }),
);
const typoConfig = file('typo.yaml', 'sasl:\n  mechanism: plain\n  pasword: x\n');
const numericPassword = file(
  'numeric.yaml',
  'brokers: b:1\nsasl:\n  mechanism: plain\n  username: u\n  password: 0123\n',
);
const badYaml = file('bad.yaml', 'brokers: [unclosed\n');

type Env = Record<string, string | undefined>;
const B = { KAFKA_BROKERS: 'broker-1:9092,broker-2:9092' };

interface Case {
  readonly name: string;
  readonly env: Env;
  readonly configFile?: string;
  readonly expected: KafkaConnectionOptions;
}

const cases: readonly Case[] = [
  { name: 'brokers only', env: B, expected: { brokers: ['broker-1:9092', 'broker-2:9092'] } },
  {
    name: 'brokers with spaces and a trailing comma, client id',
    env: { KAFKA_BROKERS: ' a:1 , b:2,', KAFKA_CLIENT_ID: 'orders' },
    expected: { brokers: ['a:1', 'b:2'], clientId: 'orders' },
  },
  {
    name: 'empty variables count as unset',
    env: { ...B, KAFKA_SSL: '', KAFKA_SASL_MECHANISM: '', KAFKA_CLIENT_ID: '' },
    expected: { brokers: ['broker-1:9092', 'broker-2:9092'] },
  },
  {
    name: 'TLS on with the system CAs',
    env: { ...B, KAFKA_SSL: 'true' },
    expected: { brokers: ['broker-1:9092', 'broker-2:9092'], kafkaConfig: { ssl: true } },
  },
  {
    name: 'TLS explicitly off',
    env: { ...B, KAFKA_SSL: 'FALSE' },
    expected: { brokers: ['broker-1:9092', 'broker-2:9092'], kafkaConfig: { ssl: false } },
  },
  {
    name: 'a CA file turns TLS on',
    env: { ...B, KAFKA_SSL_CA_FILE: caFile },
    expected: { brokers: ['broker-1:9092', 'broker-2:9092'], kafkaConfig: { ssl: { ca: [CA] } } },
  },
  {
    name: 'mutual TLS with an encrypted key, no server verification',
    env: {
      ...B,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CERT_FILE: certFile,
      KAFKA_SSL_KEY_FILE: keyFile,
      KAFKA_SSL_KEY_PASSPHRASE: KEY_PASSPHRASE,
      KAFKA_SSL_REJECT_UNAUTHORIZED: 'false',
    },
    expected: {
      brokers: ['broker-1:9092', 'broker-2:9092'],
      kafkaConfig: { ssl: { cert: CERT, key: KEY, passphrase: KEY_PASSPHRASE, rejectUnauthorized: false } },
    },
  },
  {
    name: 'relative file paths are resolved against cwd',
    env: { ...B, KAFKA_SSL_CA_FILE: 'ca.pem' },
    expected: { brokers: ['broker-1:9092', 'broker-2:9092'], kafkaConfig: { ssl: { ca: [CA] } } },
  },
  {
    name: 'SASL/PLAIN over plaintext',
    env: { ...B, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'alice', KAFKA_SASL_PASSWORD: PASSWORD },
    expected: {
      brokers: ['broker-1:9092', 'broker-2:9092'],
      kafkaConfig: { sasl: { mechanism: 'plain', username: 'alice', password: PASSWORD } },
    },
  },
  {
    name: 'SCRAM-SHA-256 (upper case) over TLS',
    env: {
      ...B,
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
      KAFKA_SASL_USERNAME: 'bob',
      KAFKA_SASL_PASSWORD: PASSWORD,
    },
    expected: {
      brokers: ['broker-1:9092', 'broker-2:9092'],
      kafkaConfig: { ssl: true, sasl: { mechanism: 'scram-sha-256', username: 'bob', password: PASSWORD } },
    },
  },
  {
    name: 'SCRAM-SHA-512 with the password from a file (trailing newline dropped)',
    env: {
      ...B,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'carol',
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
    },
    expected: {
      brokers: ['broker-1:9092', 'broker-2:9092'],
      kafkaConfig: { sasl: { mechanism: 'scram-sha-512', username: 'carol', password: PASSWORD } },
    },
  },
  {
    name: 'YAML file alone (paths relative to the file)',
    env: { EVC_KAFKA_CONFIG: yamlConfig },
    expected: {
      brokers: ['kafka-1.example.com:9093', 'kafka-2.example.com:9093'],
      clientId: 'from-file',
      kafkaConfig: {
        ssl: { ca: [CA] },
        sasl: { mechanism: 'scram-sha-512', username: 'file-user', password: PASSWORD },
      },
    },
  },
  {
    name: 'variables win over the file, setting by setting (password file replaced by an inline password)',
    env: {
      EVC_KAFKA_CONFIG: yamlConfig,
      KAFKA_BROKERS: 'env-broker:9093',
      KAFKA_SASL_USERNAME: 'env-user',
      KAFKA_SASL_PASSWORD: 'env-password',
    },
    expected: {
      brokers: ['env-broker:9093'],
      clientId: 'from-file',
      kafkaConfig: {
        ssl: { ca: [CA] },
        sasl: { mechanism: 'scram-sha-512', username: 'env-user', password: 'env-password' },
      },
    },
  },
  {
    name: 'JSON file given as an option; `ssl: true` shorthand',
    env: {},
    configFile: jsonConfig,
    expected: {
      brokers: ['json-broker:9094'],
      kafkaConfig: { ssl: true, sasl: { mechanism: 'plain', username: 'u', password: 'from-json-file' } },
    },
  },
];

interface ErrorCase {
  readonly name: string;
  readonly env: Env;
  readonly configFile?: string;
  /** The variable (or file: key) the error names. */
  readonly setting: string | RegExp;
  readonly message: RegExp;
}

const errors: readonly ErrorCase[] = [
  { name: 'no brokers at all', env: {}, setting: 'KAFKA_BROKERS', message: /not set/ },
  {
    name: 'a broker without a port',
    env: { KAFKA_BROKERS: 'a:1,broker-2' },
    setting: 'KAFKA_BROKERS',
    message: /"broker-2" is not host:port/,
  },
  {
    name: 'a port out of range',
    env: { KAFKA_BROKERS: 'a:70000' },
    setting: 'KAFKA_BROKERS',
    message: /not host:port/,
  },
  { name: 'only commas', env: { KAFKA_BROKERS: ',,' }, setting: 'KAFKA_BROKERS', message: /names no broker/ },
  {
    name: 'KAFKA_SSL neither true nor false',
    env: { ...B, KAFKA_SSL: 'yes' },
    setting: 'KAFKA_SSL',
    message: /expected true or false, got "yes"/,
  },
  {
    name: 'a CA file with TLS off',
    env: { ...B, KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: caFile },
    setting: 'KAFKA_SSL_CA_FILE',
    message: /KAFKA_SSL is false/,
  },
  {
    name: 'unreadable CA file',
    env: { ...B, KAFKA_SSL_CA_FILE: missing },
    setting: 'KAFKA_SSL_CA_FILE',
    message: /cannot read .*missing\.pem: no such file/,
  },
  {
    name: 'a directory as CA file',
    env: { ...B, KAFKA_SSL_CA_FILE: dir },
    setting: 'KAFKA_SSL_CA_FILE',
    message: /is a directory/,
  },
  {
    name: 'a CA file without a PEM certificate',
    env: { ...B, KAFKA_SSL_CA_FILE: notPem },
    setting: 'KAFKA_SSL_CA_FILE',
    message: /holds no PEM certificate/,
  },
  {
    name: 'a client certificate without its key',
    env: { ...B, KAFKA_SSL_CERT_FILE: certFile },
    setting: 'KAFKA_SSL_CERT_FILE',
    message: /needs its key/,
  },
  {
    name: 'a client key without its certificate',
    env: { ...B, KAFKA_SSL_KEY_FILE: keyFile },
    setting: 'KAFKA_SSL_KEY_FILE',
    message: /needs its certificate/,
  },
  {
    name: 'a key file that holds a certificate',
    env: { ...B, KAFKA_SSL_CERT_FILE: certFile, KAFKA_SSL_KEY_FILE: certFile },
    setting: 'KAFKA_SSL_KEY_FILE',
    message: /no PEM private key/,
  },
  {
    name: 'a passphrase without a key',
    env: { ...B, KAFKA_SSL_KEY_PASSPHRASE: KEY_PASSPHRASE },
    setting: 'KAFKA_SSL_KEY_PASSPHRASE',
    message: /needs a key/,
  },
  {
    name: 'KAFKA_SSL_REJECT_UNAUTHORIZED not a boolean',
    env: { ...B, KAFKA_SSL_REJECT_UNAUTHORIZED: '0' },
    setting: 'KAFKA_SSL_REJECT_UNAUTHORIZED',
    message: /expected true or false/,
  },
  {
    name: 'unknown SASL mechanism',
    env: { ...B, KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: PASSWORD },
    setting: 'KAFKA_SASL_MECHANISM',
    message: /unknown SASL mechanism "gssapi" \(supported: plain, scram-sha-256, scram-sha-512\)/,
  },
  {
    name: 'username without password',
    env: { ...B, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' },
    setting: 'KAFKA_SASL_USERNAME',
    message: /no password: set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE/,
  },
  {
    name: 'password without username',
    env: { ...B, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: PASSWORD },
    setting: 'KAFKA_SASL_USERNAME',
    message: /needs a username and a password/,
  },
  {
    name: 'credentials without a mechanism',
    env: { ...B, KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: PASSWORD },
    setting: 'KAFKA_SASL_USERNAME',
    message: /KAFKA_SASL_MECHANISM is not/,
  },
  {
    name: 'a mechanism without credentials',
    env: { ...B, KAFKA_SASL_MECHANISM: 'scram-sha-256' },
    setting: 'KAFKA_SASL_USERNAME',
    message: /not set/,
  },
  {
    name: 'both password and password file',
    env: {
      ...B,
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: PASSWORD,
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
    },
    setting: 'KAFKA_SASL_PASSWORD_FILE',
    message: /either KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE/,
  },
  {
    name: 'unreadable password file',
    env: { ...B, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD_FILE: missing },
    setting: 'KAFKA_SASL_PASSWORD_FILE',
    message: /cannot read/,
  },
  {
    name: 'empty password file',
    env: { ...B, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD_FILE: emptyFile },
    setting: 'KAFKA_SASL_PASSWORD_FILE',
    message: /is empty/,
  },
  {
    name: 'unreadable config file',
    env: { EVC_KAFKA_CONFIG: missing },
    setting: 'EVC_KAFKA_CONFIG',
    message: /cannot read the config file/,
  },
  {
    name: 'a typo in the config file',
    env: { EVC_KAFKA_CONFIG: typoConfig },
    setting: /typo\.yaml: sasl\.pasword$/,
    message: /unknown setting/,
  },
  {
    name: 'a number as password in YAML',
    env: {},
    configFile: numericPassword,
    setting: /numeric\.yaml: sasl\.password$/,
    message: /expected a string, got a non-string value \(quote it in YAML\)/,
  },
  {
    name: 'a config file that is not YAML',
    env: {},
    configFile: badYaml,
    setting: /bad\.yaml$/,
    message: /not valid JSON or YAML/,
  },
];

describe('kafkaConnectionFromEnv', () => {
  it.each(cases)('$name', ({ env, configFile, expected }) => {
    expect(kafkaConnectionFromEnv(env, { cwd: dir, ...(configFile === undefined ? {} : { configFile }) })).toEqual(
      expected,
    );
  });

  it.each(errors)('refuses $name', ({ env, configFile, setting, message }) => {
    let thrown: unknown;
    try {
      kafkaConnectionFromEnv(env, { cwd: dir, ...(configFile === undefined ? {} : { configFile }) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KafkaConnectionConfigError);
    const error = thrown as KafkaConnectionConfigError;
    if (typeof setting === 'string') expect(error.setting).toBe(setting);
    else expect(error.setting).toMatch(setting);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${error.setting}: `)).toBe(true);
    for (const secret of [PASSWORD, KEY_PASSPHRASE, 'MIIEvQprivateKeyMaterial'])
      expect(error.message).not.toContain(secret);
  });

  it('uses the default brokers only when none are named', () => {
    expect(kafkaConnectionFromEnv({}, { defaultBrokers: ['127.0.0.1:9092'] })).toEqual({ brokers: ['127.0.0.1:9092'] });
    expect(kafkaConnectionFromEnv(B, { defaultBrokers: ['127.0.0.1:9092'] }).brokers).toEqual([
      'broker-1:9092',
      'broker-2:9092',
    ]);
  });

  it('names an unreadable (permission denied) file', () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const locked = file('locked.pem', CA);
    chmodSync(locked, 0o000);
    expect(() => kafkaConnectionFromEnv({ ...B, KAFKA_SSL_CA_FILE: locked })).toThrow(
      /^KAFKA_SSL_CA_FILE: cannot read .*locked\.pem: permission denied$/,
    );
  });

  it('documents every variable it reads', () => {
    expect(KAFKA_CONNECTION_VARIABLES).toEqual(
      expect.arrayContaining([
        'KAFKA_BROKERS',
        'KAFKA_CLIENT_ID',
        'KAFKA_SSL',
        'KAFKA_SSL_CA_FILE',
        'KAFKA_SSL_CERT_FILE',
        'KAFKA_SSL_KEY_FILE',
        'KAFKA_SSL_REJECT_UNAUTHORIZED',
        'KAFKA_SASL_MECHANISM',
        'KAFKA_SASL_USERNAME',
        'KAFKA_SASL_PASSWORD',
        'KAFKA_SASL_PASSWORD_FILE',
        'EVC_KAFKA_CONFIG',
      ]),
    );
  });
});

const full = kafkaConnectionFromEnv({
  KAFKA_BROKERS: 'secure-1:9093',
  KAFKA_CLIENT_ID: 'orders',
  KAFKA_SSL_CA_FILE: caFile,
  KAFKA_SSL_CERT_FILE: certFile,
  KAFKA_SSL_KEY_FILE: keyFile,
  KAFKA_SSL_KEY_PASSPHRASE: KEY_PASSPHRASE,
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'orders-svc',
  KAFKA_SASL_PASSWORD: PASSWORD,
});
const SECRETS = [PASSWORD, KEY_PASSPHRASE, 'MIIEvQprivateKeyMaterial'];

describe('describeConnection', () => {
  it('summarizes without any secret', () => {
    const summary = describeConnection(full);
    expect(summary).toBe(
      'brokers=secure-1:9093 clientId="orders" tls=on(ca=custom,clientCert=yes,key=[redacted],passphrase=[redacted],verifyServer=yes) sasl=scram-sha-512 user="orders-svc" password=[redacted]',
    );
    for (const secret of SECRETS) expect(summary).not.toContain(secret);
  });

  it('says when TLS and SASL are off, and when the server certificate is not verified', () => {
    expect(describeConnection({ brokers: ['a:1'] })).toBe('brokers=a:1 tls=off sasl=off');
    expect(describeConnection({ brokers: ['a:1'], kafkaConfig: { ssl: { rejectUnauthorized: false } } })).toBe(
      'brokers=a:1 tls=on(ca=system,verifyServer=NO) sasl=off',
    );
    expect(
      describeConnection({
        brokers: ['a:1'],
        kafkaConfig: {
          sasl: { mechanism: 'aws', authorizationIdentity: 'x', accessKeyId: 'id', secretAccessKey: PASSWORD },
        },
      }),
    ).toBe('brokers=a:1 tls=off sasl=aws credentials=[redacted]');
  });
});

describe('kafkajs logs of a client with secrets', () => {
  it('never print the password, the key or the passphrase', async () => {
    const lines: string[] = [];
    const logger = createConsoleLogger('debug', (line) => lines.push(line));
    // Nothing listens on port 1 (and the test key is no real key): the connection fails, which kafkajs logs at ERROR (and DEBUG).
    const kafka = kafkaClientOf(
      {
        ...full,
        brokers: ['127.0.0.1:1'],
        kafkaConfig: { ...full.kafkaConfig, logLevel: logLevel.DEBUG, connectionTimeout: 500, retry: { retries: 0 } },
      },
      logger,
      'evc-test',
    );
    const admin = kafka.admin();
    await expect(admin.connect()).rejects.toThrow();
    // What a careless log call through the same client's logger would print.
    kafka.logger().error(`auth with ${PASSWORD} failed`, {
      sasl: full.kafkaConfig!.sasl,
      ssl: full.kafkaConfig!.ssl,
      nested: { note: `key ${KEY} pass ${KEY_PASSPHRASE}` },
      list: [PASSWORD],
      error: new Error(`bad ${PASSWORD}`),
    });
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.some((line) => line.includes('"sasl":true'))).toBe(true);
    expect(lines.some((line) => line.startsWith('evc error kafkajs BrokerPool: Failed to connect'))).toBe(true);
    expect(lines.at(-1)).toContain('auth with [redacted] failed');
    expect(lines.at(-1)).toContain('"sasl":"[redacted]"');
    for (const line of lines) for (const secret of SECRETS) expect(line).not.toContain(secret);
  });

  it('redacts a secret in an object met twice, in a cycle and in an error stack', () => {
    const secrets = connectionSecrets(full.kafkaConfig);
    const shared = { text: `password ${PASSWORD}` };
    const cyclic: Record<string, unknown> = { text: PASSWORD };
    cyclic['self'] = cyclic;
    const error = new Error(`login as orders-svc:${PASSWORD} failed`);
    const redacted = redactLogFields({ a: shared, b: shared, cyclic, error }, secrets);
    expect(redacted.a).toEqual({ text: 'password [redacted]' });
    expect(redacted.b).toBe(redacted.a);
    expect(redacted.cyclic).toEqual({ text: '[redacted]', self: '[circular]' });
    expect(redacted.error).toBeInstanceOf(Error);
    expect(redacted.error.message).toBe('login as orders-svc:[redacted] failed');
    expect(redacted.error.stack).toContain('login as orders-svc:[redacted] failed');
    expect(JSON.stringify({ ...redacted, cyclic: undefined, stack: redacted.error.stack })).not.toContain(PASSWORD);
  });

  it('leaves fields without secrets untouched (same object)', () => {
    const fields = { broker: '127.0.0.1:1', sasl: true, ssl: false, nested: { retryCount: 1 } };
    expect(redactLogFields(fields, connectionSecrets(full.kafkaConfig))).toBe(fields);
    expect(connectionSecrets(full.kafkaConfig)).toEqual(expect.arrayContaining([PASSWORD, KEY, KEY_PASSPHRASE]));
  });
});
