// The findings about Avro payload schemas: the loader reports them (generator/avro/complete-payloads.ts),
// this table documents them for `evc rules`, the rule registry and evc.config.yaml.
import type { LintRule } from '../lint/rule.js';

const avroRule = (id: string, description: string): LintRule => ({
  id,
  severity: 'error',
  category: 'PAYLOAD',
  detectedBy: 'loader',
  description,
});

export const avroSchemaInvalid = avroRule(
  'avro-schema',
  'An Avro payload schema must be a valid Avro schema (types, names, fields, symbols, sizes) as Avro 1.11 parses it.',
);
export const avroUnknownType = avroRule(
  'avro-unknown-type',
  'Every type an Avro schema names must be a primitive or a named type defined in an Avro schema of the registry.',
);
export const avroDefaultInvalid = avroRule(
  'avro-default-invalid',
  "A field's (or enum's) default must be a value of its type; a union's default must match its first branch.",
);
export const avroDuplicateName = avroRule(
  'avro-duplicate-name',
  'A full name is defined once per Avro schema; field names are unique in their record, symbols in their enum.',
);
export const avroUnionDuplicate = avroRule(
  'avro-union-duplicate',
  'A union may not hold two branches of the same type (two unnamed types of one kind, or one named type twice).',
);
export const avroUnionNested = avroRule('avro-union-nested', 'A union may not directly contain another union.');
export const avroRecursiveType = avroRule(
  'avro-recursive-type',
  'Recursive Avro types (a record that contains itself) are refused: evc gives them no JSON Schema or TypeScript form.',
);
export const avroBinaryUnion = avroRule(
  'avro-binary-union',
  'A payload sent in Avro binary must not hold a union whose branches the same JavaScript value could match (two records, int and long, …).',
);

export const avroRules: readonly LintRule[] = [
  avroSchemaInvalid,
  avroUnknownType,
  avroDefaultInvalid,
  avroDuplicateName,
  avroUnionDuplicate,
  avroUnionNested,
  avroRecursiveType,
  avroBinaryUnion,
];
