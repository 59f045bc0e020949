// schemaTypeOf: registries leave `schemaType` out (Confluent for AVRO, Apicurio always): the text decides.

import { describe, expect, it } from 'vitest';
import { schemaTypeOf } from '../../../../runtime/schema-registry/schema-type.js';

describe('schemaTypeOf', () => {
  it.each([
    ['JSON', '{"type":"record"}', 'JSON'],
    [undefined, '{"$schema":"http://json-schema.org/draft-07/schema#","type":"string"}', 'JSON'],
    [undefined, '{"type":"object","properties":{}}', 'JSON'],
    [undefined, '{"type":"record","name":"A","fields":[]}', 'AVRO'],
    [undefined, '{"type":"enum","name":"E","symbols":["A"]}', 'AVRO'],
    [undefined, '"string"', 'AVRO'],
    [undefined, '["null","string"]', 'AVRO'],
    [undefined, 'syntax = "proto3"; message A {}', 'PROTOBUF'],
    ['PROTOBUF', 'syntax = "proto3";', 'PROTOBUF'],
  ])('%s %s → %s', (declared, schema, expected) => {
    expect(schemaTypeOf(declared, schema)).toBe(expected);
  });
});
