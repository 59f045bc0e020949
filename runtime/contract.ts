// The seam between generated code and the runtime: what a generated producer/consumer hands the
// runtime (message descriptors with precompiled validators) and the transports it runs on.
// Generated code depends only on the names exported here (through `eventcontracts/runtime`).

import type { MessageDescriptor } from '../contract-conventions/message-descriptor.js';
import type { ContractRetryPolicy, RetryPolicy } from '../contract-conventions/retry-settings.js';

// The descriptor and retry shapes are the generator's too, so they live in contract-conventions; the runtime's
// modules keep importing the whole seam from here.
export type {
  AvroBinaryEncoding,
  CompiledValidator,
  ConfluentWireFormat,
  KeyEncoding,
  MessageDescriptor,
  ValidationIssue,
} from '../contract-conventions/message-descriptor.js';
export type { ContractRetryPolicy, RetryPolicy } from '../contract-conventions/retry-settings.js';

/** What a producer sends for one message. `key` is required by the generated method when the contract declares one. */
export interface OutgoingEvent<Payload, Key, Headers> {
  readonly payload: Payload;
  readonly key?: Key;
  readonly headers?: Headers;
}

/** What a typed handler receives: a validated payload, key and headers plus the record's coordinates. */
export interface ReceivedEvent<Payload, Key, Headers> {
  readonly name: string;
  readonly payload: Payload;
  readonly key: Key;
  readonly headers: Headers;
  readonly record: RecordCoordinates;
  /** CloudEvents attributes and evc headers of the record (added by the runtime; absent on hand-built events). */
  readonly metadata?: EventMetadata;
}

/** What the runtime read from its own headers: `ce_id` is the key for dropping duplicates (delivery is at-least-once). */
export interface EventMetadata {
  readonly id: string | undefined;
  readonly source: string | undefined;
  readonly time: string | undefined;
  readonly contractVersion: string | undefined;
  /** How many times `evc dlq replay` re-published this record (0 for a first delivery). */
  readonly replayCount: number;
}

export interface RecordCoordinates {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
}

export type EventHandler<Payload, Key, Headers> = (event: ReceivedEvent<Payload, Key, Headers>) => Promise<void> | void;

/** A record as it travels on the wire, before decoding or after encoding. */
export interface WireRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer>>;
}

/** A record read from a topic. */
export interface ConsumedRecord extends WireRecord, RecordCoordinates {}

/** Sends already-encoded records; resolves once the broker acknowledged them. */
export interface ProducerTransport {
  send(topic: string, records: readonly WireRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * Delivers records of the subscribed topics one at a time per partition. `onRecord` returning
 * nothing, or a promise that resolves, means the record is done (handled or dead-lettered) and its
 * offset may be committed (nothing is returned when nothing had to wait: await only a promise);
 * rejecting means it must not be committed and the partition must stop (see runtime/consumer).
 */
export interface ConsumerTransport {
  run(topics: readonly string[], onRecord: (record: ConsumedRecord) => void | Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** One message a consumer accepts and the typed handler that gets it. */
export interface ConsumerRoute {
  readonly descriptor: MessageDescriptor;
  readonly handler: EventHandler<unknown, unknown, unknown>;
  /** Per-route retry and dead-letter settings (from the receive operation's `x-retry` / `x-dead-letter`). */
  readonly options?: RouteOptions;
}

export interface RouteOptions {
  /** A runtime policy, or the contract's `x-retry` as generated (seconds, nested strategy). */
  readonly retry?: RetryPolicy | ContractRetryPolicy;
  /** Dead-letter topic for this route's records (the contract's `x-dead-letter.channel`). */
  readonly deadLetterTopic?: string;
}

/** Builds a route while keeping the handler's types tied to its descriptor. */
export function route<P, K, H>(
  descriptor: MessageDescriptor<P, K, H>,
  handler: EventHandler<P, K, H>,
  options?: RouteOptions,
): ConsumerRoute {
  const built: ConsumerRoute = {
    descriptor: descriptor,
    handler: handler as EventHandler<unknown, unknown, unknown>,
  };
  return options === undefined ? built : { ...built, options };
}

/** What generated producers call: validate, encode, add standard headers, send. */
export interface EventSender {
  send<P, K, H>(descriptor: MessageDescriptor<P, K, H>, event: OutgoingEvent<P, K, H>): Promise<void>;
  sendBatch<P, K, H>(descriptor: MessageDescriptor<P, K, H>, events: readonly OutgoingEvent<P, K, H>[]): Promise<void>;
}

/** What generated consumers call: subscribe the routes' topics and dispatch records until stopped. */
export interface EventReceiver {
  start(routes: readonly ConsumerRoute[]): Promise<void>;
  stop(): Promise<void>;
}
