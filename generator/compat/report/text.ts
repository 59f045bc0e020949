// For people: one line per change, grouped by topic and message, breaking ones first; each says
// what changed, why it breaks whom, and what to do instead; below a breaking change, the services
// it hurts, and for an accepted one, the reason it was accepted.

import { changeMessage, failsCheck, type Change } from '../change.js';
import type { CheckResult } from '../check.js';
import { countSummary, describeAcceptance, describeImpact, type ReportContext } from './summary.js';

export function formatText(result: CheckResult, context: ReportContext): string {
  const lines: string[] = [
    `evc check against ${context.against} (level ${result.level}, ${context.mode}): ${countSummary(result)}`,
  ];
  const byTopic = new Map<string, Change[]>();
  for (const change of result.changes) {
    const list = byTopic.get(change.topic) ?? [];
    list.push(change);
    byTopic.set(change.topic, list);
  }
  const topics = [...byTopic.entries()].sort(
    ([a, ca], [b, cb]) =>
      Number(cb.some((c) => c.breaking)) - Number(ca.some((c) => c.breaking)) || (a < b ? -1 : a > b ? 1 : 0),
  );
  for (const [topic, changes] of topics) {
    lines.push('', topic || '(no topic)');
    const byMessage = new Map<string, Change[]>();
    for (const change of changes)
      byMessage.set(change.messageName, [...(byMessage.get(change.messageName) ?? []), change]);
    const messages = [...byMessage.entries()].sort(
      ([a, ca], [b, cb]) =>
        Number(cb.some((c) => c.breaking)) - Number(ca.some((c) => c.breaking)) || (a < b ? -1 : a > b ? 1 : 0),
    );
    for (const [message, list] of messages) {
      if (message) lines.push(`  ${message}`);
      const indent = message ? '    ' : '  ';
      for (const c of [...list].sort((a, b) => Number(b.breaking) - Number(a.breaking))) {
        const where = `${c.file}:${c.line}:${c.column}`;
        const tag = c.accepted ? 'ACCEPTED' : c.breaking ? 'BREAKING' : c.warning ? 'WARNING ' : 'ok      ';
        const path = c.path ? ` ${c.path}` : '';
        lines.push(`${indent}${tag} ${where} ${c.rule}${path}: ${changeMessage(c).replace(/\s*\n\s*/g, ' ')}`);
        if (c.impact.length > 0) lines.push(`${indent}         impact: ${describeImpact(c.impact, true)}`);
        if (c.accepted) lines.push(`${indent}         ${describeAcceptance(c)}`);
      }
    }
  }
  const accepted = result.changes.filter((c) => c.accepted).length;
  const failing = result.changes.filter(failsCheck).length;
  lines.push(
    '',
    failing > 0
      ? `not compatible at level ${result.level}`
      : accepted > 0
        ? `compatible (${accepted} breaking change${accepted === 1 ? '' : 's'} accepted in evc.config.yaml)`
        : 'compatible',
  );
  return `${lines.join('\n')}\n`;
}
