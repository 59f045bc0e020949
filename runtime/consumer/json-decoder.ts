// Turns record bytes into JSON values without trusting them: strict UTF-8, bounded size, bounded
// nesting, and no silent precision loss on big integers. Everything it refuses becomes an
// EventDecodeError (never retriable) instead of a SyntaxError/TypeError that would crash kafkajs.
import { EventDecodeError, type EventPart } from '../errors.js';

export interface DecodeLimits {
  /** Largest value accepted, in bytes. Larger values are dead-lettered, not parsed. */
  readonly maxBytes: number;
  /** Deepest nesting of arrays/objects accepted; protects recursive validators and handlers from stack exhaustion. */
  readonly maxDepth: number;
  /**
   * Integer literals beyond ±(2^53−1) lose digits in JSON.parse. 'reject' dead-letters such
   * records (an id silently changed is worse than a message in the DLT); 'allow' accepts the loss.
   */
  readonly unsafeIntegers: 'reject' | 'allow';
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 128,
  unsafeIntegers: 'reject',
};

// One decoder for the process: `fatal` makes malformed UTF-8 an error instead of U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8 to string; throws EventDecodeError('not-utf8'). */
export function decodeUtf8(part: EventPart, bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new EventDecodeError(part, 'not-utf8', 'bytes are not valid UTF-8');
  }
}

/** Parses a JSON document from bytes within the limits. */
export function decodeJson(part: EventPart, bytes: Buffer | null, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): unknown {
  if (bytes === null || bytes.length === 0) throw new EventDecodeError(part, 'empty', 'no bytes (a null value is a tombstone, not an event)');
  if (bytes.length > limits.maxBytes) {
    throw new EventDecodeError(part, 'too-large', `${bytes.length} bytes exceed the limit of ${limits.maxBytes}`);
  }
  const text = decodeUtf8(part, bytes);
  checkStructure(part, bytes, limits);
  try {
    // JSON.parse defines keys like "__proto__" as own properties: no prototype is touched here.
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new EventDecodeError(part, 'invalid-json', error instanceof Error ? error.message : 'not JSON');
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const MAX_SAFE_DIGITS = '9007199254740991';

/**
 * One linear pass over the bytes (structural characters are ASCII, so UTF-8 needs no decoding
 * here): tracks nesting depth and finds integer literals too large for a double. String contents
 * are skipped with indexOf, which keeps the pass cheap for typical text-heavy events.
 * Malformed input may pass or fail here; JSON.parse has the last word on syntax.
 */
function checkStructure(part: EventPart, bytes: Buffer, limits: DecodeLimits): void {
  const checkIntegers = limits.unsafeIntegers === 'reject';
  const length = bytes.length;
  let depth = 0;
  let i = 0;
  while (i < length) {
    const byte = bytes[i]!;
    if (byte === QUOTE) {
      i = endOfString(bytes, i + 1);
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > limits.maxDepth) {
        throw new EventDecodeError(part, 'too-deep', `nesting exceeds ${limits.maxDepth} levels`);
      }
      i += 1;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
      i += 1;
    } else if (checkIntegers && (byte === MINUS || (byte >= ZERO && byte <= NINE))) {
      i = checkNumber(part, bytes, i);
    } else {
      i += 1;
    }
  }
}

/** Index just past the closing quote of a string whose contents start at `from`. */
function endOfString(bytes: Buffer, from: number): number {
  let at = from;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote === -1) return bytes.length;
    let backslashes = 0;
    for (let k = quote - 1; k >= from && bytes[k] === BACKSLASH; k -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** Reads one number token at `start`; throws when it is an integer outside the safe range. */
function checkNumber(part: EventPart, bytes: Buffer, start: number): number {
  let i = start;
  if (bytes[i] === MINUS) i += 1;
  const digitsStart = i;
  while (i < bytes.length && bytes[i]! >= ZERO && bytes[i]! <= NINE) i += 1;
  const digits = i - digitsStart;
  const next = bytes[i];
  const isInteger = next !== 0x2e /* . */ && next !== 0x65 /* e */ && next !== 0x45; /* E */
  if (isInteger && digits >= MAX_SAFE_DIGITS.length) {
    const literal = bytes.toString('latin1', digitsStart, i);
    if (digits > MAX_SAFE_DIGITS.length || literal > MAX_SAFE_DIGITS) {
      const shown = literal.length > 40 ? `${literal.slice(0, 40)}…` : literal;
      throw new EventDecodeError(part, 'unsafe-integer', `integer ${bytes[start] === MINUS ? '-' : ''}${shown} is beyond ±(2^53−1) and would lose precision; send it as a string`);
    }
  }
  // Skip the rest of a non-integer token (fraction/exponent) so its digits are not re-read.
  while (i < bytes.length && isNumberByte(bytes[i]!)) i += 1;
  return i;
}

function isNumberByte(byte: number): boolean {
  return (byte >= ZERO && byte <= NINE) || byte === 0x2e || byte === 0x65 || byte === 0x45 || byte === 0x2b || byte === MINUS;
}
