// `npm run kafka:start` → the tools find that broker without being told its port; `kafka:stop` →
// they say how to name one. Real processes throughout: the kafka:start script, a real broker, and
// the evc CLI in child processes with no --brokers and no KAFKA_BROKERS.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { logLevel } from 'kafkajs';
import { newKafkajsClient } from '../../../runtime/kafka/kafkajs-client.js';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_BROKER_HINT } from '../../../generator/cli/kafka-connection.js';
import { ensureKafkaJars } from '../../../scripts/kafka/broker.js';

const repo = path.resolve(import.meta.dirname, '../../..');
/** tsx by absolute URL: the CLI runs in a folder outside this repository. */
const tsxLoader = pathToFileURL(path.join(repo, 'node_modules/tsx/dist/loader.mjs')).href;
const project = mkdtempSync(path.join(os.tmpdir(), 'evc-bundled-broker-'));
const kafkaHome = path.join(project, '.kafka');
/** Without any broker setting: what a newcomer's shell has. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== 'KAFKA_BROKERS' && name !== 'EVC_KAFKA_CONFIG'),
);

function run(args: readonly string[], cwd: string, extra: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', tsxLoader, ...args], {
    cwd,
    env: { ...env, ...extra, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const kafkaScript = (command: 'start' | 'stop') =>
  run([path.join(repo, 'scripts/kafka/cli.ts'), command], repo, { EVC_KAFKA_HOME: kafkaHome });
const evc = (...args: string[]) => run([path.join(repo, 'generator/cli/main.ts'), ...args], project);

afterAll(() => {
  kafkaScript('stop');
  rmSync(project, { recursive: true, force: true });
});

describe('the bundled broker', () => {
  it('is found by evc topics and evc dlq while it runs, and they say what to do once it is stopped', async () => {
    // The project: a starter registry, and this repo's broker jars (no second Maven download).
    mkdirSync(kafkaHome);
    symlinkSync((await ensureKafkaJars()).libsDir, path.join(kafkaHome, 'libs'));
    expect(evc('init').code).toBe(0);

    const started = kafkaScript('start');
    expect(started.code, started.stderr).toBe(0);
    const brokers = /^KAFKA_BROKERS=(.+)$/m.exec(started.stdout)?.[1];
    expect(brokers).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(started.stderr).toContain('stop it with npm run kafka:stop');
    expect(existsSync(path.join(kafkaHome, 'run/state.json'))).toBe(true);

    const topics = evc('topics', '--create');
    expect(topics.code, topics.stderr).toBe(0);
    expect(topics.stderr).toContain(`evc topics: using the broker started by npm run kafka:start: ${brokers}`);
    const admin = newKafkajsClient({ brokers: [brokers!], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      expect((await admin.listTopics()).filter((t) => t.startsWith('orders.')).sort()).toEqual([
        'orders.events',
        'orders.events-dlt',
      ]);
    } finally {
      await admin.disconnect();
    }
    const inspect = evc('dlq', 'inspect', 'orders.events-dlt');
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(inspect.stdout).toContain('orders.events-dlt: 0 dead letter(s) matched of 0 read');

    const stopped = kafkaScript('stop');
    expect(stopped.code).toBe(0);
    expect(existsSync(path.join(kafkaHome, 'run/state.json'))).toBe(false);
    const after = evc('dlq', 'inspect', 'orders.events-dlt');
    expect(after.code).toBe(2);
    expect(after.stderr).toContain(NO_BROKER_HINT);
  }, 240_000);
});
