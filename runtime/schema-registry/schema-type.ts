// The type of a registered schema. Confluent answers leave `schemaType` out for AVRO; Apicurio's
// Confluent API leaves it out for every type (checked on 3.3.3), so when it is missing the schema
// text decides: not JSON → PROTOBUF; an Avro shape (a union array, a type name string, a record,
// enum or fixed) → AVRO; anything else is a JSON Schema.

export type SchemaType = 'JSON' | 'AVRO' | 'PROTOBUF';

const AVRO_NAMED = new Set(['record', 'enum', 'fixed', 'error']);

export function schemaTypeOf(declared: unknown, schema: string): SchemaType {
  if (declared === 'JSON' || declared === 'AVRO' || declared === 'PROTOBUF') return declared;
  let parsed: unknown;
  try {
    parsed = JSON.parse(schema);
  } catch {
    return 'PROTOBUF';
  }
  if (typeof parsed === 'string' || Array.isArray(parsed)) return 'AVRO';
  if (typeof parsed !== 'object' || parsed === null) return 'JSON';
  const object = parsed as Record<string, unknown>;
  if (typeof object['$schema'] === 'string') return 'JSON';
  if (typeof object['type'] === 'string' && AVRO_NAMED.has(object['type'])) return 'AVRO';
  if (Array.isArray(object['fields']) || Array.isArray(object['symbols'])) return 'AVRO';
  return 'JSON';
}
