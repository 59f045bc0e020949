import { describe, expect, it } from 'vitest';
import {
  EventDecodeError,
  EventValidationError,
  UnknownMessageTypeError,
  route,
  type ConsumedRecord,
} from '../../../runtime/index.js';
import { RouteTable } from '../../../runtime/consumer/route-table.js';
import { prepareEvent } from '../../../runtime/consumer/event-preparation.js';
import { CORRELATION_ID, meterReading, routeCalculated, routeCancelled, validRoute } from './fixtures.js';

const noop = () => {};
const calculated = routeCalculated();
const cancelled = routeCancelled();
const twoMessages = new RouteTable([route(calculated, noop), route(cancelled, noop)]);
const oneMessage = new RouteTable([route(routeCalculated('single'), noop)]);

function record(
  overrides: Partial<ConsumedRecord> & { json?: unknown; headerText?: Record<string, string> } = {},
): ConsumedRecord {
  const { json, headerText, ...rest } = overrides;
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(headerText ?? { correlationId: CORRELATION_ID }))
    headers[name] = Buffer.from(value);
  return {
    topic: 'routing.events',
    partition: 0,
    offset: '7',
    timestamp: '1785585600000',
    key: Buffer.from('TRK-0042'),
    value: Buffer.from(JSON.stringify(json ?? validRoute())),
    headers,
    ...rest,
  };
}

describe('message type identification', () => {
  const cases: [string, RouteTable, ConsumedRecord, string | typeof UnknownMessageTypeError][] = [
    [
      'ce_type header',
      twoMessages,
      record({ headerText: { ce_type: 'RouteCalculated', correlationId: CORRELATION_ID } }),
      'RouteCalculated',
    ],
    [
      '"type" discriminator without header',
      twoMessages,
      record({ json: { type: 'RouteCancelled', routeId: 'r', reason: 'WEATHER' } }),
      'RouteCancelled',
    ],
    [
      'header wins over discriminator',
      twoMessages,
      record({ headerText: { ce_type: 'RouteCalculated', correlationId: CORRELATION_ID } }),
      'RouteCalculated',
    ],
    [
      'unknown ce_type',
      twoMessages,
      record({ headerText: { ce_type: 'RouteExploded', correlationId: CORRELATION_ID } }),
      UnknownMessageTypeError,
    ],
    [
      'unknown discriminator on a multi-message topic',
      twoMessages,
      record({ json: { type: 'Nope' } }),
      UnknownMessageTypeError,
    ],
    [
      'no type at all on a multi-message topic',
      twoMessages,
      record({ json: { routeId: 'x' } }),
      UnknownMessageTypeError,
    ],
    ['record of a topic without routes', twoMessages, record({ topic: 'elsewhere' }), UnknownMessageTypeError],
    [
      'single-message topic needs no type',
      oneMessage,
      record({ topic: 'single', json: validRoute() }),
      'RouteCalculated',
    ],
    [
      'forged unknown ce_type on a single-message topic',
      oneMessage,
      record({ topic: 'single', headerText: { ce_type: 'X', correlationId: CORRELATION_ID } }),
      UnknownMessageTypeError,
    ],
  ];
  it.each(cases)('%s', (_name, table, input, expected) => {
    const prepared = prepareEvent(input, table);
    if (typeof expected === 'string') {
      expect(prepared.ok && prepared.event.name).toBe(expected);
    } else {
      expect(prepared.ok).toBe(false);
      if (!prepared.ok) {
        expect(prepared.error).toBeInstanceOf(expected);
        expect(prepared.error.retriable).toBe(false);
        expect(prepared.error.stage).toBe('validate');
      }
    }
  });

  it("forged ce_type naming another message fails that message's validation", () => {
    const prepared = prepareEvent(
      record({ headerText: { ce_type: 'RouteCancelled', correlationId: CORRELATION_ID } }),
      twoMessages,
    );
    expect(prepared.ok).toBe(false);
    if (!prepared.ok) expect(prepared.error).toBeInstanceOf(EventValidationError);
  });
});

describe('prepareEvent', () => {
  it('gives the handler typed payload, key, application headers and metadata', () => {
    const prepared = prepareEvent(
      record({
        headerText: {
          ce_type: 'RouteCalculated',
          ce_id: 'abc',
          ce_source: 'routing',
          evc_contract_version: '1.0.0',
          evc_replay_count: '2',
          'content-type': 'application/json',
          correlationId: CORRELATION_ID,
        },
      }),
      twoMessages,
    );
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.event).toEqual({
      name: 'RouteCalculated',
      payload: validRoute(),
      key: 'TRK-0042',
      headers: { correlationId: CORRELATION_ID },
      record: { topic: 'routing.events', partition: 0, offset: '7', timestamp: '1785585600000' },
      metadata: { id: 'abc', source: 'routing', time: undefined, contractVersion: '1.0.0', replayCount: 2 },
    });
  });

  it('names field and rule of every invalid part', () => {
    const prepared = prepareEvent(
      record({ key: Buffer.from('truck-1'), headerText: {}, json: validRoute({ eta: 'tomorrow' }) }),
      twoMessages,
    );
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    const error = prepared.error as EventValidationError;
    expect(error).toBeInstanceOf(EventValidationError);
    expect(error.message).toBe(
      'RouteCalculated payload is invalid: /eta must match format "date-time"; key is invalid: / must match pattern "^TRK-[0-9]{4,}$"; headers is invalid: /correlationId is required',
    );
    expect(error.failures.map((failure) => [failure.part, failure.field, failure.rule])).toEqual([
      ['payload', '/eta', 'format'],
      ['key', '/', 'pattern'],
      ['headers', '/correlationId', 'required'],
    ]);
  });

  it('reports a missing key when the contract has a key schema', () => {
    const prepared = prepareEvent(record({ key: null }), twoMessages);
    expect(!prepared.ok && prepared.error.message).toBe(
      'RouteCalculated key is invalid: / is missing (the record has no key)',
    );
  });

  it('reads a scalar key sent as its string form', () => {
    const table = new RouteTable([route(meterReading(), noop)]);
    const ok = prepareEvent({ ...record({ topic: 'meters', json: { value: 3 } }), key: Buffer.from('42') }, table);
    expect(ok.ok && ok.event.key).toBe(42);
    const bad = prepareEvent({ ...record({ topic: 'meters', json: { value: 3 } }), key: Buffer.from('0') }, table);
    expect(bad.ok).toBe(false);
  });

  it('classifies decode failures as decode errors', () => {
    const prepared = prepareEvent(record({ value: Buffer.from('{"type":"RouteCalculated",') }), twoMessages);
    expect(prepared.ok).toBe(false);
    if (!prepared.ok) {
      expect(prepared.error).toBeInstanceOf(EventDecodeError);
      expect(prepared.error.stage).toBe('decode');
    }
  });

  it('keeps the claimed type of an undecodable record for its dead letter', () => {
    const prepared = prepareEvent(
      record({ value: Buffer.from([0xff]), headerText: { ce_type: 'RouteCalculated' } }),
      twoMessages,
    );
    expect(!prepared.ok && prepared.messageType).toBe('RouteCalculated');
  });

  it('refuses a ce_type header that is not UTF-8, and leaves out undecodable application headers', () => {
    const badType = record();
    (badType.headers as Record<string, Buffer>)['ce_type'] = Buffer.from([0xc3, 0x28]);
    expect(prepareEvent(badType, twoMessages)).toMatchObject({
      ok: false,
      error: { reason: 'not-utf8', part: 'headers' },
    });

    const binaryTrace = record();
    (binaryTrace.headers as Record<string, Buffer>)['x-binary'] = Buffer.from([0xff, 0xfe]);
    const prepared = prepareEvent(binaryTrace, twoMessages);
    expect(prepared.ok && prepared.event.headers).toEqual({ correlationId: CORRELATION_ID });
  });

  it('keeps a "__proto__" header as data, never as a prototype', () => {
    const input = record();
    Object.defineProperty(input.headers, '__proto__', { value: Buffer.from('{"polluted":true}'), enumerable: true });
    const prepared = prepareEvent(input, twoMessages);
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    const headers = prepared.event.headers as Record<string, unknown>;
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(Object.hasOwn(headers, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('counts a throwing validator as a validation failure', () => {
    const exploding = {
      ...calculated,
      validatePayload: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const prepared = prepareEvent(record(), new RouteTable([route(exploding, noop)]));
    expect(!prepared.ok && prepared.error.message).toBe(
      'RouteCalculated payload is invalid: / validator threw RangeError',
    );
  });

  it('refuses two routes for one message', () => {
    expect(() => new RouteTable([route(calculated, noop), route(calculated, noop)])).toThrow(/one handler per message/);
  });
});
