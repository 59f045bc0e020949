// The ~1 KB `RoutePlanned` event both runtime benchmarks send, and its descriptor with validators
// compiled the way generated ones run (test/support/standalone-validators.ts).
import { compileStandalone } from '../test/support/standalone-validators.js';
import type { MessageDescriptor } from '../runtime/index.js';

export interface Stop {
  lat: number;
  lon: number;
  address: string;
  arriveBy: string;
}

export interface RoutePlannedFields {
  type: 'RoutePlanned';
  routeId: string;
  truckId: string;
  plannedAt: string;
  distanceKm: number;
  notes: string;
  stops: Stop[];
}

export interface BenchHeaders {
  correlationId: string;
}

export interface RoutePlannedOptions {
  readonly service: string;
  readonly notesMaxLength: number;
  /** Fields a benchmark adds (e.g. a sequence number and send time), required. */
  readonly extraProperties?: Readonly<Record<string, object>>;
}

export function routePlannedDescriptor<T extends RoutePlannedFields>(
  topic: string,
  options: RoutePlannedOptions,
): MessageDescriptor<T, string, BenchHeaders> {
  const extra = options.extraProperties ?? {};
  // Payload and key in one module, headers (coerced from strings) in another, as `evc generate` splits them.
  const { payload, key } = compileStandalone({
    payload: {
      type: 'object',
      additionalProperties: false,
      required: ['type', ...Object.keys(extra), 'routeId', 'truckId', 'plannedAt', 'distanceKm', 'stops'],
      properties: {
        type: { const: 'RoutePlanned' },
        ...extra,
        routeId: { type: 'string', format: 'uuid' },
        truckId: { type: 'string', pattern: '^TRK-[0-9]{4,}$' },
        plannedAt: { type: 'string', format: 'date-time' },
        distanceKm: { type: 'number', minimum: 0 },
        notes: { type: 'string', maxLength: options.notesMaxLength },
        stops: {
          type: 'array',
          minItems: 1,
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['lat', 'lon', 'address', 'arriveBy'],
            properties: {
              lat: { type: 'number', minimum: -90, maximum: 90 },
              lon: { type: 'number', minimum: -180, maximum: 180 },
              address: { type: 'string', maxLength: 200 },
              arriveBy: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
    key: { type: 'string', pattern: '^TRK-[0-9]{4,}$' },
  });
  const { headers } = compileStandalone(
    {
      headers: {
        type: 'object',
        required: ['correlationId'],
        properties: { correlationId: { type: 'string', format: 'uuid' } },
      },
    },
    { coerceTypes: true },
  );
  return {
    name: 'RoutePlanned',
    topic,
    service: options.service,
    contractVersion: '1.0.0',
    contentType: 'application/json',
    keyEncoding: 'string',
    validatePayload: payload,
    validateKey: key,
    validateHeaders: headers,
  };
}
