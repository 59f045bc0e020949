// A message newly declared on an existing topic: the topic's union of message types widened.
// Consumers on the new contracts read old records fine (BACKWARD holds), consumers still on the old
// contracts meet a message type they do not know (FORWARD breaks).

import { directionsOf } from '../levels.js';
import { servicesDoing } from '../snapshot.js';
import type { Change } from '../change.js';
import type { ContractRule } from './rule.js';
import { renamedOnTopic } from './renames.js';

export const id = 'MESSAGE_ADDED_TO_TOPIC';
export const description =
  'A message added to an existing topic: consumers still on the old contracts meet an unknown message type.';

export const rule: ContractRule = {
  id,
  category: 'MESSAGE_SET',
  description,
  reports: { [id]: { category: 'MESSAGE_SET', description, breaks: 'forward' } },
  check(ctx) {
    if (!ctx.latest) return [];
    const found: Change[] = [];
    for (const now of ctx.current.topics.values()) {
      const old = ctx.baseline.topics.get(now.address);
      if (!old) continue;
      const renameTargets = new Set(renamedOnTopic(ctx.baseline, ctx.current, now.address).values());
      for (const name of [...now.messages].sort()) {
        if (old.messages.has(name) || renameTargets.has(name)) continue; // MESSAGE_RENAMED says it
        const level = ctx.levelOf(name);
        if (level === 'NONE') continue;
        const oldReceivers = [
          ...new Set([...old.messages].flatMap((m) => servicesDoing(ctx.baseline, 'receive', m, now.address))),
        ].sort();
        const breaking = directionsOf(level).includes('forward');
        const message = ctx.current.messages.get(name);
        found.push(
          ctx.change({
            rule: id,
            breaking,
            topic: now.address,
            messageName: name,
            what: `message ${name} added to ${now.address}`,
            ...(breaking
              ? {
                  why: `${oldReceivers.length > 0 ? `receivers ${oldReceivers.join(', ')}` : `consumers of ${now.address}`} still on the old contracts will meet ${name} records they cannot decode`,
                  hint: `upgrade every consumer of ${now.address} to contracts that know ${name} before any producer sends it, or publish it on a new topic`,
                }
              : {}),
            ...(message?.location ? { location: message.location } : {}),
            level,
            impacted: oldReceivers,
          }),
        );
      }
    }
    return found;
  },
};
