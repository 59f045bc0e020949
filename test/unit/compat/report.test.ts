// The text, json, github and markdown formats of `evc check` on a hand-made result: shapes, ordering,
// escaping, impact and accepted changes (junit and sarif: ci-formats.test.ts).

import { describe, expect, it } from 'vitest';
import { TRACKING, change } from './change-fixture.js';
import type { CheckResult } from '../../../generator/compat/check.js';
import { formatCheckResult } from '../../../generator/compat/report/index.js';

const result: CheckResult = {
  compatible: false,
  level: 'BACKWARD',
  changes: [
    change({}),
    change({
      rule: 'ENUM_ARRAY_EXTENDED',
      breaking: false,
      path: '/properties/vehicleType/enum',
      what: 'enum: value "E|V" added, 100% sure, a:b',
      line: 87,
    }),
    change({
      rule: 'TOPIC_REMOVED',
      topic: 'invoicing.events',
      messageName: '',
      path: '',
      part: 'contract',
      what: 'topic invoicing.events removed',
      why: 'line one\nline two',
      impact: [{ service: 'routing', role: 'sender', file: 'contracts/routing/asyncapi.yaml' }, TRACKING],
    }),
  ],
  checked: [{ message: 'RouteCalculated', topic: 'routing.events' }],
};
const context = { against: 'main:contracts', mode: 'strict' as const };

describe('check reporters', () => {
  it('json: exactly the documented keys, message = what: why. Instead: hint', () => {
    const json = JSON.parse(formatCheckResult(result, 'json', context)) as {
      compatible: boolean;
      level: string;
      changes: Record<string, unknown>[];
    };
    expect(json.compatible).toBe(false);
    expect(json.changes[0]).toEqual({
      rule: 'MAX_LENGTH_DECREASED',
      message:
        'maxLength changed from 500 to 200: receivers tracking would reject values with more than 200 characters. Instead: keep maxLength where it was',
      topic: 'routing.events',
      messageName: 'RouteCalculated',
      path: '/properties/notes/maxLength',
      breaking: true,
      file: 'contracts/routing/asyncapi.yaml',
      line: 96,
      description: 'A reader may allow longer strings, never shorter ones (maxLength).',
      impact: [{ service: 'tracking', role: 'receiver', file: 'contracts/tracking/asyncapi.yaml' }],
    });
    expect(json.changes[1]?.['impact']).toEqual([]);
  });

  it('text: topics with breaking changes first, then messages, breaking lines before compatible ones', () => {
    const text = formatCheckResult(result, 'text', context).split('\n');
    expect(text[0]).toBe(
      'evc check against main:contracts (level BACKWARD, strict): 2 breaking changes, 1 compatible change',
    );
    expect(text.filter((l) => /^\S/.test(l)).slice(1, 3)).toEqual(['invoicing.events', 'routing.events']);
    const routing = text.indexOf('routing.events');
    expect(text[routing + 2]).toMatch(/^ {4}BREAKING contracts\/routing\/asyncapi.yaml:96:13 MAX_LENGTH_DECREASED/);
    expect(text[routing + 3]).toBe('             impact: tracking (receiver, contracts/tracking/asyncapi.yaml)');
    expect(text[routing + 4]).toMatch(/^ {4}ok {7}contracts\/routing\/asyncapi.yaml:87:13 ENUM_ARRAY_EXTENDED/);
    expect(text.at(-2)).toBe('not compatible at level BACKWARD');
  });

  it('github: error/notice commands with escaped properties and data', () => {
    const lines = formatCheckResult(result, 'github', context).trim().split('\n');
    expect(lines[0]).toBe(
      '::error file=contracts/routing/asyncapi.yaml,line=96,col=13,title=MAX_LENGTH_DECREASED (RouteCalculated /properties/notes/maxLength)::maxLength changed from 500 to 200: receivers tracking would reject values with more than 200 characters. Instead: keep maxLength where it was. Impact: tracking (receiver)',
    );
    expect(lines[1]).toBe(
      '::notice file=contracts/routing/asyncapi.yaml,line=87,col=13,title=ENUM_ARRAY_EXTENDED (RouteCalculated /properties/vehicleType/enum)::enum: value "E|V" added, 100%25 sure, a:b: receivers tracking would reject values with more than 200 characters. Instead: keep maxLength where it was',
    );
    expect(lines[2]).toContain('line one%0Aline two');
    expect(lines[2]).toContain('Impact: routing (sender), tracking (receiver)');
    expect(lines).toHaveLength(4);
  });

  it('markdown: one table row per change, pipes escaped', () => {
    const md = formatCheckResult(result, 'markdown', context);
    expect(md).toContain('### evc check: ❌ breaking changes');
    expect(md).toContain(
      'Compared with `main:contracts` at level **BACKWARD** (strict): 2 breaking changes, 1 compatible change.',
    );
    expect(md).toContain(
      '| ✅ | `routing.events` | `RouteCalculated` | `/properties/vehicleType/enum` | `ENUM_ARRAY_EXTENDED` | enum: value "E\\|V" added, 100% sure, a:b |',
    );
    expect(md.split('\n').filter((l) => l.startsWith('| ❌') || l.startsWith('| ✅'))).toHaveLength(3);
  });

  it('markdown: breaking changes grouped by the service they hurt, services by name', () => {
    const md = formatCheckResult(result, 'markdown', context).split('\n');
    const section = md.slice(
      md.indexOf('#### Who is hurt'),
      md.findIndex((l) => l.startsWith('| |')),
    );
    expect(section.filter((l) => l.startsWith('**'))).toEqual([
      '**`routing`** (sender, `contracts/routing/asyncapi.yaml`)',
      '**`tracking`** (receiver, `contracts/tracking/asyncapi.yaml`)',
    ]);
    const tracking = section.indexOf('**`tracking`** (receiver, `contracts/tracking/asyncapi.yaml`)');
    expect(section.slice(tracking + 1).filter((l) => l.startsWith('- '))).toEqual([
      '- ❌ `MAX_LENGTH_DECREASED` `RouteCalculated` `/properties/notes/maxLength`: maxLength changed from 500 to 200',
      '- ❌ `TOPIC_REMOVED` `invoicing.events`: topic invoicing.events removed',
    ]);
    // The compatible change hurts nobody and is not listed there.
    expect(section.join('\n')).not.toContain('ENUM_ARRAY_EXTENDED');
  });

  it('an accepted breaking change: printed as accepted with its reason, in every format', () => {
    const accepted: CheckResult = {
      ...result,
      compatible: true,
      changes: [
        change({
          accepted: {
            reason: 'all receivers migrated, see INC-123',
            file: 'contracts/evc.config.yaml',
            line: 4,
            column: 7,
          },
        }),
      ],
    };
    const text = formatCheckResult(accepted, 'text', context);
    expect(text).toMatch(/^ {4}ACCEPTED contracts\/routing\/asyncapi.yaml:96:13 MAX_LENGTH_DECREASED/m);
    expect(text).toContain('accepted in contracts/evc.config.yaml:4: all receivers migrated, see INC-123');
    expect(text.trim().split('\n').at(-1)).toBe('compatible (1 breaking change accepted in evc.config.yaml)');
    const json = JSON.parse(formatCheckResult(accepted, 'json', context)) as { changes: Record<string, unknown>[] };
    expect(json.changes[0]?.['accepted']).toEqual({
      reason: 'all receivers migrated, see INC-123',
      file: 'contracts/evc.config.yaml',
      line: 4,
    });
    expect(formatCheckResult(accepted, 'github', context).split('\n')[0]).toMatch(
      /^::notice .*title=MAX_LENGTH_DECREASED \(RouteCalculated \/properties\/notes\/maxLength\) accepted::.*\. accepted in contracts\/evc\.config\.yaml:4: all receivers migrated, see INC-123$/,
    );
    expect(formatCheckResult(accepted, 'markdown', context)).toContain(
      '- ☑️ accepted `MAX_LENGTH_DECREASED` `RouteCalculated` `/properties/notes/maxLength`: maxLength changed from 500 to 200 (all receivers migrated, see INC-123)',
    );
  });
});
