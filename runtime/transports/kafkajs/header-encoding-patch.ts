// A versioned patch of three internal kafkajs 2.2.4 modules, because their handling of record
// headers costs more CPU than everything else the runtime does per message.
//
// - Record encoding (`src/protocol/recordBatch/record/v0/index.js`): kafkajs gives every header its
//   own Encoder — a zero-filled 512-byte Buffer — plus one `Buffer.from([...])` per varint, and the
//   record itself starts at 512 bytes and is re-allocated and copied to hold a 1 KB value: with the
//   runtime's eight headers ~15–20 µs of CPU per record, against ~3 µs without headers. Records the
//   runtime's sender built (marked with RUNTIME_WIRE_RECORD) are instead measured once and written
//   into one buffer of the exact size (~1 µs).
// - Record-batch encoding (`src/protocol/recordBatch/v0/index.js`): a batch made only of such records
//   (and uncompressed) is written once into a buffer of its exact size, instead of through three
//   growing Encoders, with a CRC-32C that reads eight bytes per step (~0.9 ns/byte; kafkajs' one
//   byte per step takes ~2.4 ns/byte, more than 3 µs for a record of 1.3 KB).
//   Every other record and batch — raw kafkajs producers in the same process, dead letters,
//   replays — takes kafkajs' own, unchanged path.
// - Record decoding (`src/protocol/recordBatch/record/v0/decoder.js`): kafkajs builds the header
//   object with a `reduce` that spreads the object built so far for every header (quadratic), after
//   reading each header into a `{ key, value }` object through an intermediate Buffer for the key.
//   The replacement reads headers straight into one object (header names, which repeat on every
//   record, are decoded once) with kafkajs' exact semantics: repeated names become arrays, names are
//   own properties even for `__proto__`, a name inherited from Object.prototype gets the same odd
//   array kafkajs makes of it, malformed bytes fail the same way. This applies to every consumer of
//   this kafkajs copy; what they receive is identical.
//
// All three produce exactly kafkajs' bytes and values (property tests compare them; installation
// re-checks a sample and keeps the stock modules if anything differs; the broker verifies each
// batch's CRC). The patch is installed only for kafkajs exactly 2.2.4 — any other version keeps its
// stock modules — and `EVC_KAFKAJS_PATCH=off` turns it off. It replaces the modules' exports in the
// CommonJS cache and evicts the few kafkajs modules that captured the stock functions at load
// (produce requests v3–v7, fetch responses v4–v11 and their record-batch decoder); kafkajs requires
// those lazily per request, so the next request uses the patch even when kafkajs was used before.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RUNTIME_WIRE_RECORD } from '../../producer/wire-record.js';

export const PATCHED_KAFKAJS_VERSION = '2.2.4';
/** `off` (or `0`, `false`) keeps kafkajs' stock modules. */
export const KAFKAJS_PATCH_ENV = 'EVC_KAFKAJS_PATCH';

export interface KafkajsPatchStatus {
  /** Records built by the runtime's sender are encoded on the fast path. */
  readonly encode: boolean;
  /** Record headers are decoded without the quadratic reduce. */
  readonly decode: boolean;
  /** Why the patch is (not) active. */
  readonly reason: string;
}

/** Records and record batches that took the fast encoders, and marked records that fell back to kafkajs' own (unusual values). */
export const kafkajsPatchCounters = { fastEncoded: 0, fellBack: 0, fastBatches: 0 };

// ---------------------------------------------------------------------------------------------
// kafkajs internals, as far as they are used here.

interface KafkajsEncoder {
  buf: Buffer;
  offset: number;
  readonly buffer: Buffer;
}

export interface RecordArguments {
  readonly offsetDelta?: number;
  readonly timestampDelta?: number;
  readonly key?: unknown;
  readonly value?: unknown;
  readonly headers?: unknown;
  readonly [RUNTIME_WIRE_RECORD]?: boolean;
}

export type RecordEncoder = (record: RecordArguments) => KafkajsEncoder;

/** kafkajs' RecordBatch arguments (recordBatch/v0/index.js). */
export interface RecordBatchArguments {
  readonly compression?: number;
  readonly firstOffset?: unknown;
  readonly firstTimestamp?: unknown;
  readonly maxTimestamp?: unknown;
  readonly partitionLeaderEpoch?: number;
  readonly lastOffsetDelta?: number;
  readonly transactional?: boolean;
  readonly producerId?: unknown;
  readonly producerEpoch?: number;
  readonly firstSequence?: number;
  readonly records?: readonly KafkajsEncoder[];
}

export type RecordBatchEncoder = (batch: RecordBatchArguments) => Promise<KafkajsEncoder>;

interface KafkajsEncoderClass {
  new (initialSize?: number): KafkajsEncoder & {
    writeInt8(value: number): KafkajsEncoderChain;
    writeInt16(value: number): KafkajsEncoderChain;
    writeInt32(value: number): KafkajsEncoderChain;
    writeUInt32(value: number): KafkajsEncoderChain;
    writeInt64(value: unknown): KafkajsEncoderChain;
  };
  readonly prototype: KafkajsEncoder;
}

interface KafkajsEncoderChain extends KafkajsEncoder {
  writeInt8(value: number): KafkajsEncoderChain;
  writeInt16(value: number): KafkajsEncoderChain;
  writeInt32(value: number): KafkajsEncoderChain;
  writeUInt32(value: number): KafkajsEncoderChain;
  writeInt64(value: unknown): KafkajsEncoderChain;
}

interface KafkajsDecoder {
  buffer: Buffer;
  offset: number;
  readInt8(): number;
  readVarLong(): unknown;
  readVarInt(): number;
  readVarIntBytes(): Buffer | null;
}

interface LongLike {
  add(other: unknown): LongLike;
  toString(): string;
}

interface LongClass {
  fromValue(value: unknown): LongLike;
  fromInt(value: number): LongLike;
}

export type RecordDecoder = (
  decoder: KafkajsDecoder,
  batchContext?: Record<string, unknown>,
) => Record<string, unknown>;

/** The stock and patched functions of one kafkajs copy, for tests and the benchmark. */
export interface KafkajsRecordModules {
  readonly version: string;
  readonly stockEncode: RecordEncoder;
  readonly patchedEncode: RecordEncoder;
  readonly stockBatch: RecordBatchEncoder;
  readonly patchedBatch: RecordBatchEncoder;
  /** The fast batch encoder alone: undefined for batches it leaves to kafkajs. */
  readonly fastBatch: (batch: RecordBatchArguments) => KafkajsEncoder | undefined;
  /** kafkajs' uncompressed RecordBatch, synchronously (for the self-check). */
  readonly referenceBatch: (batch: Required<Omit<RecordBatchArguments, 'compression'>>) => KafkajsEncoder;
  /** kafkajs' CRC-32C (recordBatch/crc32C), to compare with ours. */
  readonly stockCrc32c: (buffer: Buffer) => number;
  readonly stockDecode: RecordDecoder;
  readonly patchedDecode: RecordDecoder;
  /** kafkajs' Decoder class, to run a decoder over bytes. */
  readonly Decoder: new (buffer: Buffer) => KafkajsDecoder;
}

const RECORD_ENCODER = 'src/protocol/recordBatch/record/v0/index.js';
const RECORD_BATCH = 'src/protocol/recordBatch/v0/index.js';
const RECORD_DECODER = 'src/protocol/recordBatch/record/v0/decoder.js';
/** Modules that hold the stock record encoder/decoder in a closure: evicted so they load again. */
const ENCODER_HOLDERS = [3, 4, 5, 6, 7].map((version) => `src/protocol/requests/produce/v${version}/request.js`);
const DECODER_HOLDERS = [
  'src/protocol/recordBatch/v0/decoder.js',
  'src/protocol/requests/fetch/v4/decodeMessages.js',
  ...[4, 5, 6, 7, 8, 9, 10, 11].map((version) => `src/protocol/requests/fetch/v${version}/response.js`),
];

const localRequire = createRequire(import.meta.url);

let modules: KafkajsRecordModules | undefined;
let status: KafkajsPatchStatus | undefined;

/** The kafkajs copy this runtime imports: its version and, for 2.2.4, stock and patched record functions. */
export function kafkajsRecordModules(): KafkajsRecordModules | { readonly version: string } {
  if (modules !== undefined) return modules;
  const packageFile = localRequire.resolve('kafkajs/package.json');
  const version = (localRequire(packageFile) as { version: string }).version;
  if (version !== PATCHED_KAFKAJS_VERSION) return { version };
  const root = dirname(packageFile);
  const load = (file: string): unknown => localRequire(join(root, file));
  const Encoder = load('src/protocol/encoder.js') as KafkajsEncoderClass;
  const batchModule = load(RECORD_BATCH) as { RecordBatch: RecordBatchEncoder; MAGIC_BYTE: number };
  const stockBatch = batchModule.RecordBatch;
  const magicByte = batchModule.MAGIC_BYTE;
  const stockCrc32c = load('src/protocol/recordBatch/crc32C/index.js') as (buffer: Buffer) => number;
  const { Types: Compression } = load('src/protocol/message/compression/index.js') as { Types: { None: number } };
  /** Records this encoder wrote: plain kafkajs Encoders, recognisable by their prototype. */
  const fastRecordPrototype = Object.create(Encoder.prototype) as KafkajsEncoder;
  const Long = load('src/utils/long.js') as LongClass;
  const TimestampTypes = load('src/protocol/timestampTypes.js') as { LOG_APPEND_TIME: number };
  const stockEncode = load(RECORD_ENCODER) as RecordEncoder;
  const stockDecode = load(RECORD_DECODER) as RecordDecoder;
  const Decoder = load('src/protocol/decoder.js') as new (buffer: Buffer) => KafkajsDecoder;

  const patchedEncode: RecordEncoder = (record) => {
    if (record[RUNTIME_WIRE_RECORD] === true) {
      const bytes = encodeRecord(record);
      if (bytes !== undefined) {
        kafkajsPatchCounters.fastEncoded += 1;
        // What kafkajs' Record returns: an Encoder whose bytes are buf[0, offset).
        const encoder = Object.create(fastRecordPrototype) as KafkajsEncoder;
        encoder.buf = bytes;
        encoder.offset = bytes.length;
        return encoder;
      }
      kafkajsPatchCounters.fellBack += 1;
    }
    return stockEncode(record);
  };

  // kafkajs 2.2.4's RecordBatch for batches made only of records encoded above, uncompressed: the
  // same bytes, written once into a buffer of the exact size instead of through three growing
  // Encoders, with a CRC-32C that reads 8 bytes per step. Anything else goes to kafkajs' own.
  const fastBatch = (batch: RecordBatchArguments): KafkajsEncoder | undefined => {
    const records = batch.records;
    if (
      records === undefined ||
      records.length === 0 ||
      (batch.compression === undefined ? Compression.None : batch.compression) !== Compression.None
    )
      return undefined;
    for (let i = 0; i < records.length; i += 1)
      if (Object.getPrototypeOf(records[i]) !== fastRecordPrototype) return undefined;
    const {
      firstOffset = Long.fromInt(0),
      firstTimestamp = Date.now(),
      maxTimestamp = Date.now(),
      partitionLeaderEpoch = 0,
      lastOffsetDelta = 0,
      transactional = false,
      producerId = Long.fromValue(-1),
      producerEpoch = 0,
      firstSequence = 0,
    } = batch;
    // The fixed fields through kafkajs' own Encoder, so its Long handling applies unchanged.
    const head = new Encoder(64)
      .writeInt16(transactional ? TRANSACTIONAL_MASK : 0) // attributes: no compression, create time
      .writeInt32(lastOffsetDelta)
      .writeInt64(firstTimestamp)
      .writeInt64(maxTimestamp)
      .writeInt64(producerId)
      .writeInt16(producerEpoch)
      .writeInt32(firstSequence)
      .writeInt32(records.length);
    let bodyLength = head.offset;
    for (let i = 0; i < records.length; i += 1) bodyLength += records[i]!.offset;
    let crc = crc32cUpdate(CRC32C_INITIAL, head.buf, 0, head.offset);
    for (let i = 0; i < records.length; i += 1) crc = crc32cUpdate(crc, records[i]!.buf, 0, records[i]!.offset);
    // FirstOffset, then the batch as Bytes: its length, PartitionLeaderEpoch, Magic, CRC, body.
    const prefix = new Encoder(32)
      .writeInt64(firstOffset)
      .writeInt32(4 + 1 + 4 + bodyLength)
      .writeInt32(partitionLeaderEpoch)
      .writeInt8(magicByte)
      .writeUInt32(crc32cFinish(crc));
    const out = Buffer.allocUnsafe(prefix.offset + bodyLength);
    let at = copyBytes(out, 0, prefix.buf, prefix.offset);
    at = copyBytes(out, at, head.buf, head.offset);
    for (let i = 0; i < records.length; i += 1) {
      const record = records[i]!;
      out.set(record.buf.length === record.offset ? record.buf : record.buf.subarray(0, record.offset), at);
      at += record.offset;
    }
    const encoder = Object.create(Encoder.prototype) as KafkajsEncoder;
    encoder.buf = out;
    encoder.offset = at;
    return encoder;
  };
  const patchedBatch: RecordBatchEncoder = async (batch) => {
    const fast = fastBatch(batch);
    if (fast === undefined) return stockBatch(batch);
    kafkajsPatchCounters.fastBatches += 1;
    return fast;
  };

  // What kafkajs' RecordBatch computes for uncompressed batches, synchronously (it is async only
  // for compression), for the self-check before installing.
  const referenceBatch = (batch: Required<Omit<RecordBatchArguments, 'compression'>>): KafkajsEncoder => {
    const body = new Encoder()
      .writeInt16(batch.transactional ? TRANSACTIONAL_MASK : 0)
      .writeInt32(batch.lastOffsetDelta)
      .writeInt64(batch.firstTimestamp)
      .writeInt64(batch.maxTimestamp)
      .writeInt64(batch.producerId)
      .writeInt16(batch.producerEpoch)
      .writeInt32(batch.firstSequence) as KafkajsEncoderChain & {
      writeArray(array: unknown, type: string): KafkajsEncoder;
    };
    body.writeArray(batch.records, 'object');
    const framed = new Encoder()
      .writeInt32(batch.partitionLeaderEpoch)
      .writeInt8(magicByte)
      .writeUInt32(stockCrc32c(body.buffer)) as KafkajsEncoderChain & { writeBuffer(buffer: Buffer): KafkajsEncoder };
    framed.writeBuffer(body.buffer);
    return (
      new Encoder().writeInt64(batch.firstOffset) as KafkajsEncoderChain & {
        writeBytes(buffer: Buffer): KafkajsEncoder;
      }
    ).writeBytes(framed.buffer);
  };

  // kafkajs 2.2.4's record decoder, line for line, except for how the header object is built.
  const patchedDecode: RecordDecoder = (decoder, batchContext = {}) => {
    const {
      firstOffset,
      firstTimestamp,
      magicByte,
      isControlBatch = false,
      timestampType,
      maxTimestamp,
    } = batchContext;
    const attributes = decoder.readInt8();

    const timestampDelta = decoder.readVarLong();
    const timestamp =
      timestampType === TimestampTypes.LOG_APPEND_TIME && maxTimestamp
        ? maxTimestamp
        : Long.fromValue(firstTimestamp).add(timestampDelta).toString();

    const offsetDelta = decoder.readVarInt();
    const offset = Long.fromValue(firstOffset).add(offsetDelta).toString();

    const key = decoder.readVarIntBytes();
    const value = decoder.readVarIntBytes();
    const headers = readHeaders(decoder);

    return {
      magicByte,
      attributes,
      timestamp,
      offset,
      key,
      value,
      headers,
      isControlRecord: isControlBatch,
      batchContext,
    };
  };

  modules = {
    version,
    stockEncode,
    patchedEncode,
    stockBatch,
    patchedBatch,
    fastBatch,
    referenceBatch,
    stockCrc32c,
    stockDecode,
    patchedDecode,
    Decoder,
  };
  return modules;
}

/**
 * Installs the patch once per process (later calls return the first outcome). Called by the
 * runtime's Kafka client factory; safe to call before or after kafkajs was first used.
 */
export function installKafkajsPatch(): KafkajsPatchStatus {
  status ??= install();
  return status;
}

/** The outcome of installKafkajsPatch(), or undefined when it was never called. */
export function kafkajsPatchStatus(): KafkajsPatchStatus | undefined {
  return status;
}

function install(): KafkajsPatchStatus {
  const setting = (process.env[KAFKAJS_PATCH_ENV] ?? '').trim().toLowerCase();
  if (setting === 'off' || setting === '0' || setting === 'false')
    return { encode: false, decode: false, reason: `${KAFKAJS_PATCH_ENV}=${setting}` };
  let found: ReturnType<typeof kafkajsRecordModules>;
  try {
    found = kafkajsRecordModules();
  } catch (error) {
    return {
      encode: false,
      decode: false,
      reason: `kafkajs internals not found (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  if (!('patchedEncode' in found))
    return { encode: false, decode: false, reason: `kafkajs ${found.version} is not ${PATCHED_KAFKAJS_VERSION}` };
  const root = dirname(localRequire.resolve('kafkajs/package.json'));
  const encode =
    selfCheckEncode(found) &&
    replaceExports(
      root,
      RECORD_BATCH,
      (exports) => ({ ...(exports as object), RecordBatch: found.patchedBatch }),
      [],
    ) &&
    replaceExports(root, RECORD_ENCODER, () => found.patchedEncode, ENCODER_HOLDERS);
  const decode =
    selfCheckDecode(found) && replaceExports(root, RECORD_DECODER, () => found.patchedDecode, DECODER_HOLDERS);
  return {
    encode,
    decode,
    reason:
      encode && decode
        ? `kafkajs ${found.version} patched`
        : `kafkajs ${found.version}: a self-check failed, stock modules kept`,
  };
}

function replaceExports(
  root: string,
  file: string,
  replacement: (exports: unknown) => unknown,
  holders: readonly string[],
): boolean {
  const entry = localRequire.cache[localRequire.resolve(join(root, file))];
  if (entry === undefined) return false;
  entry.exports = replacement(entry.exports);
  for (const holder of holders) {
    const resolved = localRequire.resolve(join(root, holder));
    // Loaded again (with the patched function) by the next request that needs it.
    delete localRequire.cache[resolved];
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The fast record encoder.

const MAX_LENGTH = 2 ** 30 - 1;
const TRANSACTIONAL_MASK = 16;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Record v0 bytes (length, attributes, timestamp delta, offset delta, key, value, headers) exactly
 * as kafkajs 2.2.4 writes them, or undefined for anything outside the plain cases (non-Buffer/string
 * keys, values or header values, deltas beyond 32 bits, malformed headers): those go to kafkajs.
 */
export function encodeRecord(record: RecordArguments): Buffer | undefined {
  const { offsetDelta = 0, timestampDelta = 0, key, value, headers = {} } = record;
  if (!Number.isInteger(offsetDelta) || offsetDelta < INT32_MIN || offsetDelta > INT32_MAX) return undefined;
  if (!Number.isInteger(timestampDelta) || timestampDelta < INT32_MIN || timestampDelta > INT32_MAX) return undefined;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const keyLength = byteLengthOf(key);
  const valueLength = byteLengthOf(value);
  if (keyLength === undefined || valueLength === undefined) return undefined;

  // Pass 1: sizes. kafkajs writes one header per value, arrays as repeated headers, in Object.keys order.
  const source = headers as Record<string, unknown>;
  const names = Object.keys(source);
  let count = 0;
  let headerBytes = 0;
  for (let n = 0; n < names.length; n += 1) {
    const name = names[n]!;
    const nameLength = nameBytes(name).length;
    if (nameLength > MAX_LENGTH) return undefined;
    const entry = source[name];
    if (Array.isArray(entry)) {
      for (let i = 0; i < entry.length; i += 1) {
        if (!(i in entry)) return undefined;
        const length = headerValueLength(entry[i]);
        if (length === undefined) return undefined;
        headerBytes += varintSize(nameLength) + nameLength + varintSize(length) + length;
        count += 1;
      }
    } else {
      const length = headerValueLength(entry);
      if (length === undefined) return undefined;
      headerBytes += varintSize(nameLength) + nameLength + varintSize(length) + length;
      count += 1;
    }
  }
  const timestampZigZag = zigZag(timestampDelta);
  const offsetZigZag = zigZag(offsetDelta);
  const bodySize =
    1 +
    uvarintSize(timestampZigZag) +
    uvarintSize(offsetZigZag) +
    (keyLength < 0 ? 1 : varintSize(keyLength) + keyLength) +
    (valueLength < 0 ? 1 : varintSize(valueLength) + valueLength) +
    varintSize(count) +
    headerBytes;
  if (bodySize > MAX_LENGTH) return undefined;
  const total = varintSize(bodySize) + bodySize;

  // Pass 2: bytes, into a buffer of the exact size (every byte is written).
  const out = allocate(total);
  let at = writeUVarint(out, 0, bodySize * 2);
  out[at++] = 0; // attributes: none used
  at = writeUVarint(out, at, timestampZigZag);
  at = writeUVarint(out, at, offsetZigZag);
  at = writeBytes(out, at, key, keyLength);
  at = writeBytes(out, at, value, valueLength);
  at = writeUVarint(out, at, count * 2);
  for (let n = 0; n < names.length; n += 1) {
    const name = names[n]!;
    const entry = source[name];
    if (Array.isArray(entry)) {
      for (let i = 0; i < entry.length; i += 1) at = writeHeader(out, at, name, entry[i]);
    } else {
      at = writeHeader(out, at, name, entry);
    }
  }
  // Cannot differ (both passes read the same values); if it ever did, kafkajs encodes instead.
  return at === total ? out : undefined;
}

const SLAB_SIZE = 256 * 1024;
const MAX_SLAB_RECORD = 16 * 1024;
let slab = Buffer.allocUnsafeSlow(0);
let slabUsed = 0;

/**
 * Uninitialised memory for one record (the encoder writes every byte of it). Records of up to
 * 16 KB are cut from 256 KB slabs: one ArrayBuffer per ~200 records instead of one per ~6 from
 * Node's 8 KB pool. A record lives only until kafkajs copied it into its batch, so a slab is
 * garbage soon after it is full.
 */
function allocate(size: number): Buffer {
  if (size > MAX_SLAB_RECORD) return Buffer.allocUnsafe(size);
  if (slabUsed + size > slab.length) {
    slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + size);
  slabUsed += size;
  return out;
}

const MAX_ENCODED_NAMES = 1024;
/** UTF-8 bytes of header names: the same few names are written on every record. */
const nameCache = new Map<string, Buffer>();

function nameBytes(name: string): Buffer {
  let bytes = nameCache.get(name);
  if (bytes === undefined) {
    bytes = Buffer.from(name, 'utf8');
    if (nameCache.size < MAX_ENCODED_NAMES && name.length <= 256) nameCache.set(name, bytes);
  }
  return bytes;
}

/** -1 for null/undefined (kafkajs writes varint -1), the byte length of a Buffer or UTF-8 string, undefined otherwise. */
function byteLengthOf(part: unknown): number | undefined {
  if (part === null || part === undefined) return -1;
  if (Buffer.isBuffer(part)) return part.length <= MAX_LENGTH ? part.length : undefined;
  if (typeof part === 'string') {
    const length = Buffer.byteLength(part, 'utf8');
    return length <= MAX_LENGTH ? length : undefined;
  }
  return undefined;
}

/** kafkajs throws on null/undefined/number header values (Buffer.byteLength): those stay on its path. */
function headerValueLength(part: unknown): number | undefined {
  const length = byteLengthOf(part);
  return length === undefined || length < 0 ? undefined : length;
}

function writeHeader(out: Buffer, at: number, name: string, part: unknown): number {
  const bytes = nameBytes(name);
  at = writeUVarint(out, at, bytes.length * 2);
  at = copyBytes(out, at, bytes, bytes.length);
  return writeBytes(out, at, part, byteLengthOf(part)!);
}

function writeBytes(out: Buffer, at: number, part: unknown, length: number): number {
  if (length < 0) {
    out[at] = 1; // zigzag(-1)
    return at + 1;
  }
  at = writeUVarint(out, at, length * 2);
  if (typeof part === 'string') return at + out.write(part, at, length, 'utf8');
  return copyBytes(out, at, part as Buffer, length);
}

function copyBytes(out: Buffer, at: number, bytes: Buffer, length: number): number {
  if (length < 48) {
    // Buffer#copy and TypedArray#set cost more than the copy itself for a few bytes.
    for (let i = 0; i < length; i += 1) out[at + i] = bytes[i]!;
  } else {
    out.set(bytes, at);
  }
  return at + length;
}

/** Zigzag of a 32-bit integer as an unsigned number (< 2^32). */
function zigZag(value: number): number {
  return ((value << 1) ^ (value >> 31)) >>> 0;
}

/** Size of a zigzag varint of a non-negative length. */
function varintSize(length: number): number {
  return uvarintSize(length * 2);
}

function uvarintSize(unsigned: number): number {
  if (unsigned < 0x80) return 1;
  if (unsigned < 0x4000) return 2;
  if (unsigned < 0x200000) return 3;
  if (unsigned < 0x10000000) return 4;
  return 5;
}

function writeUVarint(out: Buffer, at: number, unsigned: number): number {
  while (unsigned >= 0x80) {
    out[at++] = (unsigned & 0x7f) | 0x80;
    unsigned >>>= 7;
  }
  out[at++] = unsigned;
  return at;
}

// ---------------------------------------------------------------------------------------------
// CRC-32C (Castagnoli), as kafkajs computes it byte by byte, here eight bytes per step
// ("slicing by 8"). State between calls is the running register; crc32cFinish gives the checksum.

const CRC32C_TABLES = (() => {
  const tables = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    tables[n] = c;
  }
  for (let n = 0; n < 256; n += 1) {
    for (let t = 1; t < 8; t += 1) {
      const previous = tables[(t - 1) * 256 + n]!;
      tables[t * 256 + n] = (previous >>> 8) ^ tables[previous & 0xff]!;
    }
  }
  return tables;
})();

export const CRC32C_INITIAL = -1;

export function crc32cUpdate(crc: number, bytes: Uint8Array, start: number, end: number): number {
  const t = CRC32C_TABLES;
  let i = start;
  for (const last = end - 8; i <= last; i += 8) {
    const low = crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    const high = bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24);
    crc =
      t[1792 + (low & 0xff)]! ^
      t[1536 + ((low >>> 8) & 0xff)]! ^
      t[1280 + ((low >>> 16) & 0xff)]! ^
      t[1024 + (low >>> 24)]! ^
      t[768 + (high & 0xff)]! ^
      t[512 + ((high >>> 8) & 0xff)]! ^
      t[256 + ((high >>> 16) & 0xff)]! ^
      t[high >>> 24]!;
  }
  for (; i < end; i += 1) crc = t[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return crc;
}

export function crc32cFinish(crc: number): number {
  return (crc ^ -1) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// The header object of a decoded record.

/**
 * What kafkajs builds from `decoder.readVarIntArray(HeaderDecoder).reduce((obj, { key, value }) =>
 * ({ ...obj, [key]: obj[key] === undefined ? value : Array.isArray(obj[key]) ? obj[key].concat([value])
 * : [obj[key], value] }), {})`, read and built in one pass: the same own properties in the same order,
 * the same values (a Buffer slice per value, null for a null value), the same prototype, and the same
 * reads of the decoder, so malformed bytes fail or decode as they do in kafkajs. What it saves per
 * header is the key's intermediate Buffer, the `{ key, value }` object and the array, and per record
 * the quadratic copying of the object.
 */
export function readHeaders(decoder: KafkajsDecoder): Record<string, unknown> {
  const count = decoder.readVarInt();
  const out: Record<string, unknown> = {};
  if (count === -1) return out;
  if (count < 0) new Array(count); // kafkajs' readVarIntArray throws this RangeError
  for (let i = 0; i < count; i += 1) {
    // HeaderDecoder: key = readVarIntString(), value = readVarIntBytes()
    const keyLength = decoder.readVarInt();
    let key: string | null = null;
    if (keyLength !== -1) {
      const { buffer, offset } = decoder;
      const end = offset + keyLength;
      // In range (always, for well-formed records): decode straight from the buffer; else kafkajs' own slice.
      key =
        keyLength >= 0 && offset >= 0 && end <= buffer.length
          ? headerName(buffer, offset, end)
          : buffer.slice(offset, end).toString('utf8');
      decoder.offset = end;
    }
    addHeader(out, key as string, decoder.readVarIntBytes());
  }
  return out;
}

const MAX_CACHED_NAME = 64;
const MAX_DECODED_NAMES = 1024;
/** Header names seen, by a hash of their bytes: the same few names arrive on every record. */
const names = new Map<number, { readonly bytes: Buffer; readonly name: string }>();

/** buffer.toString('utf8', start, end), reusing the string decoded from the same bytes before. */
function headerName(buffer: Buffer, start: number, end: number): string {
  const length = end - start;
  if (length > MAX_CACHED_NAME) return buffer.toString('utf8', start, end);
  let hash = 0x811c9dc5 ^ length;
  for (let i = start; i < end; i += 1) hash = Math.imul(hash ^ buffer[i]!, 0x01000193);
  const cached = names.get(hash);
  if (cached !== undefined && cached.bytes.length === length) {
    const bytes = cached.bytes;
    let i = 0;
    while (i < length && bytes[i] === buffer[start + i]) i += 1;
    if (i === length) return cached.name;
  }
  const name = buffer.toString('utf8', start, end);
  if (cached === undefined && names.size < MAX_DECODED_NAMES)
    names.set(hash, { bytes: Buffer.from(buffer.subarray(start, end)), name });
  return name;
}

/** One step of kafkajs' reduce, in place. */
function addHeader(out: Record<string, unknown>, key: string, value: Buffer | null): void {
  const current = out[key];
  const next = current === undefined ? value : Array.isArray(current) ? current.concat([value]) : [current, value];
  // A computed key in an object literal defines an own data property, also for `__proto__`.
  if (key === '__proto__')
    Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
  else out[key] = next;
}

/** kafkajs' reduce over already-read headers, in place (same result as readHeaders for the same headers). */
export function headerObject(
  headers: ReadonlyArray<{ readonly key: string; readonly value: Buffer | null }>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < headers.length; i += 1) addHeader(out, headers[i]!.key, headers[i]!.value);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Self-checks run before installing: a sample of the records the runtime sends, and of the header
// shapes kafkajs treats specially, must come out identical.

function selfCheckEncode(found: KafkajsRecordModules): boolean {
  const counters = { ...kafkajsPatchCounters };
  try {
    const samples: RecordArguments[] = [
      { offsetDelta: 0, timestampDelta: 0, key: Buffer.from('TRK-0042'), value: Buffer.from('{"a":1}'), headers: {} },
      {
        offsetDelta: 1,
        timestampDelta: 1234,
        key: null,
        value: Buffer.alloc(1500, 0x61),
        headers: { ce_id: Buffer.from('0c3e'), 'content-type': Buffer.from('application/json') },
      },
      {
        offsetDelta: 70000,
        timestampDelta: -5,
        key: 'ключ',
        value: 'välue',
        headers: { é: ['a', Buffer.from('b')], ['__proto__']: 'x', 10: 'ten' },
      },
    ];
    const records = samples.map((sample) => found.patchedEncode({ ...sample, [RUNTIME_WIRE_RECORD]: true }));
    if (!records.every((record, i) => record.buffer.equals(found.stockEncode(samples[i]!).buffer))) return false;
    const batch = {
      firstOffset: 0,
      firstTimestamp: 1_700_000_000_123,
      maxTimestamp: 1_700_000_001_357,
      partitionLeaderEpoch: 0,
      lastOffsetDelta: records.length - 1,
      transactional: false,
      producerId: 4242,
      producerEpoch: 3,
      firstSequence: 17,
      records,
    };
    const fast = found.fastBatch(batch);
    return fast !== undefined && fast.buffer.equals(found.referenceBatch(batch).buffer);
  } catch {
    return false;
  } finally {
    Object.assign(kafkajsPatchCounters, counters);
  }
}

function selfCheckDecode(found: KafkajsRecordModules): boolean {
  try {
    const headers = { a: 'x', constructor: 'y', é: ['1', '2', '3'], ['__proto__']: 'p', 7: Buffer.from([0xff]) };
    const bytes = found.stockEncode({ key: null, value: Buffer.from('v'), headers }).buffer;
    const context = {
      firstOffset: '10',
      firstTimestamp: '1700000000000',
      magicByte: 2,
      timestampType: 0,
      maxTimestamp: '1700000000001',
    };
    const read = (decode: RecordDecoder) => {
      const decoder = new found.Decoder(bytes);
      decoder.readVarInt(); // the record's length, as kafkajs' batch decoder reads it
      return decode(decoder, context);
    };
    return sameDecodedRecord(read(found.stockDecode), read(found.patchedDecode));
  } catch {
    return false;
  }
}

/** Deep equality of decoded records, including own-property order, arrays and prototypes of the header object. */
export function sameDecodedRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return sameValue(a, b);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  const keysA = Reflect.ownKeys(a);
  const keysB = Reflect.ownKeys(b);
  if (keysA.length !== keysB.length || keysA.some((key, i) => key !== keysB[i])) return false;
  return keysA.every((key) => {
    const da = Object.getOwnPropertyDescriptor(a, key)!;
    const db = Object.getOwnPropertyDescriptor(b, key)!;
    return da.enumerable === db.enumerable && da.writable === db.writable && sameValue(da.value, db.value);
  });
}
