// An AvroPayload as the loader makes it, for tests that start after loading (registry subjects).

import type { AvroPayload } from '../../generator/model/registry.js';

export function avroPayload(schema: unknown, file = 'contracts/orders.yaml'): AvroPayload {
  return {
    format: 'avro',
    schemaFormat: 'application/vnd.apache.avro;version=1.9.0',
    schema: schema as AvroPayload['schema'],
    text: JSON.stringify(schema),
    namedTypes: new Map(),
    encoding: 'json',
    location: { file, line: 1, column: 1 },
  };
}
