// The payload schema of every message both versions declare, checked with the JSON Schema rules
// at the message's level (its `x-evc-compatibility`, else the registry's).

import type { Change } from '../change.js';
import type { ContractRule } from './rule.js';
import { schemaPartChanges } from './schema-changes.js';

export const id = 'PAYLOAD_SCHEMA';
export const description = 'Payload schemas are checked with the JSON Schema rules at the message\'s compatibility level.';

export const rule: ContractRule = {
  id,
  description,
  check(ctx) {
    const found: Change[] = [];
    for (const [name, oldMessage] of ctx.baseline.messages) {
      const newMessage = ctx.current.messages.get(name);
      if (newMessage) found.push(...schemaPartChanges(ctx, 'payload', oldMessage, newMessage));
    }
    return found;
  },
};
