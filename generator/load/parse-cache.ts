// Parsed contract files cached by content hash: in memory for watch mode and repeated loads, and
// on disk (next to the compiled AsyncAPI validators) so a fresh `evc lint` skips YAML parsing of
// files it has seen before. A cache miss or an unreadable entry just means parsing again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  FileParseError,
  deserializeParsed,
  parseContractFile,
  serializeParsed,
  type ParsedFile,
} from './parse-file.js';
import { evcCacheDir } from './cache-dir.js';

/** Bump when the cached format or the parser's output changes. */
const FORMAT = 2;
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
    parsed = deserializeParsed(readFileSync(file, 'utf8'), displayFile);
  } catch {
    try {
      parsed = parseContractFile(text, displayFile);
      store(file, serializeParsed(parsed));
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

function store(file: string, content: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch {
    // caching is an optimisation only (read-only node_modules, full disk, …)
  }
}
