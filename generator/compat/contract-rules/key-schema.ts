// The Kafka record key decides the partition, and so the order consumers see per key. Any change
// to its schema (even a compatible one in payload terms, e.g. integer → number, or a new format)
// can change the serialized key and send the same entity to another partition: breaking unless
// the two key schemas are structurally identical (renamed definitions and descriptions are fine).

import { fingerprint } from '../schema/graph.js';
import { describeSchema } from '../schema/values.js';
import { locateInSchema } from '../locate.js';
import { servicesDoing, topicsOf } from '../snapshot.js';
import type { Change } from '../change.js';
import type { ContractRule } from './rule.js';
import { schemaChangeType } from './schema-changes.js';

export const id = 'KEY_SCHEMA_CHANGED';
export const description =
  'The Kafka key schema must stay structurally identical: key changes move entities between partitions.';

export const rule: ContractRule = {
  id,
  category: 'KEY',
  description,
  reports: {
    [id]: { category: 'KEY', description, breaks: 'always' },
    KEY_SCHEMA_ADDED: {
      category: 'KEY',
      description: 'A Kafka key schema was added to a message that had none: keys of new records change.',
      breaks: 'always',
    },
    KEY_SCHEMA_REMOVED: {
      category: 'KEY',
      description: "A message's Kafka key schema was removed: keys of new records change or disappear.",
      breaks: 'always',
    },
  },
  check(ctx) {
    if (!ctx.latest) return [];
    const found: Change[] = [];
    for (const [name, oldMessage] of ctx.baseline.messages) {
      const newMessage = ctx.current.messages.get(name);
      if (!newMessage) continue;
      const level = ctx.levelOf(name);
      if (level === 'NONE') continue;
      const oldKey = oldMessage.key;
      const newKey = newMessage.key;
      if (oldKey === undefined && newKey === undefined) continue;
      if (oldKey !== undefined && newKey !== undefined && fingerprint(oldKey) === fingerprint(newKey)) continue;
      const rule =
        oldKey === undefined ? 'KEY_SCHEMA_ADDED' : newKey === undefined ? 'KEY_SCHEMA_REMOVED' : 'KEY_SCHEMA_CHANGED';
      const differences =
        oldKey !== undefined && newKey !== undefined
          ? ctx.schemas
              .check(oldKey, newKey, { level: 'FULL', mode: 'strict' })
              .findings.filter((f) => f.direction === 'backward' || f.breaking)
          : [];
      const details = differences.slice(0, 3).map((d) => {
        const entry = schemaChangeType(d.id);
        const backward = d.direction === 'backward';
        return entry
          ? entry.type.what({
              old: backward ? d.writer : d.reader,
              new: backward ? d.reader : d.writer,
              ...(d.subject !== undefined ? { subject: d.subject } : {}),
            })
          : d.id;
      });
      const topics = topicsOf(ctx.current, name);
      const receivers = [...new Set(topics.flatMap((t) => servicesDoing(ctx.baseline, 'receive', name, t)))].sort();
      const what =
        rule === 'KEY_SCHEMA_ADDED'
          ? `key schema added (${describeSchema(newKey)})`
          : rule === 'KEY_SCHEMA_REMOVED'
            ? `key schema removed (was ${describeSchema(oldKey)})`
            : `key schema changed${details.length > 0 ? `: ${[...new Set(details)].join('; ')}` : ''}`;
      const location = locateInSchema(newKey, []) ?? newMessage.location;
      found.push(
        ctx.change({
          rule,
          breaking: true,
          topic: topics[0] ?? '',
          messageName: name,
          path: '/bindings/kafka/key',
          part: 'key',
          what,
          why: `records of the same entity may land on another partition, so ${receivers.length > 0 ? receivers.join(', ') : 'consumers'} can see its events out of order or split across consumers during the rollout`,
          hint: 'keep the key schema as it is; introduce a new topic (or a new message keyed differently) and migrate consumers to it',
          ...(location ? { location } : {}),
          level,
          impacted: receivers,
        }),
      );
    }
    return found;
  },
};
