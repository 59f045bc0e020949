// The headers that say why a record is in a dead-letter topic: written in evc's own family or in
// Spring Kafka's (`kafka_dlt-*`, binary numbers) for mixed Java/TypeScript fleets, and read back
// from evc, Spring and Kafka Connect (`__connect.errors.*`) records alike. See README.md here.
import type { ValidationFailure } from '../errors.js';
import { decodeAttemptHistory, encodeAttemptHistory, type AttemptHistoryEntry } from './attempt-history.js';
import { lastHeaderBytes, lastHeaderValue, type HeaderValue } from '../header-values.js';

export type DeadLetterStage = 'decode' | 'validate' | 'handle';
export type DeadLetterHeaderStyle = 'evc' | 'spring';

/** Everything a dead-letter record says about its origin and failure. */
export interface DeadLetterFacts {
  readonly originalTopic: string;
  readonly originalPartition: number;
  readonly originalOffset: string;
  /** Kafka timestamp of the original record, ms since the epoch as a decimal string. */
  readonly originalTimestamp: string;
  readonly consumerGroup: string;
  readonly stage: DeadLetterStage;
  /** Message name the record was (or claimed to be), when known. */
  readonly messageType?: string | undefined;
  /** Runtime error class (`EventValidationError`, `HandlerError`, ...). */
  readonly errorClass: string;
  /** Class of what the handler threw, for handler failures. */
  readonly errorCauseClass?: string | undefined;
  readonly errorMessage: string;
  readonly stacktrace?: string | undefined;
  readonly validationErrors?: readonly ValidationFailure[] | undefined;
  /** Handler calls made (1 for records that never reached the handler), over all deliveries. */
  readonly attempts: number;
  /** ISO-8601 time of dead-lettering. */
  readonly deadLetteredAt: string;
  /** Every failed delivery, the last included, when the record went through retry topics. */
  readonly attemptHistory?: readonly AttemptHistoryEntry[] | undefined;
}

export const EVC_DLT = {
  originalTopic: 'evc_dlt_original_topic',
  originalPartition: 'evc_dlt_original_partition',
  originalOffset: 'evc_dlt_original_offset',
  originalTimestamp: 'evc_dlt_original_timestamp',
  consumerGroup: 'evc_dlt_consumer_group',
  stage: 'evc_dlt_stage',
  messageType: 'evc_dlt_message_type',
  errorClass: 'evc_dlt_error_class',
  errorCauseClass: 'evc_dlt_error_cause_class',
  errorMessage: 'evc_dlt_error_message',
  stacktrace: 'evc_dlt_error_stacktrace',
  validationErrors: 'evc_dlt_validation_errors',
  attempts: 'evc_dlt_attempts',
  deadLetteredAt: 'evc_dlt_dead_lettered_at',
  attemptHistory: 'evc_dlt_attempt_history',
} as const;

export const SPRING_DLT = {
  originalTopic: 'kafka_dlt-original-topic',
  originalPartition: 'kafka_dlt-original-partition',
  originalOffset: 'kafka_dlt-original-offset',
  originalTimestamp: 'kafka_dlt-original-timestamp',
  originalTimestampType: 'kafka_dlt-original-timestamp-type',
  consumerGroup: 'kafka_dlt-original-consumer-group',
  exceptionClass: 'kafka_dlt-exception-fqcn',
  exceptionCauseClass: 'kafka_dlt-exception-cause-fqcn',
  exceptionMessage: 'kafka_dlt-exception-message',
  stacktrace: 'kafka_dlt-exception-stacktrace',
} as const;

export const CONNECT_DLT = {
  originalTopic: '__connect.errors.topic',
  originalPartition: '__connect.errors.partition',
  originalOffset: '__connect.errors.offset',
  connector: '__connect.errors.connector.name',
  taskId: '__connect.errors.task.id',
  stage: '__connect.errors.stage',
  executingClass: '__connect.errors.class.name',
  exceptionClass: '__connect.errors.exception.class.name',
  exceptionMessage: '__connect.errors.exception.message',
  stacktrace: '__connect.errors.exception.stacktrace',
} as const;

/** Header names are bounded so one huge error cannot push a record over the broker's size limit. */
const MAX_MESSAGE_CHARS = 4096;
const MAX_STACK_CHARS = 8192;
const MAX_VALIDATION_ERRORS = 50;

export function encodeDeadLetterHeaders(
  facts: DeadLetterFacts,
  style: DeadLetterHeaderStyle = 'evc',
): Record<string, Buffer> {
  const headers: Record<string, Buffer> = {};
  const text = (name: string, value: string | undefined) => {
    if (value !== undefined) headers[name] = Buffer.from(value, 'utf8');
  };
  if (style === 'spring') {
    text(SPRING_DLT.originalTopic, facts.originalTopic);
    headers[SPRING_DLT.originalPartition] = int32(facts.originalPartition);
    headers[SPRING_DLT.originalOffset] = int64(facts.originalOffset);
    headers[SPRING_DLT.originalTimestamp] = int64(facts.originalTimestamp);
    text(SPRING_DLT.originalTimestampType, 'CreateTime');
    text(SPRING_DLT.consumerGroup, facts.consumerGroup);
    text(SPRING_DLT.exceptionClass, facts.errorClass);
    text(SPRING_DLT.exceptionCauseClass, facts.errorCauseClass);
    text(SPRING_DLT.exceptionMessage, clip(facts.errorMessage, MAX_MESSAGE_CHARS));
    text(SPRING_DLT.stacktrace, facts.stacktrace === undefined ? undefined : clip(facts.stacktrace, MAX_STACK_CHARS));
  } else {
    text(EVC_DLT.originalTopic, facts.originalTopic);
    text(EVC_DLT.originalPartition, String(facts.originalPartition));
    text(EVC_DLT.originalOffset, facts.originalOffset);
    text(EVC_DLT.originalTimestamp, facts.originalTimestamp);
    text(EVC_DLT.consumerGroup, facts.consumerGroup);
    text(EVC_DLT.errorClass, facts.errorClass);
    text(EVC_DLT.errorCauseClass, facts.errorCauseClass);
    text(EVC_DLT.errorMessage, clip(facts.errorMessage, MAX_MESSAGE_CHARS));
    text(EVC_DLT.stacktrace, facts.stacktrace === undefined ? undefined : clip(facts.stacktrace, MAX_STACK_CHARS));
  }
  // What Spring has no header for travels in evc's names in both styles; Spring ignores them.
  text(EVC_DLT.stage, facts.stage);
  text(EVC_DLT.messageType, facts.messageType);
  if (facts.validationErrors !== undefined && facts.validationErrors.length > 0) {
    text(EVC_DLT.validationErrors, JSON.stringify(facts.validationErrors.slice(0, MAX_VALIDATION_ERRORS)));
  }
  text(EVC_DLT.attempts, String(facts.attempts));
  text(EVC_DLT.deadLetteredAt, facts.deadLetteredAt);
  if (facts.attemptHistory !== undefined && facts.attemptHistory.length > 0)
    headers[EVC_DLT.attemptHistory] = encodeAttemptHistory(facts.attemptHistory);
  return headers;
}

function int32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(value);
  return bytes;
}

function int64(decimal: string): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt(decimal));
  return bytes;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** True for headers of any dead-letter family: replay strips them so a replayed record looks like the original. */
export function isDeadLetterHeader(name: string): boolean {
  return name.startsWith('evc_dlt_') || name.startsWith('kafka_dlt-') || name.startsWith('__connect.errors.');
}

// ---------------------------------------------------------------------------------------------
// Reading

/** What a dead-letter record says about itself, whichever family wrote it. */
export interface DeadLetterInfo {
  readonly family: 'evc' | 'spring' | 'connect';
  readonly originalTopic?: string;
  readonly originalPartition?: number;
  readonly originalOffset?: string;
  readonly originalTimestamp?: string;
  readonly consumerGroup?: string;
  /** decode / validate / handle; inferred for Spring and Connect records that do not say. */
  readonly stage?: DeadLetterStage;
  /** The stage as written by the producer of the record (Connect: `VALUE_CONVERTER`, ...). */
  readonly rawStage?: string;
  readonly messageType?: string;
  readonly errorClass?: string;
  readonly errorCauseClass?: string;
  readonly errorMessage?: string;
  readonly stacktrace?: string;
  readonly validationErrors?: readonly ValidationFailure[];
  readonly attempts?: number;
  readonly deadLetteredAt?: string;
  /** The failed deliveries through retry topics (evc, either style). */
  readonly attemptHistory?: readonly AttemptHistoryEntry[];
  /** Kafka Connect: the connector that gave up on the record. */
  readonly connector?: string;
}

/** Header values as kafkajs delivers them (repeated headers arrive as arrays; the last one counts). */
export type RawHeaders = Readonly<Record<string, HeaderValue>>;

export function readDeadLetterHeaders(headers: RawHeaders): DeadLetterInfo | undefined {
  const has = (name: string) => bytesOf(headers, name) !== undefined;
  if (has(EVC_DLT.originalTopic)) return readEvc(headers, 'evc');
  if (has(SPRING_DLT.originalTopic)) return readSpring(headers);
  if (has(CONNECT_DLT.originalTopic)) return readConnect(headers);
  return undefined;
}

function readEvc(headers: RawHeaders, family: 'evc'): DeadLetterInfo {
  const stage = asStage(str(headers, EVC_DLT.stage));
  return compact({
    family,
    originalTopic: str(headers, EVC_DLT.originalTopic),
    originalPartition: decimalInt(str(headers, EVC_DLT.originalPartition)),
    originalOffset: decimalText(str(headers, EVC_DLT.originalOffset)),
    originalTimestamp: decimalText(str(headers, EVC_DLT.originalTimestamp)),
    consumerGroup: str(headers, EVC_DLT.consumerGroup),
    stage,
    rawStage: str(headers, EVC_DLT.stage),
    messageType: str(headers, EVC_DLT.messageType),
    errorClass: str(headers, EVC_DLT.errorClass),
    errorCauseClass: str(headers, EVC_DLT.errorCauseClass),
    errorMessage: str(headers, EVC_DLT.errorMessage),
    stacktrace: str(headers, EVC_DLT.stacktrace),
    validationErrors: validationErrors(str(headers, EVC_DLT.validationErrors)),
    attempts: decimalInt(str(headers, EVC_DLT.attempts)),
    deadLetteredAt: str(headers, EVC_DLT.deadLetteredAt),
    attemptHistory: attemptHistory(headers),
  });
}

function readSpring(headers: RawHeaders): DeadLetterInfo {
  const errorClass = str(headers, SPRING_DLT.exceptionClass);
  const evcStage = asStage(str(headers, EVC_DLT.stage));
  return compact({
    family: 'spring',
    originalTopic: str(headers, SPRING_DLT.originalTopic),
    originalPartition: binaryInt(bytesOf(headers, SPRING_DLT.originalPartition)),
    originalOffset: binaryLong(bytesOf(headers, SPRING_DLT.originalOffset)),
    originalTimestamp: binaryLong(bytesOf(headers, SPRING_DLT.originalTimestamp)),
    consumerGroup: str(headers, SPRING_DLT.consumerGroup),
    stage: evcStage ?? springStage(errorClass, str(headers, SPRING_DLT.exceptionCauseClass)),
    rawStage: str(headers, EVC_DLT.stage),
    messageType: str(headers, EVC_DLT.messageType),
    errorClass,
    errorCauseClass: str(headers, SPRING_DLT.exceptionCauseClass),
    errorMessage: str(headers, SPRING_DLT.exceptionMessage),
    stacktrace: str(headers, SPRING_DLT.stacktrace),
    validationErrors: validationErrors(str(headers, EVC_DLT.validationErrors)),
    attempts: decimalInt(str(headers, EVC_DLT.attempts)),
    deadLetteredAt: str(headers, EVC_DLT.deadLetteredAt),
    attemptHistory: attemptHistory(headers),
  });
}

/** Spring's error handler never retries (de)serialization and conversion failures; they are our decode stage. */
function springStage(errorClass: string | undefined, causeClass: string | undefined): DeadLetterStage {
  const names = `${errorClass ?? ''} ${causeClass ?? ''}`;
  if (/Deserializ|Conversion|MessageConversion|SerializationException/.test(names)) return 'decode';
  if (/Validation|NotValid|ConstraintViolation/.test(names)) return 'validate';
  return 'handle';
}

function readConnect(headers: RawHeaders): DeadLetterInfo {
  const rawStage = str(headers, CONNECT_DLT.stage);
  return compact({
    family: 'connect',
    originalTopic: str(headers, CONNECT_DLT.originalTopic),
    originalPartition: decimalInt(str(headers, CONNECT_DLT.originalPartition)),
    originalOffset: decimalText(str(headers, CONNECT_DLT.originalOffset)),
    stage: rawStage === undefined ? undefined : rawStage.endsWith('_CONVERTER') ? 'decode' : 'handle',
    rawStage,
    errorClass: str(headers, CONNECT_DLT.exceptionClass),
    errorMessage: str(headers, CONNECT_DLT.exceptionMessage),
    stacktrace: str(headers, CONNECT_DLT.stacktrace),
    connector: str(headers, CONNECT_DLT.connector),
  });
}

function attemptHistory(headers: RawHeaders): readonly AttemptHistoryEntry[] | undefined {
  const history = decodeAttemptHistory(bytesOf(headers, EVC_DLT.attemptHistory));
  return history.length === 0 ? undefined : history;
}

function str(headers: RawHeaders, name: string): string | undefined {
  const value = lastHeaderValue(headers[name]);
  return value === undefined || value === null ? undefined : typeof value === 'string' ? value : value.toString('utf8');
}

/** A header without a value (null) counts as absent. */
function bytesOf(headers: RawHeaders, name: string): Buffer | undefined {
  return lastHeaderBytes(headers[name]) ?? undefined;
}

/** Spring writes big-endian binary; a record rewritten by a tool that stringified it is read as decimal. */
function binaryInt(bytes: Buffer | undefined): number | undefined {
  if (bytes === undefined) return undefined;
  if (bytes.length === 4) return bytes.readInt32BE(0);
  return decimalInt(bytes.toString('utf8'));
}

function binaryLong(bytes: Buffer | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  if (bytes.length === 8) return bytes.readBigInt64BE(0).toString();
  return decimalText(bytes.toString('utf8'));
}

function decimalInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

function decimalText(text: string | undefined): string | undefined {
  return text !== undefined && /^-?\d{1,20}$/.test(text) ? text : undefined;
}

function asStage(text: string | undefined): DeadLetterStage | undefined {
  return text === 'decode' || text === 'validate' || text === 'handle' ? text : undefined;
}

/** Validation errors as written by evc; anything else in the header is ignored rather than trusted. */
function validationErrors(text: string | undefined): readonly ValidationFailure[] | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const failures: ValidationFailure[] = [];
  for (const item of parsed.slice(0, MAX_VALIDATION_ERRORS) as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const entry = item as Record<string, unknown>;
    const part = entry['part'];
    failures.push({
      part: part === 'key' || part === 'headers' ? part : 'payload',
      field: typeof entry['field'] === 'string' ? entry['field'] : '/',
      rule: typeof entry['rule'] === 'string' ? entry['rule'] : 'unknown',
      message: typeof entry['message'] === 'string' ? entry['message'] : '',
      params:
        typeof entry['params'] === 'object' && entry['params'] !== null
          ? (entry['params'] as Record<string, unknown>)
          : {},
    });
  }
  return failures;
}

function compact<T extends object>(info: T): T {
  for (const key of Object.keys(info) as (keyof T)[]) if (info[key] === undefined) delete info[key];
  return info;
}
