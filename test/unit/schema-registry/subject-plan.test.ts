// Subject names per strategy, combined levels, settings, and the plan of the example contracts.

import { describe, expect, it } from 'vitest';
import { directorySource, loadRegistry } from '../../../generator/load/index.js';
import {
  DEFAULT_SCHEMA_REGISTRY_SETTINGS,
  parseSchemaRegistrySettings,
} from '../../../generator/schema-registry/settings.js';
import { subjectName } from '../../../generator/schema-registry/subject-name.js';
import { combinedLevel, planSubjects } from '../../../generator/schema-registry/subject-plan.js';

describe('subjectName', () => {
  it.each([
    ['topic', 'value', 'orders-value'],
    ['topic', 'key', 'orders-key'],
    ['record', 'value', 'OrderPlaced'],
    ['record', 'key', 'OrderPlaced-key'],
    ['topic-record', 'value', 'orders-OrderPlaced'],
    ['topic-record', 'key', 'orders-OrderPlaced-key'],
  ] as const)('%s %s → %s', (strategy, part, expected) => {
    expect(subjectName(strategy, 'orders', 'OrderPlaced', part)).toBe(expected);
  });
});

describe('combinedLevel', () => {
  it.each([
    [['BACKWARD'], 'BACKWARD'],
    [['BACKWARD', 'FORWARD'], 'FULL'],
    [['BACKWARD', 'FORWARD_TRANSITIVE'], 'FULL_TRANSITIVE'],
    [['NONE', 'FORWARD'], 'FORWARD'],
    [['NONE', 'NONE'], 'NONE'],
    [['FULL', 'BACKWARD_TRANSITIVE'], 'FULL_TRANSITIVE'],
  ] as const)('%j → %s', (levels, expected) => {
    expect(combinedLevel(levels)).toBe(expected);
  });
});

describe('schemaRegistry settings', () => {
  it('defaults, values, and errors that name the setting', () => {
    expect(parseSchemaRegistrySettings('compatibility: FULL\n', 'evc.config.yaml')).toEqual(
      DEFAULT_SCHEMA_REGISTRY_SETTINGS,
    );
    expect(
      parseSchemaRegistrySettings('schemaRegistry:\n  subjectNameStrategy: record\n  wireFormat: confluent\n', 'f'),
    ).toEqual({ subjectNameStrategy: 'record', wireFormat: 'confluent' });
    expect(() => parseSchemaRegistrySettings('schemaRegistry:\n  subjectNameStrategy: topicname\n', 'f')).toThrow(
      /f: schemaRegistry.subjectNameStrategy must be one of topic, record, topic-record/,
    );
    expect(() => parseSchemaRegistrySettings('schemaRegistry:\n  wirefmt: x\n', 'f')).toThrow(
      /wirefmt is not a setting/,
    );
  });
});

describe('planSubjects on the example contracts', async () => {
  const registry = await loadRegistry(await directorySource('contracts', process.cwd()));
  const plan = planSubjects(registry, DEFAULT_SCHEMA_REGISTRY_SETTINGS, 'BACKWARD');

  it('one value and one key subject per topic, levels from x-evc-compatibility', () => {
    expect(plan.map((s) => `${s.subject} ${s.level} ${s.messages.join('+')}`)).toEqual([
      'invoicing.events-key FULL InvoiceGenerated',
      'invoicing.events-value FULL InvoiceGenerated',
      'routing.events-key BACKWARD RouteCalculated+RouteCancelled',
      'routing.events-value BACKWARD RouteCalculated+RouteCancelled',
      'tracking.events-key BACKWARD ShipmentStatusChanged',
      'tracking.events-value BACKWARD ShipmentStatusChanged',
    ]);
  });

  it('self-contained, deterministic documents with $schema', async () => {
    const again = planSubjects(
      await loadRegistry(await directorySource('contracts', process.cwd())),
      DEFAULT_SCHEMA_REGISTRY_SETTINGS,
      'BACKWARD',
    );
    expect(again.map((s) => s.text)).toEqual(plan.map((s) => s.text));
    for (const subject of plan) {
      expect(subject.schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
      // Only local references: every shared schema is inlined under $defs.
      for (const ref of subject.text.matchAll(/"\$ref":"([^"]*)"/g)) expect(ref[1]).toMatch(/^#/);
    }
    const routing = plan.find((s) => s.subject === 'routing.events-value');
    expect((routing?.schema['anyOf'] as unknown[]).length).toBe(2);
  });
});
