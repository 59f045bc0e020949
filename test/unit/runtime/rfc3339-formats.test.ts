import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { isRfc3339Date, isRfc3339DateTime, isRfc3339Time } from '../../../runtime/rfc3339-formats.js';
import { validatorFormats } from '../../../runtime/index.js';

const require = createRequire(import.meta.url);
const { fullFormats } = require('ajv-formats/dist/formats') as {
  fullFormats: Record<string, { validate: (text: string) => boolean }>;
};
const reference = {
  date: fullFormats['date']!.validate,
  time: fullFormats['time']!.validate,
  'date-time': fullFormats['date-time']!.validate,
};

// Strings built from the pieces these formats are made of, so most of them are near misses.
const pieces = [
  '0',
  '1',
  '2',
  '3',
  '5',
  '9',
  '00',
  '12',
  '23',
  '24',
  '29',
  '30',
  '31',
  '59',
  '60',
  '61',
  '99',
  '2024',
  '2023',
  '1900',
  '2000',
  '-',
  ':',
  '.',
  'T',
  't',
  ' ',
  '\u00a0',
  '\u2028',
  '\n',
  'Z',
  'z',
  '+',
  '-',
  '+02:00',
  '-05:30',
  '+0530',
  '+05',
  '.5',
  '.000',
  '.99999999999999999',
  'x',
  '',
];
const near = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((parts) => parts.join(''));
const shaped = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    sep: fc.constantFrom('T', 't', ' ', '\t', '\u3000', '_', 'TT'),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    s: fc.integer({ min: 0, max: 62 }),
    frac: fc.constantFrom('', '.0', '.5', '.123456', '.', '.99999999999999999'),
    zone: fc.constantFrom(
      'Z',
      'z',
      '',
      '+00:00',
      '-00:01',
      '+23:59',
      '+24:00',
      '-01',
      '+0100',
      '+01:0',
      '+01:60',
      'Z ',
      '+01:00:00',
    ),
  })
  .map(({ y, mo, d, sep, h, mi, s, frac, zone }) => {
    const p2 = (n: number) => String(n).padStart(2, '0');
    return `${String(y).padStart(4, '0')}-${p2(mo)}-${p2(d)}${sep}${p2(h)}:${p2(mi)}:${p2(s)}${frac}${zone}`;
  });
const inputs = fc.oneof(
  near,
  shaped,
  fc.string(),
  shaped.map((text) => text.slice(11)),
  shaped.map((text) => text.slice(0, 10)),
);

describe('RFC 3339 formats', () => {
  it('accept exactly what ajv-formats accepts', () => {
    fc.assert(
      fc.property(inputs, (text) => {
        expect(isRfc3339Date(text)).toBe(reference.date(text));
        expect(isRfc3339Time(text)).toBe(reference.time(text));
        expect(isRfc3339DateTime(text)).toBe(reference['date-time'](text));
      }),
      { numRuns: Number(process.env['EVC_PROPERTY_RUNS'] ?? 20_000) },
    );
  });

  it.each([
    ['2026-08-01T10:00:00Z', true],
    ['2026-08-01t10:00:00.123+02:00', true],
    ['2024-02-29T00:00:00Z', true],
    ['2023-02-29T00:00:00Z', false],
    ['2026-12-31T23:59:60Z', true],
    ['2026-12-31T23:59:60+01:00', false],
    ['2026-08-01T10:00:00', false],
    ['2026-08-01 10:00:00Z', true],
    ['2026-08-01T10:00:59.99999999999999999Z', false],
  ])('date-time %j → %s', (text, expected) => {
    expect(isRfc3339DateTime(text)).toBe(expected);
    expect(reference['date-time'](text)).toBe(expected);
  });

  it('are what generated validators use', () => {
    const formats = validatorFormats as Record<string, { validate: unknown }>;
    expect(formats['date-time']?.validate).toBe(isRfc3339DateTime);
    expect(formats['date']?.validate).toBe(isRfc3339Date);
    expect(formats['time']?.validate).toBe(isRfc3339Time);
  });
});
