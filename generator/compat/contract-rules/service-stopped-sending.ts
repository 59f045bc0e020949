// A service that used to send a message on a topic no longer declares it, while other services
// still receive that message there: they will wait for events that never come. Names the receivers.

import { servicesDoing } from '../snapshot.js';
import type { Change } from '../change.js';
import type { ContractRule } from './rule.js';

export const id = 'SERVICE_STOPPED_SENDING';
export const description = 'A service stopped sending a message that other services still receive.';

export const rule: ContractRule = {
  id,
  category: 'MESSAGE_SET',
  description,
  reports: { [id]: { category: 'MESSAGE_SET', description, breaks: 'always' } },
  check(ctx) {
    if (!ctx.latest) return [];
    const found: Change[] = [];
    const seen = new Set<string>();
    for (const flow of ctx.baseline.flows) {
      if (flow.action !== 'send') continue;
      const key = `${flow.service}\0${flow.topic}\0${flow.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!ctx.current.topics.has(flow.topic)) continue; // TOPIC_REMOVED says it
      if (ctx.levelOf(flow.message) === 'NONE') continue;
      const stillSends = ctx.current.flows.some(
        (f) =>
          f.action === 'send' && f.service === flow.service && f.topic === flow.topic && f.message === flow.message,
      );
      if (stillSends) continue;
      // Only services that still declare the receive are left waiting.
      const receivers = servicesDoing(ctx.current, 'receive', flow.message, flow.topic).filter(
        (s) => s !== flow.service,
      );
      if (receivers.length === 0) continue;
      const others = servicesDoing(ctx.current, 'send', flow.message, flow.topic).filter((s) => s !== flow.service);
      const serviceStillExists = ctx.current.flows.some((f) => f.service === flow.service);
      found.push(
        ctx.change({
          rule: id,
          breaking: true,
          topic: flow.topic,
          messageName: flow.message,
          what: `${flow.service} no longer sends ${flow.message} on ${flow.topic}${serviceStillExists ? '' : ` (service ${flow.service} removed)`}`,
          why: `receivers ${receivers.join(', ')} still expect ${flow.message} on ${flow.topic}${others.length > 0 ? ` (only ${others.join(', ')} still send${others.length === 1 ? 's' : ''} it)` : ' and nobody sends it any more'}`,
          hint: `keep the send operation until ${receivers.join(', ')} stop receiving ${flow.message}, or move it to another sender in the same change`,
          ...(ctx.current.topics.get(flow.topic)?.location
            ? { location: ctx.current.topics.get(flow.topic)?.location }
            : {}),
          level: ctx.levelOf(flow.message),
          impacted: receivers,
        }),
      );
    }
    return found;
  },
};
