// The PR gate on the two-service fixture registry: who a breaking change hurts at each level,
// rules and categories switched off, and breaking changes accepted in evc.config.yaml (with a
// reason, until a date, narrowed by path), each entry that accepts nothing reported.

import { describe, expect, it } from 'vitest';
import { acceptChanges } from '../../../generator/compat/accept.js';
import { parseCompatibilityConfig } from '../../../generator/compat/config.js';
import * as ruleNames from '../../../generator/rules/registry.js';
import { runCompatibilityGate } from '../../../generator/compat/gate.js';
import { loadSide } from '../../../generator/compat/inputs.js';
import type { CompatibilityLevel } from '../../../generator/compat/levels.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import { RC, editYaml, fixtureFiles, type Files } from './registry-fixture.js';

const base = fixtureFiles();
// RouteCalculated.distanceKm becomes a string: one breaking payload change (both ways), one message.
const edited = editYaml(base, 'routing.yaml', (d) =>
  d.setIn([...RC, 'payload', 'properties', 'distanceKm', 'type'], 'string'),
);

async function gate(newFiles: Files, config: string, level: CompatibilityLevel = 'BACKWARD', today = '2026-12-06') {
  const old = await loadSide(memorySource(base, 'old'), 'baseline');
  const current = await loadSide(memorySource(newFiles, 'new'), 'proposed');
  return runCompatibilityGate({
    config: parseCompatibilityConfig(config, 'evc.config.yaml', ruleNames),
    baselines: [old.snapshot],
    current: current.snapshot,
    level,
    mode: 'strict',
    today,
  });
}

const typeChanged = (outcome: Awaited<ReturnType<typeof gate>>) =>
  outcome.result?.changes.find((c) => c.rule === 'TYPE_CHANGED');

describe('impact: who a breaking change hurts', () => {
  it.each([
    ['BACKWARD', ['tracking receiver']],
    ['FORWARD', ['routing sender']],
    ['FULL', ['routing sender', 'tracking receiver']],
  ] as const)('%s → %j, with the file that declares the operation', async (level, expected) => {
    const change = typeChanged(await gate(edited, '', level));
    expect(change?.impact.map((i) => `${i.service} ${i.role}`)).toEqual(expected);
    for (const i of change?.impact ?? []) expect(i.file).toBe(`${i.service}.yaml`);
  });

  it('compatible changes hurt nobody', async () => {
    const loosened = editYaml(base, 'routing.yaml', (d) => d.deleteIn([...RC, 'payload', 'required']));
    const result = (await gate(loosened, '')).result;
    expect(result?.changes.length).toBeGreaterThan(0);
    expect(result?.changes.every((c) => !c.breaking && c.impact.length === 0)).toBe(true);
  });
});

describe('rules.off', () => {
  it.each(['TYPE_CHANGED', 'type-changed', 'TYPE', 'SCHEMA', 'PAYLOAD', 'PAYLOAD_SCHEMA'])(
    'switching off %s drops the change and passes',
    async (name) => {
      const outcome = await gate(edited, `rules:\n  off: [${name}]`);
      expect(typeChanged(outcome)).toBeUndefined();
      expect(outcome.result?.compatible).toBe(true);
    },
  );

  it.each(['HEADERS', 'KEY', 'ENUM', 'MAX_LENGTH_DECREASED'])('switching off %s keeps it', async (name) => {
    const outcome = await gate(edited, `rules:\n  off: [${name}]`);
    expect(typeChanged(outcome)?.breaking).toBe(true);
    expect(outcome.result?.compatible).toBe(false);
  });
});

describe('check.accept', () => {
  const entry = (extra: string) =>
    `check:\n  accept:\n    - rule: TYPE_CHANGED\n      message: RouteCalculated\n      reason: "migrated, INC-1"\n${extra}`;

  it('accepts a breaking change: still reported, marked with the reason, and the check passes', async () => {
    const outcome = await gate(edited, entry(''));
    expect(outcome.diagnostics).toEqual([]);
    expect(outcome.result?.compatible).toBe(true);
    expect(typeChanged(outcome)).toMatchObject({
      breaking: true,
      accepted: { reason: 'migrated, INC-1', file: 'evc.config.yaml', line: 3, column: 7 },
    });
  });

  it.each([
    ['the family', entry('').replace('TYPE_CHANGED', 'type')],
    ['the path', entry('      path: /properties/distanceKm\n')],
    ['a path above it', entry('      path: /properties\n')],
    ['the last day of until', entry('      until: 2026-12-06\n')],
  ])('matches by %s', async (_, config) => {
    expect((await gate(edited, config)).result?.compatible).toBe(true);
  });

  it.each([
    ['another path', entry('      path: /properties/routeId\n')],
    ['a path that only starts the same', entry('      path: /properties/distance\n')],
    ['another rule', entry('').replace('TYPE_CHANGED', 'TYPE_NARROWED')],
    ['another message', entry('').replace('message: RouteCalculated', 'message: RouteCancelled')],
  ])('does not match %s: the check fails and the entry is reported as accepting nothing', async (_, config) => {
    const outcome = await gate(edited, config);
    expect(outcome.result?.compatible).toBe(false);
    expect(outcome.diagnostics.map((d) => `${d.severity} ${d.rule} ${d.line}:${d.column}`)).toEqual([
      'warning accept-unused 3:7',
    ]);
  });

  it('past its until date an entry no longer applies: a warning, and the check fails again', async () => {
    const outcome = await gate(edited, entry('      until: 2026-12-05\n'));
    expect(outcome.result?.compatible).toBe(false);
    expect(typeChanged(outcome)?.accepted).toBeUndefined();
    expect(outcome.diagnostics).toEqual([
      expect.objectContaining({
        rule: 'accept-expired',
        severity: 'warning',
        line: 6,
        column: 14,
        message: 'check.accept for TYPE_CHANGED on RouteCalculated expired on 2026-12-05: it no longer applies',
      }),
    ]);
  });

  it('an entry naming a message neither side declares is an error at its message', async () => {
    const outcome = await gate(edited, entry('').replace('RouteCalculated', 'RouteCalculatd'));
    expect(outcome.result).toBeUndefined();
    expect(outcome.diagnostics).toEqual([
      expect.objectContaining({ rule: 'accept-unknown-message', severity: 'error', line: 4, column: 16 }),
    ]);
  });

  it('accepting only some breaking changes still fails on the others', async () => {
    const two = editYaml(edited, 'routing.yaml', (d) =>
      d.setIn([...RC, 'payload', 'properties', 'routeId', 'maxLength'], 3),
    );
    const outcome = await gate(two, entry(''));
    expect(outcome.result?.compatible).toBe(false);
    expect(outcome.result?.changes.filter((c) => c.breaking && !c.accepted).map((c) => c.rule)).toEqual([
      'MAX_LENGTH_ADDED',
    ]);
  });

  describe('a topic-level change, accepted by topic', () => {
    const renamed = Object.fromEntries(
      Object.entries(base).map(([file, text]) => [file, text.replaceAll('routing.events', 'routing.events.v2')]),
    );
    const byTopic = (topic: string, rule = 'TOPIC_RENAMED') =>
      `check:\n  accept:\n    - rule: ${rule}\n      topic: ${topic}\n      reason: "all consumers moved, INC-7"\n`;

    it('accepts TOPIC_RENAMED on the old address: still reported, with the reason, and the check passes', async () => {
      const failing = await gate(renamed, '');
      expect(failing.result?.changes.filter((c) => c.breaking).map((c) => c.rule)).toContain('TOPIC_RENAMED');
      expect(failing.result?.compatible).toBe(false);
      const outcome = await gate(renamed, byTopic('routing.events'));
      expect(outcome.diagnostics).toEqual([]);
      const change = outcome.result?.changes.find((c) => c.rule === 'TOPIC_RENAMED');
      expect(change?.accepted).toMatchObject({ reason: 'all consumers moved, INC-7', line: 3 });
      expect(outcome.result?.changes.filter((c) => c.breaking && !c.accepted)).toEqual([]);
      expect(outcome.result?.compatible).toBe(true);
    });

    it('a topic entry also covers the changes of messages on that topic', async () => {
      const outcome = await gate(edited, byTopic('routing.events', 'TYPE_CHANGED'));
      expect(typeChanged(outcome)?.accepted?.reason).toBe('all consumers moved, INC-7');
      expect(outcome.result?.compatible).toBe(true);
    });

    it('an entry naming a topic neither side declares is an error at its topic', async () => {
      const outcome = await gate(renamed, byTopic('routing.evnts'));
      expect(outcome.result).toBeUndefined();
      expect(outcome.diagnostics).toEqual([
        expect.objectContaining({ rule: 'accept-unknown-topic', severity: 'error', line: 4, column: 14 }),
      ]);
    });

    it.each([
      ['both a message and a topic', '      message: RouteCalculated\n      topic: routing.events\n', 5],
      ['neither a message nor a topic', '', 3],
    ])('an entry with %s is refused, located', (_, target, line) => {
      const text = `check:\n  accept:\n    - rule: TOPIC_RENAMED\n${target}      reason: r\n`;
      expect(() => parseCompatibilityConfig(text, 'evc.config.yaml', ruleNames)).toThrow(
        expect.objectContaining({
          diagnostics: [expect.objectContaining({ rule: 'accept-invalid', line })],
        }) as Error,
      );
    });
  });

  it('acceptChanges leaves compatible changes alone', () => {
    const result = { compatible: true, level: 'BACKWARD' as const, changes: [], checked: [] };
    expect(acceptChanges(result, [], '2026-01-01')).toEqual({ result, warnings: [] });
  });
});
