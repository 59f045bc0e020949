import type { Message } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { consumedRecord } from '../../../runtime/transports/platformatic/consumer.js';

function message(headers: [string, string | null][]): Message {
  return {
    topic: 'orders',
    partition: 2,
    offset: 9007199254740993n,
    timestamp: 1765000000123n,
    key: Buffer.from('k-1'),
    value: Buffer.from('{"a":1}'),
    // Names arrive as bytes, a new Buffer per record (and per repeated name).
    headers: new Map(headers.map(([name, value]) => [Buffer.from(name), value === null ? null : Buffer.from(value)])),
    metadata: {},
    commit: () => undefined,
    toJSON: () => ({}) as ReturnType<Message['toJSON']>,
  } as unknown as Message;
}

describe("@platformatic/kafka's record as the runtime's", () => {
  it('keeps key, value and coordinates, with offsets beyond 2^53 exact', () => {
    const record = consumedRecord(message([]));
    expect(record).toMatchObject({
      topic: 'orders',
      partition: 2,
      offset: '9007199254740993',
      timestamp: '1765000000123',
    });
    expect(record.key).toEqual(Buffer.from('k-1'));
    expect(record.value).toEqual(Buffer.from('{"a":1}'));
  });

  it('names headers by their decoded names, the last of a repeated name winning, without values dropped', () => {
    const { headers } = consumedRecord(
      message([
        ['ce_type', 'First'],
        ['ce_type', 'Second'],
        ['empty', ''],
        ['no-value', null],
        ['__proto__', 'own'],
      ]),
    );
    expect(Object.keys(headers)).toEqual(['ce_type', 'empty', '__proto__']);
    expect(headers['ce_type']?.toString()).toBe('Second');
    expect(headers['empty']?.length).toBe(0);
    expect(Object.hasOwn(headers, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
  });
});
