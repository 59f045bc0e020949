// Standalone validators run the way generated validator modules run: the generator's one ajv configuration, ajv's
// standalone code with the generator's tunings, and the runtime's formats, pattern engine and ajv helpers in place of
// ajv's own modules. For benchmarks (bench/route-planned.ts) and for tests that compare tuned and untuned code.
import { compileFunction } from 'node:vm';
import type { AnySchema } from 'ajv';
import { messageValidatorAjv, standaloneCode } from '../../generator/ajv.js';
import { tuneValidatorCode } from '../../generator/emit/validator-code-tuning.js';
import { ajvRuntime, contractRegExp, validatorFormats, type CompiledValidator } from '../../runtime/index.js';

export interface StandaloneOptions {
  readonly coerceTypes?: boolean;
  /** Apply generator/emit/validator-code-tuning.ts, as `evc generate` does (default true). */
  readonly tuned?: boolean;
}

/** One standalone module validating each of `schemas`, under its key. */
export function compileStandalone<K extends string>(
  schemas: Record<K, AnySchema>,
  options: StandaloneOptions = {},
): Record<K, CompiledValidator> {
  const ajv = messageValidatorAjv({ standalone: true, coerceTypes: options.coerceTypes ?? false });
  const refs: Record<string, string> = {};
  for (const [name, schema] of Object.entries<AnySchema>(schemas)) {
    ajv.addSchema(schema, name);
    refs[name] = name;
  }
  const code = standaloneCode(ajv, refs);
  return loadStandalone<K>(options.tuned === false ? code : tuneValidatorCode(code));
}

/** Evaluates a standalone module's code; its exports are returned. */
export function loadStandalone<K extends string>(code: string): Record<K, CompiledValidator> {
  const exports: Record<string, CompiledValidator> = {};
  const runtimeModule = (id: string) => {
    const name = /^ajv\/dist\/runtime\/([a-z0-9_]+)$/.exec(id)?.[1];
    if (name === undefined || !(name in ajvRuntime)) throw new Error(`standalone validator requires ${id}`);
    return { default: ajvRuntime[name] };
  };
  // The ES module form (`export const name = …`) run as a function body: the exports become assignments.
  const body = code.replace(/^export const (\w+) = /gm, 'exports.$1 = ');
  const load = compileFunction(body, ['require', 'exports', 'validatorFormats', 'contractRegExp']) as (
    ...args: unknown[]
  ) => void;
  load(runtimeModule, exports, validatorFormats, contractRegExp);
  return exports;
}
