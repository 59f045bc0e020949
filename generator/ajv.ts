// ajv and its plugins are CommonJS; this is the one place that bridges them into our ESM code.
import { createRequire } from 'node:module';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { _ as CodeTemplate } from 'ajv';
import { contractRegExp } from '../contract-conventions/index.js';

const require = createRequire(import.meta.url);

export { Ajv };
export type { Options as AjvOptions, ValidateFunction };

export const standaloneCode = (
  require('ajv/dist/standalone/index.js') as {
    default: (ajv: Ajv, refsOrFunc?: ValidateFunction | Record<string, string>) => string;
  }
).default;
export const addFormats = (require('ajv-formats') as { default: (ajv: Ajv, options?: unknown) => Ajv }).default;

/** ajv's code template tag, for options that take generated code (e.g. `code.formats`). */
export const _ = (require('ajv') as { _: typeof CodeTemplate })._;

/**
 * The one configuration of ajv for message validators, shared by the emitted standalone code
 * and by validators compiled at run time (`evc dlq replay --contracts`), so both judge alike.
 */
export function messageValidatorAjv(options: {
  standalone: boolean;
  coerceTypes?: boolean;
  warn?: (text: string) => void;
}): Ajv {
  return addFormats(
    new Ajv({
      allErrors: true,
      strict: false,
      // The loader already validated every schema against the AsyncAPI schema (which includes the
      // JSON Schema meta-schema); re-checking here would compile the meta-schema once per message (~10 ms each).
      validateSchema: false,
      coerceTypes: options.coerceTypes ?? false,
      // A property added as required with a `default` is a compatible change (see generator/compat):
      // that only holds if readers fill the default into data written before it existed.
      useDefaults: true,
      // Contract patterns are ECMAScript regular expressions with Unicode semantics, as JSON Schema says.
      unicodeRegExp: true,
      // Patterns that could backtrack catastrophically run on a linear-time engine (contract-conventions/pattern-engine.ts).
      code: {
        regExp: contractRegExp,
        ...(options.standalone ? { source: true, esm: true, lines: true, formats: _`validatorFormats` } : {}),
      },
      logger: {
        log: () => undefined,
        warn: (...args: unknown[]) => options.warn?.(args.map(String).join(' ')),
        error: () => undefined,
      },
    }),
  );
}
