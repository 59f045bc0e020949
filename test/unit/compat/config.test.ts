// evc.config.yaml: levels, rules.off and check.accept, and every mistake reported at its place
// (file:line:col, rule id) and all at once.

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../generator/compat/config-error.js';
import { parseCompatibilityConfig, readCompatibilityConfig } from '../../../generator/compat/config.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import * as ruleNames from '../../../generator/rules/registry.js';
import type { Diagnostic } from '../../../generator/model/registry.js';

const FILE = 'contracts/evc.config.yaml';

function problems(text: string): string[] {
  try {
    parseCompatibilityConfig(text, FILE, ruleNames);
  } catch (error) {
    if (error instanceof ConfigError)
      return error.diagnostics.map((d: Diagnostic) => `${d.line}:${d.column} ${d.rule} ${d.message}`);
    throw error;
  }
  return [];
}

describe('evc.config.yaml', () => {
  it('reads the documented example', () => {
    const config = parseCompatibilityConfig(
      [
        'compatibility: FULL',
        'mode: lenient',
        'rules:',
        '  off: [HEADERS, enum-size, format]',
        'check:',
        '  accept:',
        '    - rule: property-removed',
        '      message: RouteCalculated',
        '      path: /properties/eta',
        '      reason: "all receivers migrated, see INC-123"',
        '      until: 2027-03-01',
      ].join('\n'),
      FILE,
      ruleNames,
    );
    expect(config.compatibility).toBe('FULL');
    expect(config.mode).toBe('lenient');
    expect(config.off.map((o) => o.name)).toEqual(['HEADERS', 'ENUM_SIZE', 'FORMAT']);
    expect(config.off[1]?.location).toEqual({ file: FILE, line: 4, column: 18 });
    expect(config.accept).toEqual([
      {
        rule: 'PROPERTY_REMOVED',
        message: 'RouteCalculated',
        path: '/properties/eta',
        reason: 'all receivers migrated, see INC-123',
        until: '2027-03-01',
        untilLocation: { file: FILE, line: 11, column: 14 },
        location: { file: FILE, line: 7, column: 7 },
        messageLocation: { file: FILE, line: 8, column: 16 },
      },
    ]);
  });

  it.each([
    ['rules:\n  off: [NO_SUCH_RULE]', ["2:9 config-unknown-rule unknown rule or category 'NO_SUCH_RULE' in rules.off"]],
    ['rules:\n  of: [HEADERS]', ["2:3 config-invalid unknown setting 'rules.of'"]],
    [
      'compatibility: SIDEWAYS',
      [
        '1:16 config-invalid compatibility must be one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE (got "SIDEWAYS")',
      ],
    ],
    ['compatibilty: FULL', ["1:1 config-invalid unknown setting 'compatibilty'"]],
    [
      'mode: [strict',
      [
        '1:14 config-invalid not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ],
    [
      'check:\n  accept:\n    - rule: TYPE_CHANGED\n      message: RouteCalculated',
      ['3:7 accept-invalid check.accept entry for TYPE_CHANGED on RouteCalculated without a reason'],
    ],
    [
      'check:\n  accept:\n    - rule: TYPE_CHANGED\n      message: RouteCalculated\n      reason: ""',
      ['5:15 accept-invalid check.accept entry for TYPE_CHANGED on RouteCalculated without a reason'],
    ],
    [
      'check:\n  accept:\n    - rule: TYPO_CHANGED\n      message: RouteCalculated\n      reason: r',
      ["3:13 config-unknown-rule unknown rule 'TYPO_CHANGED' in check.accept"],
    ],
    [
      'check:\n  accept:\n    - rule: enum-size\n      message: RouteCalculated\n      reason: r',
      ["3:13 config-unknown-rule 'enum-size' is not a compatibility rule: check.accept accepts breaking changes only"],
    ],
    [
      'check:\n  accept:\n    - rule: TYPE_CHANGED\n      message: RouteCalculated\n      reason: r\n      until: 2027-02-30',
      ['6:14 accept-invalid until must be a date: YYYY-MM-DD'],
    ],
    [
      'check:\n  accept:\n    - rule: TYPE_CHANGED\n      reason: r\n      reasons: r',
      [
        "5:7 accept-invalid unknown field 'reasons' in a check.accept entry",
        '3:7 accept-invalid check.accept entry without a message or topic',
      ],
    ],
    [
      'check:\n  accept:\n    - rule: TYPE_CHANGED\n      message: M\n      reason: r\n      path: properties/eta',
      ['6:13 accept-invalid path must be a JSON pointer such as /properties/eta'],
    ],
  ])('%j → %j', (text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  // Reading from the contracts loads the rule registry only for a config whose sections name rules: the
  // answer (settings or located problems) is the one the registry-backed parse gives, whatever the style.
  it.each([
    'compatibility: FULL\nmode: lenient\n',
    'rules:\n  off: [enum-size, nope]\n',
    '{"rules": {"off": [HEADERS]}, compatibility: FORWARD}',
    "'check':\n  accept:\n    - { rule: nope, message: M, reason: r }\n",
    'check:\n  accept:\n    - rule: TYPE_CHANGED\n      message: M\n      reason: r\n',
    'mode: lenient\nmode: strict\n',
    'compatibility: SIDEWAYS\n',
  ])('reading %j from the contracts answers as parsing it with the rule registry', async (text) => {
    const settle = async (read: () => unknown): Promise<unknown> => {
      try {
        return { config: await read() };
      } catch (error) {
        if (error instanceof ConfigError) return { problems: error.diagnostics };
        throw error;
      }
    };
    const source = memorySource({ 'evc.config.yaml': text });
    const expected = await settle(() => parseCompatibilityConfig(text, 'evc.config.yaml', ruleNames));
    expect(await settle(() => readCompatibilityConfig(source))).toEqual(expected);
  });

  it('an empty file or no file means the defaults', () => {
    expect(parseCompatibilityConfig('', FILE, ruleNames)).toEqual({
      compatibility: 'BACKWARD',
      mode: 'strict',
      off: [],
      accept: [],
    });
  });
});
