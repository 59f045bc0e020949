// What precompiled (ajv standalone) validators import at run time: ajv's small runtime helpers and
// the format checks of ajv-formats. Generated validator modules import these from
// `eventcontracts/runtime` instead of reaching into ajv's internals themselves.
import { createRequire } from 'node:module';
import { codePointLength } from './code-point-length.js';
import { isRfc3339Date, isRfc3339DateTime, isRfc3339Time } from './rfc3339-formats.js';
import { isUuid, jsonEqual } from '../contract-conventions/index.js';

const require = createRequire(import.meta.url);

/** ajv/dist/runtime/* by file name, as referenced from standalone code. */
export const ajvRuntime: Readonly<Record<string, unknown>> = Object.freeze({
  // Not ajv's fast-deep-equal: it calls a payload's own `toString`/`valueOf` (see contract-conventions/json-equal.ts).
  equal: jsonEqual,
  // Not ajv's ucs2length: the same count with a native scan for the common string without surrogates.
  ucs2length: codePointLength,
  uri: (require('ajv/dist/runtime/uri') as { default: unknown }).default,
  validation_error: (require('ajv/dist/runtime/validation_error') as { default: unknown }).default,
});

interface FormatDefinition {
  readonly validate: (text: string) => boolean;
  readonly compare?: unknown;
}

const fullFormats = (require('ajv-formats/dist/formats') as { fullFormats: Record<string, unknown> }).fullFormats;

/** The same definition with a faster check that accepts exactly the same strings (see rfc3339-formats.ts). */
function withCheck(name: string, validate: (text: string) => boolean): FormatDefinition {
  return { ...(fullFormats[name] as FormatDefinition), validate };
}

/**
 * ajv-formats' full format set (`date-time`, `uuid`, `email`, …) for standalone validators, with
 * the RFC 3339 checks, which run for every timestamp of every event, replaced by equivalent ones
 * that do not allocate, and the uuid check (ids of every event) by one without a regular expression.
 */
export const validatorFormats: Readonly<Record<string, unknown>> = Object.freeze({
  ...fullFormats,
  date: withCheck('date', isRfc3339Date),
  time: withCheck('time', isRfc3339Time),
  'date-time': withCheck('date-time', isRfc3339DateTime),
  uuid: withCheck('uuid', isUuid),
});
