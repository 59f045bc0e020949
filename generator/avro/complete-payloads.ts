// The loader's Avro step, run once every document is resolved (a schema may use a named type that
// another message's schema or another `.avsc` file defines): check each Avro payload schema, and
// give its message the model's Avro form and the JSON Schema of its JSON encoding.
import type { AvroEncoding, AvroPayload, AvroSchemaObject } from '../model/avro-payload.js';
import type { Diagnostic, JsonSchema, MessageModel, SourceLocation } from '../model/registry.js';
import { locationOf } from '../model/registry.js';
import { checkAvroDefaults } from './check-defaults.js';
import { jsonSchemaOfAvro, type SharedNamedTypes } from './json-schema-form.js';
import { indexNamedTypes, type NamedTypeDefinition } from './named-type-index.js';
import { normaliseAvroSchema } from './normalise-schema.js';
import { ambiguousUnions } from './binary-unions.js';
import { avroBinaryUnion, avroSchemaInvalid } from './avro-rules.js';

/** An Avro payload the document builder met, waiting for this step. */
export interface PendingAvroPayload {
  readonly message: MessageModel;
  readonly schemaFormat: string;
  /** The schema as written (resolved): object, array or type name. */
  readonly schema: unknown;
  /** Where the payload is written, for schemas that are a bare type name (no location of their own). */
  readonly location: SourceLocation;
}

/** contentTypes that ask for Avro's binary encoding. */
const BINARY_CONTENT_TYPES = /^\s*(avro\/binary|application\/vnd\.apache\.avro\+binary)\s*(;|$)/i;

export function avroEncodingOf(contentType: string | undefined): AvroEncoding {
  return contentType !== undefined && BINARY_CONTENT_TYPES.test(contentType) ? 'binary' : 'json';
}

/**
 * `avroFiles`: the (resolved) `.avsc` files of the contracts, sorted; their named types are
 * available by name like those of the payload schemas (a payload's own definition comes first).
 */
export async function completeAvroPayloads(
  pending: readonly PendingAvroPayload[],
  avroFiles: readonly unknown[] = [],
): Promise<Diagnostic[]> {
  // The runtime's entry loads both Kafka clients (about a second of CPU): only registries that send
  // Avro binary need its codec, so only they pay for loading it, at their first such payload.
  let avroBinaryCodec: typeof import('../../runtime/index.js').avroBinaryCodec | undefined;
  const index = new Map<string, NamedTypeDefinition>();
  for (const entry of pending) indexNamedTypes(entry.schema, index);
  for (const file of avroFiles) indexNamedTypes(file, index);
  const diagnostics: Diagnostic[] = [];
  const done = new Set<MessageModel>();
  const shared: SharedNamedTypes = new Map();
  for (const entry of pending) {
    if (done.has(entry.message)) continue;
    done.add(entry.message);
    const what = `${entry.message.name}'s Avro payload`;
    const location = locationOf(entry.schema) ?? entry.location;
    const normalised = normaliseAvroSchema(entry.schema, location, index, what);
    if ('diagnostics' in normalised) {
      diagnostics.push(...normalised.diagnostics);
      continue;
    }
    const invalidDefaults = checkAvroDefaults(normalised, what);
    if (invalidDefaults.length > 0) {
      diagnostics.push(...invalidDefaults);
      continue;
    }
    const encoding = avroEncodingOf(entry.message.contentType);
    if (encoding === 'binary') {
      const ambiguous = ambiguousUnions(normalised.schema, normalised.namedTypes);
      for (const union of ambiguous)
        diagnostics.push({
          ...(union.at ?? location),
          severity: 'error',
          rule: avroBinaryUnion.id,
          message: `${what}: this union has two branches whose values are both JSON ${union.kind}s (a map counts as an array here), so evc cannot tell which branch a value is in Avro binary`,
          hint: 'wrap the alternatives in records with distinct fields, or send this message with the JSON encoding (contentType application/json)',
        });
      if (ambiguous.length > 0) continue;
      // The runtime builds its codec from this text at the first send or receive: build it now, so
      // whatever avsc refuses is a finding here, not an exception in a running service.
      avroBinaryCodec ??= (await import('../../runtime/index.js')).avroBinaryCodec;
      try {
        avroBinaryCodec({ schema: JSON.stringify(normalised.schema) });
      } catch (error) {
        diagnostics.push({
          ...location,
          severity: 'error',
          rule: avroSchemaInvalid.id,
          message: `${what}: the Avro binary codec cannot be built: ${error instanceof Error ? error.message : String(error)}`,
          hint: 'send this message with the JSON encoding (contentType application/json), or simplify the schema',
        });
        continue;
      }
    }
    const top = normalised.schema;
    const topName = typeof top === 'string' ? top : Array.isArray(top) ? undefined : (top as AvroSchemaObject).name;
    const name = typeof topName === 'string' && normalised.namedTypes.has(topName) ? topName : undefined;
    const avro: AvroPayload = {
      format: 'avro',
      schemaFormat: entry.schemaFormat,
      schema: top,
      text: JSON.stringify(top),
      ...(name !== undefined ? { name } : {}),
      namedTypes: normalised.namedTypes,
      encoding,
      location,
    };
    const payload: JsonSchema = jsonSchemaOfAvro(top, normalised.namedTypes, shared);
    // The loader completes the model it built: the message object is already shared by documents.
    Object.assign(entry.message as { avro?: AvroPayload; payload?: JsonSchema }, { avro, payload });
  }
  return diagnostics;
}
