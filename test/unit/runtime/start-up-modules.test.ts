// What a service loads when it imports the runtime decides its start-up time. @platformatic/kafka's modules cost
// about 0.5 s of CPU to load; a service on kafkajs (named, or kept there by kafkajs settings) must not pay that for
// a client it never runs, so the platformatic transport loads its client when a producer or consumer first connects.
// Each run is a new process, where nothing is loaded yet.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
const tsx = pathToFileURL(path.join(repo, 'node_modules/tsx/dist/loader.mjs')).href;
const moduleUrl = (file: string): string => JSON.stringify(pathToFileURL(path.join(repo, file)).href);

/**
 * The packages whose CommonJS files a new process loaded after running `body`. @platformatic/kafka is an ES module
 * and never lands in the CommonJS cache, but its dependencies fastq and mnemonist are CommonJS, and nothing else in
 * the runtime uses them: they show whether the client was loaded.
 */
function packagesLoadedAfter(body: string): Set<string> {
  const script = `
    import { createRequire } from 'node:module';
    ${body}
    const loaded = Object.keys(createRequire(import.meta.url).cache)
      .filter((file) => file.includes('/node_modules/'))
      .map((file) => file.slice(file.lastIndexOf('/node_modules/') + '/node_modules/'.length).split('/')[0]);
    process.stdout.write(JSON.stringify(loaded));
  `;
  const out = execFileSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
    cwd: repo,
    encoding: 'utf8',
  });
  return new Set(JSON.parse(out) as string[]);
}

const platformaticClientLoaded = (packages: Set<string>): boolean => packages.has('fastq') || packages.has('mnemonist');

describe('modules a service loads at start-up', () => {
  it('importing the runtime and creating a kafkajs sender and receiver does not load @platformatic/kafka', () => {
    const packages = packagesLoadedAfter(`
      const runtime = await import(${moduleUrl('runtime/index.ts')});
      const options = { brokers: ['127.0.0.1:1'], transport: 'kafkajs', logger: runtime.silentLogger };
      runtime.createKafkaEventSender(options);
      runtime.createEventReceiver({ ...options, groupId: 'g' });
    `);
    expect(packages.has('kafkajs')).toBe(true);
    expect(platformaticClientLoaded(packages)).toBe(false);
  }, 60_000);

  it('a platformatic transport loads its client when it is first used, not when it is created', () => {
    const created = packagesLoadedAfter(`
      const runtime = await import(${moduleUrl('runtime/index.ts')});
      runtime.createKafkaTransport({ brokers: ['127.0.0.1:1'], transport: 'platformatic' }).producer();
    `);
    expect(platformaticClientLoaded(created)).toBe(false);
    const used = packagesLoadedAfter(`
      const runtime = await import(${moduleUrl('runtime/index.ts')});
      const producer = runtime
        .createKafkaTransport({ brokers: ['127.0.0.1:1'], transport: 'platformatic', kafkaConfig: { connectionTimeout: 200 } })
        .producer();
      await producer.connect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
    `);
    expect(platformaticClientLoaded(used)).toBe(true);
  }, 60_000);
});
