// Global setup of the `integration` vitest project: one real Kafka broker for the whole run.
// KAFKA_BROKERS=host:port[,host:port] points the tests at a running broker (e.g. `npm run
// kafka:start`); otherwise a fresh single-node broker is started here and stopped in teardown.
// Tests read the addresses with `kafkaBrokers()` from ./kafka.ts (vitest's provide/inject).

import type { TestProject } from 'vitest/node';
import { KAFKA_VERSION, kafkaJarsCached, startBroker } from '../../scripts/kafka/broker.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Bootstrap addresses of the broker the integration tests run against. */
    kafkaBrokers: string[];
  }
}

function brokersFromEnv(value: string | undefined): string[] | undefined {
  const brokers = (value ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  return brokers.length > 0 ? brokers : undefined;
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = brokersFromEnv(process.env.KAFKA_BROKERS);
  if (given) {
    project.provide('kafkaBrokers', given);
    return undefined;
  }
  if (!kafkaJarsCached()) {
    process.stderr.write(`[integration] downloading the Kafka ${KAFKA_VERSION} jars with Maven (first run only)…\n`);
  }
  const broker = await startBroker();
  project.provide('kafkaBrokers', broker.brokers);
  // Also for code under test that reads the environment (workers inherit it).
  process.env.KAFKA_BROKERS = broker.brokers.join(',');
  const { jarsMs, totalMs } = broker.timings;
  process.stderr.write(
    `[integration] Kafka broker ${broker.brokers.join(',')} (pid ${broker.pid}) ready in ` +
      `${(totalMs / 1000).toFixed(1)} s${jarsMs > 1_000 ? ` (jars ${(jarsMs / 1000).toFixed(1)} s)` : ''}\n`,
  );
  return async () => {
    await broker.stop();
    delete process.env.KAFKA_BROKERS;
  };
}
