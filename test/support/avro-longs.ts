// A reader of Avro longs over the whole 64-bit range (as bigint), as Java's reads them: tests read
// evc's Avro binary with it, independently of evc's own long mapping (numbers within ±(2^53−1)).
import avsc from 'avsc';

export function bigintLongs(): avsc.Type {
  return avsc.types.LongType.__with({
    fromBuffer: (buffer: Buffer) => buffer.readBigInt64LE(),
    toBuffer: (value: bigint) => {
      const buffer = Buffer.alloc(8);
      buffer.writeBigInt64LE(value);
      return buffer;
    },
    fromJSON: BigInt,
    toJSON: Number,
    isValid: (value: unknown) => typeof value === 'bigint',
    compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
  });
}
