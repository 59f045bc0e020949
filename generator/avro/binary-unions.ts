// Which unions Avro binary can carry for evc: a payload's value is a plain JSON value (README.md), so
// the branch of a union is chosen by the value's JSON kind; two branches of one kind (two records,
// int and long, string and an enum, bytes and string) could not be told apart when encoding.
import type { AvroNamedSchema, AvroSchema, AvroSchemaObject } from '../model/avro-payload.js';
import type { SourceLocation } from '../model/registry.js';
import { locationOf } from '../model/registry.js';

/** The JSON kind of an Avro type's values in evc's JSON form (also what runtime/avro chooses branches by). */
export function jsonKindOf(schema: AvroSchema, namedTypes: ReadonlyMap<string, AvroNamedSchema>): string {
  const type =
    typeof schema === 'string'
      ? (namedTypes.get(schema)?.type ?? schema)
      : Array.isArray(schema)
        ? 'union'
        : (schema as AvroSchemaObject).type;
  switch (type) {
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return 'number';
    case 'bytes':
    case 'fixed':
    case 'enum':
    case 'string':
      return 'string';
    case 'map':
    case 'record':
    case 'error':
      return 'object';
    default:
      return typeof type === 'string' ? type : JSON.stringify(type);
  }
}

/** Every union of `schema` with two branches of one JSON kind, with where it is written. */
export function ambiguousUnions(
  schema: AvroSchema,
  namedTypes: ReadonlyMap<string, AvroNamedSchema>,
): { readonly kind: string; readonly at: SourceLocation | undefined }[] {
  const found: { kind: string; at: SourceLocation | undefined }[] = [];
  const visit = (node: AvroSchema): void => {
    if (typeof node === 'string') return;
    if (Array.isArray(node)) {
      const kinds = new Set<string>();
      let maps = 0;
      for (const branch of node as readonly AvroSchema[]) {
        const kind = jsonKindOf(branch, namedTypes);
        if (kinds.has(kind)) found.push({ kind, at: locationOf(node) });
        kinds.add(kind);
        if (typeof branch === 'object' && !Array.isArray(branch) && (branch as AvroSchemaObject).type === 'map') maps++;
        visit(branch);
      }
      // runtime/avro reads a map as the list of its entries: beside an array it could not tell them apart.
      if (maps > 0 && kinds.has('array')) found.push({ kind: 'array', at: locationOf(node) });
      return;
    }
    const object = node as AvroSchemaObject;
    if (Array.isArray(object.fields)) for (const field of object.fields as { type: AvroSchema }[]) visit(field.type);
    if ('items' in object) visit(object.items as AvroSchema);
    if ('values' in object) visit(object.values as AvroSchema);
  };
  visit(schema);
  return found;
}
