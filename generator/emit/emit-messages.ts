// Emits `messages.ts`: one MessageDescriptor per (message, topic) — the name, topic, owning
// service, contract version, key encoding and precompiled validators the runtime works with.
import type { JsonSchema } from '../model/registry.js';
import type { GenerationPlan } from './plan.js';
import { camelCase } from './naming.js';
import { block, Code, docComment, fileHeader, ident, join, literal, ts } from './printer.js';
import type { ConfluentWireFormat } from '../../contract-conventions/index.js';
import { wireFormatKey } from './wire-formats.js';

export function keyEncoding(key: JsonSchema | undefined): 'none' | 'string' | 'json' {
  if (key === undefined) return 'none';
  if (typeof key === 'object') {
    const types = Array.isArray(key.type) ? key.type : [key.type];
    if (types.includes('object') || types.includes('array') || 'properties' in key) return 'json';
  }
  return 'string';
}

export function emitMessages(
  plan: GenerationPlan,
  runtimeImport: string,
  from: string,
  wireFormats: ReadonlyMap<string, ConfluentWireFormat> = new Map(),
): string {
  const typeImports = new Set<string>();
  const imports: Code[] = [];
  const bodies: Code[] = [];
  const validatorModule = new Map<string, string>();
  for (const message of plan.registry.messages) {
    const file = plan.validatorFiles.get(message)!;
    const alias = `${camelCase(plan.messageBase.get(message)!)}Validators`;
    validatorModule.set(file, alias);
    imports.push(ts`import * as ${ident(alias)} from ${literal(`./validators/${file}.js`)};\n`);
    if (message.headers !== undefined)
      imports.push(ts`import * as ${ident(headerAlias(alias))} from ${literal(`./validators/${file}.headers.js`)};\n`);
  }
  for (const descriptor of plan.descriptors) {
    const { message } = descriptor;
    const names = plan.types.messages.get(message)!;
    const validators = ident(validatorModule.get(plan.validatorFiles.get(message)!)!);
    for (const n of [names.payload, names.key, names.headers]) if (n) typeImports.add(n);
    const typeArgs = join(
      [
        ident(names.payload),
        names.key ? ident(names.key) : ts`undefined`,
        names.headers ? ident(names.headers) : ts`undefined`,
      ],
      ', ',
    );
    const owner = descriptor.owner;
    const doc = docComment([
      `${message.name} on topic ${descriptor.topic}${owner ? `, owned by ${owner.name} ${owner.version}` : ''}.`,
      message.summary,
      message.description,
    ]);
    const headerValidators = (m: typeof message): Code =>
      ident(headerAlias(validatorModule.get(plan.validatorFiles.get(m)!)!));
    const optionalValidators = [
      message.key !== undefined ? ts`  validateKey: ${validators}.validateKey,\n` : ts``,
      message.headers !== undefined ? ts`  validateHeaders: ${headerValidators(message)}.validateHeaders,\n` : ts``,
    ];
    if (message.avro?.encoding === 'binary')
      optionalValidators.push(ts`  avroBinary: { schema: ${literal(message.avro.text)} },\n`);
    const wire = wireFormats.get(wireFormatKey(descriptor.topic, message.name));
    if (wire !== undefined) {
      const [format, subject, schema] = [literal(wire.format), literal(wire.subject), literal(wire.schema)];
      optionalValidators.push(ts`  wireFormat: { format: ${format}, subject: ${subject}, schema: ${schema} },\n`);
    }
    bodies.push(block`
      ${doc}export const ${ident(descriptor.constName)}: MessageDescriptor<${typeArgs}> = {
        name: ${literal(message.name)},
        topic: ${literal(descriptor.topic)},
        service: ${literal(owner?.name ?? '')},
        contractVersion: ${literal(owner?.version ?? '0.0.0')},
        contentType: ${literal(message.contentType ?? 'application/json')},
        keyEncoding: ${literal(keyEncoding(message.key))},
        validatePayload: ${validators}.validatePayload,
      ${optionalValidators}};
    `);
  }
  const typeList = [...typeImports].sort().map((n) => ident(n));
  return (
    ts`${fileHeader(from)}import type { MessageDescriptor } from ${literal(runtimeImport)};\n`.text +
    (typeList.length ? ts`import type { ${join(typeList, ', ')} } from ${literal('./types.js')};\n`.text : '') +
    `${join(imports, '').text}\n${join(bodies, '\n').text}`
  );
}

/** `routeCalculatedValidators` → `routeCalculatedHeaderValidators`. */
function headerAlias(alias: string): string {
  return alias.replace(/Validators$/, 'HeaderValidators');
}
