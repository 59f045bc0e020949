// A schema that refers back to itself without moving into a property or an array item
// (`D = anyOf [integer, D]`, `D = allOf [D]`, `D = not: D`) cannot be validated: the generated
// validator applies it to the same value again and again until the stack overflows, so every message
// that reaches it is lost to an error instead of a verdict. Recursion through `properties`, `items`
// and the like is fine (a tree of nodes): each step moves one level into the message.
import { memberLocationOf } from '../../model/registry.js';
import type { Diagnostic } from '../../model/registry.js';
import { unguardedRecursionEdges } from '../../model/schema-recursion.js';
import { messageSchemaVisits } from '../../model/walk-schema.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

export const recursionInPlace: LintRule = {
  id: 'recursion-in-place',
  category: 'PAYLOAD',
  severity: 'error',
  detectedBy: 'registry',
  description:
    'A schema must not refer back to itself except through a property or array item: validators would recurse without end.',
  check(registry) {
    const out: Diagnostic[] = [];
    // A shared schema is reported once, at the place that closes the cycle, however many messages use it.
    const reported = new Map<object, Set<string>>();
    for (const message of registry.messages) {
      for (const { edge, path } of unguardedRecursionEdges(messageSchemaVisits(message))) {
        const member = edge.member ?? edge.keyword;
        const done = reported.get(edge.container) ?? new Set<string>();
        if (done.has(member)) continue;
        reported.set(edge.container, done.add(member));
        out.push(
          finding(
            this,
            memberLocationOf(edge.container, member) ?? message.definition,
            `${message.name} ${path}: the schema refers back to itself through '${edge.keyword}' without moving into a property or array item; a validator would apply it to the same value without end (stack overflow)`,
            'make the recursion go through a property or array item (e.g. `children: {type: array, items: {$ref: …}}`), or remove the reference',
          ),
        );
      }
    }
    return out;
  },
};
