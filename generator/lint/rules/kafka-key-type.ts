// Kafka partitions by the key's bytes: a scalar or an object has one canonical encoding; arrays,
// null or an impossible schema make the partitioning (and so the ordering) ill-defined.
import type { JsonSchema } from '../../model/registry.js';
import { schemaOrigin } from '../../model/registry.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

const ALLOWED = new Set(['string', 'integer', 'number', 'boolean', 'object']);

export function keyTypeProblem(key: JsonSchema): string | undefined {
  if (key === false) return 'the key schema accepts no value';
  if (key === true) return undefined;
  if ('$ref' in key && typeof key.$ref === 'string' && Object.keys(key).length === 1) return undefined;
  const type = key.type;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  const bad = types.filter((t) => typeof t !== 'string' || !ALLOWED.has(t));
  if (bad.length > 0)
    return `the key schema has type ${bad.map((t) => JSON.stringify(t)).join(', ')}; a Kafka key must be a scalar (string, number, integer, boolean) or an object`;
  if (types.length > 1)
    return `the key schema allows several types (${types.join(', ')}); one key must have one encoding`;
  return undefined;
}

export const kafkaKeyType: LintRule = {
  id: 'kafka-key-type',
  category: 'KEY',
  severity: 'error',
  detectedBy: 'registry',
  description: 'A Kafka message key (bindings.kafka.key) must be a scalar or an object.',
  check(registry) {
    const out = [];
    for (const message of registry.messages) {
      if (message.key === undefined) continue;
      const problem = keyTypeProblem(message.key);
      if (problem)
        out.push(
          finding(
            this,
            schemaOrigin(message.key)?.location ?? message.definition,
            `${message.name}: ${problem}`,
            'use e.g. `type: string` for an id key',
          ),
        );
    }
    return out;
  },
};
