// Every named type (record, enum, fixed) the Avro schemas of a registry define, by full name, so a
// schema may use a type another schema (another message's payload, another `.avsc` file) defines.
import { NAMED_KINDS, fullNameOf, namespaceOf } from './avro-names.js';

export interface NamedTypeDefinition {
  /** The definition as written (resolved contracts), with its source location. */
  readonly node: Readonly<Record<string, unknown>>;
  readonly fullName: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Adds the named types `schema` defines to `index`; the first definition of a full name wins. */
export function indexNamedTypes(schema: unknown, index: Map<string, NamedTypeDefinition>): void {
  const seen = new Set<object>();
  const visit = (node: unknown, namespace: string | undefined): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const branch of node) visit(branch, namespace);
      return;
    }
    const record = node as Record<string, unknown>;
    let inner = namespace;
    if (typeof record.type === 'string' && NAMED_KINDS.has(record.type) && typeof record.name === 'string') {
      const own = typeof record.namespace === 'string' ? record.namespace : namespace;
      const fullName = fullNameOf(record.name, own);
      if (!index.has(fullName)) index.set(fullName, { node: record, fullName });
      inner = namespaceOf(fullName) || undefined;
    }
    if (isObj(record.type) || Array.isArray(record.type)) visit(record.type, inner);
    if (Array.isArray(record.fields)) for (const field of record.fields) if (isObj(field)) visit(field.type, inner);
    visit(record.items, inner);
    visit(record.values, inner);
  };
  visit(schema, undefined);
}
