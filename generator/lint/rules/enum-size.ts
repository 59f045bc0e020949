// An enum with thousands of values becomes a literal union TypeScript struggles with and a
// validator that scans a list on every message; such a set belongs in reference data, not a contract.
import type { Diagnostic } from '../../model/registry.js';
import { locationOf } from '../../model/registry.js';
import { walkMessageSchemas } from '../../model/walk-schema.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

export const MAX_ENUM_VALUES = 500;

export const enumSize: LintRule = {
  id: 'enum-size',
  category: 'PAYLOAD',
  severity: 'warning',
  detectedBy: 'registry',
  description: `An enum should list at most ${MAX_ENUM_VALUES} values.`,
  check(registry) {
    const out: Diagnostic[] = [];
    for (const message of registry.messages) {
      walkMessageSchemas(message, (node, path) => {
        if (Array.isArray(node.enum) && node.enum.length > MAX_ENUM_VALUES) {
          out.push(
            finding(
              this,
              locationOf(node) ?? message.definition,
              `${message.name} ${path}: enum has ${node.enum.length} values (more than ${MAX_ENUM_VALUES})`,
              'use a string with a pattern or format and validate membership against reference data in the handler',
            ),
          );
        }
      });
    }
    return out;
  },
};
