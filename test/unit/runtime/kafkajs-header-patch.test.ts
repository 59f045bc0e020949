// The kafkajs 2.2.4 patch (runtime/transports/kafkajs/header-encoding-patch.ts) must be invisible except for its
// speed: every record, record batch and decoded header object equal to what kafkajs itself makes.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CRC32C_INITIAL,
  crc32cFinish,
  crc32cUpdate,
  encodeRecord,
  headerObject,
  installKafkajsPatch,
  kafkajsPatchCounters,
  kafkajsRecordModules,
  sameDecodedRecord,
  type KafkajsRecordModules,
  type RecordArguments,
} from '../../../runtime/transports/kafkajs/header-encoding-patch.js';
import { RUNTIME_WIRE_RECORD } from '../../../runtime/producer/wire-record.js';
import { createEventSender, type WireRecord } from '../../../runtime/index.js';
import { CORRELATION_ID, routeCalculated, validRoute } from './fixtures.js';

const found = kafkajsRecordModules();
if (!('patchedEncode' in found)) throw new Error(`these tests need kafkajs 2.2.4, found ${found.version}`);
const kafkajs: KafkajsRecordModules = found;
const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** Header objects the way a caller builds them, `__proto__` included as an own property. */
function headersFrom(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const [name, value] of entries)
    Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
  return headers;
}

const headerName = fc.oneof(
  fc.constantFrom(
    'ce_id',
    'ce_type',
    'content-type',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '0',
    '17',
    'é',
    '日本',
    '',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }), // lone surrogates: UTF-8 replacement in both encoders
);
const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((array) => Buffer.from(array));
const text = (maxLength: number) => fc.oneof(fc.string({ maxLength }), fc.string({ unit: 'binary', maxLength }));
const headerValue = fc.oneof(bytes(40), text(40), fc.array(fc.oneof(bytes(20), text(20)), { maxLength: 3 }));
const part = fc.oneof(fc.constant(null), fc.constant(undefined), bytes(300), text(100), bytes(3000));

const record = fc.record(
  {
    offsetDelta: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })),
    timestampDelta: fc.oneof(
      fc.integer({ min: -1000, max: 100_000 }),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    ),
    key: part,
    value: part,
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 10 }).map(headersFrom),
  },
  { requiredKeys: ['key', 'value'] },
);

/** kafkajs' outcome: its bytes, or the error it throws. */
function outcome(encode: () => { buffer: Buffer }): Buffer | string {
  try {
    return encode().buffer;
  } catch (error) {
    return `throws ${(error as Error).constructor.name}`;
  }
}

describe('kafkajs 2.2.4 header patch: encoding', () => {
  it('the sender marks its records, invisibly to keys and JSON, and they take the fast path', async () => {
    let sent: readonly WireRecord[] = [];
    const sender = createEventSender({
      send: async (_topic, records) => void (sent = records),
      disconnect: async () => {},
    });
    await sender.send(routeCalculated(), {
      payload: validRoute(),
      key: 'TRK-0042',
      headers: { correlationId: CORRELATION_ID },
    });
    const [record] = sent as (WireRecord & { [RUNTIME_WIRE_RECORD]?: boolean })[];
    expect(record![RUNTIME_WIRE_RECORD]).toBe(true);
    expect(Object.keys(record!)).toEqual(['key', 'value', 'headers']);
    expect(JSON.parse(JSON.stringify(record))).not.toHaveProperty('Symbol(eventcontracts.runtime-wire-record)');
    const kafkajsArguments = { ...record!, offsetDelta: 3, timestampDelta: 12 }; // what kafkajs' produce request passes
    expect(encodeRecord(kafkajsArguments)).toEqual(kafkajs.stockEncode(kafkajsArguments).buffer);
  });

  it('installs for kafkajs 2.2.4 (or reports why not, with EVC_KAFKAJS_PATCH=off)', () => {
    const status = installKafkajsPatch();
    if (process.env['EVC_KAFKAJS_PATCH'] === 'off') expect(status).toMatchObject({ encode: false, decode: false });
    else expect(status).toEqual({ encode: true, decode: true, reason: 'kafkajs 2.2.4 patched' });
  });

  it('writes the bytes kafkajs writes for any record the runtime marks', () => {
    fc.assert(
      fc.property(record, (args) => {
        const stock = outcome(() => kafkajs.stockEncode(args));
        const patched = outcome(() => kafkajs.patchedEncode({ ...args, [RUNTIME_WIRE_RECORD]: true }));
        expect(patched).toEqual(stock);
      }),
      { numRuns: 1500 },
    );
  });

  it('leaves unusual values to kafkajs (numbers, null header values, holes, 64-bit deltas) with the same outcome', () => {
    const unusual: RecordArguments[] = [
      { key: 42, value: Buffer.from('v') },
      { key: null, value: Buffer.from('v'), headers: { a: null } },
      { key: null, value: Buffer.from('v'), headers: { a: 7 } },
      // eslint-disable-next-line no-sparse-arrays
      { key: null, value: Buffer.from('v'), headers: { a: ['x', , 'y'] } },
      { key: null, value: Buffer.from('v'), timestampDelta: 2 ** 40 },
      { key: null, value: Buffer.from('v'), timestampDelta: 1.5 },
      { key: null, value: new Uint8Array([1, 2]) },
      { key: null, value: Buffer.from('v'), headers: null },
    ];
    for (const args of unusual) {
      expect(encodeRecord(args)).toBeUndefined();
      expect(outcome(() => kafkajs.patchedEncode({ ...args, [RUNTIME_WIRE_RECORD]: true }))).toEqual(
        outcome(() => kafkajs.stockEncode(args)),
      );
    }
  });

  it('does not touch records the runtime did not mark', () => {
    const args = { key: Buffer.from('k'), value: Buffer.from('v'), headers: { a: 'b' } };
    const fast = kafkajsPatchCounters.fastEncoded;
    expect(kafkajs.patchedEncode(args).buffer).toEqual(kafkajs.stockEncode(args).buffer);
    expect(kafkajsPatchCounters.fastEncoded).toBe(fast);
    kafkajs.patchedEncode({ ...args, [RUNTIME_WIRE_RECORD]: true });
    expect(kafkajsPatchCounters.fastEncoded).toBe(fast + 1);
  });

  it('computes the CRC-32C kafkajs computes, in any split', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(), (array, cut) => {
        const buffer = Buffer.from(array);
        const at = buffer.length === 0 ? 0 : cut % buffer.length;
        const crc = crc32cFinish(crc32cUpdate(crc32cUpdate(CRC32C_INITIAL, buffer, 0, at), buffer, at, buffer.length));
        expect(crc).toBe(kafkajs.stockCrc32c(buffer));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the record batch kafkajs writes, and leaves mixed or compressed batches to it', async () => {
    const batchParameters = fc.record({
      firstOffset: fc.oneof(fc.constant(0), fc.nat()),
      firstTimestamp: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      maxTimestamp: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      partitionLeaderEpoch: fc.integer({ min: -1, max: 1000 }),
      transactional: fc.boolean(),
      producerId: fc.oneof(fc.constant(-1), fc.nat()),
      producerEpoch: fc.integer({ min: 0, max: 32767 }),
      firstSequence: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 8 }),
        batchParameters,
        fc.boolean(),
        async (records, parameters, mixed) => {
          const plain = records.map((args) => ({ ...args, timestampDelta: 0, headers: args.headers ?? {} }));
          let encodable: RecordArguments[];
          try {
            plain.forEach((args) => kafkajs.stockEncode(args));
            encodable = plain;
          } catch {
            return; // kafkajs refuses some records (e.g. null header values); nothing to compare
          }
          const stockRecords = encodable.map((args, i) => kafkajs.stockEncode({ ...args, offsetDelta: i }));
          const patchedRecords = encodable.map((args, i) =>
            kafkajs.patchedEncode({ ...args, offsetDelta: i, [RUNTIME_WIRE_RECORD]: !(mixed && i === 0) }),
          );
          const batch = { ...parameters, lastOffsetDelta: encodable.length - 1 };
          const stock = await kafkajs.stockBatch({ ...batch, records: stockRecords });
          const patched = await kafkajs.patchedBatch({ ...batch, records: patchedRecords });
          expect(patched.buffer).toEqual(stock.buffer);
          expect(kafkajs.fastBatch({ ...batch, records: patchedRecords }) === undefined).toBe(mixed);
        },
      ),
      { numRuns: 300 },
    );
    const records = [
      kafkajs.patchedEncode({ key: null, value: Buffer.from('x'.repeat(300)), [RUNTIME_WIRE_RECORD]: true }),
    ];
    expect(kafkajs.fastBatch({ records, compression: 1 })).toBeUndefined();
    const gzip = { records, compression: 1, firstTimestamp: 5, maxTimestamp: 5 };
    expect((await kafkajs.patchedBatch(gzip)).buffer.subarray(0, 8)).toEqual(
      (await kafkajs.stockBatch(gzip)).buffer.subarray(0, 8),
    );
  });
});

describe('kafkajs 2.2.4 header patch: decoding', () => {
  const context = {
    firstOffset: '1000',
    firstTimestamp: '1700000000000',
    magicByte: 2,
    timestampType: 0,
    maxTimestamp: '1700000000500',
  };
  const decode = (decoder: KafkajsRecordModules['stockDecode'], bytes: Buffer, skipLength: boolean) => {
    try {
      const reader = new kafkajs.Decoder(bytes);
      if (skipLength) reader.readVarInt();
      return decoder(reader, context);
    } catch (error) {
      return `throws ${(error as Error).constructor.name}`;
    }
  };
  const same = (a: unknown, b: unknown) =>
    typeof a === 'string' || typeof b === 'string'
      ? a === b
      : sameDecodedRecord(a as Record<string, unknown>, b as Record<string, unknown>);

  it('builds the header object kafkajs builds: order, repeats as arrays, own __proto__, inherited names, null values', () => {
    fc.assert(
      fc.property(record, (args) => {
        let bytes: Buffer;
        try {
          bytes = kafkajs.stockEncode(args).buffer;
        } catch {
          return;
        }
        const stock = decode(kafkajs.stockDecode, bytes, true);
        const patched = decode(kafkajs.patchedDecode, bytes, true);
        expect(same(stock, patched)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('decodes malformed and truncated bytes exactly as kafkajs does (same values or the same error)', () => {
    const valid = kafkajs.stockEncode({
      key: Buffer.from('k'),
      value: Buffer.from('value'),
      headers: { a: 'b', c: ['d', 'e'], __proto__: 'x' },
    }).buffer;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 80 }).map((array) => Buffer.from(array)),
          fc.tuple(fc.nat(valid.length), fc.nat(255), fc.nat(valid.length)).map(([at, byte, cut]) => {
            const copy = Buffer.from(valid);
            copy[at % copy.length] = byte;
            return copy.subarray(0, Math.max(1, cut));
          }),
        ),
        (bytes) => {
          expect(same(decode(kafkajs.stockDecode, bytes, true), decode(kafkajs.patchedDecode, bytes, true))).toBe(true);
          expect(same(decode(kafkajs.stockDecode, bytes, false), decode(kafkajs.patchedDecode, bytes, false))).toBe(
            true,
          );
        },
      ),
      // Seeded: random bytes can make kafkajs itself allocate large arrays (a varint read as a
      // header count), so an unseeded run's duration varied from 2 s to over 50 s on a loaded machine.
      { numRuns: 600, seed: 20261125 },
    );
  }, 120_000);

  it('mirrors kafkajs for names Object.prototype already has', () => {
    const buffer = (s: string) => Buffer.from(s);
    const headers = headerObject([
      { key: 'constructor', value: buffer('a') },
      { key: '__proto__', value: buffer('b') },
      { key: 'x', value: null },
      { key: 'x', value: buffer('c') },
    ]);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(Object.keys(headers)).toEqual(['constructor', '__proto__', 'x']);
    expect(headers['constructor']).toEqual([Object, buffer('a')]);
    expect(Object.getOwnPropertyDescriptor(headers, '__proto__')!.value).toEqual([Object.prototype, buffer('b')]);
    expect(headers['x']).toEqual([null, buffer('c')]);
  });
});

describe('kafkajs 2.2.4 header patch: installation', () => {
  const run = (code: string, env: Record<string, string> = {}) =>
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: repo,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    }).trim();

  const script = `
    import { createRequire } from 'node:module';
    import { installKafkajsPatch, kafkajsPatchCounters } from './runtime/transports/kafkajs/header-encoding-patch.ts';
    import { RUNTIME_WIRE_RECORD } from './runtime/producer/wire-record.ts';
    const require = createRequire(process.cwd() + '/package.json');
    const produce = require('kafkajs/src/protocol/requests/produce');
    const fetchRecord = () => require('kafkajs/src/protocol/recordBatch/record/v0');
    const request = async () => {
      const messages = [{ key: Buffer.from('k'), value: Buffer.from('v'), timestamp: 1700000000000, headers: { a: Buffer.from('b') }, [RUNTIME_WIRE_RECORD]: true }];
      const topicData = [{ topic: 't', partitions: [{ partition: 0, firstSequence: 0, messages }] }];
      const { request } = produce.protocol({ version: 7 })({ acks: -1, timeout: 1000, compression: 0, topicData, producerId: 1, producerEpoch: 0 });
      return (await request.encode()).buffer;
    };
    const stockRecord = fetchRecord();
    const before = await request(); // kafkajs used before the patch: its produce modules hold the stock encoder
    const status = installKafkajsPatch();
    const after = await request();
    console.log(JSON.stringify({ status, fast: kafkajsPatchCounters.fastEncoded, batches: kafkajsPatchCounters.fastBatches, same: before.equals(after), replaced: fetchRecord() !== stockRecord }));
  `;

  it('takes effect even when kafkajs already sent a produce request, with identical request bytes', () => {
    const result = JSON.parse(run(script)) as {
      status: { encode: boolean };
      fast: number;
      batches: number;
      same: boolean;
      replaced: boolean;
    };
    expect(result).toEqual({
      status: { encode: true, decode: true, reason: 'kafkajs 2.2.4 patched' },
      fast: 1,
      batches: 1,
      same: true,
      replaced: true,
    });
  });

  it('EVC_KAFKAJS_PATCH=off keeps kafkajs stock', () => {
    const result = JSON.parse(run(script, { EVC_KAFKAJS_PATCH: 'off' })) as {
      status: { encode: boolean };
      fast: number;
      replaced: boolean;
    };
    expect(result).toMatchObject({
      status: { encode: false, decode: false },
      fast: 0,
      batches: 0,
      same: true,
      replaced: false,
    });
  });
});
