// Validator modules compiled on worker threads (a generate with an empty cache) are the very modules the
// emitters compile in-process, byte for byte: each module has an ajv instance of its own, so the thread and the
// order cannot change its code. And too few modules to pay for threads are left to the emitters.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRegistry } from '../../../bench/synthetic-registry.js';
import { openContracts } from '../../../generator/pipeline/open-contracts.js';
import type { Registry } from '../../../generator/model/registry.js';
import { compileValidatorJob, validatorJobs } from '../../../generator/emit/emit-validators.js';
import { cachedValidator } from '../../../generator/emit/validator-cache.js';
import { MIN_MODULES_FOR_WORKERS, precompileValidators } from '../../../generator/emit/validator-workers.js';
import { DEFAULT_RUNTIME_IMPORT } from '../../../generator/emit/runtime-import.js';

const made: string[] = [];
const previousCache = process.env.EVC_CACHE_DIR;
let registry: Registry;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-workers-'));
  made.push(dir);
  // 7 services × 8 messages: 56 payload modules (and one headers module all share), enough for threads.
  await writeSyntheticRegistry(path.join(dir, 'contracts'), 7, 8);
  ({ registry } = await openContracts({ contracts: 'contracts', cwd: dir }));
});
afterAll(() => {
  if (previousCache === undefined) delete process.env.EVC_CACHE_DIR;
  else process.env.EVC_CACHE_DIR = previousCache;
  made.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function emptyCache(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-workers-cache-'));
  made.push(dir);
  process.env.EVC_CACHE_DIR = dir;
}

describe('precompileValidators', () => {
  it('compiles the uncached modules on threads, identical to in-process compilation', async () => {
    emptyCache();
    // A runtime import no other test uses: nothing of it is in the in-memory validator cache yet.
    const runtimeImport = '@example/evc-runtime-for-workers';
    const jobs = registry.messages.flatMap((message) => validatorJobs(message, runtimeImport));
    const distinct = new Set(jobs.map((job) => job.cacheKey)).size;
    expect(distinct).toBeGreaterThanOrEqual(MIN_MODULES_FOR_WORKERS);

    const result = await precompileValidators(registry.messages, runtimeImport, { threads: 2 });
    expect(result).toEqual({ compiled: distinct, workers: 1 });
    for (const job of jobs) expect(cachedValidator(job.cacheKey)).toEqual(compileValidatorJob(job));
    // Everything is cached now: a second run has nothing to compile.
    expect(await precompileValidators(registry.messages, runtimeImport, { threads: 2 })).toEqual({
      compiled: 0,
      workers: 0,
    });
  }, 120_000);

  it('leaves a few modules to the emitters (threads would cost more than they save)', async () => {
    emptyCache();
    const few = registry.messages.slice(0, Math.floor(MIN_MODULES_FOR_WORKERS / 2));
    const runtimeImport = '@example/evc-runtime-for-few';
    expect(await precompileValidators(few, runtimeImport, { threads: 2 })).toEqual({ compiled: 0, workers: 0 });
    expect(cachedValidator(validatorJobs(few[0]!, runtimeImport)[0]!.cacheKey)).toBeUndefined();
  });

  it('compiles nothing on one core', async () => {
    emptyCache();
    const runtimeImport = DEFAULT_RUNTIME_IMPORT + '-one-core';
    expect(await precompileValidators(registry.messages, runtimeImport, { threads: 1 })).toEqual({
      compiled: 0,
      workers: 0,
    });
  });
});
