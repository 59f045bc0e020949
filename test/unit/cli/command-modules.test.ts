// Which libraries a command loads decides its start-up time. The runtime's entry alone (kafkajs, avsc,
// yaml; @platformatic/kafka only once a platformatic transport connects) costs about half a second of
// CPU: `evc lint` and `evc generate` must not load it unless the contracts send Avro binary, whose
// codec the loader builds through the runtime. ajv's compiler (~70 modules) is needed only to compile:
// with the AsyncAPI validator cached, `evc lint` loads two of its runtime helpers and nothing else.
// Each run is a new process, where nothing is loaded yet.
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

/** A project (package.json, its own `.evc/`) holding a copy of `contracts`. */
function project(contracts: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-modules-'));
  made.push(dir);
  writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  cpSync(path.join(repo, contracts), path.join(dir, 'contracts'), { recursive: true });
  return dir;
}

/**
 * The CommonJS files one `evc <args>` loaded in a new process, relative to node_modules. kafkajs and
 * ajv are CommonJS: whether ESM or CommonJS loaded them, they land in the CommonJS module cache
 * (@platformatic/kafka is an ES module and never does; kafkajs stands for the runtime's entry, which
 * imports both statically).
 */
function packageFilesLoadedBy(dir: string, ...args: string[]): string[] {
  const script = `
    import { createRequire } from 'node:module';
    import { main } from ${JSON.stringify(pathToFileURL(path.join(repo, 'generator/cli/main.ts')).href)};
    const code = await main(${JSON.stringify(args)}, { cwd: process.cwd(), stdout() {}, stderr() {} });
    const loaded = Object.keys(createRequire(import.meta.url).cache)
      .filter((file) => file.includes('/node_modules/'))
      .map((file) => file.slice(file.lastIndexOf('/node_modules/') + '/node_modules/'.length));
    process.stdout.write(JSON.stringify({ code, loaded }));
  `;
  const out = execFileSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, EVC_CACHE_DIR: path.join(dir, '.evc') },
  });
  const { code, loaded } = JSON.parse(out) as { code: number; loaded: string[] };
  expect(code).toBe(0);
  return loaded;
}

const kafkajs = (files: readonly string[]): boolean => files.some((file) => file.startsWith('kafkajs/'));
const ajvCompiler = (files: readonly string[]): boolean => files.some((file) => file.startsWith('ajv/dist/compile/'));

describe('modules a command loads', () => {
  it('evc lint and evc generate load no Kafka client for JSON contracts', () => {
    const dir = project('contracts');
    expect(kafkajs(packageFilesLoadedBy(dir, 'lint'))).toBe(false);
    expect(kafkajs(packageFilesLoadedBy(dir, 'generate'))).toBe(false);
  }, 60_000);

  it('contracts that send Avro binary do load the runtime (the check sees a loaded client)', () => {
    expect(kafkajs(packageFilesLoadedBy(project('examples/fleet-avro/contracts'), 'lint'))).toBe(true);
  }, 60_000);

  it('evc lint loads ajv only to compile the AsyncAPI validator, not to run a cached one', () => {
    const dir = project('contracts');
    expect(ajvCompiler(packageFilesLoadedBy(dir, 'lint'))).toBe(true); // empty cache: compiles
    writeFileSync(path.join(dir, 'contracts', 'routing', 'asyncapi.yaml'), '\n', { flag: 'a' }); // needs a verdict
    const files = packageFilesLoadedBy(dir, 'lint');
    expect(ajvCompiler(files)).toBe(false);
    // (its package.json is read too: the ajv version is part of the cache keys)
    expect(files.filter((file) => file.startsWith('ajv/') && file.endsWith('.js'))).toEqual([
      'ajv/dist/runtime/equal.js',
      'ajv/dist/runtime/ucs2length.js',
    ]);
  }, 60_000);
});
