// ajv and its plugins are CommonJS; this is the one place that bridges them into our ESM code.
import { createRequire } from 'node:module';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { _ as CodeTemplate } from 'ajv';

const require = createRequire(import.meta.url);

export { Ajv };
export type { Options as AjvOptions, ValidateFunction };

export const standaloneCode = require('ajv/dist/standalone/index.js').default as (ajv: Ajv, refsOrFunc?: ValidateFunction | Record<string, string>) => string;
export const addFormats = require('ajv-formats').default as (ajv: Ajv, options?: unknown) => Ajv;

/** ajv's code template tag, for options that take generated code (e.g. `code.formats`). */
export const _ = (require('ajv') as { _: typeof CodeTemplate })._;
