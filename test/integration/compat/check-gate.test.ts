// `evc check` as a PR gate, end to end in a throwaway git repository: a breaking change accepted in
// evc.config.yaml (exit 0, printed as accepted), an entry without a reason (exit 2, located), an
// expired entry (exit 1 again), rules switched off, the services each breaking change hurts in every
// format, and the JUnit and SARIF outputs read back with a real XML parser and the SARIF schema.
// Needs git, not Kafka.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv as AjvInstance, Options } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addFormats } from '../../../generator/ajv.js';
import { REPO_ROOT, throwawayRepo, type ThrowawayRepo } from './throwaway-repo.js';

const ROUTING = 'contracts/routing/asyncapi.yaml';
const CONFIG = 'contracts/evc.config.yaml';
const RC = ['components', 'messages', 'RouteCalculated', 'payload'];
let repo: ThrowawayRepo;
let originalConfig: string;

function writeConfig(extra: string): void {
  writeFileSync(path.join(repo.dir, CONFIG), `${originalConfig}\n${extra}`);
}

function lineOf(file: string, needle: RegExp): number {
  return (
    readFileSync(path.join(repo.dir, file), 'utf8')
      .split('\n')
      .findIndex((l) => needle.test(l)) + 1
  );
}

const ACCEPT = [
  'check:',
  '  accept:',
  '    - rule: TYPE_CHANGED',
  '      message: RouteCalculated',
  '      path: /properties/distanceKm',
  '      reason: "all receivers read distanceKm as text since INC-123"',
];

beforeAll(() => {
  repo = throwawayRepo('evc-gate-');
  originalConfig = readFileSync(path.join(repo.dir, CONFIG), 'utf8');
  repo.git('init', '-q', '-b', 'main');
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'registry v1');
  repo.editYaml(ROUTING, (doc) => doc.setIn([...RC, 'properties', 'distanceKm', 'type'], 'string'));
  repo.git('commit', '-q', '-am', 'RouteCalculated.distanceKm as string');
});

afterEach(() => writeFileSync(path.join(repo.dir, CONFIG), originalConfig));
afterAll(() => repo?.remove());

describe('check.accept in evc.config.yaml', () => {
  it('an accepted breaking change with a reason: exit 0, printed as accepted with its reason', async () => {
    writeConfig(ACCEPT.join('\n'));
    const text = await repo.check({ against: 'HEAD~1' });
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^ {4}ACCEPTED contracts\/routing\/asyncapi\.yaml:\d+:\d+ TYPE_CHANGED \/properties\/distanceKm: /m,
    );
    const entryLine = lineOf(CONFIG, /- rule: TYPE_CHANGED/);
    expect(text.stdout).toContain(
      `accepted in contracts/evc.config.yaml:${entryLine}: all receivers read distanceKm as text since INC-123`,
    );
    expect(text.stdout.trim().split('\n').at(-1)).toBe('compatible (1 breaking change accepted in evc.config.yaml)');
    const json = await repo.check({ against: 'HEAD~1', format: 'json' });
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as { compatible: boolean; changes: Record<string, unknown>[] };
    expect(body.compatible).toBe(true);
    expect(body.changes.find((c) => c['rule'] === 'TYPE_CHANGED')).toMatchObject({
      breaking: true,
      accepted: { reason: 'all receivers read distanceKm as text since INC-123', file: CONFIG, line: entryLine },
    });
  });

  it('an entry without a reason: exit 2, the error located in evc.config.yaml', async () => {
    writeConfig(ACCEPT.slice(0, -1).join('\n'));
    const { code, stdout, stderr } = await repo.check({ against: 'HEAD~1' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      `contracts/evc.config.yaml:${lineOf(CONFIG, /- rule: TYPE_CHANGED/)}:7: error: check.accept entry for TYPE_CHANGED on RouteCalculated without a reason [accept-invalid]`,
    );
  });

  it('an unknown rule, and a message no side declares: exit 2, each located', async () => {
    writeConfig(ACCEPT.join('\n').replace('TYPE_CHANGED', 'TYPO_CHANGED'));
    const rule = await repo.check({ against: 'HEAD~1' });
    expect(rule.code).toBe(2);
    expect(rule.stderr).toContain(
      `contracts/evc.config.yaml:${lineOf(CONFIG, /- rule: TYPO_CHANGED/)}:13: error: unknown rule 'TYPO_CHANGED' in check.accept [config-unknown-rule]`,
    );
    writeConfig(ACCEPT.join('\n').replace('message: RouteCalculated', 'message: RouteCalculatd'));
    const message = await repo.check({ against: 'HEAD~1' });
    expect(message.code).toBe(2);
    expect(message.stderr).toContain(
      `contracts/evc.config.yaml:${lineOf(CONFIG, /message: RouteCalculatd/)}:16: error: check.accept names message 'RouteCalculatd'`,
    );
  });

  it('an expired until: the entry no longer applies (warning) and the check fails again (exit 1)', async () => {
    writeConfig([...ACCEPT, '      until: 2020-01-31'].join('\n'));
    const { code, stdout, stderr } = await repo.check({ against: 'HEAD~1' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ {4}BREAKING contracts\/routing\/asyncapi\.yaml:\d+:\d+ TYPE_CHANGED/m);
    expect(stderr).toContain(
      `contracts/evc.config.yaml:${lineOf(CONFIG, /until: 2020-01-31/)}:14: warning: check.accept for TYPE_CHANGED on RouteCalculated expired on 2020-01-31: it no longer applies [accept-expired]`,
    );
    // Still in force until its last day.
    writeConfig([...ACCEPT, '      until: 2999-12-31'].join('\n'));
    expect((await repo.check({ against: 'HEAD~1' })).code).toBe(0);
  });

  it('a topic entry accepts the changes of every message on the topic; an unknown topic is refused (exit 2)', async () => {
    const byTopic = ACCEPT.join('\n').replace('message: RouteCalculated', 'topic: routing.events');
    writeConfig(byTopic);
    const accepted = await repo.check({ against: 'HEAD~1', format: 'json' });
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    const body = JSON.parse(accepted.stdout) as { changes: Record<string, unknown>[] };
    expect(body.changes.find((c) => c['rule'] === 'TYPE_CHANGED')).toMatchObject({
      messageName: 'RouteCalculated',
      accepted: { reason: 'all receivers read distanceKm as text since INC-123', file: CONFIG },
    });
    writeConfig(byTopic.replace('topic: routing.events', 'topic: routing.event'));
    const unknown = await repo.check({ against: 'HEAD~1' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `contracts/evc.config.yaml:${lineOf(CONFIG, /topic: routing\.event$/)}:14: error: check.accept names topic 'routing.event', which neither the proposed nor the compared contracts declare`,
    );
  });

  it('an entry that accepts nothing is a warning', async () => {
    writeConfig(ACCEPT.join('\n').replace('/properties/distanceKm', '/properties/routeId'));
    const { code, stderr } = await repo.check({ against: 'HEAD~1' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/evc\.config\.yaml:\d+:7: warning: .* accepts no breaking change \[accept-unused\]/);
  });
});

describe('rules.off in evc.config.yaml', () => {
  it('switches a category off; an unknown name is refused at its place (exit 2)', async () => {
    writeConfig('rules:\n  off: [SCHEMA]');
    expect((await repo.check({ against: 'HEAD~1' })).code).toBe(0);
    writeConfig('rules:\n  off: [SCHEMAS]');
    const { code, stderr } = await repo.check({ against: 'HEAD~1' });
    expect(code).toBe(2);
    expect(stderr).toContain(
      `contracts/evc.config.yaml:${lineOf(CONFIG, /off: \[SCHEMAS\]/)}:9: error: unknown rule or category 'SCHEMAS' in rules.off [config-unknown-rule]`,
    );
  });
});

describe('impact: the services a breaking change hurts, in every format', () => {
  const receivers = ['invoicing', 'tracking'];

  it('json: impact [{service, role, file}] — receivers under BACKWARD, the sender under FORWARD', async () => {
    const backward = JSON.parse((await repo.check({ against: 'HEAD~1', format: 'json' })).stdout) as {
      changes: { rule: string; impact: { service: string; role: string; file: string }[] }[];
    };
    expect(backward.changes.find((c) => c.rule === 'TYPE_CHANGED')?.impact).toEqual(
      receivers.map((service) => ({ service, role: 'receiver', file: `contracts/${service}/asyncapi.yaml` })),
    );
    const forward = JSON.parse(
      (await repo.check({ against: 'HEAD~1', format: 'json', level: 'FORWARD' })).stdout,
    ) as typeof backward;
    expect(forward.changes.find((c) => c.rule === 'TYPE_CHANGED')?.impact).toEqual([
      { service: 'routing', role: 'sender', file: ROUTING },
    ]);
    const full = JSON.parse(
      (await repo.check({ against: 'HEAD~1', format: 'json', level: 'FULL' })).stdout,
    ) as typeof backward;
    expect(full.changes.find((c) => c.rule === 'TYPE_CHANGED')?.impact.map((i) => `${i.service} ${i.role}`)).toEqual([
      'invoicing receiver',
      'routing sender',
      'tracking receiver',
    ]);
  });

  it('text, github, markdown', async () => {
    const text = (await repo.check({ against: 'HEAD~1' })).stdout;
    expect(text).toContain(
      'impact: invoicing (receiver, contracts/invoicing/asyncapi.yaml), tracking (receiver, contracts/tracking/asyncapi.yaml)',
    );
    const github = (await repo.check({ against: 'HEAD~1', format: 'github' })).stdout;
    expect(github).toMatch(/^::error .*title=TYPE_CHANGED .*Impact: invoicing \(receiver\), tracking \(receiver\)$/m);
    const markdown = (await repo.check({ against: 'HEAD~1', format: 'markdown' })).stdout;
    expect(markdown).toContain('#### Who is hurt');
    for (const service of receivers) {
      const heading = `**\`${service}\`** (receiver, \`contracts/${service}/asyncapi.yaml\`)`;
      expect(markdown).toContain(heading);
      const after = markdown.slice(markdown.indexOf(heading)).split('\n')[1];
      expect(after).toMatch(/^- ❌ `TYPE_CHANGED` `RouteCalculated` `\/properties\/distanceKm`: /);
    }
  });

  it('junit: parsed by an XML parser, a failure per breaking change naming the receivers', async () => {
    const { code, stdout } = await repo.check({ against: 'HEAD~1', format: 'junit' });
    expect(code).toBe(1);
    expect(XMLValidator.validate(stdout)).toBe(true);
    const junit = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => name === 'testcase' || name === 'failure',
    }).parse(stdout) as {
      testsuites: {
        failures: string;
        testsuite: { testcase: { classname: string; name: string; failure?: { type: string; '#text': string }[] }[] };
      };
    };
    const cases = junit.testsuites.testsuite.testcase;
    // One test case per message of the registry.
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining(['RouteCalculated', 'RouteCancelled', 'InvoiceGenerated', 'ShipmentStatusChanged']),
    );
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    const failing = cases.filter((c) => c.failure);
    expect(failing.map((c) => `${c.classname} ${c.name}`)).toEqual(['routing.events RouteCalculated']);
    expect(failing[0]?.failure?.map((f) => f.type)).toEqual(['TYPE_CHANGED']);
    expect(failing[0]?.failure?.[0]?.['#text']).toContain('impact: invoicing (receiver');
    expect(junit.testsuites.failures).toBe('1');
  });

  it('sarif: valid against the SARIF 2.1.0 schema, located in the new file, run as a real evc process', () => {
    const run = repo.evc('check', '--against', 'HEAD~1', '--format', 'sarif');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const Ajv = (createRequire(import.meta.url)('ajv-draft-04') as { default: new (o: Options) => AjvInstance })
      .default;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const schema = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as object;
    const validate = ajv.compile(schema);
    const log = JSON.parse(run.stdout) as {
      runs: {
        tool: { driver: { rules: { id: string; properties: { category: string } }[] } };
        results: {
          ruleId: string;
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const result = log.runs[0]?.results.find((r) => r.ruleId === 'TYPE_CHANGED');
    expect(result?.level).toBe('error');
    expect(result?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: ROUTING },
      region: expect.objectContaining({ startLine: lineOf(ROUTING, /^\s+distanceKm:/) }),
    });
    expect(result?.message.text).toContain('Impact: invoicing (receiver), tracking (receiver)');
    expect(log.runs[0]?.tool.driver.rules.find((r) => r.id === 'TYPE_CHANGED')?.properties.category).toBe('SCHEMA');
  });
});
