// The LogiFlow services of the demo, written against the generated code: invoicing turns routes
// into invoices, tracking turns routes into shipment status changes, the customer portal shows
// both. Each remembers which events it handled, so the demo can prove "exactly once".
import { randomUUID } from 'node:crypto';
import type { EventSender, EventReceiver } from 'eventcontracts/runtime';
import {
  CustomerPortalConsumer,
  InvoicingConsumer,
  InvoicingProducer,
  TrackingConsumer,
  TrackingProducer,
  type RouteCalculated,
} from '../../generated/index.js';

/** Event ids a service handled, with how often: a count above 1 is a duplicate. */
export class HandledEvents {
  private readonly counts = new Map<string, number>();
  record(eventId: string): void {
    this.counts.set(eventId, (this.counts.get(eventId) ?? 0) + 1);
  }
  get size(): number {
    return this.counts.size;
  }
  has(eventId: string): boolean {
    return this.counts.has(eventId);
  }
  duplicates(): string[] {
    return [...this.counts].filter(([, n]) => n > 1).map(([id]) => id);
  }
}

const now = (): string => new Date().toISOString();

export function invoicingService(
  receiver: EventReceiver,
  sender: EventSender,
  handled: HandledEvents,
): InvoicingConsumer {
  const invoices = new InvoicingProducer(sender);
  return new InvoicingConsumer(receiver, {
    async onRouteCalculated({ payload, headers }) {
      await invoices.sendInvoiceGenerated({
        key: randomUUID(),
        headers: { correlationId: headers.correlationId },
        payload: invoiceFor(payload),
      });
      handled.record(payload.metadata.eventId);
    },
  });
}

function invoiceFor(route: RouteCalculated): Parameters<InvoicingProducer['sendInvoiceGenerated']>[0]['payload'] {
  const amount = Math.round(route.distanceKm * 1.85 * 100) / 100;
  return {
    type: 'InvoiceGenerated',
    metadata: { eventId: randomUUID(), occurredAt: now() },
    invoiceId: randomUUID(),
    routeId: route.routeId,
    customerId: randomUUID(),
    issuedAt: now(),
    dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    lineItems: [
      {
        description: `Route ${route.routeId} (${route.distanceKm} km)`,
        quantity: 1,
        unitPrice: { amount, currency: 'EUR' },
      },
    ],
    total: { amount, currency: 'EUR' },
    payment: { method: 'bank_transfer', iban: 'DE89370400440532013000', reference: route.routeId.slice(0, 8) },
  };
}

export function trackingService(
  receiver: EventReceiver,
  sender: EventSender,
  handled: HandledEvents,
): TrackingConsumer {
  const statuses = new TrackingProducer(sender);
  return new TrackingConsumer(receiver, {
    async onRouteCalculated({ payload, headers }) {
      const shipmentId = payload.stops[0]?.shipmentIds[0] ?? randomUUID();
      await statuses.sendShipmentStatusChanged({
        key: shipmentId,
        headers: { correlationId: headers.correlationId },
        payload: statusChange(shipmentId, 'SCHEDULED'),
      });
      handled.record(payload.metadata.eventId);
    },
    onRouteCancelled({ payload }) {
      handled.record(payload.metadata.eventId);
    },
    onInvoiceGenerated({ payload }) {
      handled.record(payload.metadata.eventId);
    },
  });
}

export function statusChange(
  shipmentId: string,
  status: 'SCHEDULED' | 'OUT_FOR_DELIVERY',
): Parameters<TrackingProducer['sendShipmentStatusChanged']>[0]['payload'] {
  return {
    type: 'ShipmentStatusChanged',
    metadata: { eventId: randomUUID(), occurredAt: now() },
    shipmentId,
    status,
    previousStatus: 'CREATED',
    changedAt: now(),
  };
}

export function customerPortalService(receiver: EventReceiver, handled: HandledEvents): CustomerPortalConsumer {
  return new CustomerPortalConsumer(receiver, {
    onShipmentStatusChanged({ payload }) {
      handled.record(payload.metadata.eventId);
    },
    onInvoiceGenerated({ payload }) {
      handled.record(payload.metadata.eventId);
    },
  });
}
