// Benchmark of `evc check` on a registry of 50 documents / 400 messages: a synthetic registry and
// a copy with a handful of changes (breaking and compatible), checked directory against directory
// and against a git ref, in a new process (cold) and in-process a second time (warm).
// Run: `npx tsx bench/compat.ts` (or through `npm run bench`).

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { runCheck } from '../generator/cli/commands/check.js';
import { messageName, serviceName, writeSyntheticRegistry } from './synthetic-registry.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DOCUMENTS = 50;
const MESSAGES_PER_DOCUMENT = 8;

/** Edits a few messages of the copy: two breaking payload changes, a key change, two compatible ones. */
function changeRegistry(dir: string): void {
  const edit = (d: number, fn: (doc: ReturnType<typeof parseDocument>, msg: (m: number) => string[]) => void): void => {
    const file = path.join(dir, serviceName(d), 'asyncapi.yaml');
    const doc = parseDocument(readFileSync(file, 'utf8'));
    fn(doc, (m) => ['components', 'messages', messageName(d, m)]);
    writeFileSync(file, doc.toString());
  };
  edit(0, (doc, msg) => doc.setIn([...msg(1), 'payload', 'properties', 'note', 'maxLength'], 50));
  edit(5, (doc, msg) =>
    doc.setIn([...msg(2), 'payload', 'required'], doc.createNode(['type', 'id', 'occurredAt', 'status', 'count'])),
  );
  edit(10, (doc, msg) =>
    doc.setIn([...msg(3), 'payload', 'properties', 'comment'], doc.createNode({ type: 'string' })),
  );
  edit(20, (doc, msg) => doc.setIn([...msg(0), 'bindings', 'kafka', 'key'], doc.createNode({ type: 'string' })));
  edit(30, (doc, msg) => doc.setIn([...msg(4), 'payload', 'properties', 'count', 'maximum'], 5000));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** How `evc` is started in a new process: the compiled CLI (what `bin/evc.js` runs) or through tsx. */
type Entry = 'dist' | 'tsx';

/** Compiles the CLI into .cache/bench-dist (inside the project, so node_modules resolve). */
function buildDist(): string {
  const out = path.join(ROOT, '.cache', 'bench-dist');
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out],
    { cwd: ROOT, stdio: 'ignore' },
  );
  return path.join(out, 'generator/cli/main.js');
}

let distMain: string | undefined;

/**
 * Wall-clock and CPU (user + system) milliseconds of one `evc` process. CPU time does not grow when
 * other jobs load the machine, so it is reported beside wall time (from GNU time when installed).
 */
function timeProcess(
  entry: Entry,
  args: readonly string[],
  cwd: string,
): { ms: number; cpuMs: number; status: number | null } {
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const argv =
    entry === 'dist'
      ? [(distMain ??= buildDist()), ...args]
      : ['--import', tsx, path.join(ROOT, 'generator/cli/main.ts'), ...args];
  const gnuTime = existsSync('/usr/bin/time');
  const command = gnuTime ? '/usr/bin/time' : process.execPath;
  const commandArgs = gnuTime ? ['-f', 'evc-bench-time %e %U %S', process.execPath, ...argv] : argv;
  const start = performance.now();
  const run = spawnSync(command, commandArgs, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`evc ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  const times = /evc-bench-time ([\d.]+) ([\d.]+) ([\d.]+)/.exec(run.stderr);
  const cpuMs = times ? (Number(times[2]) + Number(times[3])) * 1000 : NaN;
  return { ms, cpuMs, status: run.status };
}

async function timeInProcess(args: Parameters<typeof runCheck>[0], cwd: string): Promise<number> {
  const io = { stdout: () => undefined, stderr: () => undefined, cwd };
  const start = performance.now();
  const code = await runCheck(args, io);
  if (code !== 1) throw new Error(`expected breaking changes (exit 1), got ${code}`);
  return performance.now() - start;
}

/**
 * `asyncapi diff` (the @asyncapi/diff library behind the CLI command, after a strict
 * @asyncapi/parser parse, as the CLI does) on one changed service document, the only kind of input
 * it accepts: it knows no registries. Not a project dependency: set EVC_ASYNCAPI_DIFF_DIR to a
 * directory where `npm install @asyncapi/diff` was run; skipped otherwise.
 */
async function timeAsyncapiDiff(dir: string): Promise<Record<string, number> | undefined> {
  const from = process.env['EVC_ASYNCAPI_DIFF_DIR'];
  if (!from) return undefined;
  const require = createRequire(path.join(path.resolve(from), 'package.json'));
  const { diff } = (await import(pathToFileURL(require.resolve('@asyncapi/diff')).href)) as {
    diff: (
      a: unknown,
      b: unknown,
      c: object,
    ) => { breaking(): unknown[]; nonBreaking(): unknown[]; unclassified(): unknown[] };
  };
  const { Parser, fromFile } = (await import(pathToFileURL(require.resolve('@asyncapi/parser')).href)) as {
    Parser: new () => unknown;
    fromFile: (parser: unknown, file: string) => { parse(): Promise<{ document?: { json(): unknown } }> };
  };
  const parser = new Parser();
  const file = (side: string): string => path.join(dir, side, serviceName(5), 'asyncapi.yaml');
  const start = performance.now();
  const [a, b] = [await fromFile(parser, file('base')).parse(), await fromFile(parser, file('contracts')).parse()];
  if (!a.document || !b.document) return undefined;
  const result = diff(a.document.json(), b.document.json(), { outputType: 'json' });
  return {
    'asyncapi diff, one changed document pair, in-process (ms wall)': performance.now() - start,
    'asyncapi diff: changes classified breaking (of 1 breaking edit)': result.breaking().length,
    'asyncapi diff: changes unclassified': result.unclassified().length,
  };
}

export async function benchCompat(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-bench-compat-'));
  try {
    await writeSyntheticRegistry(path.join(dir, 'base'), DOCUMENTS, MESSAGES_PER_DOCUMENT);
    cpSync(path.join(dir, 'base'), path.join(dir, 'contracts'), { recursive: true });
    changeRegistry(path.join(dir, 'contracts'));

    const figures: Record<string, number> = {};
    const dirArgs = ['check', '--contracts', 'contracts', '--against', 'base', '--format', 'json'];
    for (const entry of ['dist', 'tsx'] as const) {
      const runs = [0, 1, 2].map(() => timeProcess(entry, dirArgs, dir));
      figures[`check 400 msgs vs dir, cold ${entry} process (ms wall, median of 3)`] = median(runs.map((r) => r.ms));
      figures[`check 400 msgs vs dir, cold ${entry} process (ms CPU, median of 3)`] = median(runs.map((r) => r.cpuMs));
      figures[`evc --version, cold ${entry} process (ms wall, median of 3)`] = median(
        [0, 1, 2].map(() => timeProcess(entry, ['--version'], dir).ms),
      );
    }

    // The same check against a git ref: base committed, the changes in the working tree.
    const repo = path.join(dir, 'repo');
    cpSync(path.join(dir, 'base'), path.join(repo, 'contracts'), { recursive: true });
    const git = (...args: string[]): void =>
      void execFileSync('git', args, {
        cwd: repo,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'b',
          GIT_AUTHOR_EMAIL: 'b@b',
          GIT_COMMITTER_NAME: 'b',
          GIT_COMMITTER_EMAIL: 'b@b',
        },
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    changeRegistry(path.join(repo, 'contracts'));
    const gitRuns = [0, 1, 2].map(() => timeProcess('dist', ['check', '--against', 'HEAD', '--format', 'json'], repo));
    figures['check 400 msgs vs git HEAD, cold dist process (ms wall, median of 3)'] = median(gitRuns.map((r) => r.ms));
    figures['check 400 msgs vs git HEAD, cold dist process (ms CPU, median of 3)'] = median(
      gitRuns.map((r) => r.cpuMs),
    );

    const asyncapiDiff = await timeAsyncapiDiff(dir);
    if (asyncapiDiff) Object.assign(figures, asyncapiDiff);

    const options = { contracts: 'contracts', against: 'base', format: 'json' };
    figures['check 400 msgs vs dir, in-process first run (ms)'] = await timeInProcess(options, dir);
    figures['check 400 msgs vs dir, in-process warm run (ms)'] = await timeInProcess(options, dir);
    figures['check 400 msgs vs git HEAD, in-process warm run (ms)'] = await timeInProcess(
      { against: 'HEAD', format: 'json' },
      repo,
    );
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const figures = await benchCompat();
  process.stdout.write(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs\n`,
  );
  for (const [name, value] of Object.entries(figures))
    process.stdout.write(`${name.padEnd(70)} ${value.toFixed(0).padStart(6)}\n`);
}
