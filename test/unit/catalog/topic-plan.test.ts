// `evc topics`: which topics a registry needs and with which settings.
import { describe, expect, it } from 'vitest';
import { planTopics } from '../../../generator/catalog/topic-plan.js';
import { loadSide } from '../../../generator/compat/inputs.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import { main } from '../../../generator/cli/main.js';
import { editYaml, fixtureFiles, type Files } from '../compat/registry-fixture.js';
import path from 'node:path';

const base = fixtureFiles();

async function plan(files: Files) {
  return planTopics((await loadSide(memorySource(files, 'contracts'), 'current')).registry);
}

const withBinding = (files: Files, binding: Record<string, unknown>): Files =>
  editYaml(files, 'routing.yaml', (doc) =>
    doc.setIn(['channels', 'routingEvents', 'bindings'], doc.createNode({ kafka: binding })),
  );

describe('topic plan', () => {
  it('lists every event topic and the default dead-letter topic of each consumed one', async () => {
    const { topics, problems } = await plan(base);
    expect(topics.map((t) => [t.topic, t.purpose])).toEqual([
      ['routing.events', 'events'],
      ['routing.events-dlt', 'dead letters'],
    ]);
    expect(problems).toEqual([]);
  });

  it("takes partitions, replicas and topic configuration from the owner's Kafka binding; dead-letter topics inherit the size", async () => {
    const { topics } = await plan(
      withBinding(base, {
        partitions: 6,
        replicas: 3,
        topicConfiguration: { 'cleanup.policy': ['delete', 'compact'], 'retention.ms': 604800000 },
      }),
    );
    expect(topics).toEqual([
      expect.objectContaining({
        topic: 'routing.events',
        partitions: 6,
        replicas: 3,
        config: { 'cleanup.policy': 'delete,compact', 'retention.ms': '604800000' },
      }),
      {
        topic: 'routing.events-dlt',
        purpose: 'dead letters',
        deadLettersOf: ['routing.events'],
        partitions: 6,
        replicas: 3,
        config: {},
      },
    ]);
  });

  it("lists a receiver's retry topics (x-retry.delays), sized like their source topic", async () => {
    const files = editYaml(withBinding(base, { partitions: 6, replicas: 3 }), 'tracking.yaml', (doc) =>
      doc.setIn(['operations', 'receiveRoutes', 'x-retry'], doc.createNode({ delays: ['1s', '1m'] })),
    );
    const { topics } = await plan(files);
    expect(topics.filter((t) => t.purpose === 'retries')).toEqual([
      {
        topic: 'routing.events-retry-0',
        purpose: 'retries',
        retriesOf: { topic: 'routing.events', delayMs: 1_000 },
        partitions: 6,
        replicas: 3,
        config: {},
      },
      {
        topic: 'routing.events-retry-1',
        purpose: 'retries',
        retriesOf: { topic: 'routing.events', delayMs: 60_000 },
        partitions: 6,
        replicas: 3,
        config: {},
      },
    ]);
  });

  it('uses the dead-letter topic a receiver declares', async () => {
    const files = editYaml(base, 'tracking.yaml', (doc) =>
      doc.setIn(['operations', 'receiveRoutes', 'x-dead-letter'], doc.createNode({ channel: 'tracking.parked' })),
    );
    expect((await plan(files)).topics.map((t) => t.topic)).toEqual(['routing.events', 'tracking.parked']);
  });

  it('reports topic configs that cannot be Kafka configs (the AsyncAPI schema checks the known ones) and keeps names as own keys', async () => {
    const files = editYaml(withBinding(base, { partitions: 6 }), 'routing.yaml', (doc) => {
      doc.setIn(
        ['channels', 'routingEvents', 'bindings', 'kafka', 'topicConfiguration', 'some.other'],
        doc.createNode({ nested: true }),
      );
      doc.setIn(['channels', 'routingEvents', 'bindings', 'kafka', 'topicConfiguration', '__proto__'], 'x');
    });
    const { topics, problems } = await plan(files);
    expect(Object.getPrototypeOf(topics[0]!.config)).toBe(Object.prototype);
    expect(Object.entries(topics[0]!.config)).toEqual([['__proto__', 'x']]);
    expect(problems.map((p) => p.message)).toEqual([
      'routing.events: topicConfiguration some.other is not a string, number, boolean or list of strings',
    ]);
    expect(problems[0]!.at?.file).toBe('routing.yaml');
  });
});

describe('evc topics (plan)', () => {
  it('prints the LogiFlow topics with their bindings, and JSON for scripts', async () => {
    let out = '';
    const io = {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      stdout: (t: string) => void (out += t),
      stderr: () => {},
    };
    expect(await main(['topics'], io)).toBe(0);
    expect(out).toContain('routing.events-dlt        dead letters of routing.events; 3 partitions, 1 replicas');
    // customer-portal's x-retry.delays: [1s, 10s, 1m]
    expect(out).toContain('invoicing.events-retry-1  retries of invoicing.events after 10s; 3 partitions, 1 replicas');
    out = '';
    expect(await main(['topics', '--format', 'json'], io)).toBe(0);
    expect((JSON.parse(out) as { topics: { topic: string }[] }).topics.map((t) => t.topic)).toEqual([
      'invoicing.events',
      'invoicing.events-dlt',
      'invoicing.events-retry-0',
      'invoicing.events-retry-1',
      'invoicing.events-retry-2',
      'routing.events',
      'routing.events-dlt',
      'tracking.events',
      'tracking.events-dlt',
    ]);
  });
});
