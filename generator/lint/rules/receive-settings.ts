// A receive operation's x-dead-letter / x-retry must be usable as written: generated consumers
// apply them to their routes, and a receiver refuses an impossible retry policy when it starts —
// better said at the line of the contract than at 2 AM when the service is deployed.
import type { Diagnostic } from '../../model/registry.js';
import { receiveSettingsOf } from '../../model/receive-settings.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

export const receiveSettings: LintRule = {
  id: 'receive-settings',
  category: 'DELIVERY',
  severity: 'error',
  detectedBy: 'registry',
  description:
    'Receive operations only carry x-dead-letter and x-retry; they name a dead-letter topic other than the consumed one, a retry policy the runtime can run, and retry topics (x-retry.delays, channels) of their own.',
  check(registry) {
    const out: Diagnostic[] = [];
    for (const service of registry.services) {
      for (const operation of service.operations) {
        for (const problem of receiveSettingsOf(operation).problems)
          out.push(finding(this, problem.at, problem.message, problem.hint));
      }
    }
    return out;
  },
};
