// Avro's binary encoding of a payload (descriptors with `avroBinary`). Handlers and producers see
// the same plain JSON values as with the JSON encoding (generator/avro/README.md): bytes and fixed
// are strings of U+0000–U+00FF (one character per byte, as Avro's JSON encoding writes them), maps
// and records plain objects, a union's branch chosen by the value's JSON kind (the generator
// refuses unions where that is ambiguous). avsc writes and reads the bytes; it is given a schema of
// the same binary layout whose field names are positional and whose maps are lists of entries, so
// no contract name (`__proto__`, `constructor`) ever becomes a property avsc assigns.
import avsc from 'avsc';
import type { AvroBinaryEncoding } from '../contract.js';
import { EventDecodeError } from '../errors.js';
import { setOwnProperty } from '../../contract-conventions/index.js';

export interface AvroBinaryCodec {
  /** The payload in Avro binary; throws when the value does not fit the schema (validate first). */
  encode(payload: unknown): Buffer;
  /** The payload of Avro binary bytes; throws EventDecodeError('invalid-avro') for bytes the schema cannot read. */
  decode(bytes: Buffer): unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A node of the contract's (normalised) Avro schema, with named types resolved to their definitions. */
type Node =
  | { readonly kind: 'primitive'; readonly type: string }
  | { readonly kind: 'bytes' }
  | { readonly kind: 'enum'; readonly symbols: readonly string[] }
  | { readonly kind: 'record'; readonly fields: readonly { readonly name: string; node: Node }[] }
  | { readonly kind: 'array'; readonly items: Node }
  | { readonly kind: 'map'; readonly values: Node }
  | { readonly kind: 'union'; readonly branches: readonly Node[] };

const codecs = new WeakMap<AvroBinaryEncoding, AvroBinaryCodec>();

/**
 * The codec of a descriptor's Avro schema, built on first use and kept with the descriptor (the
 * validators are precompiled; avsc builds its reader and writer from the schema once).
 */
export function avroBinaryCodec(encoding: AvroBinaryEncoding): AvroBinaryCodec {
  let codec = codecs.get(encoding);
  if (codec === undefined) {
    const { node, layout } = translate(JSON.parse(encoding.schema));
    const type = avsc.Type.forSchema(layout as avsc.Schema, { wrapUnions: false, registry: { long: safeLong() } });
    codec = {
      encode: (payload) => type.toBuffer(toLayout(node, payload)),
      decode: (bytes) => {
        let value: unknown;
        try {
          // fromBuffer refuses trailing bytes and truncated input; a long beyond ±(2^53−1) throws too.
          value = type.fromBuffer(bytes);
        } catch (error) {
          throw new EventDecodeError(
            'payload',
            'invalid-avro',
            `not Avro binary of the contract's schema: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        }
        return fromLayout(node, value);
      },
    };
    codecs.set(encoding, codec);
  }
  return codec;
}

/** The schema's tree for value conversion, and the avsc schema of the same binary layout. */
function translate(schema: unknown): { node: Node; layout: unknown } {
  const named = new Map<string, Node>();
  let entries = 0;
  const walk = (s: unknown): { node: Node; layout: unknown } => {
    if (typeof s === 'string') {
      const known = named.get(s);
      if (known !== undefined) return { node: known, layout: s };
      return { node: s === 'bytes' ? { kind: 'bytes' } : { kind: 'primitive', type: s }, layout: s };
    }
    if (Array.isArray(s)) {
      const parts = s.map(walk);
      return { node: { kind: 'union', branches: parts.map((p) => p.node) }, layout: parts.map((p) => p.layout) };
    }
    const o = s as Obj;
    switch (o.type) {
      case 'record':
      case 'error': {
        const fields: { name: string; node: Node }[] = [];
        const node: Node = { kind: 'record', fields };
        named.set(String(o.name), node); // before the fields, as Avro defines names
        const layoutFields = (o.fields as Obj[]).map((field, index) => {
          const inner = walk(field.type);
          fields.push({ name: String(field.name), node: inner.node });
          return { name: `f${index}`, type: inner.layout };
        });
        return { node, layout: { type: 'record', name: o.name, fields: layoutFields } };
      }
      case 'enum':
      case 'fixed': {
        // Binary writes a symbol's index: positional symbols keep avsc's symbol table free of contract names.
        const symbols = o.type === 'enum' ? (o.symbols as string[]) : [];
        const node: Node = o.type === 'enum' ? { kind: 'enum', symbols } : { kind: 'bytes' };
        named.set(String(o.name), node);
        return o.type === 'enum'
          ? { node, layout: { type: 'enum', name: o.name, symbols: symbols.map((_, index) => `s${index}`) } }
          : { node, layout: { type: 'fixed', name: o.name, size: o.size } };
      }
      case 'array': {
        const items = walk(o.items);
        return { node: { kind: 'array', items: items.node }, layout: { type: 'array', items: items.layout } };
      }
      case 'map': {
        // A map's blocks of (key, value) are byte for byte an array's blocks of {key, value} records.
        const values = walk(o.values);
        const entry = {
          type: 'record',
          name: `evc_map_entry.E${entries++}`,
          fields: [
            { name: 'k', type: 'string' },
            { name: 'v', type: values.layout },
          ],
        };
        return { node: { kind: 'map', values: values.node }, layout: { type: 'array', items: entry } };
      }
      default:
        return walk(o.type);
    }
  };
  return walk(schema);
}

/** The JSON kind that picks a union branch; the same partition as generator/avro/binary-unions.ts. */
function kindOfNode(node: Node): string {
  switch (node.kind) {
    case 'bytes':
    case 'enum':
      return 'string';
    case 'record':
    case 'map':
      return 'object';
    case 'array':
      return 'array';
    case 'union':
      return 'union';
    case 'primitive':
      return ['int', 'long', 'float', 'double'].includes(node.type) ? 'number' : node.type;
  }
}

function kindOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Buffer.isBuffer(value)) return 'string';
  return typeof value === 'object' ? 'object' : typeof value;
}

const branchFor = (branches: readonly Node[], value: unknown): Node | undefined =>
  branches.find((branch) => kindOfNode(branch) === kindOfValue(value));

/** Read back, a map is the list of its entries (see translate). */
const readBranchFor = (branches: readonly Node[], value: unknown): Node | undefined =>
  branches.find((branch) => (branch.kind === 'map' ? 'array' : kindOfNode(branch)) === kindOfValue(value));

/** evc's JSON value → the value avsc writes for the layout schema. */
function toLayout(node: Node, value: unknown): unknown {
  switch (node.kind) {
    case 'bytes':
      return typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
    case 'primitive':
      // UTF-8 cannot carry a lone surrogate: refuse it rather than send U+FFFD in its place.
      if (node.type === 'string' && typeof value === 'string' && LONE_SURROGATE.test(value))
        throw new TypeError('an Avro string holds a lone UTF-16 surrogate, which UTF-8 cannot encode');
      return value;
    case 'enum': {
      const index = typeof value === 'string' ? node.symbols.indexOf(value) : -1;
      return index === -1 ? value : `s${index}`;
    }
    case 'record': {
      if (!isObj(value)) return value;
      const out: Obj = {};
      node.fields.forEach((field, index) => {
        out[`f${index}`] = toLayout(field.node, Object.hasOwn(value, field.name) ? value[field.name] : undefined);
      });
      return out;
    }
    case 'array':
      return Array.isArray(value) ? value.map((item) => toLayout(node.items, item)) : value;
    case 'map':
      return isObj(value) ? Object.entries(value).map(([k, v]) => ({ k, v: toLayout(node.values, v) })) : value;
    case 'union': {
      const branch = branchFor(node.branches, value);
      return branch === undefined ? value : toLayout(branch, value);
    }
  }
}

/** What avsc read with the layout schema → evc's JSON value. */
function fromLayout(node: Node, value: unknown): unknown {
  switch (node.kind) {
    case 'bytes':
      return Buffer.isBuffer(value) ? value.toString('latin1') : value;
    case 'primitive':
      return value;
    case 'enum':
      return node.symbols[Number(String(value).slice(1))];
    case 'record': {
      const read = value as Obj;
      const out: Obj = {};
      node.fields.forEach((field, index) => setOwnProperty(out, field.name, fromLayout(field.node, read[`f${index}`])));
      return out;
    }
    case 'array':
      return (value as unknown[]).map((item) => fromLayout(node.items, item));
    case 'map': {
      const out: Obj = {};
      for (const entry of value as { k: string; v: unknown }[])
        setOwnProperty(out, entry.k, fromLayout(node.values, entry.v));
      return out;
    }
    case 'union': {
      const branch = readBranchFor(node.branches, value);
      return branch === undefined ? value : fromLayout(branch, value);
    }
  }
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
