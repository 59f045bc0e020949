// `evc docs` on the synthetic 50-document / 400-message registry: building the site from a loaded
// registry (site model, pages, graph layout) in-process, the whole command warm (load, lint, build,
// write) and as a cold process; plus how many pages and bytes it writes.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDocs } from '../generator/cli/commands/docs.js';
import { loadSide, openDirectory } from '../generator/compat/inputs.js';
import { documentRegistry } from '../generator/docs/index.js';
import { coldProcess, median } from './lint-generate.js';
import { writeSyntheticRegistry } from './synthetic-registry.js';

const quiet = (cwd: string) => ({ stdout: () => undefined, stderr: () => undefined, cwd });

export async function benchDocs(): Promise<Record<string, number>> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'evc-bench-docs-'));
  const figures: Record<string, number> = {};
  try {
    await writeSyntheticRegistry(path.join(work, 'contracts'), 50, 8);
    const source = await openDirectory('contracts', work);
    const { registry } = await loadSide(source, 'current');
    const builds: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const usage = process.cpuUsage();
      await documentRegistry(source, registry);
      const used = process.cpuUsage(usage);
      builds.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
    }
    figures['site from the loaded registry (model, pages, graph layout), in-process (ms, median of 5)'] =
      median(builds);
    // CPU time as well: on a shared machine the wall-clock figure mostly measures the other processes.
    figures['the same, CPU time of this process (ms, median of 5)'] = median(cpu);

    await runDocs({ contracts: 'contracts', out: 'site-warmup' }, quiet(work));
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await runDocs({ contracts: 'contracts', out: `site-${i}` }, quiet(work));
      warm.push(performance.now() - started);
    }
    figures['evc docs (load, lint, build, write), warm in-process (ms, median of 3)'] = median(warm);
    const cold = [0, 1, 2].map((i) => coldProcess(['docs', '-c', 'contracts', '-o', `cold-${i}`], work));
    figures['evc docs, cold process (ms, median of 3)'] = median(cold.map((r) => r.ms));
    figures['evc docs, cold process peak RSS (MiB)'] = Math.max(...cold.map((r) => r.maxRssMiB));
    const pages = readdirSync(path.join(work, 'site-0'));
    figures['pages written'] = pages.length;
    figures['site size (KiB)'] =
      pages.reduce((sum, page) => sum + statSync(path.join(work, 'site-0', page)).size, 0) / 1024;
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, value] of Object.entries(await benchDocs()))
    process.stdout.write(`${name.padEnd(92)} ${value.toFixed(0).padStart(7)}\n`);
}
