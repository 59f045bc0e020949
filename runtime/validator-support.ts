// What precompiled (ajv standalone) validators import at run time: ajv's small runtime helpers and
// the format checks of ajv-formats. Generated validator modules import these from
// `eventcontracts/runtime` instead of reaching into ajv's internals themselves.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);


/** ajv/dist/runtime/* by file name, as referenced from standalone code. */
export const ajvRuntime: Readonly<Record<string, unknown>> = Object.freeze({
  equal: (require('ajv/dist/runtime/equal') as { default: unknown }).default,
  ucs2length: (require('ajv/dist/runtime/ucs2length') as { default: unknown }).default,
  uri: (require('ajv/dist/runtime/uri') as { default: unknown }).default,
  validation_error: (require('ajv/dist/runtime/validation_error') as { default: unknown }).default,
});

/** ajv-formats' full format set (`date-time`, `uuid`, `email`, …) for standalone validators. */
export const validatorFormats: Readonly<Record<string, unknown>> = (require('ajv-formats/dist/formats') as { fullFormats: Record<string, unknown> }).fullFormats;
