// AsyncAPI 2.x: "messageId … MUST be unique among all messages described in the API". The JSON
// Schema of the spec cannot say so and the loader does not check it, so two messages of one
// document sharing an id would reach generated code as one name with two shapes.
import type { Diagnostic, MessageModel } from '../../model/registry.js';
import { isUnresolvedRef } from '../../model/registry.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

export const messageIdUnique: LintRule = {
  id: 'message-id-unique',
  severity: 'error',
  category: 'MESSAGE_SET',
  detectedBy: 'registry',
  description: 'AsyncAPI 2.x: each messageId is used by one message of its document.',
  check(registry) {
    const out: Diagnostic[] = [];
    for (const service of registry.services) {
      if (!service.asyncapiVersion.startsWith('2.')) continue;
      const byId = new Map<string, MessageModel>();
      for (const op of service.operations) {
        for (const message of op.messages) {
          const id = messageIdOf(message);
          if (id === undefined || isUnresolvedRef(message.raw)) continue;
          const first = byId.get(id);
          if (first === undefined) byId.set(id, message);
          else if (first !== message && !sameLocation(first, message))
            out.push(
              finding(
                this,
                message.definition,
                `messageId "${id}" is already used by the message at ${first.definition.file}:${first.definition.line}; AsyncAPI 2.x requires messageId to be unique across the document`,
                'give this message its own messageId, or $ref the other message if they are the same',
              ),
            );
        }
      }
    }
    return out;
  },
};

/** The message's id: the last trait that sets one wins over the message's own, as traits are applied in order. */
function messageIdOf(message: MessageModel): string | undefined {
  const traits = Array.isArray(message.raw.traits) ? message.raw.traits : [];
  for (const trait of [...traits].reverse())
    if (typeof trait === 'object' && trait !== null && typeof (trait as { messageId?: unknown }).messageId === 'string')
      return (trait as { messageId: string }).messageId;
  return typeof message.raw.messageId === 'string' ? message.raw.messageId : undefined;
}

function sameLocation(a: MessageModel, b: MessageModel): boolean {
  return a.definition.file === b.definition.file && a.definitionPointer === b.definitionPointer;
}
