import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerNameBytes, headerNameString } from '../../../runtime/transports/platformatic/header-names.js';

/** A name's bytes as a record hands them over: a view into a larger fetch buffer. */
function viewOf(bytes: Buffer): Buffer {
  const fetched = Buffer.alloc(bytes.length + 8, 0x41);
  bytes.copy(fetched, 4);
  return fetched.subarray(4, 4 + bytes.length);
}

describe('header names for @platformatic/kafka', () => {
  it.each([
    ['a runtime header', 'ce_type'],
    ['same length, first and last byte as ce_type', 'ce_tape'],
    ['one byte', 'x'],
    ['two bytes', 'ab'],
    ['empty', ''],
    ['non-ASCII', 'Zürich-東京'],
    ['__proto__', '__proto__'],
    ['longer than the cached names', 'n'.repeat(200)],
  ])('decodes %s, the first time and from the cache', (_case, name) => {
    const bytes = Buffer.from(name, 'utf8');
    expect(headerNameString(viewOf(bytes))).toBe(name);
    expect(headerNameString(viewOf(bytes))).toBe(name);
  });

  it('keeps its own copy of a name, not the fetch buffer it came in', () => {
    const view = viewOf(Buffer.from('evc_copy_check'));
    expect(headerNameString(view)).toBe('evc_copy_check');
    // The client reuses its buffers: what the cache holds must not change with them.
    view.fill(0x42, 1, view.length - 1);
    expect(headerNameString(Buffer.from('evc_copy_check'))).toBe('evc_copy_check');
    expect(headerNameString(Buffer.from(`e${'B'.repeat(12)}k`))).toBe(`e${'B'.repeat(12)}k`);
  });

  it('decodes any bytes as toString does, whatever was decoded before', () => {
    // Names of a few lengths over a small alphabet, so same-key names (length, first and last byte) meet often.
    const name = fc.uint8Array({ minLength: 0, maxLength: 6 }).map((bytes) => Buffer.from(bytes.map((b) => b % 5)));
    const anyBytes = fc.oneof(
      name,
      fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes)),
    );
    fc.assert(
      fc.property(fc.array(anyBytes, { maxLength: 20 }), (names) => {
        for (const bytes of names) expect(headerNameString(viewOf(bytes))).toBe(bytes.toString('utf8'));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes any bytes at any header position as toString does, whatever came at that position before', () => {
    // Records of a few headers each, positions beyond the remembered ones included; the same names recur in the
    // same and in other positions, and names sharing length and end bytes meet often.
    const name = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 4 }).map((bytes) => Buffer.from(bytes.map((b) => 0x61 + (b % 3)))),
      fc.constantFrom(...['ce_id', 'ce_type', 'ce_tape', 'n'.repeat(70), 'Zürich'].map((n) => Buffer.from(n))),
    );
    const record = fc.array(name, { maxLength: 40 });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), (records) => {
        for (const headers of records)
          headers.forEach((bytes, position) =>
            expect(headerNameString(viewOf(bytes), position)).toBe(bytes.toString('utf8')),
          );
      }),
      { numRuns: 500 },
    );
  });

  it('encodes names as UTF-8 bytes, the same Buffer each time', () => {
    expect(headerNameBytes('ce_id')).toEqual(Buffer.from('ce_id'));
    expect(headerNameBytes('ce_id')).toBe(headerNameBytes('ce_id'));
    expect(headerNameBytes('Zürich')).toEqual(Buffer.from('Zürich', 'utf8'));
  });
});
