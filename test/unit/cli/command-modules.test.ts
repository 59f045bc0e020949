// Which libraries a command loads decides its start-up time: the runtime's entry alone (both Kafka
// clients; @platformatic/kafka compiles its option schemas with ajv at load) costs about a second of
// CPU. `evc lint` and `evc generate` must not load it unless the contracts send Avro binary, whose
// codec the loader builds through the runtime. Run in a new process, where nothing is loaded yet.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// tsx's loader by path: the project copy lives outside the repository.
const tsx = pathToFileURL(path.join(repo, 'node_modules/tsx/dist/loader.mjs')).href;
// kafkajs stands for the runtime's entry, which imports it statically (@platformatic/kafka, the other
// client, is an ES module and never reaches the CommonJS module cache read below).
const KAFKA_CLIENTS = ['kafkajs'];

/** The Kafka client packages loaded by one `evc <args>` in a new process, over a copy of `contracts`. */
function kafkaClientsLoadedBy(contracts: string, ...args: string[]): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-modules-'));
  made.push(dir);
  writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  cpSync(path.join(repo, contracts), path.join(dir, 'contracts'), { recursive: true });
  // A CommonJS package, whether ESM or CommonJS loaded it, lands in the CommonJS module cache.
  const script = `
    import { createRequire } from 'node:module';
    import { main } from ${JSON.stringify(pathToFileURL(path.join(repo, 'generator/cli/main.ts')).href)};
    const code = await main(${JSON.stringify(args)}, { cwd: process.cwd(), stdout() {}, stderr() {} });
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    const clients = ${JSON.stringify(KAFKA_CLIENTS)}.filter((name) =>
      loaded.some((file) => file.includes('/node_modules/' + name + '/')));
    process.stdout.write(JSON.stringify({ code, clients }));
  `;
  const out = execFileSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, EVC_CACHE_DIR: path.join(dir, '.evc') },
  });
  const { code, clients } = JSON.parse(out) as { code: number; clients: string[] };
  expect(code).toBe(0);
  return clients;
}

describe('modules a command loads', () => {
  it('evc lint and evc generate load no Kafka client for JSON contracts', () => {
    expect(kafkaClientsLoadedBy('contracts', 'lint')).toEqual([]);
    expect(kafkaClientsLoadedBy('contracts', 'generate')).toEqual([]);
  }, 60_000);

  it('contracts that send Avro binary do load the runtime (the check sees a loaded client)', () => {
    expect(kafkaClientsLoadedBy('examples/fleet-avro/contracts', 'lint')).toEqual(KAFKA_CLIENTS);
  }, 60_000);
});
