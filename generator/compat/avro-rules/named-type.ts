// Records, enums and fixed types resolve by name the way Java's SchemaCompatibility (Confluent,
// Apicurio) matches them: the unqualified names are equal — so moving a type to another namespace
// alone is compatible — or one of the reader's aliases is the writer's full name (a rename kept
// readable with `aliases`). Anything else is a different type.

import { nameMatch } from '../avro/resolution.js';
import { isNamed, type AvroNamedNode } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';

export const id = 'AVRO_NAMED_TYPE';
export const description =
  'Records, enums and fixed types match by unqualified name, or by a reader alias naming the writer’s full name.';

export const rule: AvroRule = {
  id,
  description,
  changes: {
    NAMESPACE_CHANGED: {
      breaks: 'never',
      what: (v) => `${String(v.subject)} moved from namespace ${namespace(v.old)} to ${namespace(v.new)}`,
    },
    NAME_MATCHED_BY_ALIAS: {
      breaks: 'never',
      what: (v) => `type ${String(v.old)} renamed to ${String(v.new)} (matched through its aliases)`,
    },
    NAME_MISMATCH: {
      breaks: 'always',
      what: (v) => `type ${String(v.old)} renamed to ${String(v.new)}`,
      rejects: (v) =>
        `${String(v.writer)} values (the reader's type ${String(v.reader)} has another name and no alias for it)`,
      hint: 'keep the name, or list the old full name in the new type’s `aliases`',
    },
  },
  applies: ({ writer, reader }) => isNamed(writer) && writer.kind === reader.kind,
  check(pair, ctx) {
    const writer = pair.writer as AvroNamedNode;
    const reader = pair.reader as AvroNamedNode;
    const matched = nameMatch(writer, reader);
    const values = { writer: writer.fullName, reader: reader.fullName, subject: reader.name };
    if (matched === undefined) return [ctx.change('NAME_MISMATCH', { ...values, path: ['name'] })];
    if (matched === 'alias') return [ctx.change('NAME_MATCHED_BY_ALIAS', { ...values, path: ['name'] })];
    if (writer.fullName !== reader.fullName)
      return [ctx.change('NAMESPACE_CHANGED', { ...values, path: ['namespace'] })];
    return [];
  },
};

function namespace(fullName: unknown): string {
  const text = String(fullName);
  const dot = text.lastIndexOf('.');
  return dot < 0 ? '(none)' : text.slice(0, dot);
}
