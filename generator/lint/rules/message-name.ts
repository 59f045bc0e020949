// Generated type and method names come from message names; a message with nothing to name it by
// gets a name derived from its position, which changes when the document is reorganised.
import type { LintRule } from '../rule.js';
import { isUnresolvedRef } from '../../model/registry.js';
import { finding } from '../rule.js';

export const messageName: LintRule = {
  id: 'message-name',
  category: 'NAMING',
  severity: 'warning',
  detectedBy: 'registry',
  description: 'A message needs a stable name: `name`, `messageId`, a component key or a `title`.',
  check(registry) {
    return registry.messages
      .filter((m) => m.nameSource === 'derived' && !isUnresolvedRef(m.raw))
      .map((m) =>
        finding(
          this,
          m.definition,
          `message has no name, messageId, component key or title; generated code calls it "${m.name}", which changes if the document is reorganised`,
          'add `name:` to the message, or move it to components/messages and $ref it',
        ),
      );
  },
};
