// What identifies an Avro schema in the release history: its canonical JSON without `doc`
// attributes, so rewording documentation makes no new version while any change that resolution,
// defaults or logical types see does. Default values are data: kept exactly as written.

import { canonicalJson } from '../schema/graph.js';

export function avroFingerprint(schema: unknown): string {
  return canonicalJson(withoutDocs(schema));
}

function withoutDocs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDocs);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === 'doc') continue;
    out[key] = key === 'default' ? member : withoutDocs(member);
  }
  return out;
}
