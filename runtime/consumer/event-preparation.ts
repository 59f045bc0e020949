// decode → identify → validate: turns one consumed record into the typed event a handler gets,
// or into the non-retriable failure that sends it to the dead-letter topic. Pure (no I/O), so the
// receiver, the in-memory transport and `evc dlq replay` judge records identically.
import type { ConsumedRecord, ConsumerRoute, MessageDescriptor, ReceivedEvent } from '../contract.js';
import { EventDecodeError, EventRuntimeError, EventValidationError, type ValidationFailure } from '../errors.js';
import { checkPart } from '../validation.js';
import { decodeHeaders } from './header-decoder.js';
import { DEFAULT_DECODE_LIMITS, decodeJson, decodeUtf8, type DecodeLimits } from './json-decoder.js';
import type { RouteTable } from './route-table.js';
import { avroBinaryCodec } from '../avro/avro-binary-codec.js';

export interface PreparationOptions {
  readonly decode: DecodeLimits;
  /** Payload field naming the message when the `ce_type` header is absent; undefined disables the fallback. */
  readonly discriminator: string | undefined;
}

export const DEFAULT_PREPARATION: PreparationOptions = { decode: DEFAULT_DECODE_LIMITS, discriminator: 'type' };

export type Preparation =
  | { readonly ok: true; readonly route: ConsumerRoute; readonly event: ReceivedEvent<unknown, unknown, unknown> }
  | {
      readonly ok: false;
      readonly error: EventRuntimeError;
      /** The route the record was identified as, when identification got that far. */
      readonly route: ConsumerRoute | undefined;
      /** The message the record is or claims to be, when known (for dead-letter headers and metrics). */
      readonly messageType: string | undefined;
    };

export function prepareEvent(
  record: ConsumedRecord,
  routes: RouteTable,
  options: PreparationOptions = DEFAULT_PREPARATION,
): Preparation {
  let messageType: string | undefined;
  let route: ConsumerRoute | undefined;
  try {
    const headers = decodeHeaders(record.headers);
    messageType = headers.messageType;
    // Identified before decoding where the payload cannot change the answer (Avro binary needs it first), and
    // then only once.
    const known = identifiedBeforeDecoding(routes, record.topic, headers.messageType);
    let payload: unknown;
    if (known?.descriptor.avroBinary === undefined) {
      payload = decodeJson('payload', record.value, options.decode);
      route = known ?? routes.identify(record.topic, headers.messageType, payload, options.discriminator);
    } else {
      route = known;
      payload = decodeAvroBinary(known.descriptor, record.value, options.decode);
    }
    const descriptor = route.descriptor;
    messageType = descriptor.name;

    const payloadFailures = checkPart('payload', descriptor.validatePayload, payload);
    const key = resolveKey(descriptor, record.key, options.decode);
    const headerFailures =
      descriptor.validateHeaders === undefined
        ? undefined
        : checkPart('headers', descriptor.validateHeaders, headers.application);
    if (payloadFailures !== undefined || key.failures !== undefined || headerFailures !== undefined) {
      return {
        ok: false,
        error: new EventValidationError(descriptor.name, [
          ...(payloadFailures ?? []),
          ...(key.failures ?? []),
          ...(headerFailures ?? []),
        ]),
        route,
        messageType,
      };
    }
    return {
      ok: true,
      route,
      event: {
        name: descriptor.name,
        payload,
        key: key.value,
        headers: headers.application,
        record: {
          topic: record.topic,
          partition: record.partition,
          offset: record.offset,
          timestamp: record.timestamp,
        },
        metadata: headers.metadata,
      },
    };
  } catch (error) {
    if (error instanceof EventRuntimeError) return { ok: false, error, route, messageType };
    // A bug or a hostile input we did not foresee must still end in the dead-letter topic, not in a crash.
    return {
      ok: false,
      error: new EventDecodeError(
        'payload',
        'invalid-json',
        `unexpected ${error instanceof Error ? error.name : 'failure'} while decoding`,
        { cause: error },
      ),
      route,
      messageType,
    };
  }
}

/**
 * The route of a record when it is known without the payload: from `ce_type`, or because it is its topic's only
 * message (a discriminator could only name that message too). Avro binary does not name its schema, so such a
 * payload is decoded only when its message is known this way.
 */
function identifiedBeforeDecoding(
  routes: RouteTable,
  topic: string,
  headerType: string | undefined,
): ConsumerRoute | undefined {
  if (headerType === undefined && routes.messageNames(topic).length !== 1) return undefined;
  return routes.identify(topic, headerType, undefined, undefined);
}

function decodeAvroBinary(descriptor: MessageDescriptor, bytes: Buffer | null, limits: DecodeLimits): unknown {
  if (bytes === null || bytes.length === 0)
    throw new EventDecodeError('payload', 'empty', 'no bytes (a null value is a tombstone, not an event)');
  if (bytes.length > limits.maxBytes)
    throw new EventDecodeError('payload', 'too-large', `${bytes.length} bytes exceed the limit of ${limits.maxBytes}`);
  return avroBinaryCodec(descriptor.avroBinary!).decode(bytes);
}

interface ResolvedKey {
  readonly value: unknown;
  readonly failures: ValidationFailure[] | undefined;
}

const NO_KEY: ResolvedKey = { value: undefined, failures: undefined };
const MISSING_KEY: ValidationFailure[] = [
  { part: 'key', field: '/', rule: 'required', message: 'is missing (the record has no key)', params: {} },
];
const JSON_SCALAR = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

/**
 * The key as the contract types it. Under 'string' encoding a scalar key travels as its plain text
 * (`42`, `true`), so when the text itself does not satisfy the key schema, its JSON reading is tried.
 */
function resolveKey(descriptor: MessageDescriptor, bytes: Buffer | null, limits: DecodeLimits): ResolvedKey {
  if (descriptor.keyEncoding === 'none') return NO_KEY;
  const validate = descriptor.validateKey;
  if (bytes === null) return validate === undefined ? NO_KEY : { value: undefined, failures: MISSING_KEY };
  if (descriptor.keyEncoding === 'json') {
    const value = decodeJson('key', bytes, limits);
    return { value, failures: validate === undefined ? undefined : checkPart('key', validate, value) };
  }
  if (bytes.length > limits.maxBytes)
    throw new EventDecodeError('key', 'too-large', `${bytes.length} bytes exceed the limit of ${limits.maxBytes}`);
  const text = decodeUtf8('key', bytes);
  if (validate === undefined) return { value: text, failures: undefined };
  const failures = checkPart('key', validate, text);
  if (failures === undefined) return { value: text, failures: undefined };
  if (JSON_SCALAR.test(text)) {
    const scalar: unknown = JSON.parse(text);
    if (checkPart('key', validate, scalar) === undefined) return { value: scalar, failures: undefined };
  }
  return { value: text, failures };
}
