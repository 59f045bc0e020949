// Header names between the runtime (strings) and @platformatic/kafka (bytes, both ways): the same few names
// (ce_id, ce_type, …) travel on every record, so each is converted once. Decoding a name per record cost a native
// call and a fresh, not yet internalized property key, 8 times a record (issue 15's consume profile).

import { sameBytes } from '../../consumer/same-bytes.js';

/** Names kept at most, each way: enough for any contract; hostile or random names beyond it are converted each time. */
const CACHE_LIMIT = 1_024;
/** Longer names are converted each time: comparing their bytes would cost about as much as decoding them. */
const LONGEST_CACHED_NAME = 64;

const nameBytes = new Map<string, Buffer>();

/** The bytes of a header name (UTF-8); the client writes header names as they are given, so they must be bytes. */
export function headerNameBytes(name: string): Buffer {
  let bytes = nameBytes.get(name);
  if (bytes === undefined) {
    bytes = Buffer.from(name, 'utf8');
    if (nameBytes.size < CACHE_LIMIT) nameBytes.set(name, bytes);
  }
  return bytes;
}

interface DecodedName {
  /** A copy: the bytes a record hands over are a view into a whole fetch response, which must not be kept alive. */
  readonly bytes: Buffer;
  readonly name: string;
  /** Another name with the same length, first and last byte. */
  next: DecodedName | undefined;
}

const decodedNames = new Map<number, DecodedName>();
let decodedCount = 0;

/**
 * The name met last at each header position. A producer writes its headers in the same order record after record, so
 * most names are recognised by one comparison, before the lookup by length and end bytes (~0.15 µs less per record
 * of 8 headers in issue 15's consume micro-benchmark).
 */
const REMEMBERED_POSITIONS = 32;
const lastAtPosition: (DecodedName | undefined)[] = new Array<DecodedName | undefined>(REMEMBERED_POSITIONS).fill(
  undefined,
);

/**
 * A header name as a string, decoded as `bytes.toString('utf8')` would (the same string for the same bytes).
 * `position` is the header's index in its record, when known.
 */
export function headerNameString(bytes: Buffer, position = -1): string {
  const remembered = position >= 0 && position < REMEMBERED_POSITIONS;
  if (remembered) {
    const last = lastAtPosition[position];
    if (last !== undefined && sameBytes(last.bytes, bytes)) return last.name;
  }
  const entry = decodedName(bytes);
  if (entry === undefined) return bytes.toString('utf8');
  if (remembered) lastAtPosition[position] = entry;
  return entry.name;
}

/** The cached decoding of these bytes, made now if there is room; undefined for names that are not cached. */
function decodedName(bytes: Buffer): DecodedName | undefined {
  const length = bytes.length;
  if (length === 0 || length > LONGEST_CACHED_NAME) return undefined;
  const key = (length << 16) | (bytes[0]! << 8) | bytes[length - 1]!;
  const first = decodedNames.get(key);
  for (let entry = first; entry !== undefined; entry = entry.next) if (sameBytes(entry.bytes, bytes)) return entry;
  if (decodedCount >= CACHE_LIMIT) return undefined;
  const entry: DecodedName = { bytes: Buffer.from(bytes), name: bytes.toString('utf8'), next: first };
  decodedNames.set(key, entry);
  decodedCount++;
  return entry;
}
