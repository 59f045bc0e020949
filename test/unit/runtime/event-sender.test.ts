import { describe, expect, it } from 'vitest';
import {
  EventSendError,
  EventValidationError,
  createEventSender,
  type ProducerTransport,
  type WireRecord,
} from '../../../runtime/index.js';
import { CORRELATION_ID, meterReading, routeCalculated, validRoute } from './fixtures.js';

function recordingTransport(fail?: Error) {
  const sent: { topic: string; records: readonly WireRecord[] }[] = [];
  const transport: ProducerTransport = {
    async send(topic, records) {
      if (fail) throw fail;
      sent.push({ topic, records });
    },
    async disconnect() {},
  };
  return { sent, transport };
}

const fixed = { clock: () => new Date('2026-08-01T10:00:00.000Z'), idGenerator: () => 'id-1' };
const text = (headers: Readonly<Record<string, Buffer>>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.toString('utf8')]));

describe('createEventSender', () => {
  it('sends JSON with the key as plain text and CloudEvents + contract headers', async () => {
    const { sent, transport } = recordingTransport();
    await createEventSender(transport, fixed).send(routeCalculated(), {
      payload: validRoute(),
      key: 'TRK-0042',
      headers: { correlationId: CORRELATION_ID },
    });
    expect(sent).toHaveLength(1);
    const [record] = sent[0]!.records;
    expect(sent[0]!.topic).toBe('routing.events');
    expect(record!.key?.toString()).toBe('TRK-0042');
    expect(JSON.parse(record!.value!.toString())).toEqual(validRoute());
    expect(text(record!.headers)).toEqual({
      correlationId: CORRELATION_ID,
      ce_specversion: '1.0',
      ce_id: 'id-1',
      ce_source: 'routing',
      ce_type: 'RouteCalculated',
      ce_time: '2026-08-01T10:00:00.000Z',
      'content-type': 'application/json',
      evc_contract_version: '1.0.0',
    });
  });

  it('throws a validation error naming field and rule, and sends nothing', async () => {
    const { sent, transport } = recordingTransport();
    const sending = createEventSender(transport).send(routeCalculated(), {
      payload: validRoute({ eta: 'soon' }),
      key: 'TRK-0042',
      headers: { correlationId: CORRELATION_ID },
    });
    await expect(sending).rejects.toThrow(EventValidationError);
    await expect(sending).rejects.toThrow('RouteCalculated payload is invalid: /eta must match format "date-time"');
    await expect(sending).rejects.toMatchObject({
      stage: 'validate',
      retriable: false,
      failures: [{ part: 'payload', field: '/eta', rule: 'format' }],
    });
    expect(sent).toEqual([]);
  });

  it('validates key and headers too', async () => {
    const { transport } = recordingTransport();
    await expect(
      createEventSender(transport).send(routeCalculated(), {
        payload: validRoute(),
        key: 'truck',
        headers: {} as never,
      }),
    ).rejects.toThrow(
      'RouteCalculated key is invalid: / must match pattern "^TRK-[0-9]{4,}$"; headers is invalid: /correlationId is required',
    );
  });

  it('encodes scalar keys as their string form, JSON keys as JSON, and none as null', async () => {
    const { sent, transport } = recordingTransport();
    const sender = createEventSender(transport);
    await sender.send(meterReading(), { payload: { value: 1 }, key: 42 });
    await sender.send(
      { ...meterReading(), keyEncoding: 'json', validateKey: undefined },
      { payload: { value: 1 }, key: { site: 'a', n: 1 } as never },
    );
    await sender.send({ ...meterReading(), keyEncoding: 'none' }, { payload: { value: 1 }, key: 42 });
    expect(sent.map(({ records }) => records[0]!.key?.toString() ?? null)).toEqual(['42', '{"site":"a","n":1}', null]);
  });

  it("never lets an application header forge the runtime's headers, and encodes structured values as JSON", async () => {
    const { sent, transport } = recordingTransport();
    const headers = {
      correlationId: CORRELATION_ID,
      ce_type: 'Forged',
      evc_contract_version: '9',
      attempt: 3,
      tags: ['a', 'b'],
      skipped: undefined,
    };
    await createEventSender(transport, fixed).send(
      { ...routeCalculated(), validateHeaders: undefined },
      { payload: validRoute(), key: 'TRK-0042', headers: headers },
    );
    const sentHeaders = text(sent[0]!.records[0]!.headers);
    expect(sentHeaders).toMatchObject({
      ce_type: 'RouteCalculated',
      evc_contract_version: '1.0.0',
      attempt: '3',
      tags: '["a","b"]',
    });
    expect(sentHeaders).not.toHaveProperty('skipped');
  });

  it('sendBatch validates every event before sending any, then sends them in one call', async () => {
    const { sent, transport } = recordingTransport();
    const sender = createEventSender(transport);
    const good = { payload: validRoute(), key: 'TRK-0042', headers: { correlationId: CORRELATION_ID } };
    await expect(
      sender.sendBatch(routeCalculated(), [good, { ...good, payload: validRoute({ truckId: 'x' }) }]),
    ).rejects.toThrow(/^batch item 1: RouteCalculated payload is invalid: \/truckId/);
    expect(sent).toEqual([]);
    await sender.sendBatch(routeCalculated(), [good, good, good]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.records).toHaveLength(3);
    expect(new Set(sent[0]!.records.map((record) => record.headers['ce_id']!.toString())).size).toBe(3);
  });

  it('wraps transport failures in a retriable EventSendError', async () => {
    const { transport } = recordingTransport(new Error('broker down'));
    await expect(
      createEventSender(transport).send(meterReading(), { payload: { value: 1 }, key: 1 }),
    ).rejects.toMatchObject({
      name: 'EventSendError',
      stage: 'transport',
      retriable: true,
      message: 'cannot send 1 record(s) to meters: Error: broker down',
    });
    expect(EventSendError).toBeDefined();
  });
});
