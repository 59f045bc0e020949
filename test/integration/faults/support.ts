// Shared pieces of the fault tests: numbered events whose identity survives a re-send, clients on
// any broker (the shared one or a test's own), and one line of figures per test on stderr.
import { type Kafka, logLevel, type Admin } from 'kafkajs';
import { newKafkajsClient } from '../../../runtime/kafka/kafkajs-client.js';
import { CORRELATION_ID, validRoute, type RouteCalculated } from '../runtime/harness.js';

export { CORRELATION_ID, routeCalculated, validRoute, waitUntil } from '../runtime/harness.js';

/**
 * A RouteCalculated event whose `routeId` (a valid UUID) encodes `n`, so the consumer side can
 * tell which logical message it got even when the sender re-sent it after a failed attempt.
 */
export function numberedEvent(n: number): {
  payload: RouteCalculated;
  key: string;
  headers: { correlationId: string };
} {
  const truckId = `TRK-${1000 + (n % 17)}`;
  return {
    payload: validRoute({ routeId: routeIdOf(n), truckId }),
    key: truckId,
    headers: { correlationId: CORRELATION_ID },
  };
}

export function routeIdOf(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function numberOf(routeId: string): number {
  return Number.parseInt(routeId.slice(-12), 16);
}

export function quietKafka(brokers: readonly string[], clientId = 'evc-faults'): Kafka {
  return newKafkajsClient({
    clientId,
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 2_000 },
  });
}

export async function withAdminOn<T>(brokers: readonly string[], fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = quietKafka(brokers, 'evc-faults-admin').admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * End minus start offsets over all partitions: how many records a topic holds. Asked again for up to 30 s on an
 * error: right after a node of a cluster restarts, a partition's leadership moves and kafkajs' admin answers
 * NOT_LEADER_OR_FOLLOWER without refreshing its metadata (a CI run failed on that, with 0 records lost).
 */
export async function recordCountOn(brokers: readonly string[], topic: string): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await withAdminOn(brokers, async (admin) =>
        (await admin.fetchTopicOffsets(topic)).reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0),
      );
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Offsets a group committed on a topic, by partition (-1: none). */
export async function committedOn(
  brokers: readonly string[],
  groupId: string,
  topic: string,
): Promise<Map<number, number>> {
  return withAdminOn(brokers, async (admin) => {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((entry?.partitions ?? []).map(({ partition, offset }) => [partition, Number(offset)]));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** One line of measured figures per test, for the report and runtime/README.md. */
export function report(test: string, figures: Record<string, unknown>): void {
  const text = Object.entries(figures)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  process.stderr.write(`[faults] ${test}: ${text}\n`);
}
