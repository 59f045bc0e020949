// Compiles the validator modules the cache does not hold yet on all cores (this thread and worker threads) before the
// emitters run: ajv's compilation is most of a generate with an empty cache (a fresh clone, a CI build), about
// 4 ms of CPU per module, and each module has an ajv instance of its own, so modules compile independently and
// the output does not depend on which thread compiled what. The emitters then find every module in the cache.
// Few modules (an edit, a small registry) are compiled in-process as before: starting a worker costs more.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MessageModel } from '../model/registry.js';
import { compileAndStore, validatorJobs, type ValidatorJob } from './emit-validators.js';
import { storeValidator, validatorStored } from './validator-cache.js';
import type { CompiledJob } from './validator-compile-worker.js';

/** Below this many modules to compile, threads are not worth their start-up (~0.2 s each, loading ajv). */
export const MIN_MODULES_FOR_WORKERS = 48;
/** Modules per worker at least, so a worker's start-up is paid off by its share. */
const MIN_MODULES_PER_WORKER = 24;
const MAX_WORKERS = 8;

export interface Precompiled {
  /** Modules compiled here and on worker threads, and stored in the validator cache. */
  readonly compiled: number;
  /** Worker threads started (this thread compiled a share too). */
  readonly workers: number;
}

/** Compiles the messages' uncached validator modules on worker threads when there are enough of them. */
export async function precompileValidators(
  messages: readonly MessageModel[],
  runtimeImport: string,
  options: { readonly threads?: number } = {},
): Promise<Precompiled> {
  const pending = new Map<string, ValidatorJob>();
  for (const message of messages)
    for (const job of validatorJobs(message, runtimeImport))
      if (!pending.has(job.cacheKey) && !validatorStored(job.cacheKey)) pending.set(job.cacheKey, job);
  const threads = Math.min(
    options.threads ?? availableParallelism(),
    MAX_WORKERS,
    Math.floor(pending.size / MIN_MODULES_PER_WORKER),
  );
  if (pending.size < MIN_MODULES_FOR_WORKERS || threads < 2) return { compiled: 0, workers: 0 };
  // Dealt round-robin: modules of one service, often alike in size, are spread over the threads.
  const shares: ValidatorJob[][] = Array.from({ length: threads }, () => []);
  [...pending.values()].forEach((job, index) => shares[index % threads]!.push(job));
  // This thread compiles the first share itself while the workers (started first) do the others.
  const [own, ...others] = shares;
  const answers = others.map((share) => compileOnWorker(share));
  let compiled = 0;
  // A module ajv refuses is not stored: the emitters compile it again and report why.
  for (const job of own!) if (!('failures' in compileAndStore(job))) compiled++;
  for (const answer of await Promise.all(answers))
    for (const job of answer ?? [])
      if (job.files !== undefined) {
        storeValidator(job.cacheKey, job.files);
        compiled++;
      }
  return { compiled, workers: others.length };
}

/**
 * The compiled modules of one share, or undefined when the worker failed (it could not start, or crashed):
 * its modules are then compiled in-process by the emitters, with the same result, only later.
 */
function compileOnWorker(share: readonly ValidatorJob[]): Promise<readonly CompiledJob[] | undefined> {
  return new Promise((resolve) => {
    const worker = startWorker(share);
    let answered: readonly CompiledJob[] | undefined;
    worker.once('message', (compiled: readonly CompiledJob[]) => (answered = compiled));
    worker.once('error', () => undefined); // 'exit' follows; the share falls back to in-process compilation
    worker.once('exit', () => resolve(answered));
  });
}

/**
 * The worker's module beside this one: compiled JavaScript in an installed evc. When evc runs from its TypeScript
 * sources (tests, `tsx`) the worker first registers tsx's loader (a devDependency, present wherever sources run):
 * a loader given to a worker in `execArgv` does not reach its first module on Node 20.
 */
function startWorker(share: readonly ValidatorJob[]): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./validator-compile-worker.js', import.meta.url), { workerData: share });
  // tsx's ESM API by path: resolving `tsx/esm/api` from here would pick its CommonJS build.
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./validator-compile-worker.ts', import.meta.url).href;
  const boot =
    `import(${JSON.stringify(tsxApi)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: share });
}
