import { describe, expect, it } from 'vitest';
import { contractRegExp, patternEngineKind, UnsafePatternError } from '../../../contract-conventions/pattern-engine.js';
import { messageValidatorAjv } from '../../../generator/ajv.js';

// A string that makes `^(a+)+$` backtrack 2^40 times in a backtracking engine: a test that hangs
// (and times out) if the pattern ever reaches the native engine.
const evil = `${'a'.repeat(40)}!`;

describe('contract pattern engine', () => {
  it.each([
    ['^TRK-[0-9]{4,}$', 'native', 'TRK-0042', true],
    ['^[A-Z]{2}$', 'native', 'DE', true],
    ['^(a+)+$', 'linear', evil, false],
    ['^(a|aa)+$', 'linear', 'aaaa', true],
    ['^([a-z0-9]+\\.)*[a-z]+$', 'linear', 'api.example.com', true],
  ] as const)('%s runs on the %s engine and judges %j', (pattern, kind, input, expected) => {
    expect(patternEngineKind(pattern)).toBe(kind);
    expect(contractRegExp(pattern, 'u').test(input)).toBe(expected);
  });

  it('refuses a backtracking pattern the linear engine cannot run', () => {
    expect(patternEngineKind('^(a+)+\\1$')).toBe('refused');
    expect(() => contractRegExp('^(a+)+\\1$', 'u')).toThrow(UnsafePatternError);
  });

  it('keeps a validator with a catastrophic pattern from freezing on hostile input', () => {
    const validate = messageValidatorAjv({ standalone: false }).compile({
      type: 'object',
      properties: { code: { type: 'string', pattern: '^(a+)+$' } },
    });
    expect(validate({ code: evil })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/code', keyword: 'pattern' });
    expect(validate({ code: 'aaaa' })).toBe(true);
  });
});
