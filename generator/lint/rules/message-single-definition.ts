// One message, one definition. AsyncAPI identifies a message by its `name` (2.x: `messageId`), else
// by its key within its own map (a channel's `messages`, `components.messages`), so two messages that
// merely share a key are two messages. They count as one when they carry the same explicit name, or
// when they travel on one topic under one name: consumers tell records apart by that name (ce_type).
import type { Diagnostic, MessageModel, Registry } from '../../model/registry.js';
import { isUnresolvedRef } from '../../model/registry.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';
import { sameDefinition } from '../../model/same-definition.js';

const EXPLICIT = new Set(['name', 'messageId']);

export const messageSingleDefinition: LintRule = {
  id: 'message-single-definition',
  category: 'MESSAGE_SET',
  severity: 'error',
  detectedBy: 'registry',
  description:
    'Two different definitions must not claim one message: the same `name`/`messageId`, or the same name on one topic.',
  check(registry) {
    const topicsOf = topicsByMessage(registry);
    const byName = new Map<string, MessageModel[]>();
    for (const message of registry.messages) {
      if (isUnresolvedRef(message.raw)) continue; // the loader reported the reference; nothing to compare
      byName.set(message.name, [...(byName.get(message.name) ?? []), message]);
    }
    const out: Diagnostic[] = [];
    for (const [name, definitions] of byName) {
      definitions.forEach((other, index) => {
        for (const first of definitions.slice(0, index)) {
          const why = conflict(name, first, other, topicsOf);
          if (why === undefined) continue;
          out.push(
            finding(
              this,
              other.definition,
              `message "${name}" is defined again here, differently from its definition at ${first.definition.file}:${first.definition.line}: ${why}`,
              'replace one definition with a $ref to the other, or give one of them its own name',
            ),
          );
          return;
        }
      });
    }
    return out;
  },
};

/** Why two same-named definitions count as one message, or undefined when they do not conflict. */
function conflict(
  name: string,
  first: MessageModel,
  other: MessageModel,
  topicsOf: ReadonlyMap<MessageModel, ReadonlySet<string>>,
): string | undefined {
  if (sameDefinition(first.raw, other.raw)) return undefined;
  // Within one 2.x document a shared messageId is message-id-unique's finding; one error, not two.
  if (
    first.nameSource === 'messageId' &&
    other.nameSource === 'messageId' &&
    first.definition.file === other.definition.file
  )
    return undefined;
  if (EXPLICIT.has(first.nameSource) && EXPLICIT.has(other.nameSource)) {
    const field = (m: MessageModel): string => `\`${m.nameSource}: ${name}\``;
    return `both carry ${field(first) === field(other) ? field(first) : `${field(first)} and ${field(other)}`}, and AsyncAPI identifies a message by its name, so they are one message with two definitions`;
  }
  const shared = [...(topicsOf.get(first) ?? [])].filter((t) => topicsOf.get(other)?.has(t)).sort()[0];
  if (shared === undefined) return undefined;
  return `both are called "${name}" on topic "${shared}", and consumers of a topic tell messages apart by name (the ce_type header), so they would be taken for one message`;
}

function topicsByMessage(registry: Registry): Map<MessageModel, Set<string>> {
  const topics = new Map<MessageModel, Set<string>>();
  const add = (message: MessageModel, topic: string): void => {
    const set = topics.get(message) ?? new Set<string>();
    set.add(topic);
    topics.set(message, set);
  };
  for (const topic of registry.topics) for (const message of topic.messages.values()) add(message, topic.address);
  for (const service of registry.services)
    for (const op of service.operations) for (const message of op.messages) add(message, op.topic);
  return topics;
}
