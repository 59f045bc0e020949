// `evc check --format junit|sarif`: the JUnit XML is read back with a real XML parser
// (fast-xml-parser), the SARIF log is validated against the published SARIF 2.1.0 JSON Schema
// (test/fixtures/sarif, with ajv), for hand-made results and for arbitrary contract text.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv as AjvInstance, Options } from 'ajv';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { change } from './change-fixture.js';
import type { CheckResult } from '../../../generator/compat/check.js';
import { formatCheckResult } from '../../../generator/compat/report/index.js';
import { fileUri } from '../../../generator/compat/report/sarif.js';
import { findRule } from '../../../generator/rules/registry.js';
import { addFormats } from '../../../generator/ajv.js';

const sarifSchema = JSON.parse(
  readFileSync(new URL('../../fixtures/sarif/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'),
) as object;
// The published schema has a pattern (language tags) only valid without the u flag: `]` standing alone.
// The vendored schema is draft-04: ajv-draft-04 (CommonJS) is ajv with that dialect.
const Ajv = (createRequire(import.meta.url)('ajv-draft-04') as { default: new (options: Options) => AjvInstance })
  .default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

const result: CheckResult = {
  compatible: false,
  level: 'BACKWARD',
  changes: [
    change({}),
    change({ rule: 'TYPE_CHANGED', path: '/properties/distanceKm', what: 'type changed from number to string' }),
    change({ rule: 'ENUM_ARRAY_EXTENDED', breaking: false, path: '/properties/vehicleType/enum', what: 'enum added' }),
    change({
      rule: 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL',
      messageName: 'InvoiceGenerated',
      topic: 'invoicing.events',
      path: '/properties/total',
      accepted: { reason: 'see INC-123 & <all> "receivers"', file: 'contracts/evc.config.yaml', line: 3, column: 5 },
    }),
    change({
      rule: 'TOPIC_REMOVED',
      topic: 'legacy.events',
      messageName: '',
      path: '',
      part: 'contract',
      what: 'topic legacy.events removed',
      file: 'HEAD~1:contracts/legacy/asyncapi.yaml',
    }),
  ],
  checked: [
    { message: 'InvoiceGenerated', topic: 'invoicing.events' },
    { message: 'RouteCalculated', topic: 'routing.events' },
    { message: 'RouteCancelled', topic: 'routing.events' },
  ],
};
const context = { against: 'main:contracts', mode: 'strict' as const };

// Values exactly as written: no trimming, no number parsing; entities (and character references) decoded.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => name === 'testcase' || name === 'failure',
});

interface JunitCase {
  classname: string;
  name: string;
  failure?: { type: string; message: string; '#text': string }[];
  'system-out'?: string;
}

function parseJunit(xml: string): {
  testsuites: { tests: string; failures: string; testsuite: { testcase: JunitCase[] } };
} {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as ReturnType<typeof parseJunit>;
}

describe('junit', () => {
  it('one testcase per message checked, a failure per breaking change, accepted ones in system-out', () => {
    const junit = parseJunit(formatCheckResult(result, 'junit', context));
    const cases = junit.testsuites.testsuite.testcase;
    expect(cases.map((c) => `${c.classname} ${c.name}`)).toEqual([
      'invoicing.events InvoiceGenerated',
      'routing.events RouteCalculated',
      'routing.events RouteCancelled',
      'legacy.events topic legacy.events',
    ]);
    expect(junit.testsuites.tests).toBe('4');
    expect(junit.testsuites.failures).toBe('3');
    const route = cases[1];
    expect(route?.failure?.map((f) => f.type)).toEqual(['MAX_LENGTH_DECREASED', 'TYPE_CHANGED']);
    expect(route?.failure?.[0]?.message).toBe(
      'MAX_LENGTH_DECREASED /properties/notes/maxLength: maxLength changed from 500 to 200',
    );
    expect(route?.failure?.[0]?.['#text']).toContain('impact: tracking (receiver, contracts/tracking/asyncapi.yaml)');
    expect(route?.['system-out']).toMatch(/^ok contracts\/routing\/asyncapi.yaml:96:13 ENUM_ARRAY_EXTENDED/);
    const invoice = cases[0];
    expect(invoice?.failure).toBeUndefined();
    expect(invoice?.['system-out']).toContain(
      'accepted in contracts/evc.config.yaml:3: see INC-123 & <all> "receivers"',
    );
    expect(cases[2]?.failure).toBeUndefined();
    expect(cases[3]?.failure?.[0]?.type).toBe('TOPIC_REMOVED');
  });

  it('stays well-formed XML and keeps the text for any contract text (control characters replaced)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), fc.string({ unit: 'binary' }), (name, what) => {
        const hostile: CheckResult = {
          ...result,
          changes: [change({ messageName: name, what })],
          checked: [{ message: name, topic: 'routing.events' }],
        };
        const junit = parseJunit(formatCheckResult(hostile, 'junit', context));
        // eslint-disable-next-line no-control-regex
        const readable = (s: string): string =>
          s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
        const testcase = junit.testsuites.testsuite.testcase[0];
        expect(testcase?.name).toBe(readable(name));
        expect(testcase?.failure?.[0]?.message).toBe(
          readable(`MAX_LENGTH_DECREASED /properties/notes/maxLength: ${what}`),
        );
      }),
      { numRuns: 100, seed: 12 },
    );
  });
});

interface SarifLog {
  runs: {
    tool: {
      driver: { rules: { id: string; shortDescription: { text: string }; properties: Record<string, unknown> }[] };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      suppressions?: { kind: string; status: string; justification: string }[];
    }[];
  }[];
}

describe('sarif', () => {
  it('is valid SARIF 2.1.0 with rule metadata from the registry and locations in the new file', () => {
    const log = JSON.parse(formatCheckResult(result, 'sarif', context)) as SarifLog;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    const rules = run?.tool.driver.rules ?? [];
    for (const rule of rules) {
      const entry = findRule(rule.id);
      expect(entry, rule.id).toBeDefined();
      expect(rule.shortDescription.text).toBe(entry?.description);
      expect(rule.properties['category']).toBe(entry?.category);
      expect(rule.properties['levels']).toEqual(entry?.levels);
    }
    const results = run?.results ?? [];
    expect(results.map((r) => rules[r.ruleIndex]?.id)).toEqual(results.map((r) => r.ruleId));
    expect(results[0]).toMatchObject({
      ruleId: 'MAX_LENGTH_DECREASED',
      level: 'error',
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'contracts/routing/asyncapi.yaml' }, region: { startLine: 96 } },
        },
      ],
    });
    expect(results[0]?.message.text).toContain('Impact: tracking (receiver)');
    expect(results.find((r) => r.ruleId === 'ENUM_ARRAY_EXTENDED')?.level).toBe('note');
    expect(results.find((r) => r.ruleId === 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL')?.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'see INC-123 & <all> "receivers"' },
    ]);
    // A place in an older version (from git) becomes a relative URI reference, not a URI scheme.
    expect(results.find((r) => r.ruleId === 'TOPIC_REMOVED')?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      'HEAD~1%3Acontracts/legacy/asyncapi.yaml',
    );
  });

  it('the schema check is real: a log without a version or with a line 0 is refused', () => {
    const log = JSON.parse(formatCheckResult(result, 'sarif', context)) as Record<string, unknown>;
    expect(validateSarif({ ...log, version: undefined })).toBe(false);
    const bad = JSON.parse(formatCheckResult(result, 'sarif', context)) as SarifLog;
    const first = bad.runs[0]?.results[0]?.locations[0];
    if (first) first.physicalLocation.region.startLine = 0;
    expect(validateSarif(bad)).toBe(false);
  });

  it('stays valid for any file name and contract text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (file, what, reason) => {
        const hostile: CheckResult = {
          ...result,
          changes: [
            change({ file, what }),
            change({ accepted: { reason, file: 'evc.config.yaml', line: 1, column: 1 } }),
          ],
        };
        const log = JSON.parse(formatCheckResult(hostile, 'sarif', context)) as SarifLog;
        expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
        expect(decodeURIComponent(fileUri(file))).toBe(file);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
