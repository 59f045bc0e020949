// Faults on a 3-node KRaft cluster (scripts/kafka startCluster: combined broker + controller nodes, topics with
// replication factor 3 and min.insync.replicas=2, the runtime's idempotent acks=all producer). While a sender
// publishes and a receiver consumes, one node at a time is SIGKILLed: the leader of a busy partition and then a
// follower of it, each started again; then the active controller, which stays down (two nodes keep the quorum and
// min.insync.replicas; a third restart would only add ~30 s of CI time). Acknowledged records must all be handled
// (0 lost); duplicates (at-least-once) are counted and printed; the consumer must resume within the client's
// failure detection (the gap in handling is printed per round). One cluster for the whole file, to keep CI time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QUICK_CRASH_RECOVERY_PROPERTIES,
  startCluster,
  type RunningBroker,
  type RunningCluster,
} from '../../../scripts/kafka/broker.js';
import {
  createEventReceiver,
  createKafkaEventSender,
  ensureTopics,
  route,
  silentLogger,
} from '../../../runtime/index.js';
import { uniqueTopic } from '../kafka.js';
import {
  numberOf,
  numberedEvent,
  recordCountOn,
  report,
  routeCalculated,
  seconds,
  sleep,
  waitUntil,
  withAdminOn,
} from './support.js';

/** The receiver's session: how long the group waits for a member it lost (not the point here, but bounded). */
const SESSION_TIMEOUT_MS = 6_000;
/** Upper bound of a handling gap: broker fencing (3 s), leader election, the client's retries and metadata refresh. */
const RESUME_BOUND_MS = 30_000;

let cluster: RunningCluster | undefined;
let clusterStartMs = 0;

beforeAll(async () => {
  const started = performance.now();
  // C1 only: each JVM (re)starts ~1 s sooner, which is most of what a restart costs here.
  cluster = await startCluster({
    size: 3,
    properties: QUICK_CRASH_RECOVERY_PROPERTIES,
    jvmArgs: ['-XX:TieredStopAtLevel=1'],
  });
  clusterStartMs = performance.now() - started;
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

/**
 * The active KRaft controller: the leader with the highest epoch in the nodes' `quorum-state` files. Right after
 * a node died the others may be between leaders (leaderId -1): poll until one is known.
 */
async function activeController(nodes: readonly RunningBroker[], timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const seen: string[] = [];
  for (;;) {
    let best = { leaderId: -1, leaderEpoch: -1 };
    seen.length = 0;
    for (const node of nodes) {
      try {
        const text = readFileSync(join(node.dataDir, 'data', '__cluster_metadata-0', 'quorum-state'), 'utf8');
        seen.push(text.trim());
        const state = JSON.parse(text) as { leaderId?: number; leaderEpoch?: number };
        if ((state.leaderEpoch ?? -1) > best.leaderEpoch && (state.leaderId ?? -1) > 0)
          best = { leaderId: state.leaderId!, leaderEpoch: state.leaderEpoch! };
      } catch {
        // not written yet, or being replaced
      }
    }
    if (best.leaderId > 0) return best.leaderId;
    if (Date.now() > deadline) throw new Error(`no node knows the active controller: ${seen.join(' | ')}`);
    await sleep(200);
  }
}

interface PartitionReplicas {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

async function replicasOf(brokers: readonly string[], topic: string): Promise<PartitionReplicas[]> {
  return withAdminOn(brokers, async (admin) => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]!.partitions.map((p) => ({
      partition: p.partitionId,
      leader: p.leader,
      replicas: p.replicas,
      isr: p.isr,
    }));
  });
}

/** A check for waitUntil: every partition of the topic has three in-sync replicas (metadata errors: not yet). */
function fullyReplicated(brokers: readonly string[], topic: string): () => Promise<boolean> {
  return async () => {
    try {
      const partitions = await replicasOf(brokers, topic);
      return partitions.length > 0 && partitions.every((p) => p.leader >= 0 && p.isr.length === 3);
    } catch {
      return false;
    }
  };
}

describe('3-node cluster under faults', () => {
  it('loses no acknowledged record when the leader, a follower or the controller is killed and restarted', async () => {
    const local = cluster!;
    const brokers = local.brokers;
    const topic = uniqueTopic('faults.cluster');
    const deadLetterTopic = `${topic}-dlt`;
    // Replication factor and min.insync.replicas from the cluster's defaults (CLUSTER_PROPERTIES).
    await ensureTopics({
      brokers,
      topics: [
        { topic, partitions: 3 },
        { topic: deadLetterTopic, partitions: 1 },
      ],
    });
    // Every node learns of a new topic on its own schedule: wait until all three replicas are in sync.
    await waitUntil(fullyReplicated(brokers, topic), () => `${topic} never had 3 in-sync replicas`, 60_000);
    const layout = await replicasOf(brokers, topic);
    expect(layout.every((p) => p.replicas.length === 3 && p.isr.length === 3)).toBe(true);
    const minIsr = await withAdminOn(brokers, async (admin) => {
      const { resources } = await admin.describeConfigs({
        resources: [{ type: 2, name: topic, configNames: ['min.insync.replicas'] }],
        includeSynonyms: false,
      });
      return resources[0]?.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue;
    });
    expect(minIsr).toBe('2');

    const descriptor = routeCalculated(topic);
    const handled = new Map<number, number>();
    const handledTimes: number[] = [];
    const receiver = createEventReceiver({
      brokers,
      groupId: uniqueTopic('faults.cluster.g'),
      logger: silentLogger,
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: 1_000,
    });
    const sender = createKafkaEventSender({ brokers, logger: silentLogger });

    const acked = new Set<number>();
    let failedSends = 0;
    let next = 0;
    let producing = true;
    const deadline = Date.now() + 170_000;
    const producer = (async () => {
      while (producing && Date.now() < deadline) {
        const n = next++;
        // The same logical message again until the cluster acknowledges it (acks=all, 2 in-sync replicas).
        while (Date.now() < deadline) {
          try {
            await sender.send(descriptor, numberedEvent(n));
            acked.add(n);
            break;
          } catch {
            failedSends += 1;
            await sleep(100);
          }
        }
        await sleep(5);
      }
    })();

    try {
      await receiver.start([
        route(descriptor, (event) => {
          const n = numberOf(event.payload.routeId);
          handled.set(n, (handled.get(n) ?? 0) + 1);
          handledTimes.push(performance.now());
        }),
      ]);
      await waitUntil(
        () => handled.size >= 50,
        () => `steady state: handled ${handled.size}`,
        60_000,
      );

      const rounds: Record<string, unknown>[] = [];
      const faults = [
        {
          name: 'leader of partition 0',
          restart: true,
          pick: async () => (await replicasOf(brokers, topic)).find((p) => p.partition === 0)!.leader,
        },
        {
          name: 'follower of partition 0',
          restart: true,
          pick: async () => {
            const p0 = (await replicasOf(brokers, topic)).find((p) => p.partition === 0)!;
            const controller = await activeController(local.nodes);
            return (
              p0.replicas.find((id) => id !== p0.leader && id !== controller) ??
              p0.replicas.find((id) => id !== p0.leader)!
            );
          },
        },
        { name: 'active controller', pick: () => activeController(local.nodes), restart: false },
      ];
      for (const fault of faults) {
        const nodeId = await fault.pick();
        const node = local.node(nodeId);
        const ackedBefore = acked.size;
        const killAt = performance.now();
        await node.stopProcess({ signal: 'SIGKILL' });
        await sleep(2_000); // producing and consuming go on without the node
        const restartAt = performance.now();
        if (fault.restart !== false) {
          await node.startAgain();
          // Back to full strength before the next fault: every replica in sync again.
          await waitUntil(
            fullyReplicated(brokers, topic),
            () => `${fault.name}: in-sync replicas not back to 3`,
            60_000,
          );
        }
        const upAt = performance.now();
        const owed = new Set(acked);
        await waitUntil(
          () => [...owed].every((n) => handled.has(n)),
          () => `${fault.name}: ${[...owed].filter((n) => !handled.has(n)).length} acknowledged records not handled`,
          60_000,
        );
        // The longest stretch without a handled record from the kill until caught up: the consumer's resume time.
        const window = [killAt, ...handledTimes.filter((at) => at > killAt), performance.now()];
        let gap = 0;
        for (let i = 1; i < window.length; i++) gap = Math.max(gap, window[i]! - window[i - 1]!);
        rounds.push({
          fault: fault.name,
          node: nodeId,
          ackedDuringFault: acked.size - ackedBefore,
          restartUntilInSync: fault.restart === false ? 'not restarted' : seconds(upAt - restartAt),
          longestHandlingGap: seconds(gap),
          controllerAfter: await activeController(local.nodes.filter((n) => n.isRunning())).catch(String),
        });
        expect(gap).toBeLessThan(RESUME_BOUND_MS);
      }

      producing = false;
      await producer;
      await waitUntil(
        () => [...acked].every((n) => handled.has(n)),
        () =>
          `acknowledged but never handled: ${[...acked]
            .filter((n) => !handled.has(n))
            .slice(0, 20)
            .join(', ')}`,
        60_000,
      );
      const lost = [...acked].filter((n) => !handled.has(n));
      const duplicates = [...handled.values()].filter((count) => count > 1).length;
      const metrics = receiver.metrics();
      report('3-node cluster', {
        transport: process.env['EVC_TRANSPORT'] ?? 'default',
        clusterStart: seconds(clusterStartMs),
        sent: next,
        acknowledged: acked.size,
        failedSendAttempts: failedSends,
        handledDistinct: handled.size,
        handledTotal: [...handled.values()].reduce((a, b) => a + b, 0),
        duplicates,
        lost: lost.length,
        deadLettered: metrics.deadLettered,
        rounds,
      });
      expect(lost).toEqual([]);
      expect(metrics).toMatchObject({ deadLettered: 0, invalid: 0 });
      expect(await recordCountOn(brokers, deadLetterTopic)).toBe(0);
      expect([...handled.keys()].every((n) => n < next)).toBe(true);
    } finally {
      producing = false;
      await producer;
      await receiver.stop();
      await sender.disconnect();
    }
  }, 240_000);
});
