// Parsed contract files cached by content hash: in memory for watch mode and repeated loads, and
// on disk (next to the compiled AsyncAPI validators) so a fresh `evc lint` skips YAML parsing of
// files it has seen before. A cache miss or an unreadable entry just means parsing again.
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  FileParseError,
  deserializeParsed,
  parseContractFile,
  serializeParsed,
  type ParsedFile,
} from './parse-file.js';
import { evcCacheDir } from '../cache/cache-dir.js';
import { readCacheEntry, writeCacheEntry } from '../cache/cache-entry.js';

/** Bump when the cached format or the parser's output changes. */
const FORMAT = 3;
const memory = new Map<string, ParsedFile | FileParseError>();
/** The content hash each parsed document root came from, for verdicts cached by content (validate-spec.ts). */
const hashes = new WeakMap<object, string>();

export function contentHashOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? hashes.get(value) : undefined;
}

export function parseCached(text: string, displayFile: string): ParsedFile | FileParseError {
  const hash = createHash('sha256').update(`v${FORMAT}\0${displayFile}\0`).update(text).digest('hex');
  const remembered = memory.get(hash);
  if (remembered) return remembered;
  const file = path.join(evcCacheDir(), 'parsed', hash.slice(0, 2), `${hash}.json`);
  let parsed: ParsedFile | FileParseError | undefined;
  try {
    const stored = readCacheEntry(file);
    if (stored === undefined) throw new Error('not cached');
    parsed = deserializeParsed(stored, displayFile);
  } catch {
    try {
      parsed = parseContractFile(text, displayFile);
      writeCacheEntry(file, serializeParsed(parsed));
    } catch (error) {
      if (!(error instanceof FileParseError)) throw error;
      parsed = error;
    }
  }
  if (memory.size > 2000) memory.clear();
  memory.set(hash, parsed);
  if (!(parsed instanceof FileParseError) && typeof parsed.value === 'object' && parsed.value !== null)
    hashes.set(parsed.value, hash);
  return parsed;
}
