// A real Apicurio Registry 3.3.3 (in-memory storage, Confluent-compatible API) on loopback, for
// integration tests, the demo and `npm run registry:start`, without Docker: the Quarkus app comes
// from Maven Central through scripts/registry/pom.xml into the git-ignored .apicurio/ folder.
// Facts and flags: /shared/notes/registry.md.
//
// It needs Java 21+, which the Kafka broker does not: the registry's JDK has a variable of its own,
// EVC_REGISTRY_JAVA (a JDK folder or a java binary), defaulting to Temurin 25 where it is installed,
// so JAVA_HOME (which the broker follows) stays untouched. Like the broker, it runs in its own
// process group with a pid record in .apicurio/run/, is killed by exit/signal handlers of its owner
// and by the broker's shell watchdog when the owner dies without running them, and every start
// first removes registries whose owner is gone.

import { execFile, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  spawnWatchedJava,
  freePort,
  groupAlive,
  processAlive,
  registerForExit,
  signalGroup,
  sleep,
  stopProcessGroup,
  unregisterForExit,
} from '../kafka/broker.js';

/** Apicurio version unpacked by scripts/registry/pom.xml; part of the cache marker. */
export const APICURIO_VERSION = '3.3.3';
/** The Confluent-compatible API under the registry's root URL. */
export const CCOMPAT_PATH = '/apis/ccompat/v7';
/** Where the registry's JDK is looked for when EVC_REGISTRY_JAVA is not set. */
export const DEFAULT_REGISTRY_JDK = '/usr/lib/jvm/temurin-25-jdk-amd64';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const POM_FILE = fileURLToPath(new URL('./pom.xml', import.meta.url));

/** The git-ignored folder holding the unpacked app (`app/`), logs and pid records (`run/`). */
export const DEFAULT_REGISTRY_HOME = join(REPO_ROOT, '.apicurio');

export interface RegistryOptions {
  /** Folder for `app/`, `logs/` and `run/`; default `<repo>/.apicurio`. */
  registryHome?: string;
  /** API port; default a free loopback port. */
  port?: number;
  /** How long to wait for `GET /subjects` to answer; default 90 s. */
  startTimeoutMs?: number;
  /** Time between SIGTERM and SIGKILL when stopping; default 10 s. */
  stopGraceMs?: number;
  /** Let the registry outlive this process (the `registry:start` CLI): no watchdog, no exit handlers. */
  keepAfterExit?: boolean;
}

export interface RegistryTimings {
  /** Checking (or downloading and unpacking) the app. */
  readonly appMs: number;
  /** Spawn until the Confluent API answers. */
  readonly readyMs: number;
  readonly totalMs: number;
}

export interface RunningRegistry {
  /** Marks the java process (`-Devc.registry.id=`) and names its log and pid record. */
  readonly id: string;
  /** Root URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** The Confluent-compatible API, e.g. `http://127.0.0.1:40123/apis/ccompat/v7`: what clients take. */
  readonly ccompatUrl: string;
  readonly port: number;
  readonly pid: number;
  readonly logFile: string;
  readonly timings: RegistryTimings;
  isRunning(): boolean;
  logTail(lines?: number): string;
  /** SIGTERM, SIGKILL after the grace period; removes the pid record. Idempotent. */
  stop(): Promise<void>;
}

/** What `.apicurio/run/registry-<id>.json` (and the CLI's state.json) records. */
export interface RegistryRecord {
  readonly id: string;
  readonly pid: number;
  /** Process that owns the registry; `null` for one meant to outlive its starter (CLI). */
  readonly ownerPid: number | null;
  readonly url: string;
  readonly ccompatUrl: string;
  readonly logFile: string;
  readonly startedAt: string;
}

export class RegistryStartError extends Error {
  constructor(message: string, logTail: string) {
    super(logTail ? `${message}\n--- registry log (excerpt) ---\n${logTail}` : message);
    this.name = 'RegistryStartError';
  }
}

// ---------------------------------------------------------------------------------------------
// The app

const MARKER = '.evc-app';

function appFingerprint(): string {
  return createHash('sha256').update(readFileSync(POM_FILE)).update(APICURIO_VERSION).digest('hex');
}

/** Whether `ensureRegistryApp` will return at once. */
export function registryAppCached(registryHome: string = DEFAULT_REGISTRY_HOME): boolean {
  const marker = join(registryHome, 'app', MARKER);
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === appFingerprint();
}

/** Make sure `<home>/app/quarkus-run.jar` exists, unpacking it with Maven when the marker is missing or stale. */
export async function ensureRegistryApp(
  registryHome: string = DEFAULT_REGISTRY_HOME,
): Promise<{ appDir: string; downloaded: boolean; ms: number }> {
  const started = performance.now();
  const appDir = join(registryHome, 'app');
  if (registryAppCached(registryHome)) return { appDir, downloaded: false, ms: performance.now() - started };
  rmSync(appDir, { recursive: true, force: true });
  mkdirSync(registryHome, { recursive: true });
  await new Promise<void>((resolve, reject) => {
    execFile(
      'mvn',
      ['-q', '-B', '-f', POM_FILE, `-Dregistry.app.dir=${appDir}`, 'validate'],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve();
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        const output = `${stdout}${stderr}`.trim().split('\n').slice(-30).join('\n');
        reject(
          new Error(
            `Downloading Apicurio Registry ${APICURIO_VERSION} with Maven failed: ` +
              `${missing ? '`mvn` is not installed' : error.message}${output && !missing ? `\n${output}` : ''}\n` +
              'Hint: Maven 3 must be installed and Maven Central reachable; or point the tests at a running ' +
              'registry with EVC_TEST_REGISTRY_URL=http://host:port (its root URL).',
          ),
        );
      },
    );
  });
  if (!existsSync(join(appDir, 'quarkus-run.jar')))
    throw new Error(`Maven finished but ${appDir} holds no quarkus-run.jar`);
  writeFileSync(join(appDir, MARKER), `${appFingerprint()}\n`);
  return { appDir, downloaded: true, ms: performance.now() - started };
}

/**
 * The java binary for the registry: EVC_REGISTRY_JAVA (a JDK folder or the binary itself), else
 * Temurin 25 where installed, else JAVA_HOME's, else `java` on PATH (which must then be 21+).
 */
export function registryJava(env: NodeJS.ProcessEnv = process.env): string {
  const given = env['EVC_REGISTRY_JAVA']?.trim();
  if (given) return existsSync(join(given, 'bin', 'java')) ? join(given, 'bin', 'java') : given;
  if (existsSync(join(DEFAULT_REGISTRY_JDK, 'bin', 'java'))) return join(DEFAULT_REGISTRY_JDK, 'bin', 'java');
  return env['JAVA_HOME'] ? join(env['JAVA_HOME'], 'bin', 'java') : 'java';
}

// ---------------------------------------------------------------------------------------------
// Start and stop

/** Start a fresh in-memory registry on a free loopback port; resolves once its Confluent API answers. */
export async function startRegistry(options: RegistryOptions = {}): Promise<RunningRegistry> {
  const started = performance.now();
  const home = options.registryHome ?? DEFAULT_REGISTRY_HOME;
  const app = await ensureRegistryApp(home);
  cleanStaleRegistries(home);
  const attempts = options.port === undefined ? 2 : 1;
  for (let attempt = 1; ; attempt++) {
    const registry = new LocalRegistry(home, app.appDir, options);
    try {
      await registry.start(app.ms, started);
      return registry;
    } catch (error) {
      const portTaken = /Address already in use|Port already bound/i.test(registry.logTail(200));
      await registry.stop().catch(() => undefined);
      if (!(portTaken && attempt < attempts)) throw error;
    }
  }
}

class LocalRegistry implements RunningRegistry {
  readonly id = randomBytes(6).toString('hex');
  port = 0;
  readonly logFile: string;
  private readonly recordFile: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stopped = false;
  private appMs = 0;
  private readyMs = 0;
  private totalMs = 0;

  constructor(
    private readonly home: string,
    private readonly appDir: string,
    private readonly options: RegistryOptions,
  ) {
    mkdirSync(join(home, 'logs'), { recursive: true });
    this.logFile = join(home, 'logs', `registry-${this.id}.log`);
    this.recordFile = join(home, 'run', `registry-${this.id}.json`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get ccompatUrl(): string {
    return `${this.url}${CCOMPAT_PATH}`;
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  get timings(): RegistryTimings {
    return { appMs: this.appMs, readyMs: this.readyMs, totalMs: this.totalMs };
  }

  async start(appMs: number, startedAt: number): Promise<void> {
    this.appMs = appMs;
    this.port = this.options.port ?? (await freePort());
    if (!this.options.keepAfterExit) registerForExit(this);
    const spawned = performance.now();
    const java = [
      registryJava(),
      // Marks the process as ours (pid-reuse guard) without touching the registry's behaviour.
      `-Devc.registry.id=${this.id}`,
      `-Dquarkus.http.port=${this.port}`,
      '-Dquarkus.http.host=127.0.0.1',
      // The management interface cannot be switched off in this build (fixed at build time): a free
      // loopback port keeps two registries on one machine from colliding on 9000.
      '-Dquarkus.management.port=0',
      '-Dquarkus.management.host=127.0.0.1',
      '-XX:TieredStopAtLevel=1',
      '-Xmx256m',
      '-XX:+UseSerialGC',
      '-XX:+ExitOnOutOfMemoryError',
      '-jar',
      join(this.appDir, 'quarkus-run.jar'),
    ];
    // The broker's launcher: a watchdog in the same process group stops java when the owner dies.
    const { child, exited } = spawnWatchedJava({
      tag: 'evc-registry',
      java,
      logFile: this.logFile,
      dataDir: this.logFile,
      recordFile: this.recordFile,
      keepAfterExit: this.options.keepAfterExit ?? false,
      cwd: this.appDir,
    });
    this.child = child;
    this.exited = exited;
    this.writeRecord();

    const timeoutMs = this.options.startTimeoutMs ?? 90_000;
    const deadline = Date.now() + timeoutMs;
    let lastError: string;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
        const tail = this.logTail(30);
        const hint = /UnsupportedClassVersionError/.test(tail)
          ? `\nHint: Apicurio ${APICURIO_VERSION} needs Java 21+; ${registryJava()} is older. Set EVC_REGISTRY_JAVA to a JDK 21+ folder.`
          : '';
        throw new RegistryStartError(
          `Apicurio Registry exited during startup (code ${child.exitCode}); log: ${this.logFile}${hint}`,
          tail,
        );
      }
      try {
        const response = await fetch(`${this.ccompatUrl}/subjects`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) {
          await response.text();
          break;
        }
        lastError = `HTTP ${response.status}`;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
      if (Date.now() > deadline) {
        const pid = this.pid;
        await this.stop().catch(() => undefined);
        throw new RegistryStartError(
          `Apicurio Registry on ${this.url} (pid ${pid}) did not answer within ${timeoutMs} ms ` +
            `(last error: ${lastError}); log: ${this.logFile}`,
          this.logTail(30),
        );
      }
      await sleep(200);
    }
    this.readyMs = performance.now() - spawned;
    this.totalMs = performance.now() - startedAt;
  }

  isRunning(): boolean {
    return this.childLive() && groupAlive(this.pid);
  }

  private childLive(): boolean {
    return this.child?.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    if (this.childLive()) await stopProcessGroup(this.pid, this.options.stopGraceMs ?? 10_000, 'SIGTERM', this.exited);
    this.stopped = true;
    unregisterForExit(this);
    rmSync(this.recordFile, { force: true });
  }

  killNow(): void {
    if (this.childLive()) signalGroup(this.pid, 'SIGKILL');
    rmSync(this.recordFile, { force: true });
  }

  logTail(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  private writeRecord(): void {
    const record: RegistryRecord = {
      id: this.id,
      pid: this.pid,
      ownerPid: this.options.keepAfterExit ? null : process.pid,
      url: this.url,
      ccompatUrl: this.ccompatUrl,
      logFile: this.logFile,
      startedAt: new Date().toISOString(),
    };
    mkdirSync(join(this.home, 'run'), { recursive: true });
    writeFileSync(this.recordFile, `${JSON.stringify(record, null, 2)}\n`);
  }
}

/** Guards against pid reuse: only signal a java process carrying this registry's id. */
export function isRegistryProcess(pid: number, id: string): boolean {
  if (pid <= 0 || !processAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(`-Devc.registry.id=${id}`);
  } catch {
    return false;
  }
}

/** Stop a registry known only by its record (the CLI's, or a stale one). */
export async function stopRecordedRegistry(
  record: Pick<RegistryRecord, 'id' | 'pid'>,
  options: { graceMs?: number; registryHome?: string } = {},
): Promise<void> {
  if (isRegistryProcess(record.pid, record.id))
    await stopProcessGroup(record.pid, options.graceMs ?? 10_000, 'SIGTERM');
  rmSync(join(options.registryHome ?? DEFAULT_REGISTRY_HOME, 'run', `registry-${record.id}.json`), { force: true });
}

function readRecord(file: string): RegistryRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RegistryRecord;
  } catch {
    return undefined;
  }
}

/** Kill registries whose owner process is gone and drop their records. Returns how many. */
export function cleanStaleRegistries(registryHome: string = DEFAULT_REGISTRY_HOME): number {
  const runDir = join(registryHome, 'run');
  let files: string[];
  try {
    files = readdirSync(runDir).filter((f) => f.startsWith('registry-') && f.endsWith('.json'));
  } catch {
    return 0;
  }
  let cleaned = 0;
  for (const name of files) {
    const file = join(runDir, name);
    const record = readRecord(file);
    if (record === undefined) {
      rmSync(file, { force: true });
      continue;
    }
    const alive = isRegistryProcess(record.pid, record.id);
    const ownerGone = record.ownerPid === null ? !alive : !processAlive(record.ownerPid);
    if (!ownerGone) continue;
    if (alive) signalGroup(record.pid, 'SIGKILL');
    rmSync(file, { force: true });
    cleaned++;
  }
  return cleaned;
}
