// Emits one precompiled validator module per message (ajv standalone code, formats included), so
// services never compile schemas at start-up. The code is ajv's; we only bundle each schema with
// its `$defs`, drop annotations, and point ajv's runtime imports at `eventcontracts/runtime`.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { cachedValidator, storeValidator } from './validator-cache.js';
import type { Diagnostic, JsonSchema, MessageModel } from '../model/registry.js';
import { bundleSchema } from '../model/bundle.js';
import { type Ajv, messageValidatorAjv, standaloneCode } from '../ajv.js';
import type { GenerationPlan } from './plan.js';
import { fileHeader, literal, ts } from './printer.js';

export interface EmittedValidators {
  /** `validators/<file>.js` and `.d.ts` contents by relative path. */
  readonly files: Map<string, string>;
  readonly diagnostics: Diagnostic[];
}

const ROLES = ['payload', 'key', 'headers'] as const;
/** Bump when the emitted validator files change shape, so cached ones are recompiled. */
const VALIDATOR_FORMAT = 2;
const AJV_VERSION = (createRequire(import.meta.url)('ajv/package.json') as { version: string }).version;

const EXPORT_NAMES = { payload: 'validatePayload', key: 'validateKey', headers: 'validateHeaders' } as const;

export function emitValidators(plan: GenerationPlan, runtimeImport: string): EmittedValidators {
  const files = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const warnings: string[] = [];
  // One ajv instance per message: ajv numbers its functions per instance, so a shared one would
  // renumber every validator file whenever a message is added.
  const newAjv = (): Ajv => messageValidatorAjv({ standalone: true, warn: (text) => void warnings.push(text) });

  for (const message of plan.registry.messages) {
    const file = plan.validatorFiles.get(message)!;
    const bundles = ROLES.map((role) => {
      const schema = schemaOf(message, role);
      return schema === undefined ? undefined : bundleSchema(schema, { stripAnnotations: true });
    });
    // The ajv version is part of the key: its output changes with it.
    const cacheKey = createHash('sha256').update(JSON.stringify([VALIDATOR_FORMAT, AJV_VERSION, file, message.name, runtimeImport, bundles])).digest('hex');
    const cached = cachedValidator(cacheKey);
    if (cached) {
      files.set(`validators/${file}.js`, cached.js);
      files.set(`validators/${file}.d.ts`, cached.dts);
      continue;
    }
    const ajv = newAjv();
    const refs: Record<string, string> = {};
    let failed = false;
    for (const [index, role] of ROLES.entries()) {
      const bundle = bundles[index];
      if (bundle === undefined) continue;
      const id = `evc:${file}/${role}`;
      try {
        ajv.addSchema(bundle as object, id);
        ajv.getSchema(id); // compile now so a bad schema is reported against this message
        refs[EXPORT_NAMES[role]] = id;
      } catch (error) {
        failed = true;
        diagnostics.push({
          file: message.definition.file,
          line: message.definition.line,
          column: message.definition.column,
          severity: 'error',
          rule: 'schema-compile',
          message: `${message.name}: the ${role} schema cannot be compiled into a validator: ${(error as Error).message}`,
          hint: 'fix the schema (e.g. an invalid regular expression in `pattern`)',
        });
      }
    }
    if (failed) continue;
    // Messages without a payload schema still get a validator, one that accepts anything.
    if (!refs.validatePayload) {
      const id = `evc:${file}/payload`;
      ajv.addSchema({}, id);
      refs.validatePayload = id;
    }
    const code = standaloneCode(ajv, refs);
    const js = `${fileHeader(`the contract of message ${JSON.stringify(message.name).replace(/[\r\n\u2028\u2029]/g, ' ')}`).text}${importRuntime(code, runtimeImport)}\n`;
    const dts = validatorDeclarations(Object.keys(refs), runtimeImport, message);
    storeValidator(cacheKey, { js, dts });
    files.set(`validators/${file}.js`, js);
    files.set(`validators/${file}.d.ts`, dts);
  }
  return { files, diagnostics };
}

function schemaOf(message: MessageModel, role: (typeof ROLES)[number]): JsonSchema | undefined {
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
  if (/require\(/.test(body.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) throw new Error('generated validator still requires a module; update importRuntime');
  if (/\bvalidatorFormats\b/.test(body)) used.add('validatorFormats');
  if (/= contractRegExp;/.test(body)) used.add('contractRegExp');
  const names = [...used].sort();
  return `${names.length > 0 ? `import { ${names.join(', ')} } from ${JSON.stringify(runtimeImport)};\n` : ''}${body}`;
}

function validatorDeclarations(exportNames: string[], runtimeImport: string, message: MessageModel): string {
  const lines = exportNames.sort().map((name) => `export declare const ${name}: CompiledValidator;`);
  return ts`${fileHeader(`the contract of message ${JSON.stringify(message.name).replace(/[\r\n\u2028\u2029]/g, ' ')}`)}import type { CompiledValidator } from ${literal(runtimeImport)};\n\n`.text + lines.join('\n') + '\n';
}
