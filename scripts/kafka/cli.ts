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
  stopRecordedBroker,
  type BrokerRecord,
} from './broker.js';

interface CliState extends BrokerRecord {
  readonly port: number;
  readonly controllerPort: number;
  readonly clusterId: string;
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
  return state !== undefined && isKafkaProcess(state.pid, state.dataDir);
}

function printBrokers(state: CliState): void {
  process.stdout.write(`KAFKA_BROKERS=${state.brokers.join(',')}\n`);
}

async function start(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { port: { type: 'string' }, 'controller-port': { type: 'string' } },
  });
  const existing = readState();
  if (running(existing)) {
    process.stderr.write(`Kafka broker already running (pid ${existing.pid}); stop it with npm run kafka:stop\n`);
    printBrokers(existing);
    return 0;
  }
  if (existing) await stopRecordedBroker(existing, { kafkaHome: KAFKA_HOME });
  rmSync(STATE_FILE, { force: true });

  if (!kafkaJarsCached(KAFKA_HOME)) {
    process.stderr.write(`Downloading the Kafka ${KAFKA_VERSION} jars with Maven into .kafka/libs (first run only)…\n`);
  }
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

async function stop(): Promise<number> {
  const state = readState();
  if (!state) {
    process.stderr.write('No Kafka broker started by kafka:start is recorded.\n');
    return 0;
  }
  const wasRunning = running(state);
  await stopRecordedBroker(state, { kafkaHome: KAFKA_HOME });
  rmSync(STATE_FILE, { force: true });
  process.stderr.write(
    wasRunning ? `Kafka broker (pid ${state.pid}) stopped.\n` : 'Kafka broker was not running; state removed.\n',
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
  'tsx scripts/kafka/cli.ts start [--port N] [--controller-port N] | stop | status',
);
