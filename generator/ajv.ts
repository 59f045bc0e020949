// ajv and its plugins are CommonJS; this is the one place that bridges them into our ESM code.
import { createRequire } from 'node:module';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { _ as CodeTemplate } from 'ajv';
import { contractRegExp, isUuid } from '../contract-conventions/index.js';
import { useJsonEqualInAjv } from './ajv-json-equal.js';

const require = createRequire(import.meta.url);

export { Ajv };
export type { Options as AjvOptions, ValidateFunction };

export const standaloneCode = (
  require('ajv/dist/standalone/index.js') as {
    default: (ajv: Ajv, refsOrFunc?: ValidateFunction | Record<string, string>) => string;
  }
).default;
export const addFormats = (require('ajv-formats') as { default: (ajv: Ajv, options?: unknown) => Ajv }).default;

type Vocabulary = Parameters<Ajv['addVocabulary']>[0];
const nextVocabulary = (require('ajv/dist/vocabularies/next') as { default: Vocabulary }).default;
const unevaluatedVocabulary = (require('ajv/dist/vocabularies/unevaluated') as { default: Vocabulary }).default;

/**
 * ajv's draft-07 class plus the 2019-09 keywords a contract may use to constrain data:
 * `unevaluatedProperties`/`unevaluatedItems`, `dependentRequired`/`dependentSchemas` and
 * `minContains`/`maxContains` (draft-07 ajv silently ignores them). A model closed with
 * `unevaluatedProperties: false` gets a validator that closes it, so `evc check` may rely on it.
 * Not ajv's Ajv2019 class: its `$recursiveRef` support adds evaluation bookkeeping to every
 * validator function, which no contract needs.
 */
class MessageAjv extends Ajv {
  constructor(options: Options) {
    super({ ...options, next: true, unevaluated: true });
  }

  override _addVocabularies(): void {
    super._addVocabularies();
    this.addVocabulary(nextVocabulary);
    this.addVocabulary(unevaluatedVocabulary);
  }
}

useJsonEqualInAjv();

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
  const ajv = addFormats(
    new MessageAjv({
      allErrors: true,
      // Declared names are data: a payload without an optional `toString` is not checked against
      // Object.prototype.toString, and a missing required `constructor` is reported as missing.
      ownProperties: true,
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
      // Patterns that could backtrack catastrophically run on a linear-time engine
      // (contract-conventions/pattern-engine.ts).
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
  // A check function, not ajv-formats' expression: standalone code then calls the runtime's `validatorFormats.uuid`
  // (the same check, see contract-conventions/uuid-format.ts) instead of inlining a slower case-insensitive regex.
  return ajv.addFormat('uuid', { type: 'string', validate: isUuid });
}
