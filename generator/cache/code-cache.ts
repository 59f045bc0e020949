// Runs a cached CommonJS module (the compiled AsyncAPI validator, ~1 MB) with V8's code cache kept
// beside it, so a new process skips most of compiling it: ~40 → ~25 ms to load it on Node 20, and its
// first validation runs already-compiled functions. Node ≥ 22 has a compile cache of its own
// (module.enableCompileCache), Node 20 has not; this works on all three.
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { readCacheEntryBytes, writeCacheEntry } from './cache-entry.js';
import { contentDigest } from './content-digest.js';

export interface CachedModule {
  readonly exports: unknown;
  /** Whether V8 took the stored code cache (false: none was stored, or it did not fit). */
  readonly usedCodeCache: boolean;
  /**
   * Stores V8's code cache for the module, once, if it had none or V8 refused it (another Node, other
   * flags). Call it after the module's code has run, so the functions compiled by then are included.
   */
  keepCodeCache(): void;
}

/**
 * Runs `code` (read from the cache entry `file`) as the CommonJS module `file`. The code cache is itself a
 * cache entry (digest-checked) that names the digest of the source it was compiled from, and V8 checks its
 * own version and flags: a cache that does not fit is not used and only costs the compile it would have saved.
 */
export function runCachedModule(file: string, code: string): CachedModule {
  // Kept as bytes (an earlier form held base64 text, under another name): read without decoding a string.
  const codeCacheFile = `${file}.${process.arch}-${process.versions.v8}-bytes.v8cache`;
  // V8 checks a code cache against the source's length only, so the entry names the source it was made from.
  const source = contentDigest(code);
  const stored = readCacheEntryBytes(codeCacheFile);
  const named = Buffer.from(`${source}\n`);
  const cachedData =
    stored !== undefined && stored.subarray(0, named.length).equals(named) ? stored.subarray(named.length) : undefined;
  const script = new vm.Script(Module.wrap(code), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const usedCodeCache = cachedData !== undefined && !script.cachedDataRejected;
  let kept = usedCodeCache;
  return {
    get exports() {
      return module.exports;
    },
    usedCodeCache,
    keepCodeCache() {
      if (kept) return;
      kept = true;
      writeCacheEntry(codeCacheFile, Buffer.concat([named, script.createCachedData()]));
    },
  };
}
