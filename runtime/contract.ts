// The seam between generated code and the runtime: what a generated producer/consumer hands the
// runtime (message descriptors with precompiled validators) and the transports it runs on.
// Generated code depends only on the names exported here (through `eventcontracts/runtime`).

/** A precompiled ajv validator (standalone code): returns true or sets `errors`. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: readonly ValidationIssue[] | null;
}

/** The subset of ajv's ErrorObject the runtime reads; kept structural so ajv is not a type dependency. */
export interface ValidationIssue {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** How a record key is written: a JSON scalar key goes out as its plain string form (Kafka convention). */
export type KeyEncoding = 'string' | 'json' | 'none';

/** Everything the runtime needs to know about one message of the contract, emitted per message. */
export interface MessageDescriptor<Payload = unknown, Key = unknown, Headers = unknown> {
  /** Message name from the contract; travels in the `ce_type` header. */
  readonly name: string;
  /** Kafka topic (channel address). */
  readonly topic: string;
  /** Name of the service whose contract defines the message; used as `ce_source` by default. */
  readonly service: string;
  /** Version of the contract document (`info.version`); travels in the `evc_contract_version` header. */
  readonly contractVersion: string;
  readonly contentType: string;
  readonly keyEncoding: KeyEncoding;
  readonly validatePayload: CompiledValidator;
  readonly validateKey?: CompiledValidator;
  readonly validateHeaders?: CompiledValidator;
  /**
   * Present when the message travels in the Confluent wire format (`wireFormat: confluent`): the
   * value subject and the schema text `evc registry push` registered there, whose id frames records.
   */
  readonly wireFormat?: ConfluentWireFormat;
  /** Phantom fields so descriptors carry their types to producer/consumer signatures. */
  readonly __types?: { payload: Payload; key: Key; headers: Headers };
}

/** How a message is framed in the Confluent wire format. */
export interface ConfluentWireFormat {
  readonly format: 'confluent';
  readonly subject: string;
  /** The registered schema text, looked up (never registered) for its id. */
  readonly schema: string;
}

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
 * Delivers records of the subscribed topics one at a time per partition. `onRecord` resolving
 * means the record is done (handled or dead-lettered) and its offset may be committed; rejecting
 * means it must not be committed and the partition must stop (see runtime/consumer).
 */
export interface ConsumerTransport {
  run(topics: readonly string[], onRecord: (record: ConsumedRecord) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** One message a consumer accepts and the typed handler that gets it. */
export interface ConsumerRoute {
  readonly descriptor: MessageDescriptor;
  readonly handler: EventHandler<unknown, unknown, unknown>;
  /** Per-route retry and dead-letter settings (from the receive operation's `x-retry` / `x-dead-letter`). */
  readonly options?: RouteOptions;
}

/**
 * How a failing handler is retried in place. Delay before retry n (1-based) is
 * fixed: initialDelayMs; linear: initialDelayMs + incrementMs·(n−1); exponential: initialDelayMs·multiplier^(n−1);
 * capped at maxDelayMs, then (with full jitter) a uniform random fraction of it.
 */
export interface RetryPolicy {
  /** Handler calls in total, including the first (1 = no retry). */
  readonly maxAttempts?: number;
  readonly strategy?: 'fixed' | 'linear' | 'exponential';
  readonly initialDelayMs?: number;
  readonly incrementMs?: number;
  readonly multiplier?: number;
  readonly maxDelayMs?: number;
  readonly jitter?: 'full' | 'none';
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
    descriptor: descriptor as MessageDescriptor,
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

/**
 * The retry policy a contract declares on a receive operation (`x-retry`, the shape of the
 * AsyncAPI retry proposal): generated consumers export it so receivers can adopt it.
 */
export interface ContractRetryPolicy {
  readonly maxAttempts?: number;
  readonly strategy?: {
    readonly type?: 'fixed' | 'linear' | 'exponential' | string;
    readonly delaySeconds?: number;
    readonly initialDelaySeconds?: number;
    readonly incrementSeconds?: number;
    readonly multiplier?: number;
    readonly maxDelaySeconds?: number;
  };
  readonly [extension: string]: unknown;
}
