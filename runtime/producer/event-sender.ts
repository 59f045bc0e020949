// The validating producer generated code calls: validate (nothing invalid leaves the service),
// encode key and value, add the standard headers, hand the records to a transport in one call.
import { randomUUID } from 'node:crypto';
import type { EventSender, MessageDescriptor, OutgoingEvent, ProducerTransport, WireRecord } from '../contract.js';
import { EventSendError, EventValidationError } from '../errors.js';
import { assertValidEvent } from '../validation.js';
import { buildHeaders, constantHeadersOf, type ConstantHeaders } from './event-headers.js';
import { encodeKey } from './key-encoding.js';
import { RUNTIME_WIRE_RECORD, type MarkedWireRecord } from './wire-record.js';
import type { SchemaIdSource } from '../schema-registry/schema-ids.js';
import { frameValue } from '../schema-registry/wire-format.js';
import { avroBinaryCodec } from '../avro/avro-binary-codec.js';

export interface EventSenderOptions {
  /** `ce_source` of every event; defaults to the descriptor's service name. */
  readonly source?: string;
  /** Source of `ce_time`; injectable for tests. */
  readonly clock?: () => Date;
  /** Source of `ce_id`; a random UUID by default. */
  readonly idGenerator?: () => string;
  /**
   * Where schema ids come from, for messages whose descriptor asks for the Confluent wire format
   * (`schemaIdSource(connection)`): each (subject, schema) is looked up once, then cached.
   */
  readonly schemaIds?: SchemaIdSource;
}

export function createEventSender(transport: ProducerTransport, options: EventSenderOptions = {}): EventSender {
  const now = options.clock === undefined ? isoNow : () => options.clock!().toISOString();
  const nextId = options.idGenerator ?? randomUUID;
  // Descriptors are module-level constants in generated code; a WeakMap keeps their encoded headers without pinning them.
  const constants = new WeakMap<MessageDescriptor, ConstantHeaders>();

  const constantsOf = (descriptor: MessageDescriptor): ConstantHeaders => {
    let cached = constants.get(descriptor);
    if (cached === undefined) {
      cached = constantHeadersOf(descriptor, options.source);
      constants.set(descriptor, cached);
    }
    return cached;
  };

  const encode = (
    descriptor: MessageDescriptor,
    event: OutgoingEvent<unknown, unknown, unknown>,
    constant: ConstantHeaders,
    time: string,
    schemaId: number | undefined,
  ): MarkedWireRecord => ({
    key: encodeKey(descriptor.keyEncoding, event.key),
    value:
      schemaId === undefined
        ? payloadBytes(descriptor, event.payload)
        : frameValue(schemaId, payloadBytes(descriptor, event.payload)),
    headers: buildHeaders(constant, event.headers, nextId(), time),
    [RUNTIME_WIRE_RECORD]: true,
  });

  /** The schema id of a framed message (undefined: plain JSON). */
  const schemaIdOf = (descriptor: MessageDescriptor): Promise<number> | undefined => {
    const wire = descriptor.wireFormat;
    if (wire === undefined) return undefined;
    if (options.schemaIds === undefined)
      throw new TypeError(
        `${descriptor.name} travels in the Confluent wire format: give the sender a schema registry (schemaIds: schemaIdSource(connection))`,
      );
    return options.schemaIds.idOf(wire.subject, wire.schema);
  };

  // Not async: one promise per send instead of one per layer.
  const sendRecords = (topic: string, records: readonly WireRecord[]): Promise<void> =>
    transport.send(topic, records).catch((error: unknown) => {
      throw error instanceof EventSendError ? error : new EventSendError(topic, records.length, error);
    });

  return {
    // async: an invalid event rejects the returned promise instead of throwing at the call.
    async send(descriptor, event) {
      const generic = descriptor as MessageDescriptor;
      assertValidEvent(generic, event);
      const schemaId = schemaIdOf(generic);
      if (schemaId === undefined)
        return sendRecords(descriptor.topic, [encode(generic, event, constantsOf(generic), now(), undefined)]);
      const id = await schemaId;
      return sendRecords(descriptor.topic, [encode(generic, event, constantsOf(generic), now(), id)]);
    },

    async sendBatch(descriptor, events) {
      const generic = descriptor as MessageDescriptor;
      // All or nothing: validate every event before the first byte leaves.
      events.forEach((event, index) => {
        try {
          assertValidEvent(generic, event);
        } catch (error) {
          if (error instanceof EventValidationError) error.message = `batch item ${index}: ${error.message}`;
          throw error;
        }
      });
      if (events.length === 0) return;
      const constant = constantsOf(generic);
      const schemaId = await schemaIdOf(generic);
      const time = now();
      await sendRecords(
        descriptor.topic,
        events.map((event) => encode(generic, event, constant, time, schemaId)),
      );
    },
  };
}

/** The payload as the contract encodes it: JSON text, or Avro binary for descriptors with `avroBinary`. */
function payloadBytes(descriptor: MessageDescriptor, payload: unknown): Buffer {
  return descriptor.avroBinary === undefined
    ? Buffer.from(JSON.stringify(payload), 'utf8')
    : avroBinaryCodec(descriptor.avroBinary).encode(payload);
}

let lastMillis = -1;
let lastIso = '';

/** `ce_time` of the current millisecond; formatting a Date costs more than the rest of the headers together. */
function isoNow(): string {
  const millis = Date.now();
  if (millis !== lastMillis) {
    lastMillis = millis;
    lastIso = new Date(millis).toISOString();
  }
  return lastIso;
}
