// Fault: the broker goes away and comes back (same ports, data kept) while a sender publishes and a
// receiver consumes, once as a clean stop (SIGTERM) and once as a crash (SIGKILL). Runs on a
// broker of its own so the shared one stays untouched. Sends that fail while the broker is down are
// retried the way an application would (same logical message again); only acknowledged sends are
// owed to the consumer. Sender and receiver are the same objects from start to end: no restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_CRASH_RECOVERY_PROPERTIES, startBroker, type RunningBroker } from '../../../scripts/kafka/broker.js';
import {
  createEventReceiver,
  createKafkaEventSender,
  ensureTopics,
  route,
  silentLogger,
  type ReceiverEvent,
} from '../../../runtime/index.js';
import { groupTiming, uniqueTopic } from '../kafka.js';
import {
  numberOf,
  numberedEvent,
  recordCountOn,
  report,
  routeCalculated,
  seconds,
  sleep,
  waitUntil,
} from './support.js';

/** The consumer's session; after a broker restart the group waits this long for the lost member. */
const SESSION_TIMEOUT_MS = 6_000;

let broker: RunningBroker | undefined;
let brokerStartMs = 0;

beforeAll(async () => {
  const started = performance.now();
  broker = await startBroker({ properties: QUICK_CRASH_RECOVERY_PROPERTIES });
  brokerStartMs = performance.now() - started;
}, 120_000);

afterAll(async () => {
  await broker?.stop();
}, 60_000);

describe('broker stop and restart', () => {
  it('delivers every acknowledged message at least once, dead-letters nothing, and both sides recover in-process', async () => {
    const local = broker!;
    const brokers = local.brokers;
    const topic = uniqueTopic('faults.broker');
    const deadLetterTopic = `${topic}-dlt`;
    await ensureTopics({
      brokers,
      topics: [
        { topic, partitions: 3, replicas: 1 },
        { topic: deadLetterTopic, partitions: 1, replicas: 1 },
      ],
    });
    const descriptor = routeCalculated(topic);

    // Consumer side: how often each message number was handled, and when first.
    const handled = new Map<number, number>();
    const handledTimes: number[] = [];
    const events: ReceiverEvent[] = [];
    const receiver = createEventReceiver({
      brokers,
      groupId: uniqueTopic('faults.broker.g'),
      logger: silentLogger,
      ...groupTiming({ sessionTimeoutMs: SESSION_TIMEOUT_MS, heartbeatIntervalMs: 1_000 }),
      hooks: { onEvent: (event) => void (event.type !== 'handled' && events.push(event)) },
    });
    // Producer side, with kafkajs' default retries (what an application gets).
    const sender = createKafkaEventSender({ brokers, logger: silentLogger });

    const acked = new Set<number>();
    const ackTimes: number[] = [];
    let failedSends = 0;
    let next = 0;
    let producing = true;
    const deadline = Date.now() + 140_000;
    const producer = (async () => {
      while (producing && Date.now() < deadline) {
        const n = next++;
        // The same logical message again until the broker acknowledges it, as an outbox would.
        while (Date.now() < deadline) {
          try {
            await sender.send(descriptor, numberedEvent(n));
            acked.add(n);
            ackTimes.push(performance.now());
            break;
          } catch {
            failedSends += 1;
            await sleep(100);
          }
        }
        await sleep(15);
      }
    })();
    const caughtUp = () => [...acked].every((n) => handled.has(n));

    try {
      await receiver.start([
        route(descriptor, (event) => {
          const n = numberOf(event.payload.routeId);
          handled.set(n, (handled.get(n) ?? 0) + 1);
          handledTimes.push(performance.now());
        }),
      ]);
      await waitUntil(
        () => handled.size >= 40,
        () => `steady state: handled ${handled.size}, acked ${acked.size}`,
        30_000,
      );

      const rounds: Record<string, string>[] = [];
      for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
        const stopAt = performance.now();
        await local.stopProcess({ signal });
        const stoppedAt = performance.now();
        await local.startAgain();
        const upAt = performance.now();
        const after = (times: number[]) => times.find((at) => at > upAt);
        await waitUntil(
          () => after(ackTimes) !== undefined && after(handledTimes) !== undefined,
          () => `recovery after ${signal}: handled ${handled.size}, acked ${acked.size}`,
          60_000,
        );
        // Caught up: every message acknowledged so far (before, during and after the outage) handled.
        const owed = new Set(acked);
        await waitUntil(
          () => [...owed].every((n) => handled.has(n)),
          () => `catch-up after ${signal}: ${[...owed].filter((n) => !handled.has(n)).length} owed`,
          60_000,
        );
        rounds.push({
          signal,
          stop: seconds(stoppedAt - stopAt),
          restart: seconds(upAt - stoppedAt),
          producerFirstAck: seconds(after(ackTimes)! - upAt),
          consumerFirstRecord: seconds(after(handledTimes)! - upAt),
          consumerCaughtUp: seconds(performance.now() - upAt),
        });
      }

      producing = false;
      await producer;
      await waitUntil(
        caughtUp,
        () =>
          `acknowledged but never handled: ${[...acked]
            .filter((n) => !handled.has(n))
            .slice(0, 20)
            .join(', ')}`,
        30_000,
      );

      const metrics = receiver.metrics();
      const deadLetters = await recordCountOn(brokers, deadLetterTopic);
      report('broker restart', {
        brokerStart: seconds(brokerStartMs),
        sent: next,
        acknowledged: acked.size,
        failedSendAttempts: failedSends,
        handledDistinct: handled.size,
        handledTotal: [...handled.values()].reduce((a, b) => a + b, 0),
        duplicates: [...handled.values()].filter((count) => count > 1).length,
        lost: [...acked].filter((n) => !handled.has(n)).length,
        deadLettered: metrics.deadLettered,
        consumerCrashEvents: metrics.crashes,
        rounds,
      });
      expect([...acked].filter((n) => !handled.has(n))).toEqual([]);
      expect(metrics).toMatchObject({ deadLettered: 0, invalid: 0, deadLetterWriteFailures: 0 });
      expect(
        events.filter(
          (event) => event.type === 'dead-lettered' || event.type === 'invalid' || event.type === 'dead-letter-failed',
        ),
      ).toEqual([]);
      expect(deadLetters).toBe(0);
      // Nothing handled that was never sent.
      expect([...handled.keys()].every((n) => n < next)).toBe(true);
    } finally {
      producing = false;
      await producer;
      await receiver.stop();
      await sender.disconnect();
    }
  }, 170_000);
});
