// The payload schema of every message both versions declare, checked with the JSON Schema rules (an
// Avro payload by Avro schema resolution) at the message's level (its `x-evc-compatibility`, else the registry's).

import { schemaPartRule } from './schema-changes.js';

export const id = 'PAYLOAD_SCHEMA';
export const description =
  "Payload schemas are checked with the JSON Schema rules (Avro payloads: the Avro rules) at the message's compatibility level.";

export const rule = schemaPartRule(id, 'PAYLOAD', description, 'payload');
