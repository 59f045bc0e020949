// Child process of kafkajs-stop-race.test.ts: kafkajs 2.2.4's real consumer Runner and fetch manager over a fake
// consumer group whose set of brokers changes while the runner fetches, stopped at a chosen moment. Out of process
// because the stock Runner can spin on promise reactions forever, which no timer inside the process can interrupt.
// Usage: node --import tsx kafkajs-stop-race-scenarios.ts stock|fixed [randomScenarios] [seed]
// Prints one JSON line per scenario once its stop() returned: { scenario, stopMs, fetchesAfterStop }.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { fixKafkajsStopRace } from '../../../runtime/kafka/kafkajs-stop-race.js';

const require = createRequire(import.meta.url);

interface Scenario {
  readonly nodes: readonly string[];
  /** How long a fetch from each node takes (a long poll), by node. */
  readonly fetchMs: Readonly<Record<string, number>>;
  /** Node sets the cluster shows, each from its time on. */
  readonly changes: readonly { readonly atMs: number; readonly nodes: readonly string[] }[];
  readonly stopAtMs: number;
}

/** The one a CI run hung on: node 2 leaves while its fetch is in flight, stop() comes before that fetch returns. */
const FOUND: Scenario = {
  nodes: ['1', '2'],
  fetchMs: { '1': 100, '2': 1000 },
  changes: [{ atMs: 150, nodes: ['1'] }],
  stopAtMs: 500,
};

const NODE_IDS = ['1', '2', '3'];
const nodeSet = fc.subarray(NODE_IDS, { minLength: 1 });
const scenarios = fc.record({
  nodes: nodeSet,
  fetchMs: fc.record({
    '1': fc.integer({ min: 1, max: 80 }),
    '2': fc.integer({ min: 1, max: 80 }),
    '3': fc.integer({ min: 1, max: 80 }),
  }),
  changes: fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 150 }), nodes: nodeSet }), { maxLength: 4 }),
  stopAtMs: fc.integer({ min: 0, max: 200 }),
});

interface KafkajsRunner {
  start(): Promise<void>;
  stop(): Promise<void>;
}
type RunnerClass = new (options: Record<string, unknown>) => KafkajsRunner;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function run(scenario: Scenario, Runner: RunnerClass): Promise<{ stopMs: number; fetchesAfterStop: number }> {
  let nodes = scenario.nodes;
  let stopped = false;
  let fetchesAfterStop = 0;
  const logger = { namespace: () => logger, debug() {}, info() {}, warn() {}, error() {} };
  const consumerGroup = {
    groupId: 'stop-race',
    memberId: 'member',
    connect: async () => {},
    joinAndSync: async () => {},
    heartbeat: async () => {},
    leave: async () => {},
    getNodeIds: () => nodes,
    fetch: async (nodeId: string) => {
      if (stopped) fetchesAfterStop += 1;
      await sleep(scenario.fetchMs[nodeId] ?? 10);
      return [];
    },
  };
  const runner = new Runner({
    logger,
    consumerGroup,
    instrumentationEmitter: { emit() {} },
    eachBatch: async () => {},
    heartbeatInterval: 3_000,
    retry: { initialRetryTime: 5, maxRetryTime: 50, retries: 5 },
    onCrash: (error: Error) => console.error(`crash: ${error.message}`),
    concurrency: 1,
  });
  await runner.start();
  const timers = scenario.changes.map(({ atMs, nodes: next }) => setTimeout(() => (nodes = next), atMs));
  await sleep(scenario.stopAtMs);
  const stopAt = performance.now();
  await runner.stop();
  const stopMs = Math.round(performance.now() - stopAt);
  stopped = true;
  await sleep(100); // a fetcher still running would fetch again within its longest poll
  timers.forEach(clearTimeout);
  return { stopMs, fetchesAfterStop };
}

const [mode = 'fixed', randomCount = '0', seed = '1'] = process.argv.slice(2);
if (mode === 'fixed' && !fixKafkajsStopRace()) throw new Error('the fix was not installed');
const Runner = require('kafkajs/src/consumer/runner.js') as RunnerClass;
const all = [FOUND, ...fc.sample(scenarios, { numRuns: Number(randomCount), seed: Number(seed) })];
const picked = process.env['ONLY'] === undefined ? all : [all[Number(process.env['ONLY'])]!];
// All at once: each has its own runner and group, and the run takes as long as the slowest one.
await Promise.all(
  picked.map(async (scenario, index) =>
    console.log(JSON.stringify({ scenario: index, ...(await run(scenario, Runner)) })),
  ),
);
