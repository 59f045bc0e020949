// Emits one precompiled validator module per message (ajv standalone code, formats included), so
// services never compile schemas at start-up. The code is ajv's; we only bundle each schema with
// its `$defs`, drop annotations, and point ajv's runtime imports at `eventcontracts/runtime`.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { cachedValidator, storeValidator } from './validator-cache.js';
import type { Diagnostic, JsonSchema, MessageModel } from '../model/registry.js';
import { bundleSchema } from '../model/bundle.js';
import { messageValidatorAjv, standaloneCode } from '../ajv.js';
import type { GenerationPlan } from './plan.js';
import { schemaCompile } from './generator-rules.js';
import { fileHeader, literal, ts } from './printer.js';

export interface EmittedValidators {
  /** `validators/<file>.js` and `.d.ts` contents by relative path. */
  readonly files: Map<string, string>;
  readonly diagnostics: Diagnostic[];
}

/** The parts of a message a validator module checks. */
type Role = 'payload' | 'key' | 'headers';
/** Bump when the emitted validator files or the ajv options in generator/ajv.ts change: cached ones are recompiled. */
const VALIDATOR_FORMAT = 8;
const AJV_VERSION = (createRequire(import.meta.url)('ajv/package.json') as { version: string }).version;

const EXPORT_NAMES = { payload: 'validatePayload', key: 'validateKey', headers: 'validateHeaders' } as const;

export function emitValidators(plan: GenerationPlan, runtimeImport: string): EmittedValidators {
  const files = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const message of plan.registry.messages) {
    const file = plan.validatorFiles.get(message)!;
    // Payload and key are validated as JSON; headers travel as strings, so their validator
    // coerces `"3"` to `3` where the schema says integer — a separate module, a separate ajv.
    const modules: [string, readonly Role[], boolean][] = [[file, ['payload', 'key'], false]];
    if (message.headers !== undefined) modules.push([`${file}.headers`, ['headers'], true]);
    for (const [module, roles, coerce] of modules) {
      const compiled = compileModule(message, roles, coerce, runtimeImport);
      if ('diagnostics' in compiled) {
        diagnostics.push(...compiled.diagnostics);
        continue;
      }
      files.set(`validators/${module}.js`, compiled.js);
      files.set(`validators/${module}.d.ts`, compiled.dts);
    }
  }
  return { files, diagnostics };
}

/** One standalone validator module for some roles of a message; one ajv instance per module, so
 * adding a message never renumbers another file's functions. */
function compileModule(
  message: MessageModel,
  roles: readonly Role[],
  coerce: boolean,
  runtimeImport: string,
): { js: string; dts: string } | { diagnostics: Diagnostic[] } {
  const bundles = roles.map((role) => {
    const schema = schemaOf(message, role);
    return schema === undefined ? undefined : bundleSchema(schema, { stripAnnotations: true });
  });
  // The ajv version is part of the key: its output changes with it.
  // The key is the content only: messages sharing a schema (e.g. one headers schema for all)
  // share one compilation; the file header naming the message is added afterwards.
  const cacheKey = createHash('sha256')
    .update(JSON.stringify([VALIDATOR_FORMAT, AJV_VERSION, runtimeImport, coerce, roles, bundles]))
    .digest('hex');
  const from = `the contract of message ${JSON.stringify(message.name).replace(/[\r\n\u2028\u2029]/g, ' ')}`;
  const withHeader = (body: { js: string; dts: string }): { js: string; dts: string } => ({
    js: `${fileHeader(from).text}${body.js}`,
    dts: `${fileHeader(from).text}${body.dts}`,
  });
  const cached = cachedValidator(cacheKey);
  if (cached) return withHeader(cached);
  const ajv = messageValidatorAjv({ standalone: true, coerceTypes: coerce });
  const refs: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [index, role] of roles.entries()) {
    const bundle = bundles[index];
    if (bundle === undefined) continue;
    const id = `evc:${role}`;
    try {
      ajv.addSchema(bundle, id);
      ajv.getSchema(id); // compile now so a bad schema is reported against this message
      refs[EXPORT_NAMES[role]] = id;
    } catch (error) {
      diagnostics.push({
        file: message.definition.file,
        line: message.definition.line,
        column: message.definition.column,
        severity: 'error',
        rule: schemaCompile.id,
        message: `${message.name}: the ${role} schema cannot be compiled into a validator: ${(error as Error).message}`,
        hint: 'fix the schema (e.g. an invalid or unsafe regular expression in `pattern`)',
      });
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  // Messages without a payload schema still get a validator, one that accepts anything.
  if (roles.includes('payload') && !refs.validatePayload) {
    const id = 'evc:payload';
    ajv.addSchema({}, id);
    refs.validatePayload = id;
  }
  const body = {
    js: `${importRuntime(standaloneCode(ajv, refs), runtimeImport)}\n`,
    dts: validatorDeclarations(Object.keys(refs), runtimeImport),
  };
  storeValidator(cacheKey, body);
  return withHeader(body);
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
