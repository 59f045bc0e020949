// Turns record bytes into JSON values without trusting them: strict UTF-8, bounded size, bounded
// nesting, and no silent precision loss on big integers. Everything it refuses becomes an
// EventDecodeError (never retriable) instead of a SyntaxError/TypeError that would crash kafkajs.
import { isUtf8 } from 'node:buffer';
import { EventDecodeError, type EventPart } from '../errors.js';

export interface DecodeLimits {
  /** Largest value accepted, in bytes. Larger values are dead-lettered, not parsed. */
  readonly maxBytes: number;
  /** Deepest nesting of arrays/objects accepted; protects recursive validators and handlers from stack exhaustion. */
  readonly maxDepth: number;
  /**
   * Integer literals beyond ±(2^53−1) lose digits in JSON.parse. 'reject' dead-letters such
   * records (an id silently changed is worse than a message in the DLT); 'allow' accepts the loss.
   * Float literals (with a fraction or exponent) are floats and always accepted.
   */
  readonly unsafeIntegers: 'reject' | 'allow';
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 128,
  unsafeIntegers: 'reject',
};

const REPLACEMENT_CHARACTER = '\uFFFD';

/** Strict UTF-8 to string (rejects malformed, overlong and surrogate sequences); throws EventDecodeError('not-utf8'). */
export function decodeUtf8(part: EventPart, bytes: Buffer): string {
  const text = strictUtf8(bytes);
  if (text === undefined) throw new EventDecodeError(part, 'not-utf8', 'bytes are not valid UTF-8');
  return text;
}

/** The text of strict UTF-8 bytes (a leading BOM kept as U+FEFF), or undefined when they are not UTF-8. */
export function strictUtf8(bytes: Buffer): string | undefined {
  // Decoding replaces each malformed sequence with U+FFFD (the WHATWG decoder), so a text without one came from
  // valid UTF-8; only a text with one needs the native validator to tell a replacement from a U+FFFD that was
  // sent. Most texts have none (and a Latin-1 string cannot hold one: indexOf answers at once), so valid input is
  // decoded in one native call instead of two. test/unit/runtime/json-decoder.test.ts pins it against isUtf8.
  const text = bytes.toString('utf8');
  return text.indexOf(REPLACEMENT_CHARACTER) !== -1 && !isUtf8(bytes) ? undefined : text;
}

/** Parses a JSON document from bytes within the limits. */
export function decodeJson(
  part: EventPart,
  bytes: Buffer | null,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): unknown {
  if (bytes === null || bytes.length === 0)
    throw new EventDecodeError(part, 'empty', 'no bytes (a null value is a tombstone, not an event)');
  if (bytes.length > limits.maxBytes) {
    throw new EventDecodeError(part, 'too-large', `${bytes.length} bytes exceed the limit of ${limits.maxBytes}`);
  }
  const text = decodeUtf8(part, bytes);
  if (exceedsDepth(text, bytes, limits.maxDepth))
    throw new EventDecodeError(part, 'too-deep', `nesting exceeds ${limits.maxDepth} levels`);
  let value: unknown;
  try {
    // JSON.parse defines keys like "__proto__" as own properties: no prototype is touched here.
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new EventDecodeError(part, 'invalid-json', error instanceof Error ? error.message : 'not JSON');
  }
  if (limits.unsafeIntegers === 'reject' && hasIntegralBeyondSafeRange(value)) {
    const literal = unsafeIntegerLiteral(bytes);
    if (literal !== undefined) {
      throw new EventDecodeError(
        part,
        'unsafe-integer',
        `integer ${literal} is beyond ±(2^53−1) and would lose precision; send it as a string`,
      );
    }
  }
  return value;
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
 * Whether arrays/objects nest deeper than `maxDepth` (`text` is `bytes` decoded). Counting opening brackets with
 * indexOf settles typical events at once (fewer openers than the limit cannot nest deeper); only documents with many
 * brackets get the exact, string-aware scan of the bytes. Done before JSON.parse, so a hostile document is refused
 * before it is materialised. The count runs on the text: a string's indexOf is inlined where a Buffer's is a call
 * into C++ (0.17 → 0.10 µs for a 1 KB event with 8 brackets), and each bracket is one byte and one character alike.
 */
function exceedsDepth(text: string, bytes: Buffer, maxDepth: number): boolean {
  let openers = 0;
  for (const bracket of BRACKETS) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      openers += 1;
      if (openers > maxDepth) return maxNesting(bytes, maxDepth) > maxDepth;
    }
  }
  return false;
}
const BRACKETS = ['{', '['] as const;

/** Deepest nesting outside strings, stopping once it exceeds `limit`. */
function maxNesting(bytes: Buffer, limit: number): number {
  let depth = 0;
  let deepest = 0;
  const length = bytes.length;
  for (let i = 0; i < length; i += 1) {
    const byte = bytes[i]!;
    if (byte === QUOTE) {
      i = endOfString(bytes, i + 1) - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return deepest;
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

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Containers still to visit by hasIntegralBeyondSafeRange, kept between calls: a new array per event was ~230 of
 * the ~750 bytes the runtime allocates per 1 KB event on top of JSON.parse (issue 15's allocation profile). Slots
 * are cleared as they are taken, so no event is kept alive; a stack grown by a very wide document is let go.
 */
const containers: (object | undefined)[] = [];
const LARGEST_KEPT_STACK = 1_024;

/**
 * Cheap first pass over the parsed value (no recursion: depth is already bounded, but a stack is
 * still safer): any integral number beyond the safe range? Most events have none, and then the
 * bytes are never scanned. A hit may be a float literal like 6.02e23, which the byte scan clears.
 */
function hasIntegralBeyondSafeRange(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return typeof root === 'number' && isUnsafeIntegral(root);
  let found = false;
  let top = 0;
  containers[top++] = root;
  while (top > 0) {
    const container = containers[--top]!;
    containers[top] = undefined;
    if (found) continue; // clearing the rest of the stack
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i += 1) {
        const item: unknown = container[i];
        if (typeof item === 'number') {
          if (isUnsafeIntegral(item)) {
            found = true;
            break;
          }
        } else if (typeof item === 'object' && item !== null) containers[top++] = item;
      }
    } else {
      for (const key in container) {
        const item: unknown = (container as Record<string, unknown>)[key];
        if (typeof item === 'number') {
          if (isUnsafeIntegral(item)) {
            found = true;
            break;
          }
        } else if (typeof item === 'object' && item !== null) containers[top++] = item;
      }
    }
  }
  if (containers.length > LARGEST_KEPT_STACK) containers.length = 0;
  return found;
}

function isUnsafeIntegral(value: number): boolean {
  return (value > MAX_SAFE || value < -MAX_SAFE) && Number.isInteger(value);
}

/** The first integer literal (no fraction, no exponent) outside strings that is beyond the safe range. */
function unsafeIntegerLiteral(bytes: Buffer): string | undefined {
  const length = bytes.length;
  let i = 0;
  while (i < length) {
    const byte = bytes[i]!;
    if (byte === QUOTE) {
      i = endOfString(bytes, i + 1);
      continue;
    }
    if (byte !== MINUS && (byte < ZERO || byte > NINE)) {
      i += 1;
      continue;
    }
    const start = i;
    if (byte === MINUS) i += 1;
    const digitsStart = i;
    while (i < length && bytes[i]! >= ZERO && bytes[i]! <= NINE) i += 1;
    const digits = i - digitsStart;
    const next = bytes[i];
    const isInteger = next !== 0x2e /* . */ && next !== 0x65 /* e */ && next !== 0x45; /* E */
    if (isInteger && digits >= MAX_SAFE_DIGITS.length) {
      const literal = bytes.toString('latin1', digitsStart, i);
      if (digits > MAX_SAFE_DIGITS.length || literal > MAX_SAFE_DIGITS) {
        const shown = literal.length > 40 ? `${literal.slice(0, 40)}…` : literal;
        return `${bytes[start] === MINUS ? '-' : ''}${shown}`;
      }
    }
    // Skip the rest of the token (fraction, exponent) so its digits are not read as a number.
    while (i < length && isNumberByte(bytes[i]!)) i += 1;
  }
  return undefined;
}

function isNumberByte(byte: number): boolean {
  return (
    (byte >= ZERO && byte <= NINE) || byte === 0x2e || byte === 0x65 || byte === 0x45 || byte === 0x2b || byte === MINUS
  );
}
