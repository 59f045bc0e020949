import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RUNTIME_HEADER_NAMES } from '../../../contract-conventions/headers.js';
import { decodeHeaders, type DecodedHeaders } from '../../../runtime/consumer/header-decoder.js';
import { EventDecodeError } from '../../../runtime/index.js';

/** The decoding spelled out plainly: every value decoded by a strict decoder, every time. */
function reference(headers: Readonly<Record<string, Buffer>>): DecodedHeaders | 'not-utf8' {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const text = (bytes: Buffer): string | undefined => {
    try {
      return strict.decode(bytes);
    } catch {
      return undefined;
    }
  };
  const application: Record<string, string> = {};
  const runtime = new Map<string, string>();
  for (const name of Object.keys(headers)) {
    const value = text(headers[name]!);
    if (!RUNTIME_HEADER_NAMES.has(name)) {
      if (value !== undefined) Object.defineProperty(application, name, { value, enumerable: true, writable: true });
    } else if (value === undefined) return 'not-utf8';
    else runtime.set(name, value);
  }
  const count = Number.parseInt(runtime.get('evc_replay_count') ?? '0', 10);
  return {
    application,
    messageType: runtime.get('ce_type'),
    metadata: {
      id: runtime.get('ce_id'),
      source: runtime.get('ce_source'),
      time: runtime.get('ce_time'),
      contractVersion: runtime.get('evc_contract_version'),
      replayCount: Number.isSafeInteger(count) && count >= 0 ? count : 0,
    },
  };
}

function decoded(headers: Readonly<Record<string, Buffer>>): DecodedHeaders | string {
  try {
    return decodeHeaders(headers);
  } catch (error) {
    expect(error).toBeInstanceOf(EventDecodeError);
    return (error as EventDecodeError).reason;
  }
}

const bytes = (text: string) => Buffer.from(text, 'utf8');
const NOT_UTF8 = Buffer.from([0x52, 0xff, 0x50]);

describe('decodeHeaders', () => {
  it('splits runtime headers into metadata and keeps the rest as application headers', () => {
    expect(
      decodeHeaders({
        ce_type: bytes('RoutePlanned'),
        ce_id: bytes('id-1'),
        ce_source: bytes('routing'),
        ce_time: bytes('2026-08-01T10:00:00Z'),
        ce_specversion: bytes('1.0'),
        'content-type': bytes('application/json'),
        evc_contract_version: bytes('3'),
        evc_replay_count: bytes('2'),
        correlationId: bytes('c-1'),
        binary: NOT_UTF8,
      }),
    ).toEqual({
      application: { correlationId: 'c-1' },
      messageType: 'RoutePlanned',
      metadata: { id: 'id-1', source: 'routing', time: '2026-08-01T10:00:00Z', contractVersion: '3', replayCount: 2 },
    });
  });

  it.each(['ce_type', 'ce_specversion', 'content-type', 'ce_id'])('refuses a %s that is not UTF-8', (name) => {
    expect(decoded({ [name]: NOT_UTF8 })).toBe('not-utf8');
  });

  it('gives the value of the record at hand when a repeating header changes, bytes reused or not', () => {
    const view = Buffer.from('xxStoredFirstxx').subarray(2, 13);
    expect(decodeHeaders({ ce_type: view }).messageType).toBe('StoredFirst');
    view.write('NextRecord!'); // a client reusing its fetch buffer for later records
    expect(decodeHeaders({ ce_type: bytes('NextRecord!') }).messageType).toBe('NextRecord!');
    expect(decodeHeaders({ ce_type: bytes('StoredFirst') }).messageType).toBe('StoredFirst');
    expect(decoded({ ce_type: NOT_UTF8 })).toBe('not-utf8');
    expect(decodeHeaders({ ce_type: bytes('StoredFirst') }).messageType).toBe('StoredFirst');
  });

  it('decodes any run of records as a strict decoder does, record by record', () => {
    // Few names and values, so records repeat each other's values as a producer's records do.
    const name = fc.constantFrom(
      'ce_type',
      'ce_source',
      'ce_specversion',
      'content-type',
      'ce_id',
      'ce_time',
      'evc_contract_version',
      'evc_replay_count',
      'evc_retry_attempt',
      'app',
      '__proto__',
    );
    const value = fc.oneof(
      fc.constantFrom('RoutePlanned', 'RoutePlanneD', 'Route', '', '1.0', 'é', 'x'.repeat(70)).map(bytes),
      fc.constant(NOT_UTF8),
      // A byte order mark: the strict decoder drops it, and so must the header decoder.
      fc.constantFrom(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\uFFFD')),
      fc.uint8Array({ maxLength: 6 }).map((array) => Buffer.from(array)),
    );
    const record = fc.array(fc.tuple(name, value), { maxLength: 6 }).map((pairs) => {
      const headers: Record<string, Buffer> = {};
      for (const [key, bytes] of pairs)
        Object.defineProperty(headers, key, { value: bytes, enumerable: true, writable: true, configurable: true });
      return headers;
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), (records) => {
        for (const headers of records) expect(decoded(headers)).toEqual(reference(headers));
      }),
      { numRuns: 1_000 },
    );
  });
});
