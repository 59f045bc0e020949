// The shape of a message descriptor: what `evc generate` emits per message (and `generator/emit/live-descriptors`
// builds in memory) and what the runtime's sender and receiver read. Both sides compile against this one file.

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
  /**
   * Present when the payload travels in Avro's binary encoding (an Avro payload whose contentType is
   * `avro/binary` or `application/vnd.apache.avro+binary`): the Avro schema, as JSON text, that
   * writes and reads it. Without it the payload travels as JSON text.
   */
  readonly avroBinary?: AvroBinaryEncoding;
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

/** How a message's payload is written in Avro binary (runtime/avro/avro-binary-codec.ts). */
export interface AvroBinaryEncoding {
  /** The normalised, self-contained Avro schema (generator/model/avro-payload.ts `text`). */
  readonly schema: string;
}
