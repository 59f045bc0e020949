// One file of evc's on-disk cache: written atomically (temp file + rename) with a digest of its
// body on the first line, and read back only when that digest still matches. A truncated, edited
// or half-written entry is then a miss — it can cost time, never change what evc prints or writes.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evcCacheDir } from './cache-dir.js';
import { contentDigest as digest } from './content-digest.js';

// A JavaScript line comment, so an entry holding CommonJS code can still be `require`d as it is.
const HEADER = '//evc-cache-entry v1 sha256:';

/** The entry's body, or undefined when it is missing, unreadable or not intact. */
export function readCacheEntry(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (newline < 0 || !text.startsWith(HEADER)) return undefined;
  const body = text.slice(newline + 1);
  return text.slice(HEADER.length, newline) === digest(body) ? body : undefined;
}

/** Stores `body`; failures are ignored (read-only project, full disk): caching is an optimisation only. */
export function writeCacheEntry(file: string, body: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, `${HEADER}${digest(body)}\n${body}`);
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}

/** The file of a content-keyed entry: `<cache>/<kind>/<first two hex digits>/<key>.json` (no folder gets huge). */
export function keyedEntryFile(kind: string, key: string): string {
  return path.join(evcCacheDir(), kind, key.slice(0, 2), `${key}.json`);
}

/** A cache file name for any JSON-serialisable key. */
export function cacheKey(parts: unknown): string {
  return digest(JSON.stringify(parts));
}
