// `tsx scripts/kafka/cli.ts start|stop|status` (npm run kafka:start / kafka:stop): a local broker
// that outlives the command, for the demo, benchmarks and `KAFKA_BROKERS=… vitest` runs.
// Its record lives in .kafka/run/state.json; `start` prints `KAFKA_BROKERS=…` on stdout (the rest
// goes to stderr), so `eval "$(npm run -s kafka:start)"` sets it in a shell.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runServiceCli, writeRunningStatus } from '../service-cli.js';
import {
  DEFAULT_KAFKA_HOME,
  KAFKA_VERSION,
  isKafkaProcess,
  kafkaJarsCached,
  startBroker,
  startCluster,
  stopRecordedBroker,
  type BrokerRecord,
} from './broker.js';

interface CliState extends BrokerRecord {
  readonly port: number;
  readonly controllerPort: number;
  readonly clusterId: string;
  /** Every node of a cluster (`--brokers 3`); the fields above describe node 1. Absent for a single broker. */
  readonly nodes?: readonly Pick<BrokerRecord, 'pid' | 'dataDir' | 'logFile'>[];
}

/** EVC_KAFKA_HOME moves jars, logs and state elsewhere (tests that must not touch a developer's broker). */
const KAFKA_HOME = process.env.EVC_KAFKA_HOME || DEFAULT_KAFKA_HOME;
/** Read by `evc dlq`, `evc topics --create` and the demo (generator/cli/bundled-broker.ts) to find the broker. */
const STATE_FILE = join(KAFKA_HOME, 'run', 'state.json');

function readState(): CliState | undefined {
  if (!existsSync(STATE_FILE)) return undefined;
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as CliState;
  } catch {
    return undefined;
  }
}

function running(state: CliState | undefined): state is CliState {
  return state !== undefined && nodesOf(state).some((node) => isKafkaProcess(node.pid, node.dataDir));
}

function nodesOf(state: CliState): readonly Pick<BrokerRecord, 'pid' | 'dataDir' | 'logFile'>[] {
  return state.nodes ?? [state];
}

async function stopNodes(state: CliState): Promise<void> {
  await Promise.all(nodesOf(state).map((node) => stopRecordedBroker(node, { kafkaHome: KAFKA_HOME })));
}

function printBrokers(state: CliState): void {
  process.stdout.write(`KAFKA_BROKERS=${state.brokers.join(',')}\n`);
}

async function start(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { port: { type: 'string' }, 'controller-port': { type: 'string' }, brokers: { type: 'string' } },
  });
  const size = values.brokers === undefined ? 1 : Number(values.brokers);
  if (!Number.isInteger(size) || size < 1 || size > 9) {
    process.stderr.write(`--brokers must be a number of nodes from 1 to 9, got ${values.brokers}\n`);
    return 2;
  }
  if (size > 1 && (values.port !== undefined || values['controller-port'] !== undefined)) {
    process.stderr.write('--port and --controller-port apply to a single broker; a cluster picks free ports\n');
    return 2;
  }
  const existing = readState();
  if (running(existing)) {
    process.stderr.write(`Kafka broker already running (pid ${existing.pid}); stop it with npm run kafka:stop\n`);
    printBrokers(existing);
    return 0;
  }
  if (existing) await stopNodes(existing);
  rmSync(STATE_FILE, { force: true });

  if (!kafkaJarsCached(KAFKA_HOME)) {
    process.stderr.write(`Downloading the Kafka ${KAFKA_VERSION} jars with Maven into .kafka/libs (first run only)…\n`);
  }
  if (size > 1) return startClusterNodes(size);
  process.stderr.write(`Starting Kafka ${KAFKA_VERSION} (KRaft, single node)…\n`);
  const broker = await startBroker({
    kafkaHome: KAFKA_HOME,
    keepAfterExit: true,
    ...(values.port === undefined ? {} : { port: Number(values.port) }),
    ...(values['controller-port'] === undefined ? {} : { controllerPort: Number(values['controller-port']) }),
  });
  const state: CliState = {
    id: 'cli',
    pid: broker.pid,
    ownerPid: null,
    brokers: broker.brokers,
    dataDir: broker.dataDir,
    logFile: broker.logFile,
    startedAt: new Date().toISOString(),
    port: broker.port,
    controllerPort: broker.controllerPort,
    clusterId: broker.clusterId,
  };
  writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
  const { jarsMs, formatMs, readyMs, totalMs } = broker.timings;
  process.stderr.write(
    `Kafka broker ready on ${broker.brokers.join(',')} (pid ${broker.pid}) in ${(totalMs / 1000).toFixed(1)} s ` +
      `(jars ${(jarsMs / 1000).toFixed(1)} s, format ${(formatMs / 1000).toFixed(1)} s, start ${(readyMs / 1000).toFixed(1)} s)\n` +
      `log: ${broker.logFile}\n` +
      'evc dlq, evc topics --create and npm run demo use it while it runs (unless --brokers or KAFKA_BROKERS say otherwise); ' +
      'stop it with npm run kafka:stop\n',
  );
  printBrokers(state);
  return 0;
}

async function startClusterNodes(size: number): Promise<number> {
  process.stderr.write(
    `Starting a ${size}-node Kafka ${KAFKA_VERSION} cluster (KRaft, combined broker + controller nodes, ` +
      `replication factor ${Math.min(3, size)}, min.insync.replicas ${size < 3 ? 1 : 2})…\n`,
  );
  const cluster = await startCluster({
    kafkaHome: KAFKA_HOME,
    keepAfterExit: true,
    size,
    ...(size < 3 ? { properties: { ...scaledDurability(size) } } : {}),
  });
  const first = cluster.nodes[0]!;
  const state: CliState = {
    id: 'cli',
    pid: first.pid,
    ownerPid: null,
    brokers: cluster.brokers,
    dataDir: first.dataDir,
    logFile: first.logFile,
    startedAt: new Date().toISOString(),
    port: first.port,
    controllerPort: first.controllerPort,
    clusterId: cluster.clusterId,
    nodes: cluster.nodes.map((node) => ({ pid: node.pid, dataDir: node.dataDir, logFile: node.logFile })),
  };
  writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
  process.stderr.write(
    `Kafka cluster ready on ${cluster.brokers.join(',')} (pids ${cluster.nodes.map((n) => n.pid).join(', ')}) in ` +
      `${(cluster.timings.totalMs / 1000).toFixed(1)} s\nlogs: ${cluster.nodes.map((n) => n.logFile).join(' ')}\n` +
      'stop it with npm run kafka:stop\n',
  );
  printBrokers(state);
  return 0;
}

/** Two nodes cannot hold three replicas: replication factor 2, and one in-sync replica must suffice. */
function scaledDurability(size: number): Record<string, number> {
  return {
    'default.replication.factor': size,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': size,
    'transaction.state.log.replication.factor': size,
    'transaction.state.log.min.isr': 1,
  };
}

async function stop(): Promise<number> {
  const state = readState();
  if (!state) {
    process.stderr.write('No Kafka broker started by kafka:start is recorded.\n');
    return 0;
  }
  const wasRunning = running(state);
  await stopNodes(state);
  rmSync(STATE_FILE, { force: true });
  process.stderr.write(
    wasRunning
      ? `Kafka ${state.nodes === undefined ? 'broker' : 'cluster'} (pid ${nodesOf(state)
          .map((node) => node.pid)
          .join(', ')}) stopped.\n`
      : 'Kafka broker was not running; state removed.\n',
  );
  return 0;
}

function status(): number {
  const state = readState();
  if (!running(state)) {
    process.stderr.write('Kafka broker: not running\n');
    return 1;
  }
  writeRunningStatus('Kafka broker', state);
  printBrokers(state);
  return 0;
}

runServiceCli(
  process.argv.slice(2),
  { start, stop, status },
  'tsx scripts/kafka/cli.ts start [--port N] [--controller-port N] [--brokers N] | stop | status',
);
