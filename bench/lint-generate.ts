// Lint and generate times for the example registry and a synthetic 50-document / 400-message
// registry: a cold process (new node process; with and without the on-disk AsyncAPI validator
// cache), and warm (in-process, parse caches hot), plus peak memory; and @asyncapi/parser's
// strict parse of the same documents for comparison.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, fromFile } from '@asyncapi/parser';
import { runLint } from '../generator/cli/commands/lint.js';
import { runGenerate } from '../generator/cli/commands/generate.js';
import { writeSyntheticRegistry } from './synthetic-registry.js';

const repo = path.resolve(import.meta.dirname, '..');
const quiet = (cwd: string) => ({ stdout: () => undefined, stderr: () => undefined, cwd });

interface ProcessRun {
  readonly ms: number;
  readonly maxRssMiB: number;
  readonly code: number;
}

function coldProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): ProcessRun {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(repo, 'bench/measure-cli.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const ms = performance.now() - started;
  const last = result.stderr.trim().split('\n').pop() ?? '{}';
  const report = JSON.parse(last) as { code: number; maxRssKiB: number };
  return { ms, maxRssMiB: report.maxRssKiB / 1024, code: report.code };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

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

export async function benchLintGenerate(): Promise<Record<string, number>> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'evc-bench-'));
  const figures: Record<string, number> = {};
  try {
    await writeSyntheticRegistry(path.join(work, 'contracts'), 50, 8);
    const registries: [string, string, string][] = [
      ['example (4 docs)', repo, 'contracts'],
      ['synthetic (50 docs / 400 msgs)', work, 'contracts'],
    ];
    for (const [label, cwd, contracts] of registries) {
      const out = path.join(work, `out-${label.length}`);
      const freshCache = mkdtempSync(path.join(os.tmpdir(), 'evc-bench-cache-'));
      const first = coldProcess(['lint', '-c', contracts], cwd, { EVC_CACHE_DIR: freshCache });
      figures[`${label}: lint, cold process, empty caches (ms)`] = first.ms;
      const lintRuns = [0, 1, 2].map(() => coldProcess(['lint', '-c', contracts], cwd, { EVC_CACHE_DIR: freshCache }));
      figures[`${label}: lint, cold process, caches warm (ms, median of 3)`] = median(lintRuns.map((r) => r.ms));
      figures[`${label}: lint, cold process peak RSS (MiB)`] = Math.max(...lintRuns.map((r) => r.maxRssMiB));
      const genCache = mkdtempSync(path.join(os.tmpdir(), 'evc-bench-cache-'));
      figures[`${label}: generate, cold process, empty caches (ms)`] = coldProcess(
        ['generate', '-c', contracts, '-o', `${out}-empty`],
        cwd,
        { EVC_CACHE_DIR: genCache },
      ).ms;
      rmSync(genCache, { recursive: true, force: true });
      const genRuns = [0, 1, 2].map((i) =>
        coldProcess(['generate', '-c', contracts, '-o', `${out}-${i}`], cwd, { EVC_CACHE_DIR: freshCache }),
      );
      figures[`${label}: generate, cold process, caches warm (ms, median of 3)`] = median(genRuns.map((r) => r.ms));
      figures[`${label}: generate, cold process peak RSS (MiB)`] = Math.max(...genRuns.map((r) => r.maxRssMiB));
      rmSync(freshCache, { recursive: true, force: true });

      await runLint({ contracts, format: 'text' }, quiet(cwd));
      let started = performance.now();
      await runLint({ contracts, format: 'text' }, quiet(cwd));
      figures[`${label}: lint, warm in-process (ms)`] = performance.now() - started;
      await runGenerate({ contracts, out: `${out}-warm`, quiet: true }, quiet(cwd));
      started = performance.now();
      await runGenerate({ contracts, out: `${out}-warm`, quiet: true }, quiet(cwd));
      figures[`${label}: generate, warm in-process (ms)`] = performance.now() - started;
      started = performance.now();
      await runGenerate({ contracts, out: `${out}-warm`, check: true, quiet: true }, quiet(cwd));
      figures[`${label}: generate --check, warm in-process (ms)`] = performance.now() - started;

      const parser = await strictParserMs(path.join(cwd, contracts));
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
