// A message that no longer travels on a topic it used to. Seen as a union of message types, the
// topic narrowed: consumers using the new contracts cannot decode the records of that message still
// in the topic (BACKWARD breaks); consumers on the old contracts simply stop seeing it (FORWARD holds).

import { directionsOf } from '../levels.js';
import { servicesDoing } from '../snapshot.js';
import type { Change } from '../change.js';
import type { ContractRule } from './rule.js';
import { renamedOnTopic } from './renames.js';

export const id = 'MESSAGE_REMOVED_FROM_TOPIC';
export const description =
  'A message removed from a topic: readers of the new contracts cannot decode its records still in the topic.';

export const rule: ContractRule = {
  id,
  category: 'MESSAGE_SET',
  description,
  reports: {
    [id]: { category: 'MESSAGE_SET', description, breaks: 'backward' },
    MESSAGE_RENAMED: {
      category: 'MESSAGE_SET',
      description: 'A message renamed on its topic (same payload, key and headers): consumers know it by name.',
      breaks: 'always',
    },
  },
  check(ctx) {
    if (!ctx.latest) return [];
    const found: Change[] = [];
    for (const old of ctx.baseline.topics.values()) {
      const now = ctx.current.topics.get(old.address);
      if (!now) continue; // TOPIC_REMOVED says it
      const renames = renamedOnTopic(ctx.baseline, ctx.current, old.address);
      for (const name of [...old.messages].sort()) {
        if (now.messages.has(name)) continue;
        const level = ctx.levelOf(name);
        if (level === 'NONE') continue;
        const receivers = servicesDoing(ctx.baseline, 'receive', name, old.address);
        const renamedTo = renames.get(name);
        if (renamedTo) {
          found.push(
            ctx.change({
              rule: 'MESSAGE_RENAMED',
              breaking: true,
              topic: old.address,
              messageName: renamedTo,
              what: `message ${name} renamed to ${renamedTo} on ${old.address} (same payload, key and headers)`,
              why: `consumers identify records by message name: ${receivers.length > 0 ? receivers.join(', ') : `consumers of ${old.address}`} on either version of the contracts meet a name they do not know`,
              hint: `keep the name ${name} (change its title or description instead), or publish ${renamedTo} beside ${name} until every consumer knows both`,
              ...(ctx.current.messages.get(renamedTo)?.location
                ? { location: ctx.current.messages.get(renamedTo)?.location }
                : {}),
              level,
              impacted: receivers,
            }),
          );
          continue;
        }
        const breaking = directionsOf(level).includes('backward');
        found.push(
          ctx.change({
            rule: id,
            breaking,
            topic: old.address,
            messageName: name,
            what: `message ${name} no longer declared on ${old.address}${ctx.current.messages.has(name) ? '' : ' (removed from the registry)'}`,
            ...(breaking
              ? {
                  why: `${receivers.length > 0 ? `receivers ${receivers.join(', ')}` : `consumers of ${old.address}`} regenerated from the new contracts cannot decode ${name} records already in the topic or still sent by producers not yet upgraded`,
                  hint: `stop producing ${name} first, keep it declared until its records have expired from ${old.address}, then remove it`,
                }
              : {}),
            ...(now.location ? { location: now.location } : {}),
            level,
            impacted: receivers,
          }),
        );
      }
    }
    return found;
  },
};
