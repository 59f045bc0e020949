// Typed, classified runtime errors. Callers (and the dead-letter decision) branch on the class,
// `stage` and `retriable`, never on message text — the kafkajs convention.
import type { ValidationIssue } from './contract.js';

/** Where in the life of a record something went wrong. Dead letters record one of the first three. */
export type FailureStage = 'decode' | 'validate' | 'handle' | 'transport';

/** The part of an event a validator looked at. */
export type EventPart = 'payload' | 'key' | 'headers';

export interface EventRuntimeErrorOptions {
  readonly cause?: unknown;
  readonly retriable?: boolean;
}

/** Base of every error the runtime throws or records. */
export abstract class EventRuntimeError extends Error {
  abstract readonly stage: FailureStage;
  /** True when doing the same thing again may succeed (a handler's database was down), false when it never will (bad bytes). */
  readonly retriable: boolean;

  protected constructor(message: string, retriable: boolean, options: EventRuntimeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retriable = options.retriable ?? retriable;
  }
}

/** Why a value could not be turned into JSON; kept as data so tests and dashboards can group by it. */
export type DecodeFailureReason =
  | 'empty'
  | 'too-large'
  | 'not-utf8'
  | 'invalid-json'
  /** Bytes that are not Avro binary of the message's Avro schema. */
  | 'invalid-avro'
  | 'too-deep'
  | 'unsafe-integer'
  /** A Confluent-framed value whose schema id is unknown, belongs to another subject, or cannot be checked. */
  | 'schema-id';

/** The bytes of a value, key or header are not what the contract's encoding promises. Never retriable. */
export class EventDecodeError extends EventRuntimeError {
  override readonly name = 'EventDecodeError';
  readonly stage = 'decode' as const;

  constructor(
    readonly part: EventPart,
    readonly reason: DecodeFailureReason,
    detail: string,
    options: EventRuntimeErrorOptions = {},
  ) {
    super(`${part} cannot be decoded (${reason}): ${detail}`, false, options);
  }
}

/** One failed rule of a validator, in words a person can act on. */
export interface ValidationFailure {
  readonly part: EventPart;
  /** JSON pointer of the offending field (`/eta`, `/stops/2/lat`; `/` for the whole part). */
  readonly field: string;
  /** The schema keyword that failed (`format`, `required`, `type`, ...). */
  readonly rule: string;
  /** ajv's message, or a clearer one for `required`/`additionalProperties`. */
  readonly message: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** How many failures an error keeps: ajv with allErrors can report one per array item of a huge payload. */
const MAX_KEPT_FAILURES = 100;
/** How many failures the message text names; the rest are in `failures`. */
const MAX_FAILURES_IN_MESSAGE = 5;
/** Field names come from untrusted payloads: keep log lines and headers bounded. */
const MAX_FIELD_CHARS = 200;

/** Turns ajv issues into failures that name the field and the rule. */
export function toValidationFailures(
  part: EventPart,
  issues: readonly ValidationIssue[] | null | undefined,
): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  for (const issue of issues ?? []) {
    if (failures.length >= MAX_KEPT_FAILURES) break;
    failures.push(toFailure(part, issue));
  }
  if (failures.length === 0) {
    // A validator that returns false without errors (hand-written, or errors disabled) still has to explain itself.
    failures.push({ part, field: '/', rule: 'schema', message: 'does not match the schema', params: {} });
  }
  return failures;
}

function toFailure(part: EventPart, issue: ValidationIssue): ValidationFailure {
  const base = issue.instancePath === '' ? '' : issue.instancePath;
  const params = issue.params ?? {};
  if (issue.keyword === 'required' && typeof params['missingProperty'] === 'string') {
    return {
      part,
      field: clip(`${base}/${escapePointer(params['missingProperty'])}`),
      rule: 'required',
      message: 'is required',
      params,
    };
  }
  if (issue.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
    return {
      part,
      field: clip(`${base}/${escapePointer(params['additionalProperty'])}`),
      rule: 'additionalProperties',
      message: 'is not allowed by the schema',
      params,
    };
  }
  return {
    part,
    field: clip(base === '' ? '/' : base),
    rule: issue.keyword,
    message: issue.message ?? `must pass "${issue.keyword}"`,
    params,
  };
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function clip(text: string): string {
  return text.length <= MAX_FIELD_CHARS ? text : `${text.slice(0, MAX_FIELD_CHARS)}…`;
}

/** A payload, key or headers object does not satisfy the contract. Never retriable. */
export class EventValidationError extends EventRuntimeError {
  override readonly name = 'EventValidationError';
  readonly stage = 'validate' as const;

  constructor(
    readonly messageName: string,
    readonly failures: readonly ValidationFailure[],
  ) {
    super(describeFailures(messageName, failures), false);
  }
}

/** `RouteCalculated payload is invalid: /eta must match format "date-time"; key is invalid: / must match pattern ...` */
function describeFailures(messageName: string, failures: readonly ValidationFailure[]): string {
  const parts: string[] = [];
  const shown = failures.slice(0, MAX_FAILURES_IN_MESSAGE);
  for (const part of ['payload', 'key', 'headers'] as const) {
    const ofPart = shown.filter((failure) => failure.part === part);
    if (ofPart.length === 0) continue;
    parts.push(`${part} is invalid: ${ofPart.map((failure) => `${failure.field} ${failure.message}`).join(', ')}`);
  }
  const hidden = failures.length - shown.length;
  return `${messageName} ${parts.join('; ')}${hidden > 0 ? ` (and ${hidden} more)` : ''}`;
}

/** No route of this consumer accepts the record's message type. Never retriable: a deploy, not a retry, fixes it. */
export class UnknownMessageTypeError extends EventRuntimeError {
  override readonly name = 'UnknownMessageTypeError';
  readonly stage = 'validate' as const;

  constructor(
    readonly topic: string,
    /** The type the record claimed (header or discriminator), if any. */
    readonly messageType: string | undefined,
    readonly knownTypes: readonly string[],
  ) {
    super(
      messageType === undefined
        ? `record on ${topic} names no message type (no ce_type header, no "type" field) and the topic carries ${knownTypes.length} messages: ${knownTypes.join(', ')}`
        : `message type "${clip(messageType)}" is not consumed from ${topic} (known: ${knownTypes.join(', ') || 'none'})`,
      false,
    );
  }
}

/** A handler threw. Retriable unless the thrown error says otherwise with `retriable: false`. */
export class HandlerError extends EventRuntimeError {
  override readonly name = 'HandlerError';
  readonly stage = 'handle' as const;

  constructor(
    readonly messageName: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`${messageName} handler failed (attempt ${attempts}): ${describeCause(cause)}`, true, {
      cause,
      retriable: causeRetriable(cause),
    });
  }
}

function causeRetriable(cause: unknown): boolean | undefined {
  if (typeof cause === 'object' && cause !== null && 'retriable' in cause && typeof cause.retriable === 'boolean') {
    return cause.retriable;
  }
  return undefined;
}

/** Writing a record to its dead-letter topic failed: the record is not done and must not be committed. */
export class DeadLetterWriteError extends EventRuntimeError {
  override readonly name = 'DeadLetterWriteError';
  readonly stage = 'transport' as const;

  constructor(
    readonly deadLetterTopic: string,
    readonly source: { readonly topic: string; readonly partition: number; readonly offset: string },
    cause: unknown,
  ) {
    super(
      `cannot write ${source.topic}[${source.partition}]@${source.offset} to dead-letter topic ${deadLetterTopic}: ${describeCause(cause)}`,
      true,
      { cause },
    );
  }
}

/** Sending to the broker failed after the transport's own retries. */
export class EventSendError extends EventRuntimeError {
  override readonly name = 'EventSendError';
  readonly stage = 'transport' as const;

  constructor(
    readonly topic: string,
    readonly count: number,
    cause: unknown,
  ) {
    super(`cannot send ${count} record(s) to ${topic}: ${describeCause(cause)}`, true, {
      cause,
      retriable: causeRetriable(cause) ?? true,
    });
  }
}

/** The receiver is stopping: the record was not finished and will be delivered again (to this or another member). */
export class ProcessingAbortedError extends EventRuntimeError {
  override readonly name = 'ProcessingAbortedError';
  readonly stage = 'handle' as const;

  constructor(source: { readonly topic: string; readonly partition: number; readonly offset: string }) {
    super(
      `processing of ${source.topic}[${source.partition}]@${source.offset} was interrupted by shutdown; it stays uncommitted`,
      true,
    );
  }
}

/** A one-line description of anything thrown, including non-Error values. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message === '' ? cause.name : `${cause.name}: ${cause.message}`;
  if (typeof cause === 'string') return cause;
  try {
    return JSON.stringify(cause) ?? String(cause);
  } catch {
    return String(cause);
  }
}
