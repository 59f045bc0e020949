// The Avro schema evc registers for a subject (`schemaType: AVRO`): a message's normalised,
// self-contained Avro schema as the loader wrote it (its `text`), or — several message types on one
// topic under the topic strategy — a union of them, Confluent's way of putting several record types
// in one subject. A named type two members share is defined once, at its first use, and named after
// that, as Avro requires; a member that is itself a union contributes its branches.

import type { AvroPayload } from '../model/registry.js';

export interface AvroSubjectSchema {
  /** The schema as JSON (what the compatibility rules compare). */
  readonly schema: unknown;
  /** What is registered: deterministic JSON text. */
  readonly text: string;
}

export function avroSubjectSchema(payloads: readonly AvroPayload[]): AvroSubjectSchema {
  const [only] = payloads;
  // One message: its schema as loaded (its nodes keep their source locations for reports).
  if (payloads.length === 1 && only) return { schema: only.schema, text: only.text };
  const defined = new Set<string>();
  const branches: unknown[] = [];
  const seen = new Set<string>();
  for (const payload of payloads) {
    const schema: unknown = payload.schema;
    for (const branch of Array.isArray(schema) ? schema : [schema]) {
      // A union holds one branch per named type and one per other type (Avro's rule).
      const key = branchKey(branch);
      if (seen.has(key)) continue;
      seen.add(key);
      branches.push(referencingDefined(branch, defined));
    }
  }
  return { schema: branches, text: JSON.stringify(branches) };
}

/**
 * `schema` with every named type already defined (by an earlier member) replaced by its full name;
 * the types it defines itself are added to `defined`. Normalised schemas use full names, so a name
 * means the same thing in every member.
 */
function referencingDefined(schema: unknown, defined: Set<string>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => referencingDefined(s, defined));
  if (typeof schema !== 'object' || schema === null) return schema;
  const node = schema as Record<string, unknown>;
  const type = node['type'];
  if (
    (type === 'record' || type === 'enum' || type === 'fixed' || type === 'error') &&
    typeof node['name'] === 'string'
  ) {
    if (defined.has(node['name'])) return node['name'];
    defined.add(node['name']);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node))
    out[key] =
      key === 'type' || key === 'items' || key === 'values'
        ? referencingDefined(value, defined)
        : key === 'fields' && Array.isArray(value)
          ? value.map((f: unknown) =>
              typeof f === 'object' && f !== null
                ? { ...f, type: referencingDefined((f as Record<string, unknown>)['type'], defined) }
                : f,
            )
          : value;
  return out;
}

function branchKey(branch: unknown): string {
  if (typeof branch === 'string') return branch;
  if (typeof branch !== 'object' || branch === null) return JSON.stringify(branch) ?? '';
  const node = branch as Record<string, unknown>;
  const type = node['type'];
  if (type === 'record' || type === 'enum' || type === 'fixed' || type === 'error') return String(node['name']);
  return typeof type === 'string' ? type : JSON.stringify(type);
}
