// Keywords only JSON Schema 2020-12 defines. AsyncAPI's schema format is draft-07 (evc's validators also read
// 2019-09), so ajv ignores them: a contract that relies on them validates less than its author thinks — or, with
// `prefixItems` beside `items: false` (2020-12's closed tuple), refuses every non-empty array, sending every
// message to the dead-letter topic. Saying so at lint is the only place the author can still act on it.
import type { Diagnostic } from '../../model/registry.js';
import { locationOf } from '../../model/registry.js';
import { walkMessageSchemas } from '../../model/walk-schema.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

/** Each 2020-12-only keyword with what to write instead in a draft-07 schema. */
const NOT_ENFORCED: ReadonlyMap<string, string> = new Map([
  ['prefixItems', 'write the tuple as `items: [ … ]` with `additionalItems` (draft-07), which evc enforces'],
  ['$dynamicRef', 'use `$ref` to a named definition'],
  ['$dynamicAnchor', 'use `$ref` to a named definition'],
]);

const KEYWORDS: readonly string[] = [...NOT_ENFORCED.keys()];

export const keywordNotEnforced: LintRule = {
  id: 'keyword-not-enforced',
  category: 'PAYLOAD',
  severity: 'warning',
  detectedBy: 'registry',
  description: 'A schema keyword from JSON Schema 2020-12 is ignored by draft-07 validators.',
  check(registry) {
    const out: Diagnostic[] = [];
    for (const message of registry.messages) {
      walkMessageSchemas(message, (node, path) => {
        // Runs on every schema object of every message: a plain loop over the keywords, no entry pair per keyword.
        for (let i = 0; i < KEYWORDS.length; i++) {
          const keyword = KEYWORDS[i]!;
          if (!Object.prototype.hasOwnProperty.call(node, keyword)) continue;
          const instead = NOT_ENFORCED.get(keyword)!;
          const closedTuple = keyword === 'prefixItems' && node.items === false;
          out.push(
            finding(
              this,
              locationOf(node) ?? message.definition,
              `${message.name} ${path}: '${keyword}' is JSON Schema 2020-12; AsyncAPI schemas are draft-07, so ` +
                `validators ignore it` +
                (closedTuple ? ` and 'items: false' beside it lets only empty arrays pass` : ''),
              instead,
            ),
          );
        }
      });
    }
    return out;
  },
};
