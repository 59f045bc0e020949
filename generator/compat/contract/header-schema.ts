// Message headers are data consumers read too: their schema follows the same rules as payloads
// (paths are reported under `/headers`).

import type { Change } from '../change.js';
import type { ContractRule } from './rule.js';
import { schemaPartChanges } from './schema-changes.js';

export const id = 'HEADER_SCHEMA';
export const description = 'Header schemas are checked with the same rules as payloads.';

export const rule: ContractRule = {
  id,
  description,
  check(ctx) {
    const found: Change[] = [];
    for (const [name, oldMessage] of ctx.baseline.messages) {
      const newMessage = ctx.current.messages.get(name);
      if (newMessage) found.push(...schemaPartChanges(ctx, 'headers', oldMessage, newMessage));
    }
    return found;
  },
};
