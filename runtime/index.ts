// Public entry of the runtime that generated code imports as `eventcontracts/runtime`.
export * from './contract.js';

export * from './errors.js';
export { createConsoleLogger, silentLogger, type Logger, type LogFields, type LogLevel } from './logger.js';
export * from './standard-headers.js';
// What generated (ajv standalone) validator modules import.
export { ajvRuntime, validatorFormats } from './validator-support.js';

// Producer
export { createEventSender, type EventSenderOptions } from './producer/event-sender.js';
export { encodeKey } from './producer/key-encoding.js';

// Kafka
export type { KafkaConnectionOptions } from './kafka/connection.js';
export {
  createKafkaEventSender,
  createKafkaProducerTransport,
  type KafkaProducerTransport,
  type KafkaProducerTransportOptions,
} from './kafka/producer-transport.js';
export { createEventReceiver, type KafkaReceiverOptions } from './kafka/event-receiver.js';
export { stopOnSignals, type StopOnSignalsOptions, type Stoppable } from './shutdown.js';

// Consumer pipeline
export {
  createReceiver,
  type ManagedEventReceiver,
  type ReceiverOptions,
  type ReceiverTransports,
  type TransportContext,
} from './consumer/receiver.js';
export { DEFAULT_DECODE_LIMITS, decodeJson, type DecodeLimits } from './consumer/json-decoder.js';
export { prepareEvent, type Preparation, type PreparationOptions } from './consumer/event-preparation.js';
export { RouteTable } from './consumer/route-table.js';
export {
  DEFAULT_RETRY_POLICY,
  abortableSleep,
  backoffCeiling,
  backoffDelay,
  resolveRetryPolicy,
  retryPolicyFromContract,
  type ResolvedRetryPolicy,
  type RetrySettings,
  type Sleep,
} from './consumer/retry-policy.js';
export type { ReceiverEvent, ReceiverHooks } from './consumer/receiver-events.js';
export type { LatencySummary, ReceiverMetricsSnapshot } from './consumer/receiver-metrics.js';
export type { PartitionPauses, RedeliveryOptions } from './consumer/partition-pauses.js';
export type { ReceiverObserver } from './consumer/receiver-events.js';
export type { RecordProcessor } from './consumer/record-processor.js';

// Dead letters
export {
  CONNECT_DLT,
  EVC_DLT,
  SPRING_DLT,
  encodeDeadLetterHeaders,
  isDeadLetterHeader,
  readDeadLetterHeaders,
  type DeadLetterFacts,
  type DeadLetterHeaderStyle,
  type DeadLetterInfo,
  type DeadLetterStage,
  type RawHeaders,
} from './dead-letter-format/dead-letter-headers.js';
export {
  DEFAULT_DEAD_LETTER_SUFFIX,
  deadLetterTopicFor,
  type DeadLetterOptions,
  type DeadLetterTopicOption,
} from './dead-letter-format/dead-letter-record.js';

// In-memory transport
export {
  InMemoryBroker,
  InMemoryWriteRejectedError,
  type DrainOptions,
  type InMemoryBrokerOptions,
  type InMemoryConsumerOptions,
} from './memory/in-memory-broker.js';
export { createInMemoryReceiver, type InMemoryReceiverOptions } from './memory/in-memory-receiver.js';

// Dead-letter tools (`evc dlq inspect|replay`)
export { inspectDeadLetters, type InspectOptions, type InspectResult } from './dead-letter-replay/inspect.js';
export {
  ensureTopics,
  type EnsureTopicsOptions,
  type EnsureTopicsResult,
  type ExistingTopic,
  type TopicSpec,
} from './kafka/topics.js';
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
  FILTER_FIELDS,
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
export {
  contractRegExp,
  patternEngineKind,
  UnsafePatternError,
  type PatternMatcher,
  type PatternEngineKind,
} from './pattern-engine.js';
export {
  describeConnection,
  kafkaConnectionFromEnv,
  KafkaConnectionConfigError,
  KAFKA_CONNECTION_VARIABLES,
  SASL_MECHANISMS,
  type KafkaConnectionFromEnvOptions,
  type KafkaEnvironment,
  type SaslMechanismName,
} from './kafka/connection-config.js';

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
