// kafkajs 2.2.4 prints a TimeoutNegativeWarning on a client's first request on Node 23+ unless the runtime's fix of
// its request queue is installed first (runtime/kafka/kafkajs-throttle-timer.ts). The fix is a process-wide patch,
// installed by whoever builds a client: a module of ours that builds one itself (`npm run kafka:start`'s readiness
// probe, the demo, the benchmarks) and does not install it made `npm run kafka:start` and `npm run demo` on Node 24
// print the warning although the runtime had the fix. Every such module must install it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const FOLDERS = ['runtime', 'scripts', 'examples', 'bench'];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name).slice(ROOT.length + 1))
    .filter((file) => !file.includes('/generated/'));
}

describe('kafkajs clients the project builds', () => {
  const builders = FOLDERS.flatMap(sourceFiles).filter((file) =>
    /\bnew Kafka\(/.test(readFileSync(join(ROOT, file), 'utf8')),
  );

  it('are found (the scan sees the runtime, the broker scripts, the demo and the benchmarks)', () => {
    expect(builders).toEqual(
      expect.arrayContaining(['runtime/kafka/connection.ts', 'scripts/kafka/broker.ts', 'examples/logiflow/demo.ts']),
    );
  });

  it('are built only after the TimeoutNegativeWarning fix is installed, in every module that builds one', () => {
    const without = builders.filter((file) => {
      const source = readFileSync(join(ROOT, file), 'utf8');
      // Each `new Kafka(` must come after a call of the fix in the same module.
      const firstFix = source.indexOf('fixKafkajsThrottleTimer();');
      return firstFix < 0 || source.indexOf('new Kafka(') < firstFix;
    });
    expect(without).toEqual([]);
  });
});
