// Emits one precompiled validator module per message (ajv standalone code, formats included), so
// services never compile schemas at start-up. The code is ajv's; we only bundle each schema with
// its `$defs`, drop annotations, apply the exact rewrites of validator-code-tuning.ts, and point
// ajv's runtime imports at `eventcontracts/runtime`.
import { cachedValidator, storeValidator, type CompiledValidatorFiles } from './validator-cache.js';
import type { Diagnostic, JsonSchema, MessageModel } from '../model/registry.js';
import { bundleSchema } from '../model/bundle.js';
import { messageValidatorAjv, standaloneCode } from '../ajv.js';
import type { GenerationPlan } from './plan.js';
import { schemaCompile } from './generator-rules.js';
import { fileHeader, literal, ts } from './printer.js';
import { cacheKey } from '../cache/cache-entry.js';
import { codeFingerprint } from '../cache/code-fingerprint.js';
import { tuneValidatorCode } from './validator-code-tuning.js';

export interface EmittedValidators {
  /** `validators/<file>.js` and `.d.ts` contents by relative path. */
  readonly files: Map<string, string>;
  /** Validator files left out of `files` because `keep` said the output directory holds them already. */
  readonly kept: string[];
  /** What each validator file (emitted or kept) is made of: same origin, same content (see `keep`). */
  readonly origins: Map<string, string>;
  readonly diagnostics: Diagnostic[];
}

/**
 * Whether the output directory holds `file` exactly as an earlier run of this build of evc wrote it from `origin`
 * (generator/cache/output-manifest.ts): its content is then known without reading the compiled module back.
 */
export type KeepOutput = (file: string, origin: string) => boolean;

/** The parts of a message a validator module checks. */
export type Role = 'payload' | 'key' | 'headers';

const EXPORT_NAMES = { payload: 'validatePayload', key: 'validateKey', headers: 'validateHeaders' } as const;

export function emitValidators(plan: GenerationPlan, runtimeImport: string, keep?: KeepOutput): EmittedValidators {
  const files = new Map<string, string>();
  const kept: string[] = [];
  const origins = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const message of plan.registry.messages) {
    const file = plan.validatorFiles.get(message)!;
    const from = `the contract of message ${JSON.stringify(message.name).replace(/[\r\n\u2028\u2029]/g, ' ')}`;
    for (const job of validatorJobs(message, runtimeImport)) {
      // A file's content is its header (naming the message) and the compiled module, which its cache key names.
      const origin = cacheKey([job.cacheKey, from]);
      const module = `${file}${job.moduleSuffix}`;
      const js = `validators/${module}.js`;
      const dts = `validators/${module}.d.ts`;
      origins.set(js, origin).set(dts, origin);
      if (keep?.(js, origin) && keep(dts, origin)) {
        kept.push(js, dts);
        continue;
      }
      const compiled = cachedValidator(job.cacheKey) ?? compileAndStore(job);
      if ('failures' in compiled) {
        diagnostics.push(...compiled.failures.map((failure) => compileFailure(message, failure)));
        continue;
      }
      // The file header naming the message is added here: messages sharing a schema share one compilation.
      files.set(js, `${fileHeader(from).text}${compiled.js}`);
      files.set(dts, `${fileHeader(from).text}${compiled.dts}`);
    }
  }
  return { files, kept, origins, diagnostics };
}

/** One validator module to compile: plain data (it may be sent to a worker thread), keyed by its content. */
export interface ValidatorJob {
  /** Appended to the message's validator file name: `''` for payload and key, `.headers` for headers. */
  readonly moduleSuffix: string;
  readonly roles: readonly Role[];
  readonly coerce: boolean;
  readonly runtimeImport: string;
  /** Each role's schema bundled with its `$defs`, annotations dropped; undefined where the message has none. */
  readonly bundles: readonly (JsonSchema | undefined)[];
  /** sha256 of everything above, the ajv version and the emitted format: the validator cache's key. */
  readonly cacheKey: string;
}

/** A role whose schema ajv refused, and ajv's reason. */
export interface CompileFailure {
  readonly role: Role;
  readonly reason: string;
}

const jobsByMessage = new WeakMap<MessageModel, Map<string, readonly ValidatorJob[]>>();

/** The validator modules of one message, in file order (bundled once per message and runtime import). */
export function validatorJobs(message: MessageModel, runtimeImport: string): readonly ValidatorJob[] {
  const known = jobsByMessage.get(message) ?? new Map<string, readonly ValidatorJob[]>();
  jobsByMessage.set(message, known);
  const remembered = known.get(runtimeImport);
  if (remembered) return remembered;
  // Payload and key are validated as JSON; headers travel as strings, so their validator
  // coerces `"3"` to `3` where the schema says integer — a separate module, a separate ajv.
  const modules: [string, readonly Role[], boolean][] = [['', ['payload', 'key'], false]];
  if (message.headers !== undefined) modules.push(['.headers', ['headers'], true]);
  const jobs = modules.map(([moduleSuffix, roles, coerce]): ValidatorJob => {
    const bundles = roles.map((role) => {
      const schema = schemaOf(message, role);
      return schema === undefined ? undefined : bundleSchema(schema, { stripAnnotations: true });
    });
    // evc's code and ajv's version are part of the key (codeFingerprint): the output changes with the emitter,
    // the ajv options and the format checks, and a version number bumped by hand is easy to forget. Otherwise the
    // key is the content only: messages sharing a schema (e.g. one headers schema for all) share one compilation.
    const key = cacheKey([codeFingerprint(), runtimeImport, coerce, roles, bundles]);
    return { moduleSuffix, roles, coerce, runtimeImport, bundles, cacheKey: key };
  });
  known.set(runtimeImport, jobs);
  return jobs;
}

/** Compiles one module and stores it in the validator cache (a module ajv refuses is not stored). */
export function compileAndStore(job: ValidatorJob): CompiledValidatorFiles | { failures: CompileFailure[] } {
  const compiled = compileValidatorJob(job);
  if (!('failures' in compiled)) storeValidator(job.cacheKey, compiled);
  return compiled;
}

/**
 * One standalone validator module for some roles of a message; one ajv instance per module, so adding a message
 * never renumbers another file's functions (and modules can be compiled in any order, on any thread).
 */
export function compileValidatorJob(job: ValidatorJob): CompiledValidatorFiles | { failures: CompileFailure[] } {
  const ajv = messageValidatorAjv({ standalone: true, coerceTypes: job.coerce });
  const refs: Record<string, string> = {};
  const failures: CompileFailure[] = [];
  for (const [index, role] of job.roles.entries()) {
    const bundle = job.bundles[index];
    if (bundle === undefined) continue;
    const id = `evc:${role}`;
    try {
      ajv.addSchema(bundle, id);
      ajv.getSchema(id); // compile now so a bad schema is reported against this message
      refs[EXPORT_NAMES[role]] = id;
    } catch (error) {
      failures.push({ role, reason: (error as Error).message });
    }
  }
  if (failures.length > 0) return { failures };
  // Messages without a payload schema still get a validator, one that accepts anything.
  if (job.roles.includes('payload') && !refs.validatePayload) {
    const id = 'evc:payload';
    ajv.addSchema({}, id);
    refs.validatePayload = id;
  }
  return {
    js: `${importRuntime(tuneValidatorCode(standaloneCode(ajv, refs)), job.runtimeImport)}\n`,
    dts: validatorDeclarations(Object.keys(refs), job.runtimeImport),
  };
}

function compileFailure(message: MessageModel, failure: CompileFailure): Diagnostic {
  return {
    file: message.definition.file,
    line: message.definition.line,
    column: message.definition.column,
    severity: 'error',
    rule: schemaCompile.id,
    message: `${message.name}: the ${failure.role} schema cannot be compiled into a validator: ${failure.reason}`,
    hint: 'fix the schema (e.g. an invalid or unsafe regular expression in `pattern`)',
  };
}

function schemaOf(message: MessageModel, role: Role): JsonSchema | undefined {
  return role === 'payload' ? message.payload : role === 'key' ? message.key : message.headers;
}

/**
 * ajv's ESM standalone output still says `require("ajv/dist/runtime/<name>").default`. Inside the
 * generated code a `require("` can only come from ajv itself: JSON-serialised contract text always
 * escapes its quotes, so this rewrite cannot touch contract content.
 */
function importRuntime(code: string, runtimeImport: string): string {
  const used = new Set<string>();
  const body = code
    .replace(/^"use strict";/, '')
    .replace(/require\("ajv\/dist\/runtime\/([a-z0-9_]+)"\)\.default/g, (_match, name: string) => {
      used.add('ajvRuntime');
      return `ajvRuntime[${JSON.stringify(name)}]`;
    });
  if (/require\(/.test(body.replace(/"(?:[^"\\]|\\.)*"/g, '""')))
    throw new Error('generated validator still requires a module; update importRuntime');
  if (/\bvalidatorFormats\b/.test(body)) used.add('validatorFormats');
  if (/= contractRegExp;/.test(body)) used.add('contractRegExp');
  const names = [...used].sort();
  return `${names.length > 0 ? `import { ${names.join(', ')} } from ${JSON.stringify(runtimeImport)};\n` : ''}${body}`;
}

function validatorDeclarations(exportNames: string[], runtimeImport: string): string {
  const lines = exportNames.sort().map((name) => `export declare const ${name}: CompiledValidator;`);
  return ts`import type { CompiledValidator } from ${literal(runtimeImport)};\n\n`.text + lines.join('\n') + '\n';
}
