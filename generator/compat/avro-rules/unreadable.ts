// A side whose Avro schema cannot be resolved (a name no definition provides): evc cannot judge
// the change, so it is reported as breaking rather than assumed compatible. The loader reports such
// schemas first; this guards history entries and registry versions that were never linted.

import type { AvroRule } from '../avro/rule.js';

export const id = 'AVRO_SCHEMA_UNREADABLE';
export const description = 'An Avro schema that cannot be resolved cannot be judged: reported as breaking.';

export const rule: AvroRule = {
  id,
  description,
  changes: {
    AVRO_SCHEMA_UNREADABLE: {
      breaks: 'always',
      what: (v) => `the Avro schema cannot be read: ${String(v.subject)}`,
      rejects: () => 'records evc cannot judge',
      hint: 'fix the schema (evc lint says where)',
    },
  },
  applies: () => false,
  check: () => [],
};
