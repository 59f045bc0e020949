// How an Avro payload appears in the registry model: the schema as Avro (normalised, self-contained,
// named types resolved) for the Avro-aware stages (compatibility, registry, binary encoding), next
// to the JSON Schema of its JSON encoding in `MessageModel.payload` for the JSON-only stages.

/** `application/vnd.apache.avro;version=1.9.0`, `…avro+json…`, `…avro+yaml…` (any version). */
const AVRO_SCHEMA_FORMAT = /^application\/vnd\.apache\.avro(\+(json|yaml))?\s*(;|$)/i;

export function isAvroSchemaFormat(schemaFormat: string): boolean {
  return AVRO_SCHEMA_FORMAT.test(schemaFormat.trim());
}

/**
 * An Avro schema as JSON: a type name (primitive or full name of a named type), a union (array) or
 * a type object (`record`, `enum`, `fixed`, `array`, `map`, or a primitive with attributes such as
 * `logicalType`).
 */
export type AvroSchema = string | readonly AvroSchema[] | AvroSchemaObject;
export interface AvroSchemaObject {
  readonly type: AvroSchema;
  readonly [attribute: string]: unknown;
}

/** A record, enum or fixed: the types Avro matches by name. */
export interface AvroNamedSchema extends AvroSchemaObject {
  readonly type: 'record' | 'enum' | 'fixed';
  /** Always the full name (`com.example.Money`); the normalised form never writes `namespace`. */
  readonly name: string;
}

/** How records travel: Avro's binary encoding, or the JSON encoding described in generator/avro/README.md. */
export type AvroEncoding = 'json' | 'binary';

export interface AvroPayload {
  readonly format: 'avro';
  /** The `schemaFormat` as the contract wrote it. */
  readonly schemaFormat: string;
  /**
   * The schema normalised: every named type written in full once, at its first use (depth-first,
   * in field order), later uses by full name; `name` fully qualified and `namespace` dropped;
   * aliases fully qualified; everything else (`doc`, `default`, `order`, `aliases`, `logicalType`,
   * `precision`, `scale`, enum `default`, other attributes) kept as written. Named types another
   * Avro schema of the registry defines are copied in, so the schema is self-contained: it is what
   * a schema registry receives as `schemaType: AVRO`. Nodes carry source locations
   * (`locationOf(node)` from registry.ts) where they were written.
   */
  readonly schema: AvroSchema;
  /** `schema` as JSON text, deterministic (the same contracts give the same bytes). */
  readonly text: string;
  /** Full name of the top-level type when it is a named type (the record name of most payloads). */
  readonly name?: string;
  /** Every named type `schema` contains, by full name: the definition object inside `schema`. */
  readonly namedTypes: ReadonlyMap<string, AvroNamedSchema>;
  /** `binary` when the message's contentType asks for Avro binary, else `json`. */
  readonly encoding: AvroEncoding;
  /**
   * Where the Avro schema is written (after following `$ref`s, e.g. in an `.avsc` file): a
   * `SourceLocation` of registry.ts, spelled out here because registry.ts imports this module.
   */
  readonly location: { readonly file: string; readonly line: number; readonly column: number };
}
