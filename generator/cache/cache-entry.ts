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
  return readCacheEntryBytes(file)?.toString('utf8');
}

/**
 * The entry's body as bytes (readCacheEntry without decoding it). The digest is checked on the bytes as read:
 * they are what was hashed when the entry was written (a string body as UTF-8), and decoding a large entry
 * (the ~1 MB validator, its V8 code cache) only to encode it again for the hash cost more than the hash.
 */
export function readCacheEntryBytes(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(NEWLINE);
  if (newline < 0) return undefined;
  const header = bytes.toString('latin1', 0, newline);
  if (!header.startsWith(HEADER)) return undefined;
  const body = bytes.subarray(newline + 1);
  return header.slice(HEADER.length) === digest(body) ? body : undefined;
}

const NEWLINE = 0x0a;

/** Stores `body` (a string as UTF-8); failures are ignored (read-only project, full disk): caching is an optimisation only. */
export function writeCacheEntry(file: string, body: string | Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const header = `${HEADER}${digest(body)}\n`;
    writeFileSync(temp, typeof body === 'string' ? `${header}${body}` : Buffer.concat([Buffer.from(header), body]));
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
