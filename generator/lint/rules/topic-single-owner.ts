// A Kafka topic belongs to one service: two senders means two owners who can change its events
// independently, and consumers can no longer know whose contract to trust.
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

export const topicSingleOwner: LintRule = {
  id: 'topic-single-owner',
  category: 'TOPIC',
  severity: 'error',
  detectedBy: 'registry',
  description: 'A topic has exactly one owning service: only one service may send to it.',
  check(registry) {
    const senders = new Map<string, Map<string, { file: string; line: number; column: number }>>();
    for (const service of registry.services) {
      for (const op of service.operations) {
        if (op.action !== 'send') continue;
        const byService = senders.get(op.topic) ?? new Map();
        if (!byService.has(service.name)) byService.set(service.name, op.location);
        senders.set(op.topic, byService);
      }
    }
    const out = [];
    for (const [topic, byService] of senders) {
      if (byService.size < 2) continue;
      const names = [...byService.keys()].sort();
      for (const [service, at] of [...byService].sort(([a], [b]) => (a < b ? -1 : 1)).slice(1)) {
        out.push(
          finding(
            this,
            at,
            `topic "${topic}" is sent to by ${names.map((n) => `"${n}"`).join(' and ')}; "${service}" is not its owner`,
            `let "${names[0]}" own "${topic}" and have "${service}" publish its events on a topic of its own`,
          ),
        );
      }
    }
    return out;
  },
};
