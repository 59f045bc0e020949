// One message name, one definition: consumers refer to the producer's message by $ref instead of
// copying it, because two copies drift apart and generated code would have two types of one name.
import type { Diagnostic } from '../../model/registry.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

export const messageSingleDefinition: LintRule = {
  id: 'message-single-definition',
  category: 'MESSAGE_SET',
  severity: 'error',
  detectedBy: 'registry',
  description: 'Each message name has one definition in the registry; other documents $ref it.',
  check(registry) {
    const byName = new Map<string, (typeof registry.messages)[number][]>();
    for (const message of registry.messages) byName.set(message.name, [...(byName.get(message.name) ?? []), message]);
    const out: Diagnostic[] = [];
    for (const [name, definitions] of byName) {
      if (definitions.length < 2) continue;
      const first = definitions[0]!;
      for (const other of definitions.slice(1)) {
        out.push(
          finding(
            this,
            other.definition,
            `message "${name}" is defined again here; its first definition is at ${first.definition.file}:${first.definition.line}`,
            `replace this copy with $ref: to the original, or give the message its own name`,
          ),
        );
      }
    }
    return out;
  },
};
