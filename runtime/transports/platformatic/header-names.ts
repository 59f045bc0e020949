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

/** A header name as a string, decoded as `bytes.toString('utf8')` would (the same string for the same bytes). */
export function headerNameString(bytes: Buffer): string {
  const length = bytes.length;
  if (length === 0 || length > LONGEST_CACHED_NAME) return bytes.toString('utf8');
  const key = (length << 16) | (bytes[0]! << 8) | bytes[length - 1]!;
  const first = decodedNames.get(key);
  for (let entry = first; entry !== undefined; entry = entry.next) if (sameBytes(entry.bytes, bytes)) return entry.name;
  const name = bytes.toString('utf8');
  if (decodedCount < CACHE_LIMIT) {
    decodedNames.set(key, { bytes: Buffer.from(bytes), name, next: first });
    decodedCount++;
  }
  return name;
}
