// Each contract-level rule with a table of cases (compatible and breaking) run under every level,
// like the schema rules: a case states the BACKWARD and FORWARD verdicts, FULL is both, the
// transitive levels agree for one pair of versions, NONE accepts everything.

import { describe, expect, it } from 'vitest';
import { parse as parseYaml, type Document } from 'yaml';
import { contractRules } from '../../../generator/compat/contract-rules/index.js';
import { COMPATIBILITY_LEVELS, directionsOf } from '../../../generator/compat/levels.js';
import { RC, checkFiles, editYaml, fixtureFiles, type Files } from './registry-fixture.js';

type Verdict = 'ok' | 'breaks';
interface ContractCase {
  readonly name: string;
  readonly edit: (files: Files) => Files;
  readonly backward: Verdict;
  readonly forward: Verdict;
  /** Rule id reported (under BACKWARD or FORWARD, whichever breaks; BACKWARD when neither). */
  readonly reports?: string;
}

const base = fixtureFiles();
const routing = (files: Files, edit: (d: Document) => void): Files => editYaml(files, 'routing.yaml', edit);
const tracking = (files: Files, edit: (d: Document) => void): Files => editYaml(files, 'tracking.yaml', edit);
const RX = ['components', 'messages', 'RouteCancelled'];
const addDelayed =
  (topicKey: string, address?: string, extra: object = {}) =>
  (files: Files): Files =>
    routing(files, (d) => {
      if (address) d.setIn(['channels', topicKey], d.createNode({ address, messages: {} }));
      d.setIn(
        ['channels', topicKey, 'messages', 'RouteDelayed'],
        d.createNode({ $ref: '#/components/messages/RouteDelayed' }),
      );
      d.setIn(
        ['components', 'messages', 'RouteDelayed'],
        d.createNode({ name: 'RouteDelayed', payload: { type: 'object' }, ...extra }),
      );
      d.setIn(
        ['operations', 'sendRouteDelayed'],
        d.createNode({
          action: 'send',
          channel: { $ref: `#/channels/${topicKey}` },
          messages: [{ $ref: `#/channels/${topicKey}/messages/RouteDelayed` }],
        }),
      );
    });
const dropCancelled = (files: Files): Files =>
  tracking(
    routing(files, (d) => {
      d.deleteIn(['channels', 'routingEvents', 'messages', 'RouteCancelled']);
      d.deleteIn(['operations', 'sendRouteCancelled']);
    }),
    (d) => {
      d.deleteIn(['channels', 'routingEvents', 'messages', 'RouteCancelled']);
      d.setIn(
        ['operations', 'receiveRoutes', 'messages'],
        d.createNode([{ $ref: '#/channels/routingEvents/messages/RouteCalculated' }]),
      );
    },
  );

const tables: Record<string, readonly ContractCase[]> = {
  TOPIC_REMOVED: [
    {
      name: 'topic renamed in every document',
      edit: (f) =>
        tracking(
          routing(f, (d) => d.setIn(['channels', 'routingEvents', 'address'], 'routes.v2')),
          (d) => d.setIn(['channels', 'routingEvents', 'address'], 'routes.v2'),
        ),
      backward: 'breaks',
      forward: 'breaks',
      reports: 'TOPIC_RENAMED',
    },
    {
      name: 'channel description added',
      edit: (f) => routing(f, (d) => d.setIn(['channels', 'routingEvents', 'description'], 'Route lifecycle.')),
      backward: 'ok',
      forward: 'ok',
    },
    {
      name: 'receiving document titles its channel',
      edit: (f) => tracking(f, (d) => d.setIn(['channels', 'routingEvents', 'title'], 'Routes')),
      backward: 'ok',
      forward: 'ok',
    },
  ],
  MESSAGE_REMOVED_FROM_TOPIC: [
    {
      name: 'message removed from the topic everywhere',
      edit: dropCancelled,
      backward: 'breaks',
      forward: 'ok',
      reports: 'MESSAGE_REMOVED_FROM_TOPIC',
    },
    {
      name: 'message summary changed',
      edit: (f) => routing(f, (d) => d.setIn([...RX, 'summary'], 'A route will not be driven.')),
      backward: 'ok',
      forward: 'ok',
    },
    {
      name: 'message renamed (same schemas)',
      edit: (f) =>
        tracking(
          routing(f, (d) => {
            const replacement = parseYaml(d.toString().replace(/RouteCancelled/g, 'RouteWithdrawn')) as Record<
              string,
              unknown
            >;
            for (const key of ['channels', 'operations', 'components']) d.set(key, d.createNode(replacement[key]));
          }),
          (d) => {
            const replacement = parseYaml(d.toString().replace(/RouteCancelled/g, 'RouteWithdrawn')) as Record<
              string,
              unknown
            >;
            for (const key of ['channels', 'operations']) d.set(key, d.createNode(replacement[key]));
          },
        ),
      backward: 'breaks',
      forward: 'breaks',
      reports: 'MESSAGE_RENAMED',
    },
    {
      name: 'message described, still on the topic',
      edit: (f) => routing(f, (d) => d.setIn([...RX, 'description'], 'Withdrawn route.')),
      backward: 'ok',
      forward: 'ok',
    },
  ],
  MESSAGE_ADDED_TO_TOPIC: [
    {
      name: 'message added to an existing topic',
      edit: addDelayed('routingEvents'),
      backward: 'ok',
      forward: 'breaks',
      reports: 'MESSAGE_ADDED_TO_TOPIC',
    },
    {
      name: 'message added on a new topic',
      edit: addDelayed('delays', 'routing.delays'),
      backward: 'ok',
      forward: 'ok',
    },
    {
      name: 'message added with x-evc-compatibility NONE',
      edit: addDelayed('routingEvents', undefined, { 'x-evc-compatibility': 'NONE' }),
      backward: 'ok',
      forward: 'ok',
    },
  ],
  SERVICE_STOPPED_SENDING: [
    {
      name: 'sender stops while a receiver stays',
      edit: (f) => routing(f, (d) => d.deleteIn(['operations', 'sendRouteCancelled'])),
      backward: 'breaks',
      forward: 'breaks',
      reports: 'SERVICE_STOPPED_SENDING',
    },
    {
      name: 'receiver stops, sender stays',
      edit: (f) =>
        tracking(f, (d) =>
          d.setIn(
            ['operations', 'receiveRoutes', 'messages'],
            d.createNode([{ $ref: '#/channels/routingEvents/messages/RouteCalculated' }]),
          ),
        ),
      backward: 'ok',
      forward: 'ok',
    },
    {
      name: 'sender and receiver stop together',
      edit: (f) =>
        tracking(
          routing(f, (d) => d.deleteIn(['operations', 'sendRouteCancelled'])),
          (d) =>
            d.setIn(
              ['operations', 'receiveRoutes', 'messages'],
              d.createNode([{ $ref: '#/channels/routingEvents/messages/RouteCalculated' }]),
            ),
        ),
      backward: 'ok',
      forward: 'ok',
    },
  ],
  KEY_SCHEMA_CHANGED: [
    {
      name: 'key schema widened',
      edit: (f) => routing(f, (d) => d.setIn([...RC, 'bindings', 'kafka', 'key'], d.createNode({ type: 'string' }))),
      backward: 'breaks',
      forward: 'breaks',
      reports: 'KEY_SCHEMA_CHANGED',
    },
    {
      name: 'key schema re-described',
      edit: (f) => editYaml(f, 'schemas/common.yaml', (d) => d.setIn(['TruckId', 'description'], 'Fleet number')),
      backward: 'ok',
      forward: 'ok',
    },
    {
      name: 'key schema removed',
      edit: (f) => routing(f, (d) => d.deleteIn([...RC, 'bindings'])),
      backward: 'breaks',
      forward: 'breaks',
      reports: 'KEY_SCHEMA_REMOVED',
    },
  ],
  CONTENT_TYPE_CHANGED: [
    {
      name: 'content type changed',
      edit: (f) => routing(f, (d) => d.setIn([...RC, 'contentType'], 'application/avro')),
      backward: 'breaks',
      forward: 'breaks',
      reports: 'CONTENT_TYPE_CHANGED',
    },
    {
      name: 'content type moved to the document default',
      edit: (f) =>
        routing(f, (d) => {
          d.set('defaultContentType', 'application/json');
          d.deleteIn([...RC, 'contentType']);
        }),
      backward: 'ok',
      forward: 'ok',
    },
    {
      name: 'content type dropped',
      edit: (f) => routing(f, (d) => d.deleteIn([...RC, 'contentType'])),
      backward: 'breaks',
      forward: 'breaks',
      reports: 'CONTENT_TYPE_CHANGED',
    },
  ],
  PAYLOAD_SCHEMA: [
    {
      name: 'maxLength raised',
      edit: (f) => routing(f, (d) => d.setIn([...RC, 'payload', 'properties', 'notes', 'maxLength'], 1000)),
      backward: 'ok',
      forward: 'breaks',
      reports: 'MAX_LENGTH_DECREASED',
    },
    {
      name: 'type changed',
      edit: (f) => routing(f, (d) => d.setIn([...RC, 'payload', 'properties', 'distanceKm', 'type'], 'string')),
      backward: 'breaks',
      forward: 'breaks',
      reports: 'TYPE_CHANGED',
    },
    {
      name: 'payload property re-described',
      edit: (f) => routing(f, (d) => d.setIn([...RC, 'payload', 'properties', 'notes', 'description'], 'Free text.')),
      backward: 'ok',
      forward: 'ok',
    },
    {
      name: 'optional property added to the closed payload',
      edit: (f) =>
        routing(f, (d) => d.setIn([...RC, 'payload', 'properties', 'eta'], d.createNode({ type: 'string' }))),
      backward: 'ok',
      forward: 'breaks',
      reports: 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    },
  ],
  HEADER_SCHEMA: [
    {
      name: 'optional header added to the open header object (strict)',
      edit: (f) =>
        editYaml(f, 'schemas/common.yaml', (d) =>
          d.setIn(['Headers', 'properties', 'tenant'], d.createNode({ type: 'string' })),
        ),
      backward: 'breaks',
      forward: 'ok',
      reports: 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
    },
    {
      name: 'header no longer required',
      edit: (f) => editYaml(f, 'schemas/common.yaml', (d) => d.deleteIn(['Headers', 'required'])),
      backward: 'ok',
      forward: 'breaks',
      reports: 'REQUIRED_ATTRIBUTE_ADDED',
    },
    {
      name: 'header re-described',
      edit: (f) =>
        editYaml(f, 'schemas/common.yaml', (d) =>
          d.setIn(['Headers', 'properties', 'correlationId', 'description'], 'Order id'),
        ),
      backward: 'ok',
      forward: 'ok',
    },
  ],
};

describe('contract-level rule tables', () => {
  it('covers every contract rule with at least three cases, compatible and breaking', () => {
    for (const rule of contractRules) {
      const cases = tables[rule.id] ?? [];
      expect(cases.length, rule.id).toBeGreaterThanOrEqual(3);
      expect(
        cases.some((c) => c.backward === 'ok' && c.forward === 'ok'),
        rule.id,
      ).toBe(true);
      expect(
        cases.some((c) => c.backward === 'breaks' || c.forward === 'breaks'),
        rule.id,
      ).toBe(true);
    }
  });
  for (const [ruleId, cases] of Object.entries(tables)) {
    describe(ruleId, () => {
      for (const c of cases) {
        it(`${c.name}: verdict under every level`, async () => {
          const next = c.edit(base);
          for (const level of COMPATIBILITY_LEVELS) {
            const expected = directionsOf(level).every((d) => (d === 'backward' ? c.backward : c.forward) === 'ok');
            const result = await checkFiles(base, next, level);
            expect(
              result.compatible,
              `${level}: ${result.changes.map((x) => `${x.breaking ? '!' : ''}${x.rule} ${x.path}`).join(', ')}`,
            ).toBe(expected);
          }
          if (c.reports) {
            const level = c.backward === 'breaks' || c.forward === 'ok' ? 'BACKWARD' : 'FORWARD';
            expect((await checkFiles(base, next, level)).changes.map((x) => x.rule)).toContain(c.reports);
          }
        });
      }
    });
  }
});
