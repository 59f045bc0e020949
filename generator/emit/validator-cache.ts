// Compiled validator modules by schema content hash: in memory (watch mode) and on disk, because
// compiling a message's validator with ajv costs 10–20 ms and a registry has hundreds of them.
import { existsSync } from 'node:fs';
import { keyedEntryFile, readCacheEntry, writeCacheEntry } from '../cache/cache-entry.js';

export interface CompiledValidatorFiles {
  readonly js: string;
  readonly dts: string;
}

const memory = new Map<string, CompiledValidatorFiles>();

const fileOf = (hash: string): string => keyedEntryFile('validators', hash);

export function cachedValidator(hash: string): CompiledValidatorFiles | undefined {
  const remembered = memory.get(hash);
  if (remembered) return remembered;
  try {
    const stored = JSON.parse(readCacheEntry(fileOf(hash)) ?? 'null') as CompiledValidatorFiles | null;
    if (typeof stored?.js !== 'string' || typeof stored.dts !== 'string') return undefined;
    memory.set(hash, stored);
    return stored;
  } catch {
    return undefined;
  }
}

/**
 * Whether the cache holds the module, without reading it back (a damaged entry counts: `cachedValidator` then
 * misses and the module is compiled where it is needed).
 */
export function validatorStored(hash: string): boolean {
  return memory.has(hash) || existsSync(fileOf(hash));
}

export function storeValidator(hash: string, files: CompiledValidatorFiles): void {
  if (memory.size > 5000) memory.clear();
  memory.set(hash, files);
  writeCacheEntry(fileOf(hash), JSON.stringify(files));
}
