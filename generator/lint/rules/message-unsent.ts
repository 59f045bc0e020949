// In a registry of several services, receiving a message nobody sends is usually a typo or a
// producer that was removed; a single document may legitimately describe only its own side.
import type { LintRule } from '../rule.js';
import { isUnresolvedRef } from '../../model/registry.js';
import { finding } from '../rule.js';

export const messageUnsent: LintRule = {
  id: 'message-unsent',
  category: 'MESSAGE_SET',
  severity: 'warning',
  detectedBy: 'registry',
  description: 'A message some service receives should be sent by some document of the registry.',
  check(registry) {
    if (registry.services.length < 2) return [];
    const sent = new Set(
      registry.services.flatMap((s) => s.operations.filter((o) => o.action === 'send').flatMap((o) => o.messages)),
    );
    const out = [];
    for (const service of registry.services) {
      for (const op of service.operations) {
        if (op.action !== 'receive') continue;
        for (const message of op.messages) {
          // An unresolved $ref is reported by the loader; "nobody sends it" would point the wrong way.
          if (!sent.has(message) && !isUnresolvedRef(message.raw))
            out.push(
              finding(
                this,
                op.location,
                `"${service.name}" receives "${message.name}" on "${op.topic}", but no document of the registry sends it`,
                "add the producing service's contract, or remove the receive operation",
              ),
            );
        }
      }
    }
    return out;
  },
};
