// kafkajs 2.2.4 prints a TimeoutNegativeWarning on a client's first request on Node 23+ unless the runtime's fix of
// its request queue is installed first (runtime/kafka/kafkajs-throttle-timer.ts); the fix of its endless stop
// (kafkajs-stop-race.ts) is installed the same way. The fix is a process-wide patch:
// a module of ours that built a client itself (`npm run kafka:start`'s readiness probe, the demo, the benchmarks)
// and did not install it made `npm run kafka:start` and `npm run demo` on Node 24 print the warning although the
// runtime had the fix. So every kafkajs client the project builds comes from runtime/kafka/kafkajs-client.ts,
// which installs the fix first, and no other module calls `new Kafka(`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
// Unit tests build clients only to inspect them, never to connect: the scan covers what talks to a broker.
const FOLDERS = ['runtime', 'scripts', 'examples', 'bench', 'test/integration'];
const THE_BUILDER = 'runtime/kafka/kafkajs-client.ts';

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name).slice(ROOT.length + 1))
    .filter((file) => !file.includes('/generated/'));
}

describe('kafkajs clients the project builds', () => {
  const sources = FOLDERS.flatMap(sourceFiles).map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));

  it('are built by the one module that installs the fix first', () => {
    const builder = sources.find(({ file }) => file === THE_BUILDER)!.text;
    const fix = builder.indexOf('installKafkajsFixes();', builder.indexOf('function newKafkajsClient'));
    expect(fix).toBeGreaterThan(0);
    expect(builder.indexOf('new Kafka(')).toBeGreaterThan(fix);
  });

  it('are built nowhere else: runtime, scripts, demos, benchmarks and integration tests call newKafkajsClient', () => {
    const users = sources.filter(({ text }) => /\bnewKafkajsClient\(/.test(text)).map(({ file }) => file);
    expect(users).toEqual(
      expect.arrayContaining(['runtime/kafka/connection.ts', 'scripts/kafka/broker.ts', 'examples/logiflow/demo.ts']),
    );
    const others = sources.filter(({ file, text }) => file !== THE_BUILDER && /\bnew Kafka\(/.test(text));
    expect(others.map(({ file }) => file)).toEqual([]);
  });
});
