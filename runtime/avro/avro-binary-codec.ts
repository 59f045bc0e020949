// Avro's binary encoding of a payload (descriptors with `avroBinary`): the values handlers and
// producers see are the same plain JSON values as with the JSON encoding (generator/avro/README.md),
// so this module maps them to avsc's values and back — bytes and fixed are strings of U+0000–U+00FF
// (one character per byte, as Avro's JSON encoding writes them), maps and records plain objects,
// a union's branch chosen by the value's JSON kind (the generator refuses unions where that is ambiguous).
import avsc from 'avsc';
import type { AvroBinaryEncoding } from '../contract.js';
import { EventDecodeError } from '../errors.js';

export interface AvroBinaryCodec {
  /** The payload in Avro binary; throws when the value does not fit the schema (validate first). */
  encode(payload: unknown): Buffer;
  /** The payload of Avro binary bytes; throws EventDecodeError('invalid-avro') for bytes the schema cannot read. */
  decode(bytes: Buffer): unknown;
}

const codecs = new WeakMap<AvroBinaryEncoding, AvroBinaryCodec>();

/**
 * The codec of a descriptor's Avro schema, built on first use and kept with the descriptor (the
 * validators are precompiled; avsc builds its reader and writer from the schema text once).
 */
export function avroBinaryCodec(encoding: AvroBinaryEncoding): AvroBinaryCodec {
  let codec = codecs.get(encoding);
  if (codec === undefined) {
    const registry = { long: safeLong() };
    codec = codecOf(avsc.Type.forSchema(JSON.parse(encoding.schema) as avsc.Schema, { wrapUnions: false, registry }));
    codecs.set(encoding, codec);
  }
  return codec;
}

function codecOf(type: avsc.Type): AvroBinaryCodec {
  return {
    encode: (payload) => type.toBuffer(toAvsc(type, payload)),
    decode: (bytes) => {
      let value: unknown;
      try {
        // fromBuffer refuses trailing bytes and truncated input; an unsafe long throws too.
        value = type.fromBuffer(bytes);
      } catch (error) {
        throw new EventDecodeError(
          'payload',
          'invalid-avro',
          `not Avro binary of the contract's schema: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      return fromAvsc(value);
    },
  };
}

/**
 * Avro `long` as a JavaScript number over the whole exactly representable range, ±(2^53−1) (avsc's
 * own long stops one short). A record holding a long beyond it is refused when read, never rounded.
 */
function safeLong(): avsc.Type {
  return avsc.types.LongType.__with({
    fromBuffer: (buffer: Buffer): number => {
      const value = buffer.readBigInt64LE();
      if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(-Number.MAX_SAFE_INTEGER))
        throw new Error(`long ${value} is beyond what a JavaScript number holds exactly (±(2^53−1))`);
      return Number(value);
    },
    toBuffer: (value: number): Buffer => {
      const buffer = Buffer.alloc(8);
      buffer.writeBigInt64LE(BigInt(value));
      return buffer;
    },
    fromJSON: Number,
    toJSON: Number,
    isValid: (value: unknown): boolean => Number.isSafeInteger(value),
    compare: (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0),
  });
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON kind that picks a union branch; the same partition as generator/avro/binary-unions.ts. */
function kindOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

function kindOfType(type: avsc.Type): string {
  switch (type.typeName) {
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return 'number';
    case 'bytes':
    case 'fixed':
    case 'enum':
    case 'string':
      return 'string';
    case 'map':
    case 'record':
    case 'error':
      return 'object';
    default:
      return type.typeName;
  }
}

interface AvscInner {
  readonly fields?: readonly { readonly name: string; readonly type: avsc.Type }[];
  readonly itemsType?: avsc.Type;
  readonly valuesType?: avsc.Type;
  readonly types?: readonly avsc.Type[];
}

/** evc's JSON value → the value avsc writes (Buffers for bytes and fixed). */
function toAvsc(type: avsc.Type, value: unknown): unknown {
  const inner = type as unknown as AvscInner;
  switch (type.typeName) {
    case 'bytes':
    case 'fixed':
      return typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
    case 'record':
    case 'error': {
      if (!isObj(value)) return value;
      const out: Obj = {};
      for (const field of inner.fields ?? []) out[field.name] = toAvsc(field.type, value[field.name]);
      return out;
    }
    case 'array':
      return Array.isArray(value) ? value.map((item) => toAvsc(inner.itemsType!, item)) : value;
    case 'map': {
      if (!isObj(value)) return value;
      const out: Obj = {};
      for (const [key, item] of Object.entries(value)) out[key] = toAvsc(inner.valuesType!, item);
      return out;
    }
    case 'union:unwrapped': {
      const kind = kindOfValue(value);
      const branch = (inner.types ?? []).find((candidate) => kindOfType(candidate) === kind);
      return branch === undefined ? value : toAvsc(branch, value);
    }
    default:
      return value;
  }
}

/** What avsc read → evc's JSON value: Buffers become byte strings, records plain objects. */
function fromAvsc(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (Array.isArray(value)) return value.map(fromAvsc);
  if (typeof value === 'object' && value !== null) {
    const out: Obj = {};
    for (const [key, item] of Object.entries(value)) out[key] = fromAvsc(item);
    return out;
  }
  return value;
}
