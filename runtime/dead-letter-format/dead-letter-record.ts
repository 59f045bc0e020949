// The dead-letter copy of a record: same key, the original value and header bytes untouched (so a
// replay re-publishes exactly what was sent), plus the headers that say where it came from and why
// it failed.
import type { ConsumedRecord, WireRecord } from '../contract.js';
import { EventValidationError, HandlerError, type EventRuntimeError } from '../errors.js';
import { setOwnProperty } from '../../contract-conventions/own-properties.js';
import {
  encodeDeadLetterHeaders,
  isDeadLetterHeader,
  type DeadLetterFacts,
  type DeadLetterHeaderStyle,
  type DeadLetterStage,
} from './dead-letter-headers.js';
import type { DeadLetterTopicOption } from '../../contract-conventions/dead-letter-topic.js';
import { RETRY_HEADER_NAMES } from '../../contract-conventions/headers.js';
import type { AttemptHistoryEntry } from './attempt-history.js';

export interface DeadLetterOptions {
  readonly topic?: DeadLetterTopicOption;
  /** 'evc' (default) or 'spring' (`kafka_dlt-*` headers with binary numbers) for mixed Java/TypeScript fleets. */
  readonly headerStyle?: DeadLetterHeaderStyle;
}

export interface FailureContext {
  readonly consumerGroup: string;
  readonly messageType: string | undefined;
  readonly attempts: number;
  readonly now: Date;
  /** Failed deliveries through retry topics, this one included (absent without retry topics). */
  readonly attemptHistory?: readonly AttemptHistoryEntry[];
}

/** What a handler threw, for handler failures (other failures have no cause worth naming). */
function handlerCause(error: EventRuntimeError): unknown {
  return error instanceof HandlerError ? error.cause : undefined;
}

/** One failed delivery of a record that goes through retry topics, for its attempt history. */
export function failedDelivery(
  record: ConsumedRecord,
  attempts: number,
  error: EventRuntimeError,
  now: Date,
): AttemptHistoryEntry {
  const cause = handlerCause(error);
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    attempts,
    errorClass: error.name,
    ...(cause instanceof Error ? { errorCauseClass: cause.name } : {}),
    errorMessage: error.message,
    failedAt: now.toISOString(),
  };
}

/** The facts a dead-letter record carries for a classified failure. */
export function deadLetterFacts(
  record: ConsumedRecord,
  error: EventRuntimeError,
  context: FailureContext,
): DeadLetterFacts {
  const cause = handlerCause(error);
  return {
    originalTopic: record.topic,
    originalPartition: record.partition,
    originalOffset: record.offset,
    originalTimestamp: record.timestamp,
    consumerGroup: context.consumerGroup,
    stage: deadLetterStage(error),
    messageType: context.messageType,
    errorClass: error.name,
    errorCauseClass: cause instanceof Error ? cause.name : cause === undefined ? undefined : typeof cause,
    errorMessage: error.message,
    stacktrace: cause instanceof Error ? cause.stack : undefined,
    validationErrors: error instanceof EventValidationError ? error.failures : undefined,
    attempts: context.attempts,
    deadLetteredAt: context.now.toISOString(),
    ...(context.attemptHistory === undefined ? {} : { attemptHistory: context.attemptHistory }),
  };
}

function deadLetterStage(error: EventRuntimeError): DeadLetterStage {
  return error.stage === 'transport' ? 'handle' : error.stage;
}

export function deadLetterRecord(
  record: ConsumedRecord,
  facts: DeadLetterFacts,
  style: DeadLetterHeaderStyle = 'evc',
): WireRecord {
  const headers: Record<string, Buffer> = {};
  for (const name of Object.keys(record.headers)) {
    // Headers of an earlier dead-lettering would contradict the new ones; retry headers became the history.
    if (isDeadLetterHeader(name) || RETRY_HEADER_NAMES.has(name)) continue;
    setOwnProperty(headers, name, record.headers[name]);
  }
  Object.assign(headers, encodeDeadLetterHeaders(facts, style));
  return { key: record.key, value: record.value, headers };
}
