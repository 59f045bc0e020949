import { isUtf8 } from 'node:buffer';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventDecodeError } from '../../../runtime/index.js';
import {
  DEFAULT_DECODE_LIMITS,
  decodeJson,
  decodeUtf8,
  type DecodeLimits,
} from '../../../runtime/consumer/json-decoder.js';

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('decodeJson', () => {
  const rejected: [string, Buffer | null, string][] = [
    ['null value (tombstone)', null, 'empty'],
    ['empty value', Buffer.alloc(0), 'empty'],
    [
      'invalid UTF-8 (lone continuation byte)',
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d]),
      'not-utf8',
    ],
    ['overlong UTF-8 encoding of "/"', Buffer.from([0x22, 0xc0, 0xaf, 0x22]), 'not-utf8'],
    ['UTF-8-encoded surrogate (CESU)', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), 'not-utf8'],
    ['code point beyond U+10FFFF', Buffer.from([0x22, 0xf4, 0x90, 0x80, 0x80, 0x22]), 'not-utf8'],
    ['invalid JSON', Buffer.from('{"a":'), 'invalid-json'],
    ['a byte-order mark (RFC 8259: must not be sent)', Buffer.from('\ufeff{}'), 'invalid-json'],
    ['trailing garbage', Buffer.from('{"a":1} x'), 'invalid-json'],
    ['single quotes', Buffer.from("{'a':1}"), 'invalid-json'],
    ['nesting 10 000 deep', Buffer.from(deep(10_000)), 'too-deep'],
    ['nesting one over the limit', Buffer.from(deep(DEFAULT_DECODE_LIMITS.maxDepth + 1)), 'too-deep'],
    ['integer 2^53 + 1', Buffer.from('{"id":9007199254740993}'), 'unsafe-integer'],
    ['negative integer beyond -(2^53-1)', Buffer.from('[-9007199254740992]'), 'unsafe-integer'],
    ['a 30-digit integer', Buffer.from('123456789012345678901234567890'), 'unsafe-integer'],
  ];
  it.each(rejected)('rejects %s', (_name, bytes, reason) => {
    let thrown: unknown;
    try {
      decodeJson('payload', bytes);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EventDecodeError);
    expect(thrown).toMatchObject({ reason, stage: 'decode', retriable: false, part: 'payload' });
  });

  const accepted: [string, string, unknown][] = [
    ['an object', '{"a":1,"b":[true,null,"x"]}', { a: 1, b: [true, null, 'x'] }],
    ['nesting exactly at the limit', deep(DEFAULT_DECODE_LIMITS.maxDepth), expect.any(Array)],
    ['brackets inside strings do not count as nesting', JSON.stringify({ s: '['.repeat(500) }), { s: '['.repeat(500) }],
    ['escaped quotes inside strings', JSON.stringify({ s: 'a\\"[[[', t: '\\' }), { s: 'a\\"[[[', t: '\\' }],
    ['the largest safe integer', '[9007199254740991,-9007199254740991]', [9007199254740991, -9007199254740991]],
    ['big digit runs inside strings', '{"iban":"123456789012345678901234"}', { iban: '123456789012345678901234' }],
    [
      'large floats (precision is a float property, not an id)',
      '[1.2345678901234567890e300, 12345678901234567890.5]',
      [1.2345678901234568e300, 12345678901234567000],
    ],
    [
      'a float that happens to be integral beyond 2^53',
      '{"avogadro":6.02214076e23,"big":1E300}',
      { avogadro: 6.02214076e23, big: 1e300 },
    ],
    [
      'many brackets, shallow',
      JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ i, tags: [i] }))),
      expect.any(Array),
    ],
    ['multi-byte UTF-8', '{"city":"Zürich 東京 🚚"}', { city: 'Zürich 東京 🚚' }],
    // Duplicate keys: the last one wins, as in JSON.parse and every mainstream JSON library; the
    // validator then judges that value, so a duplicate cannot smuggle in what the schema forbids.
    ['duplicate keys (last wins)', '{"distanceKm":5,"distanceKm":-1}', { distanceKm: -1 }],
  ];
  it.each(accepted)('accepts %s', (_name, text, expected) => {
    expect(decodeJson('payload', Buffer.from(text))).toEqual(expected);
  });

  it('keeps __proto__ and constructor as own data, without touching any prototype', () => {
    const decoded = decodeJson(
      'payload',
      Buffer.from('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('allows unsafe integers when asked to', () => {
    expect(
      decodeJson('payload', Buffer.from('[9007199254740993]'), { ...DEFAULT_DECODE_LIMITS, unsafeIntegers: 'allow' }),
    ).toEqual([9007199254740992]);
  });

  it('keeps no part of a decoded document alive once the caller lets it go', async () => {
    // The unsafe-integer pass keeps its stack of containers between calls; 1E300 is integral beyond 2^53, so the
    // pass stops early with containers still on that stack (the byte scan then finds a float literal: accepted).
    const document = `{"rows":[${Array.from({ length: 50 }, (_, i) => `{"i":${i},"tags":[${i}]}`).join(',')}],"big":1E300}`;
    // Decoded in a function of its own, so that nothing in this one refers to the document afterwards.
    const rows = ((decoded: { rows: object[] }) => decoded.rows.map((row) => new WeakRef(row)))(
      decodeJson('payload', Buffer.from(document)) as { rows: object[] },
    );
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    await new Promise((resolve) => setImmediate(resolve)); // WeakRef targets are kept until the end of the turn
    gc();
    expect(rows.filter((row) => row.deref() !== undefined)).toEqual([]);
  });

  it('rejects values over the size limit before parsing them', () => {
    const tenMegabytes = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    expect(() => decodeJson('payload', tenMegabytes)).toThrow(/too-large/);
  });

  it('decodes a 10 MB document within the default limit', () => {
    const item = JSON.stringify({ id: 'x'.repeat(1000), n: 12345 });
    const count = Math.floor((10 * 1024 * 1024 - 2) / (item.length + 1));
    const text = `[${Array.from({ length: count }, () => item).join(',')}]`;
    expect(text.length).toBeLessThanOrEqual(10 * 1024 * 1024);
    const started = performance.now();
    expect((decodeJson('payload', Buffer.from(text)) as unknown[]).length).toBe(count);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('decodeUtf8', () => {
  /** The verdict the runtime must give: the native validator's, and then the text Node decodes. */
  type Verdict = { readonly text: string } | { readonly refused: string };
  const expected = (bytes: Buffer): Verdict =>
    isUtf8(bytes) ? { text: bytes.toString('utf8') } : { refused: 'not-utf8' };
  const verdict = (bytes: Buffer): Verdict => {
    try {
      return { text: decodeUtf8('payload', bytes) };
    } catch (error) {
      expect(error).toBeInstanceOf(EventDecodeError);
      return { refused: (error as EventDecodeError).reason };
    }
  };

  it.each([
    ['U+FFFD sent as such', [0x22, 0xef, 0xbf, 0xbd, 0x22]],
    ['U+FFFD beside a malformed byte', [0xef, 0xbf, 0xbd, 0xff]],
    ['byte order mark', [0xef, 0xbb, 0xbf, 0x41]],
    ['truncated sequence at the end', [0x41, 0xe2, 0x82]],
    ['encoded surrogate', [0xed, 0xa0, 0x80]],
    ['overlong NUL', [0xc0, 0x80]],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['Latin-1 text', [0x5a, 0xc3, 0xbc, 0x72, 0x69, 0x63, 0x68]],
  ])('judges %s as the native validator does', (_name, bytes) => {
    expect(verdict(Buffer.from(bytes))).toEqual(expected(Buffer.from(bytes)));
  });

  it('accepts exactly what isUtf8 accepts, for any bytes', () => {
    // Bytes around the edges of UTF-8's ranges make malformed and valid sequences equally likely.
    const edgy = fc.oneof(
      fc.integer({ min: 0, max: 0xff }),
      fc.constantFrom(0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xbd, 0xf0, 0xf4, 0x90, 0x8f, 0xa0, 0xff),
    );
    fc.assert(
      fc.property(fc.array(edgy, { maxLength: 24 }), (bytes) => {
        expect(verdict(Buffer.from(bytes))).toEqual(expected(Buffer.from(bytes)));
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      // Text with every kind of character, U+FFFD included, encoded as any sender would.
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', 'ü', '\uFFFD', '🚚') })),
        (text) => {
          const bytes = Buffer.from(text, 'utf8');
          expect(verdict(bytes)).toEqual(expected(bytes));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe('decodeJson against its rules written plainly', () => {
  /**
   * The oracle: the rules in their order, each written the plainest way (nesting by one full scan of the bytes,
   * unsafe integers by BigInt on the literals), where decodeJson takes shortcuts (bracket counts, a walk of the value).
   */
  function oracle(bytes: Buffer, limits: DecodeLimits): string {
    if (!isUtf8(bytes)) return 'not-utf8';
    let depth = 0;
    let deepest = 0;
    let inString = false;
    for (let i = 0; i < bytes.length; i += 1) {
      const byte = bytes[i]!;
      if (inString) {
        if (byte === 0x5c) i += 1;
        else if (byte === 0x22) inString = false;
      } else if (byte === 0x22) inString = true;
      else if (byte === 0x5b || byte === 0x7b) deepest = Math.max(deepest, ++depth);
      else if (byte === 0x5d || byte === 0x7d) depth -= 1;
    }
    if (deepest > limits.maxDepth) return 'too-deep';
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      return 'invalid-json';
    }
    // Refused when the parsed value holds an integral number beyond the safe range that was written as an integer
    // literal (a float literal like 1e300 is a float); a duplicate key's earlier value is not in the parsed value.
    const literals = textOutsideStrings(bytes).matchAll(/(?<![\d.eE+-])-?(\d{16,})(?![\d.eE])/g);
    const unsafeLiteral = [...literals].some(([, digits]) => BigInt(digits!) > BigInt(Number.MAX_SAFE_INTEGER));
    if (limits.unsafeIntegers === 'reject' && unsafeLiteral && holdsUnsafeIntegral(value)) return 'unsafe-integer';
    return `ok ${JSON.stringify(value)}`;
  }
  function holdsUnsafeIntegral(value: unknown): boolean {
    if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER;
    return typeof value === 'object' && value !== null && Object.values(value).some(holdsUnsafeIntegral);
  }
  /** The document with every string's contents blanked, so digits inside strings are not read as numbers. */
  function textOutsideStrings(bytes: Buffer): string {
    return bytes.toString('utf8').replace(/"(?:[^"\\]|\\.)*"/g, '""');
  }
  function verdict(bytes: Buffer, limits: DecodeLimits): string {
    try {
      return `ok ${JSON.stringify(decodeJson('payload', bytes, limits))}`;
    } catch (error) {
      if (!(error instanceof EventDecodeError)) throw error;
      return error.reason;
    }
  }

  // JSON text, mostly valid, nested around the drawn limit, with big integers, duplicate keys and bracket-laden
  // strings; sometimes cut short, with a stray bracket, or padded with whitespace.
  const json = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(
        '0',
        '-1',
        '9007199254740991',
        '9007199254740993',
        '-90071992547409930',
        '1.5e300',
        'true',
        'null',
      ),
      fc.constantFrom('"a"', '"[[{"', '"\\\\"', '"\\"["', '"12345678901234567890"'),
      fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
      fc
        .array(fc.tuple(fc.constantFrom('a', 'b', '__proto__'), tie('value')), { maxLength: 3 })
        .map((entries) => `{${entries.map(([k, v]) => `"${k}":${v}`).join(',')}}`),
    ),
  })).value;
  const document = fc
    .tuple(json, fc.constantFrom('none', 'cut', 'bracket', 'pad', 'pad+cut'), fc.nat())
    .map(([text, change, at]) => {
      const padding = ' '.repeat(1024);
      if (change === 'cut') return text.slice(0, at % (text.length + 1));
      if (change === 'bracket') return text.slice(0, at % (text.length + 1)) + '[' + text.slice(at % (text.length + 1));
      if (change === 'pad') return padding + text;
      if (change === 'pad+cut') return padding + text.slice(0, at % (text.length + 1));
      return text;
    });
  const limits = fc.record({
    maxBytes: fc.constant(DEFAULT_DECODE_LIMITS.maxBytes),
    maxDepth: fc.integer({ min: 0, max: 5 }),
    unsafeIntegers: fc.constantFrom('reject' as const, 'allow' as const),
  });

  it('gives the same verdict for any document and limits', () => {
    fc.assert(
      fc.property(document, limits, (text, drawn) => {
        const bytes = Buffer.from(text, 'utf8');
        if (bytes.length === 0) return;
        expect(verdict(bytes, drawn)).toBe(oracle(bytes, drawn));
      }),
      { numRuns: 3_000 },
    );
  });
});
