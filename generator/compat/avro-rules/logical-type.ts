// Avro resolution ignores logical types: a long written as timestamp-millis is read as a
// timestamp-micros long without complaint, and the reader is off by a factor of 1000; a decimal
// read with another scale is off by a power of ten. Such changes pass every registry check, so
// they are reported as warnings: compatible by the rules, but check what readers make of the data.

import { isPromotion } from '../avro/resolution.js';
import type { AvroLogicalType, AvroNode } from '../avro/schema.js';
import type { AvroRule } from '../avro/rule.js';

export const id = 'AVRO_LOGICAL_TYPE';
export const description =
  'A logical type change (timestamp-millis → timestamp-micros, a decimal’s scale) passes Avro resolution but changes what values mean: a warning.';

export const rule: AvroRule = {
  id,
  description,
  changes: {
    LOGICAL_TYPE_CHANGED: {
      breaks: 'never',
      warns: true,
      what: (v) => `logical type ${named(v.old)} → ${named(v.new)}`,
    },
  },
  applies: ({ writer, reader }) =>
    (writer.kind === reader.kind || isPromotion(writer.kind, reader.kind)) &&
    hasUnderlyingValue(writer) &&
    describe(writer.logical) !== describe(reader.logical),
  check({ writer, reader }, ctx) {
    return [
      ctx.change('LOGICAL_TYPE_CHANGED', {
        writer: describe(writer.logical),
        reader: describe(reader.logical),
        subject: 'logicalType',
        path: ['logicalType'],
        detail: 'Avro resolution ignores logical types: readers decode the same underlying value with another meaning',
      }),
    ];
  },
};

/** Primitives and fixed types carry logical types; the pair itself is judged by the other rules. */
function hasUnderlyingValue(node: AvroNode): boolean {
  return (
    node.kind !== 'record' &&
    node.kind !== 'enum' &&
    node.kind !== 'array' &&
    node.kind !== 'map' &&
    node.kind !== 'union'
  );
}

/** A logical type as described by `describe`, or `none`. */
function named(value: unknown): string {
  return typeof value === 'string' ? value : 'none';
}

function describe(logical: AvroLogicalType | undefined): string | undefined {
  if (!logical) return undefined;
  if (logical.name !== 'decimal') return logical.name;
  return `decimal(${logical.precision ?? '?'}, ${logical.scale ?? 0})`;
}
