// The message's content type decides how consumers decode the bytes: changing it breaks every
// consumer that has not been redeployed.

import { servicesDoing, topicsOf } from '../snapshot.js';
import type { Change } from '../change.js';
import type { ContractRule } from './rule.js';

export const id = 'CONTENT_TYPE_CHANGED';
export const description = "A message's content type changed: consumers decode the bytes differently.";

export const rule: ContractRule = {
  id,
  category: 'PAYLOAD',
  description,
  reports: { [id]: { category: 'PAYLOAD', description, breaks: 'always' } },
  check(ctx) {
    if (!ctx.latest) return [];
    const found: Change[] = [];
    for (const [name, oldMessage] of ctx.baseline.messages) {
      const newMessage = ctx.current.messages.get(name);
      if (!newMessage || (oldMessage.contentType ?? '') === (newMessage.contentType ?? '')) continue;
      const level = ctx.levelOf(name);
      if (level === 'NONE') continue;
      const topics = topicsOf(ctx.current, name);
      const receivers = [...new Set(topics.flatMap((t) => servicesDoing(ctx.baseline, 'receive', name, t)))].sort();
      found.push(
        ctx.change({
          rule: id,
          breaking: true,
          topic: topics[0] ?? '',
          messageName: name,
          path: '/contentType',
          what: `content type changed from ${oldMessage.contentType ?? 'unset'} to ${newMessage.contentType ?? 'unset'}`,
          why: `${receivers.length > 0 ? receivers.join(', ') : 'consumers'} decode records by content type: old records and new ones can no longer be read by the same code`,
          hint: 'publish the new encoding as a new message or on a new topic',
          ...(newMessage.location ? { location: newMessage.location } : {}),
          level,
          impacted: receivers,
        }),
      );
    }
    return found;
  },
};
