// Hand-written message descriptors for runtime tests, compiled with ajv the way the generator's
// standalone validators behave (allErrors, formats).
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import type { MessageDescriptor } from '../../../runtime/index.js';

const ajv = new Ajv({ allErrors: true });
// ajv-formats is CommonJS: under NodeNext its plugin is the `default` export of the module object.
formats.default(ajv);

export interface RouteCalculated {
  type: 'RouteCalculated';
  routeId: string;
  truckId: string;
  eta: string;
  distanceKm?: number;
}
export interface RouteCancelled {
  type: 'RouteCancelled';
  routeId: string;
  reason: string;
}
export interface EventHeaders {
  correlationId: string;
  traceparent?: string;
}

const headersSchema = {
  type: 'object',
  required: ['correlationId'],
  properties: { correlationId: { type: 'string', format: 'uuid' }, traceparent: { type: 'string' } },
};
const truckId = { type: 'string', pattern: '^TRK-[0-9]{4,}$' };

export function routeCalculated(topic = 'routing.events'): MessageDescriptor<RouteCalculated, string, EventHeaders> {
  return {
    name: 'RouteCalculated',
    topic,
    service: 'routing',
    contractVersion: '1.0.0',
    contentType: 'application/json',
    keyEncoding: 'string',
    validatePayload: ajv.compile({
      type: 'object',
      additionalProperties: false,
      required: ['type', 'routeId', 'truckId', 'eta'],
      properties: {
        type: { const: 'RouteCalculated' },
        routeId: { type: 'string', format: 'uuid' },
        truckId,
        eta: { type: 'string', format: 'date-time' },
        distanceKm: { type: 'number', minimum: 0 },
      },
    }),
    validateKey: ajv.compile(truckId),
    validateHeaders: ajv.compile(headersSchema),
  };
}

export function routeCancelled(topic = 'routing.events'): MessageDescriptor<RouteCancelled, string, EventHeaders> {
  return {
    name: 'RouteCancelled',
    topic,
    service: 'routing',
    contractVersion: '1.0.0',
    contentType: 'application/json',
    keyEncoding: 'string',
    validatePayload: ajv.compile({
      type: 'object',
      required: ['type', 'routeId', 'reason'],
      properties: { type: { const: 'RouteCancelled' }, routeId: { type: 'string' }, reason: { type: 'string' } },
    }),
    validateKey: ajv.compile(truckId),
    validateHeaders: ajv.compile(headersSchema),
  };
}

/** A message with an integer key (sent as its decimal string) and no header schema. */
export function meterReading(topic = 'meters'): MessageDescriptor<{ value: number }, number, Record<string, never>> {
  return {
    name: 'MeterReading',
    topic,
    service: 'meters',
    contractVersion: '2.1.0',
    contentType: 'application/json',
    keyEncoding: 'string',
    validatePayload: ajv.compile({ type: 'object', required: ['value'], properties: { value: { type: 'number' } } }),
    validateKey: ajv.compile({ type: 'integer', minimum: 1 }),
  };
}

export const CORRELATION_ID = '4f3c2b1a-0d9e-4c8b-a7f6-e5d4c3b2a190';
export const ROUTE_ID = '9b2e7c1d-3f4a-4b5c-8d6e-7f8091a2b3c4';

export function validRoute(overrides: Partial<RouteCalculated> = {}): RouteCalculated {
  return { type: 'RouteCalculated', routeId: ROUTE_ID, truckId: 'TRK-0042', eta: '2026-08-01T10:00:00Z', ...overrides };
}
