// Valid LogiFlow events built from the generated types, for tests, the demo and benchmarks.
import { randomUUID } from 'node:crypto';
import type { RouteCalculated, RouteCalculatedHeaders, InvoiceGenerated } from '../../generated/index.js';

export function routeCalculated(
  truck = 1,
  overrides: Partial<RouteCalculated> = {},
): { payload: RouteCalculated; key: string; headers: RouteCalculatedHeaders } {
  const truckId = `TRK-${String(truck).padStart(4, '0')}`;
  const now = new Date('2026-11-25T08:00:00.000Z').toISOString();
  const payload: RouteCalculated = {
    type: 'RouteCalculated',
    metadata: { eventId: randomUUID(), occurredAt: now },
    routeId: randomUUID(),
    truckId,
    vehicleType: 'BOX_TRUCK',
    stops: [
      {
        kind: 'pickup',
        sequence: 0,
        location: { latitude: 52.52, longitude: 13.4 },
        shipmentIds: [randomUUID()],
        window: { from: now, to: now },
      },
      { kind: 'dropoff', sequence: 1, location: { latitude: 48.14, longitude: 11.58 }, shipmentIds: [randomUUID()] },
    ],
    distanceKm: 584.2,
    calculatedAt: now,
    ...overrides,
  };
  return { payload, key: truckId, headers: { correlationId: randomUUID() } };
}

export type { InvoiceGenerated };
