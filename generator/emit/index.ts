// Generates the TypeScript for a registry: types, validators, descriptors, per-service producers
// and consumers, and an index. Pure: returns file contents by relative path; writing is the CLI's.
import type { Diagnostic, Registry } from '../model/registry.js';
import { planGeneration } from './plan.js';
import { DEFAULT_RUNTIME_IMPORT } from './runtime-import.js';
import { emitTypes } from './emit-types.js';
import { emitValidators, type KeepOutput } from './emit-validators.js';
import { emitMessages } from './emit-messages.js';
import { emitService } from './emit-service.js';
import { emitIndex } from './emit-index.js';
import { wireFormatsOf } from './wire-formats.js';
import { DEFAULT_SCHEMA_REGISTRY_SETTINGS, type SchemaRegistrySettings } from '../schema-registry/settings.js';

export { DEFAULT_RUNTIME_IMPORT, type KeepOutput };

export interface GenerateOptions {
  /** Module specifier generated code imports the runtime from. */
  readonly runtimeImport?: string;
  /** evc.config.yaml `schemaRegistry:` (subject strategy, wire format); default topic strategy, plain JSON. */
  readonly schemaRegistry?: SchemaRegistrySettings;
  /** Output files the output directory already holds as generated (`evc generate` after an edit): see `kept`. */
  readonly keep?: KeepOutput;
}

export interface GeneratedCode {
  /** File contents by POSIX path relative to the output directory, sorted by path. */
  readonly files: ReadonlyMap<string, string>;
  /**
   * Generated files left out of `files` because `options.keep` said the output directory holds exactly their
   * content already (validator modules, the bulk of the output); empty without `keep`.
   */
  readonly kept: ReadonlySet<string>;
  /** What generated files are made of, where one key names their whole content (for the next run's `keep`). */
  readonly origins: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
}

export function generateCode(registry: Registry, options: GenerateOptions = {}): GeneratedCode {
  const runtimeImport = options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT;
  const plan = planGeneration(registry);
  const from =
    `the contracts of ${registry.services.map((s) => `${s.name} ${s.version}`).join(', ') || 'no service'}`.replace(
      /[\r\n\u2028\u2029]+/g,
      ' ',
    );
  const validators = emitValidators(plan, runtimeImport, options.keep);
  const wire = wireFormatsOf(registry, options.schemaRegistry ?? DEFAULT_SCHEMA_REGISTRY_SETTINGS);
  const files = new Map<string, string>([
    ['types.ts', emitTypes(registry, plan.types, from)],
    ['messages.ts', emitMessages(plan, runtimeImport, from, wire.formats)],
    ['index.ts', emitIndex(plan, from)],
    ...validators.files,
    ...plan.services.map((s) => [`services/${s.fileName}.ts`, emitService(plan, s, runtimeImport)] as [string, string]),
  ]);
  return {
    files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    kept: new Set(validators.kept),
    origins: validators.origins,
    diagnostics: [...validators.diagnostics, ...wire.diagnostics],
  };
}
