// A property named `__proto__` cannot be validated: ajv leaves it out of `properties` (so its schema
// is never applied, and `additionalProperties: false` rejects every message that carries it), and
// JavaScript object literals and many JSON tools turn it into a prototype instead of a field. Other
// names of Object.prototype (`toString`, `constructor`, …) are fine: validators read own properties only.
import { memberLocationOf } from '../../model/registry.js';
import { walkMessageSchemas } from '../../model/walk-schema.js';
import type { Diagnostic } from '../../model/registry.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

const UNVALIDATABLE = '__proto__';
const NAME_LISTS = ['properties', 'patternProperties', 'dependentSchemas', 'dependentRequired', 'dependencies'];

export const unvalidatablePropertyName: LintRule = {
  id: 'unvalidatable-property-name',
  category: 'PAYLOAD',
  severity: 'error',
  detectedBy: 'registry',
  description: 'A schema must not declare a property named `__proto__`: no generated validator can check it.',
  check(registry) {
    const out: Diagnostic[] = [];
    for (const message of registry.messages) {
      walkMessageSchemas(message, (node, path) => {
        // Runs on every schema object of every message: nothing is allocated for an object that declares no such name.
        let keywords: string[] | undefined;
        for (let i = 0; i < NAME_LISTS.length; i++) {
          const map = node[NAME_LISTS[i]!];
          if (typeof map === 'object' && map !== null && Object.prototype.hasOwnProperty.call(map, UNVALIDATABLE))
            (keywords ??= []).push(NAME_LISTS[i]!);
        }
        const required = node['required'];
        if (Array.isArray(required) && required.some((n) => String(n) === UNVALIDATABLE))
          (keywords ??= []).push('required');
        if (keywords === undefined) return;
        for (const keyword of keywords) {
          // A `required` list has no per-name locations: the finding points at the keyword.
          const map = keyword === 'required' ? undefined : node[keyword];
          out.push(
            finding(
              this,
              memberLocationOf(map, UNVALIDATABLE) ?? memberLocationOf(node, keyword) ?? message.definition,
              `${message.name} ${path}/${keyword}: property name "__proto__" cannot be validated (ajv skips it, so a message carrying it is never checked against its schema, or is refused as an additional property) and JavaScript turns it into a prototype`,
              'rename the property',
            ),
          );
        }
      });
    }
    return out;
  },
};
