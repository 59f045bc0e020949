// Lint and generate times for the example registry and a synthetic 50-document / 400-message
// registry: new `evc` processes with an empty `.evc/` cache, after editing one document, and with
// nothing changed; `evc watch`'s in-process cycle after an edit; wall and CPU time (medians), peak
// memory; and @asyncapi/parser's strict parse of the same documents for comparison.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, fromFile } from '@asyncapi/parser';
import { createWatchCycle } from '../generator/cli/commands/watch.js';
import { writeSyntheticRegistry } from './synthetic-registry.js';

const repo = path.resolve(import.meta.dirname, '..');
const quiet = (cwd: string) => ({ stdout: () => undefined, stderr: () => undefined, cwd });

interface ProcessRun {
  /** Wall time of the whole child process, from spawn to exit. */
  readonly ms: number;
  /** User + system CPU time of the child process (less inflated than wall time on a shared machine). */
  readonly cpuMs: number;
  readonly maxRssMiB: number;
  readonly code: number;
}

let cliBuilt = false;

/**
 * The figures are of the compiled CLI (`bin/evc.js` runs `dist/`), which `npm ci` builds once: after a change to
 * the sources it would measure the old code without a word. So the first measurement builds it afresh.
 */
function buildCliOnce(): void {
  if (cliBuilt) return;
  process.stderr.write('building dist/ (the benchmark measures the compiled CLI) …\n');
  const built = spawnSync(process.execPath, [path.join(repo, 'scripts/build.mjs')], { cwd: repo, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building dist/ failed:\n${built.stdout}${built.stderr}`);
  cliBuilt = true;
}

export function coldProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): ProcessRun {
  buildCliOnce();
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(repo, 'bench/measure-cli.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const ms = performance.now() - started;
  const last = result.stderr.trim().split('\n').pop() ?? '{}';
  const report = JSON.parse(last) as { code: number; cpuMs: number; maxRssKiB: number };
  return { ms, cpuMs: report.cpuMs, maxRssMiB: report.maxRssKiB / 1024, code: report.code };
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function strictParserMs(dir: string): Promise<{ documents: number; ms: number }> {
  const documents: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'asyncapi.yaml') documents.push(full);
    }
  };
  walk(dir);
  const parser = new Parser();
  const started = performance.now();
  for (const file of documents) await fromFile(parser, file).parse();
  return { documents: documents.length, ms: performance.now() - started };
}

/** Repetitions of each cold-process figure (median printed): the machine may be shared. */
const RUNS = 5;

/**
 * Changes one document the way an author does (its info.version), so the next run must load, lint
 * and generate again — the cache keeps only what did not change (parsed files, compiled validators).
 */
function editOneDocument(contracts: string, round: number): void {
  const file = path.join(
    contracts,
    readdirSync(contracts)
      .filter((d) => !d.includes('.') && d !== 'schemas')
      .sort()[0]!,
    'asyncapi.yaml',
  );
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^( {2}version: )\S+$/m, `$1'1.0.${round + 1}'`));
}

/**
 * Cold and warm, as this benchmark uses the words (each a new `evc` process unless it says in-process):
 * - cold, empty cache: the first run after a clone (no `.evc/`);
 * - cold, one document edited: the cache filled by an earlier run, then one document changed — what a
 *   developer's next `evc lint` / `evc generate` costs;
 * - warm, unchanged: the cache filled and nothing changed since (the command's result is reused);
 * - watch cycle: `evc watch`'s in-process lint + generate after one document was edited.
 */
export async function benchLintGenerate(): Promise<Record<string, number>> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'evc-bench-'));
  const figures: Record<string, number> = {};
  const record = (name: string, runs: readonly ProcessRun[]): void => {
    const suffix = runs.length > 1 ? `, median of ${runs.length}` : '';
    figures[`${name} (ms${suffix})`] = median(runs.map((r) => r.ms));
    figures[`${name}, CPU user+sys (ms${suffix})`] = median(runs.map((r) => r.cpuMs));
  };
  try {
    cpSync(path.join(repo, 'contracts'), path.join(work, 'example', 'contracts'), { recursive: true });
    await writeSyntheticRegistry(path.join(work, 'synthetic', 'contracts'), 50, 8);
    const registries: [string, string][] = [
      ['example (4 docs)', path.join(work, 'example')],
      ['synthetic (50 docs / 400 msgs)', path.join(work, 'synthetic')],
    ];
    for (const [label, cwd] of registries) {
      const contracts = path.join(cwd, 'contracts');
      const cache = path.join(cwd, '.evc');
      const env = { EVC_CACHE_DIR: cache };
      const repeat = (args: string[], before: (round: number) => void = () => undefined): ProcessRun[] =>
        Array.from({ length: RUNS }, (_, round) => {
          before(round);
          return coldProcess(args, cwd, env);
        });
      const fromScratch = (): void => rmSync(cache, { recursive: true, force: true });

      record(`${label}: lint, cold process, empty cache`, repeat(['lint'], fromScratch));
      let edits = 0;
      record(
        `${label}: lint, cold process, one document edited`,
        repeat(['lint'], () => editOneDocument(contracts, edits++)),
      );
      const lintRuns = repeat(['lint']);
      record(`${label}: lint, warm (cold process, nothing changed)`, lintRuns);
      figures[`${label}: lint, cold process peak RSS (MiB)`] = Math.max(...lintRuns.map((r) => r.maxRssMiB));

      record(
        `${label}: generate, cold process, empty cache`,
        repeat(['generate'], () => {
          fromScratch();
          rmSync(path.join(cwd, 'generated'), { recursive: true, force: true });
        }),
      );
      record(
        `${label}: generate, cold process, one document edited`,
        repeat(['generate'], () => editOneDocument(contracts, edits++)),
      );
      const genRuns = repeat(['generate']);
      record(`${label}: generate, warm (cold process, nothing changed)`, genRuns);
      figures[`${label}: generate, cold process peak RSS (MiB)`] = Math.max(...genRuns.map((r) => r.maxRssMiB));
      record(`${label}: generate --check, warm (cold process, nothing changed)`, repeat(['generate', '--check']));

      // In-process, as `evc watch` runs: lint + generate after one document was edited.
      process.env.EVC_CACHE_DIR = cache;
      const cycle = createWatchCycle({ contracts: 'contracts', out: 'generated' }, quiet(cwd));
      await cycle();
      const cycles: number[] = [];
      for (let round = 0; round < RUNS; round++) {
        editOneDocument(contracts, edits++);
        cycles.push((await cycle()).milliseconds);
      }
      figures[`${label}: watch cycle after one document edited, in-process (ms, median of ${RUNS})`] = median(cycles);
      delete process.env.EVC_CACHE_DIR;

      const parser = await strictParserMs(contracts);
      figures[`${label}: @asyncapi/parser strict parse of all ${parser.documents} docs, in-process (ms)`] = parser.ms;
    }
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, value] of Object.entries(await benchLintGenerate()))
    process.stdout.write(`${name.padEnd(86)} ${value.toFixed(0).padStart(7)}\n`);
}
