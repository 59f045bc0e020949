// A real single-node Apache Kafka broker (KRaft, broker + controller in one JVM) on loopback, for
// integration tests, the demo and benchmarks, without Docker: jars come from Maven Central through
// scripts/kafka/pom.xml into the git-ignored .kafka/ folder. See /shared/notes/kafka-broker.md.
//
// No broker may outlive its owner by accident: each one runs in its own process group with a pid
// file in .kafka/run/, `exit`/SIGINT/SIGTERM handlers of the owner kill it, a shell watchdog in the
// same process group kills it when the owner dies without running them (SIGKILL, crash), and every
// start first removes brokers whose owner is gone.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kafka, Partitioners, logLevel } from 'kafkajs';
import { newKafkajsClient } from '../../runtime/kafka/kafkajs-client.js';

/** Kafka version resolved by scripts/kafka/pom.xml; part of the jar cache marker. */
export const KAFKA_VERSION = '3.9.2';
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.10.0:copy-dependencies';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT_DIR = fileURLToPath(new URL('./', import.meta.url));
const POM_FILE = join(SCRIPT_DIR, 'pom.xml');
const LOG4J_FILE = join(SCRIPT_DIR, 'log4j.properties');

/** The git-ignored folder holding jars (`libs/`) and pid/state files (`run/`). */
export const DEFAULT_KAFKA_HOME = join(REPO_ROOT, '.kafka');

export interface BrokerOptions {
  /** Folder for `libs/` and `run/`; default `<repo>/.kafka`. */
  kafkaHome?: string;
  /** Client listener port; default a free loopback port. */
  port?: number;
  /** Controller listener port; default a free loopback port. */
  controllerPort?: number;
  /** Extra or overriding server.properties entries, e.g. `{ 'auto.create.topics.enable': 'true' }`. */
  properties?: Readonly<Record<string, string | number | boolean>>;
  /** JVM heap options; default `['-Xms256m', '-Xmx512m']`. */
  heap?: readonly string[];
  /** More JVM options for the broker, e.g. `['-XX:TieredStopAtLevel=1']` (~1 s faster start, slower peak). */
  jvmArgs?: readonly string[];
  /**
   * Before resolving, create the consumer-offsets topic and a producer-id block (one group lookup,
   * one idempotent producer), so the first consumer group or idempotent producer of a test does not
   * meet "coordinator is loading" retries. Default true.
   */
  warmUp?: boolean;
  /** How long to wait for the broker to answer `describeCluster`; default 60 s. */
  startTimeoutMs?: number;
  /** Time between SIGTERM and SIGKILL when stopping; default 10 s. */
  stopGraceMs?: number;
  /**
   * Let the broker outlive this process (the `kafka:start` CLI): no watchdog, no exit handlers, and
   * stale-broker cleanup leaves it alone. Stop it with `stopRecordedBroker`.
   */
  keepAfterExit?: boolean;
}

export interface BrokerTimings {
  /** Checking (or downloading) the jars. */
  readonly jarsMs: number;
  /** `kafka.tools.StorageTool format` (a JVM of its own). */
  readonly formatMs: number;
  /** Spawn of `kafka.Kafka` until `describeCluster` answers (last start or restart). */
  readonly readyMs: number;
  /** Warm-up of the group and producer-id coordinators after the first start. */
  readonly warmUpMs: number;
  /** Whole `startBroker` call. */
  readonly totalMs: number;
}

export interface RunningBroker {
  /** Bootstrap addresses for clients, e.g. `['127.0.0.1:40123']`. */
  readonly brokers: string[];
  readonly port: number;
  readonly controllerPort: number;
  readonly clusterId: string;
  /** Pid of the java process, which is also its process group id; changes on restart. */
  readonly pid: number;
  /** Temporary folder with server.properties, broker.log and the log dirs (`data/`). */
  readonly dataDir: string;
  /** stdout + stderr of the broker (log4j WARN and above, plus start/stop milestones). */
  readonly logFile: string;
  readonly timings: BrokerTimings;
  /** True while the broker's process group is alive. */
  isRunning(): boolean;
  /** Last lines of the broker log, for failure messages. */
  logTail(lines?: number): string;
  /** Stop the process (SIGTERM, SIGKILL after the grace period) and remove the data dir. Idempotent. */
  stop(): Promise<void>;
  /**
   * Stop the process but keep ports, data and registration, for fault tests. `SIGKILL` simulates a
   * crash (no controlled shutdown); the default SIGTERM is a clean shutdown.
   */
  stopProcess(options?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<void>;
  /** Start the stopped broker again on the same ports and data; resolves once it answers. */
  startAgain(): Promise<void>;
  /** `stopProcess()` then `startAgain()`. */
  restart(options?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<void>;
}

/**
 * server.properties for fault tests that SIGKILL the broker: after a crash the restarted broker
 * cannot register again until its old session expires (`broker.session.timeout.ms`, 9 s by
 * default), so a crash-restart takes ~15 s with defaults and ~8 s with these. Not the default: a
 * 3 s session on a busy 2-core machine risks fencing the broker in the middle of unrelated tests.
 */
export const QUICK_CRASH_RECOVERY_PROPERTIES: Readonly<Record<string, number>> = {
  'broker.session.timeout.ms': 3_000,
  'broker.heartbeat.interval.ms': 500,
};

/** What `.kafka/run/broker-<id>.json` (and the CLI's state.json) records about a broker. */
export interface BrokerRecord {
  readonly id: string;
  readonly pid: number;
  /** Process that owns the broker; `null` for a broker meant to outlive its starter (CLI). */
  readonly ownerPid: number | null;
  readonly brokers: string[];
  readonly dataDir: string;
  readonly logFile: string;
  readonly startedAt: string;
}

export class BrokerStartError extends Error {
  constructor(
    message: string,
    readonly logTail: string,
  ) {
    super(logTail ? `${message}\n--- broker log (excerpt) ---\n${logTail}` : message);
    this.name = 'BrokerStartError';
  }
}

// ---------------------------------------------------------------------------------------------
// Jars

export interface KafkaJars {
  readonly libsDir: string;
  /** True when this call ran Maven (first run, or pom.xml changed). */
  readonly downloaded: boolean;
  readonly ms: number;
}

const MARKER = '.evc-jars';

function jarsFingerprint(): string {
  return createHash('sha256').update(readFileSync(POM_FILE)).update(KAFKA_VERSION).digest('hex');
}

/** Whether `ensureKafkaJars` will return at once (jars copied before, for the current pom.xml). */
export function kafkaJarsCached(kafkaHome: string = DEFAULT_KAFKA_HOME): boolean {
  const markerFile = join(kafkaHome, 'libs', MARKER);
  return existsSync(markerFile) && readFileSync(markerFile, 'utf8').trim() === jarsFingerprint();
}

/**
 * Make sure `<kafkaHome>/libs` holds the broker's jars, running Maven only when the marker file is
 * missing or stale. Concurrent callers each copy into a temp folder and the first rename wins.
 */
export async function ensureKafkaJars(kafkaHome: string = DEFAULT_KAFKA_HOME): Promise<KafkaJars> {
  const started = performance.now();
  const libsDir = join(kafkaHome, 'libs');
  const fingerprint = jarsFingerprint();
  const markerFile = join(libsDir, MARKER);
  if (kafkaJarsCached(kafkaHome)) return { libsDir, downloaded: false, ms: performance.now() - started };
  mkdirSync(kafkaHome, { recursive: true });
  const staging = mkdtempSync(join(kafkaHome, 'libs.tmp-'));
  try {
    await run('mvn', ['-q', '-B', '-f', POM_FILE, `-DoutputDirectory=${staging}`, DEPENDENCY_PLUGIN], {
      what: 'Downloading the Kafka broker jars with Maven',
      hint: 'Maven 3 and Java 17 must be installed and Maven Central reachable; or point tests at a running broker with KAFKA_BROKERS=host:port.',
    });
    if (!readdirSync(staging).some((f) => f.startsWith('kafka_2.13-'))) {
      throw new Error(`Maven finished but ${staging} holds no kafka_2.13 jar`);
    }
    writeFileSync(join(staging, MARKER), `${fingerprint}\n`);
    // Another process may have finished first (its brokers may be using those jars): keep its copy.
    const complete = (): boolean => existsSync(markerFile) && readFileSync(markerFile, 'utf8').trim() === fingerprint;
    if (!complete()) {
      rmSync(libsDir, { recursive: true, force: true });
      try {
        renameSync(staging, libsDir);
      } catch (error) {
        if (!complete()) throw error;
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { libsDir, downloaded: true, ms: performance.now() - started };
}

function run(command: string, args: readonly string[], context: { what: string; hint: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const output = `${stdout}${stderr}`.trim().split('\n').slice(-30).join('\n');
      reject(
        new Error(
          `${context.what} failed: ${missing ? `\`${command}\` is not installed` : error.message}` +
            `${output && !missing ? `\n${output}` : ''}\nHint: ${context.hint}`,
        ),
      );
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Start

/**
 * Start a fresh single-node broker on free loopback ports with a temp data dir and resolve once a
 * kafkajs admin client gets an answer to `describeCluster`.
 */
export async function startBroker(options: BrokerOptions = {}): Promise<RunningBroker> {
  const started = performance.now();
  const kafkaHome = options.kafkaHome ?? DEFAULT_KAFKA_HOME;
  const jars = await ensureKafkaJars(kafkaHome);
  cleanStaleBrokers(kafkaHome);

  // Ports are probed then released, so another process may grab one before Kafka binds it: retry
  // with fresh ports once when the log says so (only when the caller did not fix the ports).
  const attempts = options.port === undefined && options.controllerPort === undefined ? 2 : 1;
  for (let attempt = 1; ; attempt++) {
    const broker = new LocalBroker(kafkaHome, jars, options, started);
    try {
      await broker.firstStart();
      return broker;
    } catch (error) {
      const portTaken = /Address already in use/i.test(broker.logTail(200));
      await broker.stop().catch(() => undefined);
      if (!(portTaken && attempt < attempts)) throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A cluster of several nodes

/** One node of a cluster: its id, ports and the quorum it votes in. */
interface ClusterNode {
  readonly nodeId: number;
  readonly clusterId: string;
  readonly port: number;
  readonly controllerPort: number;
  /** `controller.quorum.voters` of the whole cluster. */
  readonly voters: string;
}

/**
 * A cluster's durability settings: internal topics and new topics on all three nodes, and a write is
 * acknowledged (acks=all) only once two replicas have it, so losing any one node loses no acknowledged record.
 */
export const CLUSTER_PROPERTIES: Readonly<Record<string, number | boolean>> = {
  'default.replication.factor': 3,
  'min.insync.replicas': 2,
  'offsets.topic.replication.factor': 3,
  'transaction.state.log.replication.factor': 3,
  'transaction.state.log.min.isr': 2,
  'unclean.leader.election.enable': false,
};

export interface ClusterOptions extends Omit<BrokerOptions, 'port' | 'controllerPort'> {
  /** Number of nodes; default 3. */
  readonly size?: number;
}

export interface RunningCluster {
  /** Bootstrap addresses of every node. */
  readonly brokers: string[];
  readonly clusterId: string;
  /** The nodes; `nodes[i]` has `node.id` i + 1. Each can be stopped and started again on its own. */
  readonly nodes: readonly RunningBroker[];
  /** The node with this `node.id`. */
  node(nodeId: number): RunningBroker;
  /** Spawn of the JVMs until every node answers, and the warm-up. */
  readonly timings: { readonly readyMs: number; readonly totalMs: number };
  /** Stops every node and removes their data. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Start a KRaft cluster of `size` nodes (default 3) on loopback from the same jars. Each node is broker and
 * controller at once (combined mode): a separate controller quorum would need three more JVMs, which a
 * developer machine or CI runner shared by tests cannot spare, and combined nodes still exercise controller
 * failover (killing the active controller kills a broker too — the harder case). Topics default to
 * replication factor 3 with min.insync.replicas=2 (CLUSTER_PROPERTIES).
 */
export async function startCluster(options: ClusterOptions = {}): Promise<RunningCluster> {
  const started = performance.now();
  const size = options.size ?? 3;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`cluster size must be a positive integer, got ${size}`);
  const kafkaHome = options.kafkaHome ?? DEFAULT_KAFKA_HOME;
  const jars = await ensureKafkaJars(kafkaHome);
  cleanStaleBrokers(kafkaHome);
  const ports: number[] = [];
  for (let i = 0; i < size * 2; i++) ports.push(await freePort(ports));
  const clusterId = newClusterId();
  const voters = Array.from({ length: size }, (_, i) => `${i + 1}@127.0.0.1:${ports[size + i]}`).join(',');
  // Three JVMs on a small machine: a smaller heap each than a lone broker gets.
  const nodeOptions: BrokerOptions = { heap: ['-Xms128m', '-Xmx384m'], ...options };
  const nodes = Array.from(
    { length: size },
    (_, i) =>
      new LocalBroker(kafkaHome, jars, nodeOptions, started, {
        nodeId: i + 1,
        clusterId,
        port: ports[i]!,
        controllerPort: ports[size + i]!,
        voters,
      }),
  );
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.stop().catch(() => undefined)));
  };
  try {
    await Promise.all(nodes.map((node) => node.format()));
    const spawned = performance.now();
    // Together: no node is ready before a majority of the quorum runs.
    await Promise.all(nodes.map((node) => node.startAgain()));
    const readyMs = performance.now() - spawned;
    const brokers = nodes.flatMap((node) => node.brokers);
    const warmUpStarted = performance.now();
    await waitForBrokers(brokers, size, options.startTimeoutMs ?? 60_000);
    if (options.warmUp ?? true) await warmUpBrokers(brokers);
    for (const node of nodes) node.finishedStart(performance.now() - warmUpStarted);
    return {
      brokers,
      clusterId,
      nodes,
      node: (nodeId) => {
        const node = nodes[nodeId - 1];
        if (node === undefined) throw new RangeError(`no node ${nodeId} in a cluster of ${size}`);
        return node;
      },
      timings: { readyMs, totalMs: performance.now() - started },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Until the cluster's metadata lists `count` brokers (each registered with the quorum). */
async function waitForBrokers(brokers: string[], count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  for (;;) {
    const admin = probeClient(brokers).admin();
    try {
      await admin.connect();
      seen = (await admin.describeCluster()).brokers.length;
      if (seen >= count) return;
    } catch {
      // not yet
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`cluster lists ${seen} of ${count} brokers after ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** Connection settings for readiness probes: fail fast, log nothing (refused connections are expected). */
function probeClient(brokers: string[]): Kafka {
  return newKafkajsClient({
    clientId: 'evc-broker-probe',
    brokers,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
}

class LocalBroker implements RunningBroker {
  readonly brokers: string[] = [];
  port = 0;
  controllerPort = 0;
  readonly clusterId: string;
  readonly id = randomBytes(6).toString('hex');
  readonly dataDir: string;
  readonly logFile: string;
  private readonly propertiesFile: string;
  private readonly recordFile: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private removed = false;
  private jarsMs: number;
  private formatMs = 0;
  private readyMs = 0;
  private warmUpMs = 0;
  private totalMs = 0;

  constructor(
    private readonly kafkaHome: string,
    private readonly jars: KafkaJars,
    private readonly options: BrokerOptions,
    private readonly startedAt: number,
    /** Set for a node of a multi-node cluster (startCluster); a single broker is node 1 of its own quorum. */
    private readonly node?: ClusterNode,
  ) {
    this.clusterId = node?.clusterId ?? newClusterId();
    this.jarsMs = jars.ms;
    this.dataDir = mkdtempSync(join(tmpdir(), 'evc-kafka-'));
    this.logFile = join(this.dataDir, 'broker.log');
    this.propertiesFile = join(this.dataDir, 'server.properties');
    this.recordFile = join(kafkaHome, 'run', `broker-${this.id}.json`);
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  get timings(): BrokerTimings {
    return {
      jarsMs: this.jarsMs,
      formatMs: this.formatMs,
      readyMs: this.readyMs,
      warmUpMs: this.warmUpMs,
      totalMs: this.totalMs,
    };
  }

  async firstStart(): Promise<void> {
    await this.format();
    await this.startAgain();
    if (this.options.warmUp ?? true) {
      const warmUpStarted = performance.now();
      await warmUpBrokers(this.brokers);
      this.warmUpMs = performance.now() - warmUpStarted;
    }
    this.totalMs = performance.now() - this.startedAt;
  }

  /** For startCluster, which formats, starts and warms up its nodes together. */
  finishedStart(warmUpMs: number): void {
    this.warmUpMs = warmUpMs;
    this.totalMs = performance.now() - this.startedAt;
  }

  /** Ports, server.properties and `StorageTool format`: everything before the first start. */
  async format(): Promise<void> {
    this.port = this.node?.port ?? this.options.port ?? (await freePort());
    this.controllerPort = this.node?.controllerPort ?? this.options.controllerPort ?? (await freePort([this.port]));
    this.brokers.push(`127.0.0.1:${this.port}`);
    writeFileSync(this.propertiesFile, serverProperties(this, this.node, this.options.properties));
    if (!this.options.keepAfterExit) registerForExit(this);

    const formatStarted = performance.now();
    await run(
      javaBinary(),
      [
        // A one-shot tool: the C1 compiler alone gets it done ~0.3 s sooner.
        '-XX:TieredStopAtLevel=1',
        `-Dlog4j.configuration=file:${LOG4J_FILE}`,
        '-cp',
        join(this.jars.libsDir, '*'),
        'kafka.tools.StorageTool',
        'format',
        '-t',
        this.clusterId,
        '-c',
        this.propertiesFile,
        '--ignore-formatted',
      ],
      { what: 'Formatting the Kafka storage', hint: 'Java 11+ must be on PATH (or JAVA_HOME set).' },
    );
    this.formatMs = performance.now() - formatStarted;
  }

  async startAgain(): Promise<void> {
    if (this.isRunning()) throw new Error(`Broker ${this.brokers.join(',')} is already running (pid ${this.pid})`);
    if (this.removed) throw new Error('Broker was stopped with stop(); start a new one with startBroker()');
    const spawned = performance.now();
    const java = [
      javaBinary(),
      ...(this.options.heap ?? ['-Xms256m', '-Xmx512m']),
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${LOG4J_FILE}`,
      ...(this.options.jvmArgs ?? []),
      '-cp',
      join(this.jars.libsDir, '*'),
      'kafka.Kafka',
      this.propertiesFile,
    ];
    const { child, exited } = spawnWatchedJava({
      tag: 'evc-kafka',
      java,
      logFile: this.logFile,
      dataDir: this.dataDir,
      recordFile: this.recordFile,
      keepAfterExit: this.options.keepAfterExit ?? false,
    });
    this.child = child;
    this.exited = exited;
    this.writeRecord();

    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    const deadline = Date.now() + timeoutMs;
    let lastError: string;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
        throw new BrokerStartError(
          `Kafka broker exited during startup (code ${child.exitCode}, signal ${child.signalCode}); log: ${this.keepLog()}`,
          this.failureExcerpt(),
        );
      }
      const admin = probeClient(this.brokers).admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        if (cluster.brokers.length > 0) break;
        lastError = 'describeCluster returned no brokers';
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
      if (Date.now() > deadline) {
        const pid = this.pid;
        await this.stopProcess({ signal: 'SIGKILL' }).catch(() => undefined);
        throw new BrokerStartError(
          `Kafka broker on ${this.brokers.join(',')} (pid ${pid}) did not answer describeCluster within ` +
            `${timeoutMs} ms (last error: ${lastError}); log: ${this.keepLog()}`,
          this.failureExcerpt(),
        );
      }
      await sleep(150);
    }
    this.readyMs = performance.now() - spawned;
  }

  isRunning(): boolean {
    return this.childLive() && groupAlive(this.pid);
  }

  async stopProcess(options: { signal?: 'SIGTERM' | 'SIGKILL' } = {}): Promise<void> {
    // Once java has exited its pid may be reused: never signal it again (the watchdog ends by itself).
    if (!this.childLive()) return;
    const pid = this.child?.pid ?? 0;
    await stopProcessGroup(pid, this.options.stopGraceMs ?? 10_000, options.signal ?? 'SIGTERM', this.exited);
  }

  private childLive(): boolean {
    return this.child?.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async restart(options: { signal?: 'SIGTERM' | 'SIGKILL' } = {}): Promise<void> {
    await this.stopProcess(options);
    await this.startAgain();
  }

  async stop(): Promise<void> {
    if (this.removed) return;
    await this.stopProcess();
    this.removeFiles();
  }

  /** Synchronous last resort from `exit`/signal handlers: no time for a clean shutdown. */
  killNow(): void {
    if (this.childLive()) signalGroup(this.pid, 'SIGKILL');
    try {
      this.removeFiles();
    } catch {
      // The record stays behind, so the next start's cleanStaleBrokers finishes the job.
    }
  }

  logTail(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** The first error of the log (without stack frames) and its last lines: enough to see why. */
  failureExcerpt(): string {
    const lines = this.logTail(2_000)
      .split('\n')
      .filter((line) => !/^\s+(at |\.\.\. \d+ more)/.test(line));
    const first = lines.findIndex((line) => /\] (ERROR|FATAL) /.test(line));
    if (first < 0 || first >= lines.length - 25) return lines.slice(-25).join('\n');
    return [...lines.slice(first, first + 8), '…', ...lines.slice(-15)].join('\n');
  }

  /** Copy the log out of the data dir (removed on stop) so a failed start can be read afterwards. */
  private keepLog(): string {
    const kept = join(this.kafkaHome, 'logs', `broker-${this.id}.log`);
    try {
      mkdirSync(join(this.kafkaHome, 'logs'), { recursive: true });
      copyFileSync(this.logFile, kept);
      return kept;
    } catch {
      return this.logFile;
    }
  }

  private removeFiles(): void {
    this.removed = true;
    unregisterForExit(this);
    // A SIGKILLed JVM may still be finishing a write: retry, and drop the record only when done.
    rmSync(this.dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    rmSync(this.recordFile, { force: true });
  }

  private writeRecord(): void {
    const record: BrokerRecord = {
      id: this.id,
      pid: this.pid,
      ownerPid: this.options.keepAfterExit ? null : process.pid,
      brokers: this.brokers,
      dataDir: this.dataDir,
      logFile: this.logFile,
      startedAt: new Date().toISOString(),
    };
    mkdirSync(join(this.kafkaHome, 'run'), { recursive: true });
    writeFileSync(this.recordFile, `${JSON.stringify(record, null, 2)}\n`);
  }
}

/**
 * Create the consumer-offsets topic and a producer-id block (one group lookup, one idempotent producer), so
 * the first consumer group or idempotent producer of a test does not meet "coordinator is loading" retries.
 */
async function warmUpBrokers(brokers: string[]): Promise<void> {
  const kafka = newKafkajsClient({
    clientId: 'evc-broker-warmup',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeGroups(['evc-broker-warmup']);
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.disconnect();
}

// The broker's launcher, run as `sh -c WRAPPER evc-kafka <owner-pid|0> <data-dir> <record-file> java …`.
// A background subshell (same process group) polls the owner once a second; when the owner is gone
// but java ($$: exec keeps the pid) is not, it stops java (TERM, then KILL after ~10 s) and removes
// the data dir and pid file. It exits by itself when java exits, and it dies with the group on stop.
// `alive` treats zombies as dead: this machine's init reaps orphans only after a while.
export const WRAPPER = `
owner=$1; data=$2; record=$3; shift 3
if [ "$owner" != 0 ]; then
  java=$$
  (
    alive() {
      kill -0 "$1" 2>/dev/null || return 1
      s=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
      s=\${s##*) }
      case "$s" in Z*|X*) return 1 ;; esac
    }
    while alive "$owner" && alive "$java"; do sleep 1; done
    if alive "$java" && ! alive "$owner"; then
      kill -TERM "$java" 2>/dev/null
      i=0
      while alive "$java" && [ $i -lt 20 ]; do sleep 0.5; i=$((i+1)); done
      kill -KILL "$java" 2>/dev/null
      case "$data" in */evc-kafka-*) rm -rf "$data" ;; esac
      rm -f "$record"
    fi
  ) </dev/null >/dev/null 2>&1 &
fi
exec "$@"
`;

/**
 * Starts `java …` through WRAPPER as the leader of a new process group (`detached`), so one signal
 * to -pid reaches java and its watchdog and nothing of ours; output is appended to `logFile`. With
 * `keepAfterExit` the process outlives us (no watchdog, unref'd). Shared by the broker and the registry.
 */
export function spawnWatchedJava(options: {
  readonly tag: string;
  readonly java: readonly string[];
  readonly logFile: string;
  /** Removed by the watchdog when the owner dies (only folders named like `*\/evc-kafka-*`). */
  readonly dataDir: string;
  readonly recordFile: string;
  readonly keepAfterExit: boolean;
  readonly cwd?: string;
}): { readonly child: ChildProcess; readonly exited: Promise<void> } {
  const log = openSync(options.logFile, 'a');
  const watch = options.keepAfterExit ? '0' : String(process.pid);
  const args = ['-c', WRAPPER, options.tag, watch, options.dataDir, options.recordFile, ...options.java];
  const child = spawn('/bin/sh', args, {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  if (options.keepAfterExit) child.unref();
  return { child, exited };
}

function serverProperties(
  broker: { port: number; controllerPort: number; dataDir: string },
  node: ClusterNode | undefined,
  overrides: BrokerOptions['properties'],
): string {
  const properties: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': node?.nodeId ?? 1,
    'controller.quorum.voters': node?.voters ?? `1@127.0.0.1:${broker.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${broker.port},CONTROLLER://127.0.0.1:${broker.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${broker.port}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': join(broker.dataDir, 'data'),
    'num.partitions': 3,
    // Production clusters often forbid auto-creation: the demo and tests create their topics
    // (and dead-letter topics) explicitly, so a forgotten one fails here as it would there.
    'auto.create.topics.enable': false,
    'offsets.topic.replication.factor': 1,
    // One partition for internal topics: the first consumer group / transaction starts quickly.
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'group.initial.rebalance.delay.ms': 0,
    ...(node === undefined ? {} : CLUSTER_PROPERTIES),
    ...overrides,
  };
  return `${Object.entries(properties)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n')}\n`;
}

/** 16 random bytes as 22 chars of URL-safe base64, like `kafka-storage random-uuid`. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    // A leading '-' would read as a command-line option.
    if (!id.startsWith('-')) return id;
  }
}

function javaBinary(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

export function freePort(avoid: readonly number[] = []): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') return reject(new Error('no port assigned'));
        if (avoid.includes(address.port)) return resolve(freePort(avoid));
        resolve(address.port);
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Stop, and no orphans

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** State letter and process group of a process from /proc/<pid>/stat (Linux), if readable. */
function procStat(pid: string | number): { state: string; pgrp: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === undefined || pgrp === undefined ? undefined : { state, pgrp: Number(pgrp) };
  } catch {
    return undefined;
  }
}

const isZombie = (state: string): boolean => state === 'Z' || state === 'X';

/**
 * Whether any process of the group is still running. Zombies do not count: kill(-pgid, 0) still
 * reaches them, and this machine's init reaps orphaned ones only after a second or more.
 */
export function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true; // no /proc: trust kill -0
  }
  return entries.some((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    const stat = procStat(entry);
    return stat !== undefined && stat.pgrp === pgid && !isZombie(stat.state);
  });
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  return stat === undefined || !isZombie(stat.state);
}

/** SIGTERM (or SIGKILL) to the group, SIGKILL after `graceMs`, resolve when the group is gone. */
export async function stopProcessGroup(
  pgid: number,
  graceMs: number,
  signal: 'SIGTERM' | 'SIGKILL',
  exited?: Promise<void>,
): Promise<void> {
  if (!signalGroup(pgid, signal)) return;
  const killAt = Date.now() + graceMs;
  let killed = signal === 'SIGKILL';
  while (groupAlive(pgid)) {
    if (!killed && Date.now() >= killAt) {
      signalGroup(pgid, 'SIGKILL');
      killed = true;
    }
    if (killed && Date.now() >= killAt + 10_000) throw new Error(`Process group ${pgid} survived SIGKILL`);
    await sleep(50);
  }
  await exited;
}

/** Stop a broker known only by its record (the CLI's, or a stale one): pid group, data, record. */
export async function stopRecordedBroker(
  record: Pick<BrokerRecord, 'pid' | 'dataDir'>,
  options: { graceMs?: number; kafkaHome?: string } = {},
): Promise<void> {
  if (isKafkaProcess(record.pid, record.dataDir)) {
    await stopProcessGroup(record.pid, options.graceMs ?? 10_000, 'SIGTERM');
  }
  if (/evc-kafka-/.test(record.dataDir)) rmSync(record.dataDir, { recursive: true, force: true });
  const runDir = join(options.kafkaHome ?? DEFAULT_KAFKA_HOME, 'run');
  for (const file of recordFiles(runDir)) {
    if (readRecord(file)?.dataDir === record.dataDir) rmSync(file, { force: true });
  }
}

/** Guards against pid reuse: only signal a process that is our broker (its command line names the data dir). */
export function isKafkaProcess(pid: number, dataDir: string): boolean {
  if (pid <= 0 || !processAlive(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.includes('kafka.Kafka') && cmdline.some((arg) => arg.startsWith(dataDir));
  } catch {
    return false;
  }
}

/** Resident memory of a process in MiB (Linux /proc), or undefined when it cannot be read. */
export function residentMemoryMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}

function recordFiles(runDir: string): string[] {
  try {
    return readdirSync(runDir)
      .filter((f) => f.startsWith('broker-') && f.endsWith('.json'))
      .map((f) => join(runDir, f));
  } catch {
    return [];
  }
}

function readRecord(file: string): BrokerRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BrokerRecord;
  } catch {
    return undefined;
  }
}

/**
 * Kill brokers whose owner process is dead (a crashed or SIGKILLed run the watchdog did not get
 * to) and remove their data and pid files. Brokers meant to outlive their starter (`ownerPid:
 * null`) are only cleaned up once their java process is gone. Returns how many were cleaned.
 */
export function cleanStaleBrokers(kafkaHome: string = DEFAULT_KAFKA_HOME): number {
  let cleaned = 0;
  for (const file of recordFiles(join(kafkaHome, 'run'))) {
    const record = readRecord(file);
    if (record === undefined) {
      rmSync(file, { force: true });
      continue;
    }
    const ownerGone =
      record.ownerPid === null ? !isKafkaProcess(record.pid, record.dataDir) : !processAlive(record.ownerPid);
    if (!ownerGone) continue;
    if (isKafkaProcess(record.pid, record.dataDir)) signalGroup(record.pid, 'SIGKILL');
    if (/evc-kafka-/.test(record.dataDir)) rmSync(record.dataDir, { recursive: true, force: true });
    rmSync(file, { force: true });
    cleaned++;
  }
  return cleaned;
}

/** What an owner's exit and signal handlers must kill at once: brokers, and the registry of scripts/registry. */
export interface OwnedProcess {
  killNow(): void;
}

const owned = new Set<OwnedProcess>();
let handlersInstalled = false;

function killOwned(): void {
  for (const broker of owned) broker.killNow();
}

function onSignal(signal: NodeJS.Signals): void {
  // Adding a listener cancels Node's default "exit on signal": when nobody else (e.g. vitest)
  // handles it, restore the default and re-raise so the process still ends as it would have.
  const alone = process.listenerCount(signal) === 1;
  killOwned();
  if (alone) {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

export function registerForExit(broker: OwnedProcess): void {
  owned.add(broker);
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killOwned);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
}

export function unregisterForExit(broker: OwnedProcess): void {
  owned.delete(broker);
  if (owned.size > 0 || !handlersInstalled) return;
  handlersInstalled = false;
  process.removeListener('exit', killOwned);
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  process.removeListener('SIGHUP', onSignal);
}
