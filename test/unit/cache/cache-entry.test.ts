// A cache entry is read back only when intact: truncated, edited, half-written or foreign files
// are misses, never data.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readCacheEntry, readCacheEntryBytes, writeCacheEntry } from '../../../generator/cache/cache-entry.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-cache-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'nested', 'entry.json');

/** Writes the entry in `file` back with one byte changed, any byte to any other value, and checks it each time. */
function forEveryOneByteDamage(check: () => void): void {
  const whole = readFileSync(file);
  fc.assert(
    fc.property(fc.nat(whole.length - 1), fc.integer({ min: 1, max: 255 }), (at, delta) => {
      const damaged = Buffer.from(whole);
      damaged[at] = (damaged[at]! + delta) % 256;
      writeFileSync(file, damaged);
      check();
    }),
  );
}

describe('cache entries', () => {
  it('gives back what was written', () => {
    writeCacheEntry(file, '{"a":1}\nsecond line');
    expect(readCacheEntry(file)).toBe('{"a":1}\nsecond line');
  });

  it('is a miss when missing, truncated, without its header, or with another body', () => {
    expect(readCacheEntry(path.join(dir, 'absent.json'))).toBeUndefined();
    writeCacheEntry(file, '{"files":["a","b"]}');
    const whole = readFileSync(file, 'utf8');
    truncateSync(file, whole.length - 3);
    expect(readCacheEntry(file)).toBeUndefined();
    writeFileSync(file, whole.slice(whole.indexOf('\n') + 1)); // body only, as an older evc wrote it
    expect(readCacheEntry(file)).toBeUndefined();
    writeFileSync(file, whole.replace('"a"', '"x"'));
    expect(readCacheEntry(file)).toBeUndefined();
    writeFileSync(file, '');
    expect(readCacheEntry(file)).toBeUndefined();
  });

  it('gives back bytes as written, also those that are no UTF-8, and a text body as its UTF-8 bytes', () => {
    const bytes = Buffer.from([0xc0, 0x0a, 0xff, 0x00, 0x80, 0x0a, 0x41]);
    writeCacheEntry(file, bytes);
    expect(readCacheEntryBytes(file)).toEqual(bytes);
    writeCacheEntry(file, 'é\n€ 1');
    expect(readCacheEntryBytes(file)).toEqual(Buffer.from('é\n€ 1', 'utf8'));
    expect(readCacheEntry(file)).toBe('é\n€ 1');
  });

  it('never returns bytes but those written, whatever one byte is changed to', () => {
    const bytes = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256));
    writeCacheEntry(file, bytes);
    forEveryOneByteDamage(() => {
      const read = readCacheEntryBytes(file);
      expect(read === undefined || read.equals(bytes)).toBe(true);
    });
  });

  it('never returns anything but the written body, whatever one byte is changed to', () => {
    writeCacheEntry(file, '{"stdout":"contracts/a.yaml:3:4: error: …","code":1}');
    forEveryOneByteDamage(() => {
      const read = readCacheEntry(file);
      expect(read === undefined || read === '{"stdout":"contracts/a.yaml:3:4: error: …","code":1}').toBe(true);
    });
  });
});
