// Public entry of the runtime, imported as `eventcontracts/runtime` by generated code and by applications: what
// generated producers, consumers and validators import, what an application calls to send, receive, connect, stop
// and handle dead letters, and the errors it can catch. Nothing else: the receiver's pipeline parts, encoders and
// retry arithmetic are internal (tests import their modules directly). test/unit/runtime/public-exports.test.ts pins
// this list, so a new export is a decision.

// What generated code imports: descriptors, routes and the sender/receiver interfaces (services/*.ts,
// messages.ts), and the helpers of the ajv standalone validators (validators/*.js).
export {
  route,
  type ConsumedRecord,
  type ConsumerRoute,
  type ConsumerTransport,
  type EventHandler,
  type EventMetadata,
  type EventReceiver,
  type EventSender,
  type OutgoingEvent,
  type ProducerTransport,
  type ReceivedEvent,
  type RecordCoordinates,
  type RouteOptions,
  type WireRecord,
} from './contract.js';
export type {
  AvroBinaryEncoding,
  CompiledValidator,
  ConfluentWireFormat,
  ContractRetryPolicy,
  KeyEncoding,
  MessageDescriptor,
  RetryPolicy,
  ValidationIssue,
} from '../contract-conventions/index.js';
export { ajvRuntime, validatorFormats } from './validator-support.js';
export { avroBinaryCodec, type AvroBinaryCodec } from './avro/avro-binary-codec.js';
export { contractRegExp, UnsafePatternError, type PatternMatcher } from '../contract-conventions/index.js';

// The headers every event carries (CloudEvents binary mode plus evc's own), e.g. to deduplicate on `ce_id`.
export {
  CE_ID,
  CE_SOURCE,
  CE_SPECVERSION,
  CE_TIME,
  CE_TYPE,
  CONTENT_TYPE,
  EVC_CONTRACT_VERSION,
  EVC_REPLAY_COUNT,
  EVC_REPLAY_FOR_GROUP,
} from '../contract-conventions/index.js';

// Errors, each classified (stage, retriable) so callers decide by type.
export {
  DeadLetterWriteError,
  EventDecodeError,
  EventRuntimeError,
  EventSendError,
  EventValidationError,
  HandlerError,
  ProcessingAbortedError,
  UnknownMessageTypeError,
  type DecodeFailureReason,
  type EventPart,
  type FailureStage,
  type ValidationFailure,
} from './errors.js';
export { createConsoleLogger, silentLogger, type Logger, type LogFields, type LogLevel } from './logger.js';

// Sending
export { createEventSender, type EventSenderOptions } from './producer/event-sender.js';
export { createKafkaEventSender, type KafkaProducerTransportOptions } from './kafka/producer-transport.js';

// Receiving
export { createEventReceiver, type KafkaReceiverOptions } from './kafka/event-receiver.js';
export type { ManagedEventReceiver } from './consumer/receiver.js';
export type { ReceiverEvent, ReceiverHooks } from './consumer/receiver-events.js';
export type { LatencySummary, ReceiverMetricsSnapshot } from './consumer/receiver-metrics.js';
export type { RedeliveryOptions } from './consumer/partition-pauses.js';
export type { DecodeLimits } from './consumer/json-decoder.js';
export type { RetrySettings } from '../contract-conventions/index.js';
export { stopOnSignals, type StopOnSignalsOptions, type Stoppable } from './shutdown.js';

// Connecting to a cluster
export type { KafkaConnectionOptions } from './kafka/connection.js';
export {
  describeConnection,
  kafkaConnectionFromEnv,
  KafkaConnectionConfigError,
  type KafkaConnectionFromEnvOptions,
  type KafkaEnvironment,
  type SaslMechanismName,
} from './kafka/connection-config.js';
export {
  ensureTopics,
  type EnsureTopicsOptions,
  type EnsureTopicsResult,
  type ExistingTopic,
  type TopicSpec,
} from './kafka/topics.js';

// Dead letters: where they go and what they carry
export {
  DEFAULT_DEAD_LETTER_SUFFIX,
  deadLetterTopicFor,
  type DeadLetterTopicOption,
} from '../contract-conventions/index.js';
export type { DeadLetterOptions } from './dead-letter-format/dead-letter-record.js';
export {
  readDeadLetterHeaders,
  type DeadLetterHeaderStyle,
  type DeadLetterInfo,
  type DeadLetterStage,
  type RawHeaders,
} from './dead-letter-format/dead-letter-headers.js';

// Dead-letter tools (`evc dlq inspect|replay`)
export { inspectDeadLetters, type InspectOptions, type InspectResult } from './dead-letter-replay/inspect.js';
export {
  replayDeadLetters,
  ReplayIntoSourceError,
  type ReplayOptions,
  type ReplayOutcome,
  type ReplayRecordReport,
  type ReplayResult,
} from './dead-letter-replay/replay.js';
export type { DeadLetterEntry } from './dead-letter-replay/dead-letter-entry.js';
export {
  DeadLetterFilterError,
  parseDeadLetterFilter,
  type DeadLetterPredicate,
} from './dead-letter-replay/dead-letter-filter.js';
export { parseSince } from './dead-letter-replay/time-window.js';
export {
  DEAD_LETTER_TOPIC_ENDINGS,
  deadLetterTopicVerdict,
  type DeadLetterTopicContext,
  type DeadLetterTopicVerdict,
} from './dead-letter-replay/dead-letter-topic.js';
export { TopicNotFoundError, type PartitionBounds } from './dead-letter-replay/topic-scan.js';

// In-memory transport, for applications' own tests
export {
  InMemoryBroker,
  InMemoryWriteRejectedError,
  type DrainOptions,
  type InMemoryBrokerOptions,
  type InMemoryConsumerOptions,
} from './memory/in-memory-broker.js';
export { createInMemoryReceiver, type InMemoryReceiverOptions } from './memory/in-memory-receiver.js';

// Schema registry (Confluent REST API) and the Confluent wire format
export { SchemaRegistryClient, type RegisteredSchema, type SchemaSubmission } from './schema-registry/client.js';
export {
  describeRegistryConnection,
  registryConnectionFromEnv,
  RegistryConnectionConfigError,
  type RegistryAuth,
  type RegistryConnection,
} from './schema-registry/connection.js';
export { SchemaRegistryError, type RegistryErrorKind } from './schema-registry/errors.js';
export { schemaIdSource, type SchemaIdSource } from './schema-registry/schema-ids.js';
export { frameValue, unframeValue } from './schema-registry/wire-format.js';
