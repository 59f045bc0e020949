// `tsx scripts/registry/cli.ts start|stop|status` (npm run registry:start / registry:stop): a local
// Apicurio Registry that outlives the command, for experiments and `EVC_TEST_REGISTRY_URL=… vitest`.
// Its record lives in .apicurio/run/state.json; `start` prints `EVC_REGISTRY_URL=…` (the Confluent
// API) on stdout and the rest on stderr, so `eval "$(npm run -s registry:start)"` sets it in a shell.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runServiceCli, writeRunningStatus } from '../service-cli.js';
import {
  APICURIO_VERSION,
  DEFAULT_REGISTRY_HOME,
  isRegistryProcess,
  registryAppCached,
  registryJava,
  startRegistry,
  stopRecordedRegistry,
  type RegistryRecord,
} from './registry.js';

const STATE_FILE = join(DEFAULT_REGISTRY_HOME, 'run', 'state.json');

function readState(): RegistryRecord | undefined {
  if (!existsSync(STATE_FILE)) return undefined;
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as RegistryRecord;
  } catch {
    return undefined;
  }
}

function running(state: RegistryRecord | undefined): state is RegistryRecord {
  return state !== undefined && isRegistryProcess(state.pid, state.id);
}

function printUrl(state: RegistryRecord): void {
  process.stdout.write(`EVC_REGISTRY_URL=${state.ccompatUrl}\n`);
}

async function start(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { port: { type: 'string' } } });
  const existing = readState();
  if (running(existing)) {
    process.stderr.write(
      `Apicurio Registry already running (pid ${existing.pid}); stop it with npm run registry:stop\n`,
    );
    printUrl(existing);
    return 0;
  }
  if (existing) await stopRecordedRegistry(existing);
  rmSync(STATE_FILE, { force: true });
  if (!registryAppCached())
    process.stderr.write(
      `Downloading Apicurio Registry ${APICURIO_VERSION} with Maven into .apicurio/app (first run only)…\n`,
    );
  process.stderr.write(`Starting Apicurio Registry ${APICURIO_VERSION} (in-memory) on ${registryJava()}…\n`);
  const registry = await startRegistry({
    keepAfterExit: true,
    ...(values.port === undefined ? {} : { port: Number(values.port) }),
  });
  const state: RegistryRecord = {
    id: registry.id,
    pid: registry.pid,
    ownerPid: null,
    url: registry.url,
    ccompatUrl: registry.ccompatUrl,
    logFile: registry.logFile,
    startedAt: new Date().toISOString(),
  };
  writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
  const { appMs, readyMs, totalMs } = registry.timings;
  process.stderr.write(
    `Apicurio Registry ready on ${registry.url} (pid ${registry.pid}) in ${(totalMs / 1000).toFixed(1)} s ` +
      `(app ${(appMs / 1000).toFixed(1)} s, start ${(readyMs / 1000).toFixed(1)} s)\nlog: ${registry.logFile}\n`,
  );
  printUrl(state);
  return 0;
}

async function stop(): Promise<number> {
  const state = readState();
  if (!state) {
    process.stderr.write('No registry started by registry:start is recorded.\n');
    return 0;
  }
  const wasRunning = running(state);
  await stopRecordedRegistry(state);
  rmSync(STATE_FILE, { force: true });
  process.stderr.write(
    wasRunning
      ? `Apicurio Registry (pid ${state.pid}) stopped.\n`
      : 'Apicurio Registry was not running; state removed.\n',
  );
  return 0;
}

function status(): number {
  const state = readState();
  if (!running(state)) {
    process.stderr.write('Apicurio Registry: not running\n');
    return 1;
  }
  writeRunningStatus('Apicurio Registry', state);
  printUrl(state);
  return 0;
}

runServiceCli(
  process.argv.slice(2),
  { start, stop, status },
  'tsx scripts/registry/cli.ts start [--port N] | stop | status',
);
