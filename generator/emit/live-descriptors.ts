// Message descriptors built in memory from a contracts directory, with validators compiled on the
// spot: for tools that must judge records against the contracts as they are now (`evc dlq replay
// --contracts`) without generated code. Same plan and ajv settings as `evc generate`.
import type { MessageDescriptor, CompiledValidator } from '../../contract-conventions/index.js';
import type { JsonSchema, Registry } from '../model/registry.js';
import { bundleSchema } from '../model/bundle.js';
import { messageValidatorAjv } from '../ajv.js';
import { planGeneration } from './plan.js';
import { keyEncoding } from './emit-messages.js';

export function liveDescriptors(registry: Registry): Map<string, MessageDescriptor> {
  const ajv = messageValidatorAjv({ standalone: false });
  // Headers arrive as strings: same coercion as the generated header validators.
  const headersAjv = messageValidatorAjv({ standalone: false, coerceTypes: true });
  const compileWith = (instance: typeof ajv, schema: JsonSchema | undefined): CompiledValidator | undefined =>
    schema === undefined ? undefined : instance.compile(bundleSchema(schema, { stripAnnotations: true }) as object);
  const compile = (schema: JsonSchema | undefined): CompiledValidator | undefined => compileWith(ajv, schema);
  const descriptors = new Map<string, MessageDescriptor>();
  for (const plan of planGeneration(registry).descriptors) {
    const { message } = plan;
    if (descriptors.has(message.name)) continue;
    const validateKey = compile(message.key);
    const validateHeaders = compileWith(headersAjv, message.headers);
    descriptors.set(message.name, {
      name: message.name,
      topic: plan.topic,
      service: plan.owner?.name ?? '',
      contractVersion: plan.owner?.version ?? '0.0.0',
      contentType: message.contentType ?? 'application/json',
      keyEncoding: keyEncoding(message.key),
      validatePayload: compile(message.payload) ?? compile({})!,
      ...(validateKey ? { validateKey } : {}),
      ...(validateHeaders ? { validateHeaders } : {}),
      ...(message.avro?.encoding === 'binary' ? { avroBinary: { schema: message.avro.text } } : {}),
    });
  }
  return descriptors;
}
