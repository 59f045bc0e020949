// A reader decodes a writer's type only when both are the same kind of type, or when Avro promotes
// the writer's primitive to the reader's: int → long → float → double, and string ↔ bytes. Any
// other pair (string read as int, a record read as a map) fails to resolve.

import { isPromotion } from '../avro/resolution.js';
import { nodeLabel } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';

export const id = 'AVRO_TYPE';
export const description =
  'The reader reads the writer’s type itself or a promotion of it (int → long → float → double, string ↔ bytes).';

export const rule: AvroRule = {
  id,
  description,
  changes: {
    TYPE_PROMOTED: {
      breaks: 'never',
      what: (v) => `type ${String(v.old)} → ${String(v.new)}`,
    },
    TYPE_MISMATCH: {
      breaks: 'always',
      what: (v) => `type ${String(v.old)} → ${String(v.new)}`,
      rejects: (v) => `${String(v.writer)} values (Avro cannot resolve ${String(v.writer)} to ${String(v.reader)})`,
      hint: "never change a field's type in place: add a field with the new type and a default, or change it only along an Avro promotion (int → long → float → double, string ↔ bytes)",
    },
  },
  applies: ({ writer, reader }) => writer.kind !== reader.kind,
  check({ writer, reader }, ctx) {
    const values = { writer: nodeLabel(writer), reader: nodeLabel(reader), subject: 'type' };
    if (isPromotion(writer.kind, reader.kind)) return [ctx.change('TYPE_PROMOTED', values)];
    return [ctx.change('TYPE_MISMATCH', values)];
  },
};
