// A worker thread of validator-workers.ts: compiles the validator modules it was given and posts them back.
import { parentPort, workerData } from 'node:worker_threads';
import { compileValidatorJob, type ValidatorJob } from './emit-validators.js';
import type { CompiledValidatorFiles } from './validator-cache.js';

export interface CompiledJob {
  readonly cacheKey: string;
  /** Absent when ajv refused a schema: the main thread compiles that module again and reports why. */
  readonly files?: CompiledValidatorFiles;
}

const compiled: CompiledJob[] = (workerData as readonly ValidatorJob[]).map((job) => {
  const result = compileValidatorJob(job);
  return 'failures' in result ? { cacheKey: job.cacheKey } : { cacheKey: job.cacheKey, files: result };
});
parentPort!.postMessage(compiled);
