// Contract-level changes Confluent cannot see: topics, which messages travel on them, keys,
// headers, and who sends what, each under the levels where it matters.

import { describe, expect, it } from 'vitest';
import { RC, checkFiles, editYaml, fixtureFiles, summary } from './registry-fixture.js';

const base = fixtureFiles();

describe('contract-level rules', () => {
  it('finds nothing between identical registries, at every level', async () => {
    for (const level of ['BACKWARD', 'FORWARD', 'FULL_TRANSITIVE', 'NONE'] as const) {
      expect((await checkFiles(base, base, level)).changes).toEqual([]);
    }
  });

  it('reports a removed topic as breaking and names both sides', async () => {
    const renamed = editYaml(base, 'routing.yaml', (d) =>
      d.setIn(['channels', 'routingEvents', 'address'], 'routing.events.v2'),
    );
    const moved = editYaml(renamed, 'tracking.yaml', (d) =>
      d.setIn(['channels', 'routingEvents', 'address'], 'routing.events.v2'),
    );
    const result = await checkFiles(base, moved);
    expect(summary(result)).toContain('!TOPIC_RENAMED routing.events');
    const change = result.changes.find((c) => c.rule === 'TOPIC_RENAMED');
    expect(change?.impacted).toEqual(['routing', 'tracking']);
    expect(change?.what).toBe('topic routing.events renamed to routing.events.v2');
  });

  it('message removed from a topic breaks BACKWARD, not FORWARD', async () => {
    let removed = editYaml(base, 'routing.yaml', (d) => {
      d.deleteIn(['channels', 'routingEvents', 'messages', 'RouteCancelled']);
      d.deleteIn(['operations', 'sendRouteCancelled']);
    });
    removed = editYaml(removed, 'tracking.yaml', (d) => {
      d.deleteIn(['channels', 'routingEvents', 'messages', 'RouteCancelled']);
      d.setIn(
        ['operations', 'receiveRoutes', 'messages'],
        d.createNode([{ $ref: '#/channels/routingEvents/messages/RouteCalculated' }]),
      );
    });
    expect(summary(await checkFiles(base, removed, 'BACKWARD'))).toContain(
      '!MESSAGE_REMOVED_FROM_TOPIC RouteCancelled',
    );
    expect((await checkFiles(base, removed, 'FORWARD')).compatible).toBe(true);
    expect((await checkFiles(base, removed, 'FULL')).compatible).toBe(false);
  });

  it('message added to a topic breaks FORWARD, not BACKWARD', async () => {
    const added = editYaml(base, 'routing.yaml', (d) => {
      d.setIn(
        ['channels', 'routingEvents', 'messages', 'RouteDelayed'],
        d.createNode({ $ref: '#/components/messages/RouteDelayed' }),
      );
      d.setIn(
        ['components', 'messages', 'RouteDelayed'],
        d.createNode({
          name: 'RouteDelayed',
          payload: { type: 'object', properties: { minutes: { type: 'integer' } } },
        }),
      );
      d.setIn(
        ['operations', 'sendRouteDelayed'],
        d.createNode({
          action: 'send',
          channel: { $ref: '#/channels/routingEvents' },
          messages: [{ $ref: '#/channels/routingEvents/messages/RouteDelayed' }],
        }),
      );
    });
    const backward = await checkFiles(base, added, 'BACKWARD');
    expect(backward.compatible).toBe(true);
    expect(summary(backward)).toContain('MESSAGE_ADDED_TO_TOPIC RouteDelayed');
    const forward = await checkFiles(base, added, 'FORWARD');
    expect(summary(forward)).toContain('!MESSAGE_ADDED_TO_TOPIC RouteDelayed');
    expect(forward.changes.find((c) => c.rule === 'MESSAGE_ADDED_TO_TOPIC')?.impacted).toEqual(['tracking']);
  });

  it('any key schema change breaks, even a widening; a description does not', async () => {
    const widened = editYaml(base, 'routing.yaml', (d) =>
      d.setIn([...RC, 'bindings', 'kafka', 'key'], d.createNode({ type: 'string' })),
    );
    const result = await checkFiles(base, widened, 'BACKWARD');
    expect(summary(result)).toContain('!KEY_SCHEMA_CHANGED RouteCalculated /bindings/kafka/key');
    expect(result.changes.find((c) => c.rule === 'KEY_SCHEMA_CHANGED')?.what).toContain('pattern');
    const described = editYaml(base, 'schemas/common.yaml', (d) => d.setIn(['TruckId', 'description'], 'Fleet number'));
    expect((await checkFiles(base, described, 'FULL')).changes).toEqual([]);
  });

  it('header schemas follow the payload rules, under /headers', async () => {
    const stricter = editYaml(base, 'schemas/common.yaml', (d) => {
      d.setIn(['Headers', 'properties', 'tenant'], d.createNode({ type: 'string' }));
      d.setIn(['Headers', 'required'], d.createNode(['correlationId', 'tenant']));
    });
    const result = await checkFiles(base, stricter, 'BACKWARD');
    expect(summary(result)).toContain(
      '!REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL RouteCalculated /headers/properties/tenant',
    );
  });

  it('names the receivers when a service stops sending what they receive', async () => {
    const stopped = editYaml(base, 'routing.yaml', (d) => d.deleteIn(['operations', 'sendRouteCancelled']));
    const result = await checkFiles(base, stopped, 'BACKWARD');
    const change = result.changes.find((c) => c.rule === 'SERVICE_STOPPED_SENDING');
    expect(change?.breaking).toBe(true);
    expect(change?.impacted).toEqual(['tracking']);
    expect(change?.what).toBe('routing no longer sends RouteCancelled on routing.events');
  });

  it('a changed content type breaks consumers', async () => {
    const avro = editYaml(base, 'routing.yaml', (d) =>
      d.setIn([...RC, 'contentType'], 'application/vnd.apache.avro+json'),
    );
    expect(summary(await checkFiles(base, avro))).toContain('!CONTENT_TYPE_CHANGED RouteCalculated /contentType');
  });

  it('x-evc-compatibility on a message overrides the registry level', async () => {
    const loosened = (files: typeof base, level?: string) =>
      editYaml(files, 'routing.yaml', (d) => {
        d.setIn([...RC, 'payload', 'properties', 'notes', 'maxLength'], 1000);
        if (level) d.setIn([...RC, 'x-evc-compatibility'], level);
      });
    expect((await checkFiles(base, loosened(base), 'BACKWARD')).compatible).toBe(true);
    const full = await checkFiles(base, loosened(base, 'FULL'), 'BACKWARD');
    expect(summary(full)).toContain('!MAX_LENGTH_DECREASED RouteCalculated /properties/notes/maxLength');
    expect(full.changes[0]?.level).toBe('FULL');
    expect(full.changes[0]?.direction).toBe('forward');
    const none = editYaml(base, 'routing.yaml', (d) => {
      d.setIn([...RC, 'payload', 'properties', 'distanceKm', 'type'], 'string');
      d.setIn([...RC, 'x-evc-compatibility'], 'NONE');
    });
    expect((await checkFiles(base, none, 'FULL')).compatible).toBe(true);
  });

  it('an invalid x-evc-compatibility value cannot be checked', async () => {
    const bad = editYaml(base, 'routing.yaml', (d) => d.setIn([...RC, 'x-evc-compatibility'], 'SIDEWAYS'));
    await expect(checkFiles(base, bad)).rejects.toThrow(/x-evc-compatibility must be a compatibility level/);
  });

  it('explains a breaking payload change: what, whom, and what to do instead', async () => {
    const required = editYaml(base, 'routing.yaml', (d) => {
      d.setIn([...RC, 'payload', 'properties', 'eta'], d.createNode({ type: 'string', format: 'date-time' }));
      d.setIn([...RC, 'payload', 'required'], d.createNode(['routeId', 'truckId', 'distanceKm', 'eta']));
    });
    const result = await checkFiles(base, required);
    const change = result.changes.find((c) => c.path === '/properties/eta');
    expect(change).toMatchObject({
      rule: 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
      breaking: true,
      topic: 'routing.events',
      messageName: 'RouteCalculated',
      impacted: ['tracking'],
    });
    expect(change?.what).toBe("required property 'eta' added");
    expect(change?.why).toContain('receivers tracking reading with the new contract would reject records without');
    expect(change?.hint).toContain('add it as optional');
    expect(change?.file).toBe('routing.yaml');
    expect(change?.line).toBeGreaterThan(40);
  });
});
