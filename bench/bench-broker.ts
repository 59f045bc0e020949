// The broker a runtime benchmark talks to: the cluster named by KAFKA_BROKERS, else a local broker started for
// the run and stopped after it (even when the benchmark throws), so no benchmark leaves a JVM behind.
import { startBroker } from '../scripts/kafka/broker.js';

/** The brokers named by KAFKA_BROKERS (`host:port,…`), if any. */
export function namedBrokers(): string[] {
  return (process.env['KAFKA_BROKERS'] ?? '').split(',').filter((broker) => broker !== '');
}

/** Runs `measure` against KAFKA_BROKERS, or against a broker of its own. */
export async function withBenchBroker<T>(measure: (brokers: string[]) => Promise<T>): Promise<T> {
  const named = namedBrokers();
  if (named.length > 0) return measure(named);
  const broker = await startBroker();
  try {
    return await measure(broker.brokers);
  } finally {
    await broker.stop();
  }
}
