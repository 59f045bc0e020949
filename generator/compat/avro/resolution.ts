// What Avro's schema resolution matches without looking inside a type: which primitive a writer's
// primitive may be promoted to, how named types are matched (by unqualified name, or by a reader
// alias naming the writer's full name, as Java's SchemaCompatibility does), and which fields of two
// records are the same field (by name, or a reader field alias naming a writer field).

import type { AvroField, AvroNode, AvroNamedNode, AvroRecordNode } from './schema.js';

/** Writer types each reader type reads by promotion (Avro specification, "Schema Resolution"). */
const PROMOTIONS: Readonly<Record<string, readonly string[]>> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  string: ['bytes'],
  bytes: ['string'],
};

export function isPromotion(writer: AvroNode['kind'], reader: AvroNode['kind']): boolean {
  return PROMOTIONS[reader]?.includes(writer) ?? false;
}

/** How a reader's named type matches a writer's: by name, by alias, or not at all. */
export function nameMatch(writer: AvroNamedNode, reader: AvroNamedNode): 'name' | 'alias' | undefined {
  if (writer.name === reader.name) return 'name';
  return reader.aliases.includes(writer.fullName) ? 'alias' : undefined;
}

export interface FieldMatch {
  readonly reader: AvroField;
  /** Writer fields the reader field reads: by its name first, then its aliases. More than one is an error. */
  readonly writers: readonly AvroField[];
  readonly byAlias: boolean;
}

export interface RecordFields {
  readonly matches: readonly FieldMatch[];
  /** Writer fields no reader field reads: skipped when decoding. */
  readonly writerOnly: readonly AvroField[];
}

const fieldsMemo = new WeakMap<AvroRecordNode, WeakMap<AvroRecordNode, RecordFields>>();

export function recordFields(writer: AvroRecordNode, reader: AvroRecordNode): RecordFields {
  const cached = fieldsMemo.get(writer)?.get(reader);
  if (cached) return cached;
  const byName = new Map(writer.fields.map((f) => [f.name, f]));
  const read = new Set<AvroField>();
  const matches = reader.fields.map((field): FieldMatch => {
    const writers: AvroField[] = [];
    for (const name of [field.name, ...field.aliases]) {
      const found = byName.get(name);
      if (found && !writers.includes(found)) writers.push(found);
    }
    for (const w of writers) read.add(w);
    return { reader: field, writers, byAlias: writers.length === 1 && writers[0]?.name !== field.name };
  });
  const result = { matches, writerOnly: writer.fields.filter((f) => !read.has(f)) };
  let perWriter = fieldsMemo.get(writer);
  if (!perWriter) fieldsMemo.set(writer, (perWriter = new WeakMap()));
  perWriter.set(reader, result);
  return result;
}
