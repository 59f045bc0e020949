// The JSON Schema document evc registers for a subject, and its one serialization.
//
// Shared `$ref`ed schemas are inlined into `$defs` of each subject's document (the bundling the
// validators and the lockfile already use), not registered as schema references: every subject is
// self-contained, so any client can validate with it without fetching other subjects, a re-push
// never has to order reference subjects before the subjects using them, and the registry's
// compatibility check sees the whole schema (Apicurio does not resolve JSON references, so it
// would not check a change made inside a referenced schema). The cost: a change to a shared schema
// makes a new version of every subject that uses it, which is what its consumers need to know.
//
// Documents always carry `$schema` (Apicurio cannot tell `{"type":"string"}` from Avro without it)
// and a `title` (the record name Confluent's RecordNameStrategy reads). Annotations (descriptions,
// examples, `x-` extensions) are dropped: they do not change what a reader accepts and would make
// a new version for every reworded description. Keys are sorted at every level, so the same
// contracts always give byte-identical text.

import { bundleSchema } from '../model/bundle.js';
import type { JsonSchema, SchemaObject } from '../model/registry.js';

/** The registered text: JSON with keys sorted at every level, no whitespace. */
export { canonicalJson } from '../compat/schema/graph.js';

export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** One message's schema (payload or key) as a self-contained document named `title`. */
export function subjectDocument(schemas: readonly JsonSchema[], title: string): SchemaObject {
  const body =
    schemas.length === 1
      ? bundled(schemas[0] ?? true)
      : // Several message types on one subject: a record is valid when it is one of them. `anyOf`,
        // not `oneOf`: two open message schemas may both accept a record.
        bundled({ anyOf: [...schemas] });
  return { $schema: JSON_SCHEMA_DIALECT, title, ...body };
}

function bundled(schema: JsonSchema): SchemaObject {
  const out = bundleSchema(schema, { stripAnnotations: true, sortKeys: true });
  return typeof out === 'boolean' ? (out ? {} : { not: {} }) : out;
}
