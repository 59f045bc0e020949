// Runs a message's precompiled validators over payload, key and headers and turns their verdict
// into one EventValidationError. Shared by the sender (before sending) and the receiver (before
// handling) so both sides judge a message by the same rules and report it in the same words.
import type { CompiledValidator, MessageDescriptor } from './contract.js';
import { EventValidationError, toValidationFailures, type EventPart, type ValidationFailure } from './errors.js';

/** Failures of one part, or undefined when it is valid. A validator that throws counts as a failure, not a crash. */
export function checkPart(
  part: EventPart,
  validator: CompiledValidator,
  data: unknown,
): ValidationFailure[] | undefined {
  let valid: boolean;
  try {
    valid = validator(data);
  } catch (error) {
    // e.g. a RangeError from a recursive schema on hostile input: the message is rejected, the consumer lives on.
    return [
      {
        part,
        field: '/',
        rule: 'validator-error',
        message: `validator threw ${error instanceof Error ? error.name : 'a non-error'}`,
        params: {},
      },
    ];
  }
  return valid ? undefined : toValidationFailures(part, validator.errors);
}

/** What the sender and the receiver validate: the key only when the contract's encoding carries one. */
export interface EventParts {
  readonly payload: unknown;
  readonly key?: unknown;
  readonly headers?: unknown;
}

/** Validates all three parts (so one error lists everything wrong) and throws if any failed. */
export function assertValidEvent(descriptor: MessageDescriptor, parts: EventParts): void {
  const payloadFailures = checkPart('payload', descriptor.validatePayload, parts.payload);
  const keyFailures =
    descriptor.validateKey === undefined || descriptor.keyEncoding === 'none'
      ? undefined
      : checkPart('key', descriptor.validateKey, parts.key);
  const headerFailures =
    descriptor.validateHeaders === undefined
      ? undefined
      : checkPart('headers', descriptor.validateHeaders, parts.headers ?? {});
  if (payloadFailures === undefined && keyFailures === undefined && headerFailures === undefined) return;
  throw new EventValidationError(descriptor.name, [
    ...(payloadFailures ?? []),
    ...(keyFailures ?? []),
    ...(headerFailures ?? []),
  ]);
}
