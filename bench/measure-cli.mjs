// Runs the compiled `evc` CLI once in this process and prints its wall time, CPU time (user +
// system, whole process including Node's own start-up) and peak RSS (KiB) as JSON on stderr's last
// line, so benchmarks can measure a cold process from the outside.
import module from 'node:module';

const started = performance.now();
// As bin/evc.js does: Node ≥ 22.1 reuses compiled module code from its on-disk cache.
module.enableCompileCache?.();
const { main } = await import('../dist/cli/main.js');
const code = await main(process.argv.slice(2), {
  stdout: () => undefined,
  stderr: () => undefined,
  cwd: process.cwd(),
});
const usage = process.resourceUsage();
process.stderr.write(
  `\n${JSON.stringify({ code, ms: performance.now() - started, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKiB: usage.maxRSS })}\n`,
);
