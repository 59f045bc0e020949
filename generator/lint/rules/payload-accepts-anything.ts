// A payload schema without constraints validates nothing: producers can send anything and the
// generated type is `unknown`, so consumers get no help and compatibility checks see no change.
import type { JsonSchema, MessageModel } from '../../model/registry.js';
import { isUnresolvedRef } from '../../model/registry.js';
import { isJsonSchemaFormat } from '../../model/schema-format.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

const ANNOTATIONS = new Set([
  'title',
  'description',
  '$comment',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$schema',
  '$id',
]);

export function acceptsAnything(schema: JsonSchema | undefined): boolean {
  if (schema === undefined || schema === true) return true;
  if (schema === false) return false;
  return Object.keys(schema).every((k) => ANNOTATIONS.has(k) || k.startsWith('x-'));
}

export const payloadAcceptsAnything: LintRule = {
  id: 'payload-accepts-anything',
  category: 'PAYLOAD',
  severity: 'warning',
  detectedBy: 'registry',
  description: 'A message payload schema should constrain its data (a type, properties, …).',
  check(registry) {
    return registry.messages
      .filter((m) => acceptsAnything(m.payload) && !payloadElsewhere(m))
      .map((m) =>
        finding(
          this,
          m.definition,
          `${m.name}: the payload schema ${m.payload === undefined ? 'is missing' : 'has no constraints'}, so any value is accepted`,
          'describe the payload with `type: object` and its `properties`',
        ),
      );
  },
};

/**
 * Payloads this rule cannot judge: an unresolved `$ref` (the loader reported it; a second finding
 * would send the reader the wrong way) or a schema in another format (Avro, Protobuf, …).
 */
function payloadElsewhere(message: MessageModel): boolean {
  const written = message.raw.payload;
  if (isUnresolvedRef(message.raw) || isUnresolvedRef(written)) return true;
  if (typeof message.raw.schemaFormat === 'string' && !isJsonSchemaFormat(message.raw.schemaFormat)) return true;
  if (typeof written !== 'object' || written === null) return false;
  const format = (written as { schemaFormat?: unknown }).schemaFormat;
  const schema = (written as { schema?: unknown }).schema;
  return typeof format === 'string' && (!isJsonSchemaFormat(format) || isUnresolvedRef(schema));
}
