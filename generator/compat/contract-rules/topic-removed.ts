// A topic (channel address) that no longer appears in any contract. Everyone still producing to or
// consuming from it is cut off. When a new address carries exactly the same messages, it is
// reported as a rename: consumers must move topics in step with producers either way.

import { servicesDoing } from '../snapshot.js';
import type { Change } from '../change.js';
import type { ContractRule } from './rule.js';

export const id = 'TOPIC_REMOVED';
export const description =
  'A topic (channel address) was removed or renamed: its senders and receivers are cut off from each other.';

export const rule: ContractRule = {
  id,
  category: 'TOPIC',
  description,
  reports: {
    [id]: { category: 'TOPIC', description, breaks: 'always' },
    TOPIC_RENAMED: {
      category: 'TOPIC',
      description: 'A topic renamed (the same messages on a new address): producers and consumers must move in step.',
      breaks: 'always',
    },
  },
  check(ctx) {
    if (!ctx.latest || ctx.defaultLevel === 'NONE') return [];
    const found: Change[] = [];
    const added = [...ctx.current.topics.values()].filter((t) => !ctx.baseline.topics.has(t.address));
    for (const old of ctx.baseline.topics.values()) {
      if (ctx.current.topics.has(old.address)) continue;
      const names = [...old.messages].sort();
      const renamedTo = added.find(
        (t) => t.messages.size === old.messages.size && names.every((n) => t.messages.has(n)),
      );
      const impacted = [
        ...new Set(
          names.flatMap((n) => [
            ...servicesDoing(ctx.baseline, 'receive', n, old.address),
            ...servicesDoing(ctx.baseline, 'send', n, old.address),
          ]),
        ),
      ].sort();
      const whom = impacted.length > 0 ? impacted.join(', ') : 'its producers and consumers';
      found.push(
        ctx.change({
          rule: renamedTo ? 'TOPIC_RENAMED' : 'TOPIC_REMOVED',
          breaking: true,
          topic: old.address,
          what: renamedTo
            ? `topic ${old.address} renamed to ${renamedTo.address}`
            : `topic ${old.address} removed (it carried ${names.join(', ') || 'no messages'})`,
          why: `${whom} ${renamedTo ? `keep using ${old.address} until each is redeployed, so records written to one topic are never read from the other` : `lose the topic: records still in it are no longer read, and services not yet redeployed keep writing to it`}`,
          hint: renamedTo
            ? `keep ${old.address} and start mirroring to ${renamedTo.address}; move consumers first, then producers, and remove the old topic in a later release`
            : 'keep the topic until no service uses it; remove its operations first, then the channel in a later release',
          ...(renamedTo?.location ? { location: renamedTo.location } : {}),
          impacted,
        }),
      );
    }
    return found;
  },
};
