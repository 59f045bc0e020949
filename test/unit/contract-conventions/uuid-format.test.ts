import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuid } from '../../../contract-conventions/uuid-format.js';
import { messageValidatorAjv, standaloneCode } from '../../../generator/ajv.js';
import { validatorFormats } from '../../../runtime/index.js';

const require = createRequire(import.meta.url);
const reference = (require('ajv-formats/dist/formats') as { fullFormats: { uuid: RegExp } }).fullFormats.uuid;

// Characters a uuid is made of and their near misses: hex digits in both cases, the letters just past `f`, the
// prefix's letters and colon, and non-ASCII characters that case-fold to ASCII letters under some rules
// (ſ → S, K (Kelvin) → k, ı → I).
const nearChars = fc.constantFrom(
  ...'0123456789abcdefABCDEFgGxX-:urnidURNID'.split(''),
  '\u017f',
  '\u212a',
  '\u0131',
  '\u0660',
  '\uff10',
  '\u0000',
  '`',
  '@',
  '/',
  '\u001a',
);
const hex = fc.constantFrom(...'0123456789abcdefABCDEF'.split(''));
const group = (length: number) => fc.array(hex, { minLength: length, maxLength: length }).map((cs) => cs.join(''));
const validUuid = fc.tuple(group(8), group(4), group(4), group(4), group(12)).map((groups) => groups.join('-'));
const prefix = fc.constantFrom('', 'urn:uuid:', 'URN:UUID:', 'Urn:Uuid:', 'urn:uuid', 'urn;uuid:', 'urn:uuid::', ' ');
/** A valid uuid with up to three characters replaced, inserted or deleted: mostly near misses. */
const nearUuid = fc
  .tuple(
    prefix,
    validUuid,
    fc.array(fc.tuple(fc.nat(44), nearChars, fc.constantFrom('set', 'insert', 'delete')), { maxLength: 3 }),
  )
  .map(([head, uuid, edits]) => {
    let text = head + uuid;
    for (const [at, char, kind] of edits) {
      const i = at % (text.length + 1);
      if (kind === 'set') text = text.slice(0, i) + char + text.slice(i + 1);
      else if (kind === 'insert') text = text.slice(0, i) + char + text.slice(i);
      else text = text.slice(0, i) + text.slice(i + 1);
    }
    return text;
  });

describe('isUuid', () => {
  it('accepts exactly what ajv-formats’ uuid expression accepts', () => {
    fc.assert(
      fc.property(fc.oneof(nearUuid, fc.string({ unit: nearChars, maxLength: 46 }), fc.string()), (text) => {
        expect(isUuid(text)).toBe(reference.test(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['f47ac10b-58cc-4372-a567-0e02b2c3d479', true],
    ['F47AC10B-58CC-4372-A567-0E02B2C3D479', true],
    ['urn:uuid:f47ac10b-58cc-4372-a567-0e02b2c3d479', true],
    ['URN:UUID:f47ac10b-58cc-4372-a567-0e02b2c3d479', true],
    ['f47ac10b58cc4372a5670e02b2c3d479', false],
    ['f47ac10b-58cc-4372-a567-0e02b2c3d47g', false],
    ['urn\u001auuid:f47ac10b-58cc-4372-a567-0e02b2c3d479', false],
    ['\u017frn:uuid:f47ac10b-58cc-4372-a567-0e02b2c3d479', false],
  ])('%j → %s, as the expression says', (text, expected) => {
    expect(isUuid(text)).toBe(expected);
    expect(reference.test(text)).toBe(expected);
  });

  it('is the check generated and run-time-compiled validators use', () => {
    expect((validatorFormats['uuid'] as { validate: unknown }).validate).toBe(isUuid);
    const ajv = messageValidatorAjv({ standalone: true });
    ajv.addSchema({ type: 'string', format: 'uuid' }, 'id');
    expect(standaloneCode(ajv, { id: 'id' })).toContain('validatorFormats.uuid');
    const validate = messageValidatorAjv({ standalone: false }).compile({ type: 'string', format: 'uuid' });
    expect(validate('f47ac10b-58cc-4372-a567-0e02b2c3d479')).toBe(true);
    expect(validate('f47ac10b-58cc-4372-a567-0e02b2c3d47')).toBe(false);
  });
});
