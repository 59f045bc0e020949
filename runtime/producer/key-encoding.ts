// Record keys on the wire. Kafka tooling (console consumer, Connect, ksqlDB) expects a scalar key
// as its plain string form — `TRK-0042`, not `"TRK-0042"` — so 'string' is the contract default;
// 'json' is for structured keys, 'none' for messages without a partition key.
import type { KeyEncoding } from '../contract.js';

export function encodeKey(encoding: KeyEncoding, key: unknown): Buffer | null {
  if (encoding === 'none' || key === undefined || key === null) return null;
  if (encoding === 'string') {
    if (typeof key === 'string') return Buffer.from(key, 'utf8');
    if (typeof key === 'number' || typeof key === 'bigint' || typeof key === 'boolean')
      return Buffer.from(String(key), 'utf8');
  }
  // 'json', or a structured key under 'string' (a contract/generator mismatch): JSON keeps it readable and decodable.
  return Buffer.from(JSON.stringify(key), 'utf8');
}
