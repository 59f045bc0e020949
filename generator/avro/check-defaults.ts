// Checks field and enum defaults the way Avro does (a union's default matches its first branch),
// with avsc as the judge: each default is tried on its own, so the diagnostic names its field.
import avsc from 'avsc';
import type { AvroSchema, AvroSchemaObject } from '../model/avro-payload.js';
import type { Diagnostic } from '../model/registry.js';
import { NAMED_KINDS } from './avro-names.js';
import { avroDefaultInvalid, avroSchemaInvalid } from './avro-rules.js';
import type { NormalisedSchema } from './normalise-schema.js';

/** Defaults are not checked here: each is checked on its own below. */
function withoutDefaults(schema: AvroSchema): AvroSchema {
  if (typeof schema === 'string') return schema;
  if (Array.isArray(schema)) return schema.map(withoutDefaults);
  const node = schema as AvroSchemaObject;
  const out: Record<string, unknown> = { ...node };
  if (Array.isArray(node.fields))
    out.fields = (node.fields as Record<string, unknown>[]).map(({ default: _default, ...field }) => ({
      ...field,
      type: withoutDefaults(field.type as AvroSchema),
    }));
  if (node.type === 'enum') delete out.default;
  if ('items' in node) out.items = withoutDefaults(node.items as AvroSchema);
  if ('values' in node) out.values = withoutDefaults(node.values as AvroSchema);
  return out as AvroSchemaObject;
}

/** A named type written in full becomes a reference by name: the probe finds it in the registry. */
function byName(schema: AvroSchema): AvroSchema {
  if (typeof schema === 'string') return schema;
  if (Array.isArray(schema)) return schema.map(byName);
  const node = schema as AvroSchemaObject;
  if (typeof node.type === 'string' && NAMED_KINDS.has(node.type) && typeof node.name === 'string') return node.name;
  const out: Record<string, unknown> = { ...node };
  if ('items' in node) out.items = byName(node.items as AvroSchema);
  if ('values' in node) out.values = byName(node.values as AvroSchema);
  return out as AvroSchemaObject;
}

const PROBE = 'evc_default_probe.Probe';

export function checkAvroDefaults(normalised: NormalisedSchema, what: string, at: Diagnostic): Diagnostic[] {
  const registry: Record<string, avsc.Type> = {};
  try {
    avsc.Type.forSchema(withoutDefaults(normalised.schema) as avsc.Schema, { registry });
  } catch (error) {
    return [
      {
        ...at,
        rule: avroSchemaInvalid.id,
        message: `${what}: not a valid Avro schema: ${(error as Error).message}`,
      },
    ];
  }
  const diagnostics: Diagnostic[] = [];
  for (const entry of normalised.defaults) {
    try {
      avsc.Type.forSchema(
        {
          type: 'record',
          name: PROBE,
          fields: [{ name: 'f', type: byName(entry.type), default: entry.value }],
        } as avsc.Schema,
        { registry: { ...registry } },
      );
    } catch (error) {
      diagnostics.push({
        ...entry.at,
        severity: 'error',
        rule: avroDefaultInvalid.id,
        message: `${what}: the default of field "${entry.field}" of ${entry.record} is not a value of its type: ${(error as Error).message.replace(/^incompatible field default /, '')}`,
        hint: 'write a value of the field’s type (for a union, of its first branch: put "null" first for a null default); bytes and fixed defaults are strings of \\u0000–\\u00ff characters',
      });
    }
  }
  for (const entry of normalised.enumDefaults)
    if (typeof entry.value !== 'string' || !entry.symbols.includes(entry.value))
      diagnostics.push({
        ...entry.at,
        severity: 'error',
        rule: avroDefaultInvalid.id,
        message: `${what}: the enum default ${JSON.stringify(entry.value)} is not one of its symbols`,
        hint: `use one of ${entry.symbols.join(', ')}`,
      });
  return diagnostics;
}
