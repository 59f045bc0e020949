// A Markdown pull-request comment: the verdict, the breaking changes grouped by the service they
// hurt (so the author knows whom to talk to), then every change in one table.

import type { Change } from '../change.js';
import type { CheckResult } from '../check.js';
import { countSummary, describeImpact, type ReportContext } from './summary.js';
import { markdownCell as cell, markdownCode as code } from '../../report/markdown-cells.js';

export function formatMarkdown(result: CheckResult, context: ReportContext): string {
  const lines: string[] = [];
  lines.push(`### evc check: ${result.compatible ? '✅ compatible' : '❌ breaking changes'}`);
  lines.push('');
  lines.push(
    `Compared with \`${context.against}\` at level **${result.level}** (${context.mode}): ${countSummary(result)}.`,
  );
  const byService = breakingByService(result.changes);
  if (byService.length > 0) {
    lines.push('', '#### Who is hurt');
    for (const { service, roles, files, changes } of byService) {
      lines.push(
        '',
        `**${code(service)}** (${roles.join(' and ')}${files.length > 0 ? `, ${files.map(code).join(', ')}` : ''})`,
      );
      for (const c of changes)
        lines.push(
          `- ${c.accepted ? '☑️ accepted' : '❌'} ${code(c.rule)} ${code(c.messageName || c.topic)}${c.path ? ` ${code(c.path)}` : ''}: ${cell(c.what)}${c.accepted ? ` (${cell(c.accepted.reason)})` : ''}`,
        );
    }
  }
  if (result.changes.length > 0) {
    lines.push('');
    lines.push('| | Topic | Message | Path | Rule | What changed | Why it breaks | Instead | Impact | Where |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|');
    for (const c of result.changes) {
      const mark = c.accepted ? '☑️' : c.breaking ? '❌' : c.warning ? '⚠️' : '✅';
      const why = c.accepted ? `accepted: ${c.accepted.reason}. ${c.why ?? ''}` : (c.why ?? '');
      lines.push(
        `| ${mark} | ${code(c.topic)} | ${code(c.messageName)} | ${code(c.path)} | ${code(c.rule)} | ${cell(c.what)} | ${cell(why)} | ${cell(c.hint ?? '')} | ${cell(describeImpact(c.impact))} | ${code(`${c.file}:${c.line}`)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

interface ServiceImpact {
  readonly service: string;
  readonly roles: string[];
  readonly files: string[];
  readonly changes: Change[];
}

/** Breaking changes per impacted service, services sorted by name; a change hurting none is under "(nobody declared)". */
function breakingByService(changes: readonly Change[]): ServiceImpact[] {
  const services = new Map<string, ServiceImpact>();
  const entry = (service: string): ServiceImpact => {
    let found = services.get(service);
    if (!found) services.set(service, (found = { service, roles: [], files: [], changes: [] }));
    return found;
  };
  for (const change of changes) {
    if (!change.breaking) continue;
    if (change.impact.length === 0) entry('(no service declares it)').changes.push(change);
    for (const impact of change.impact) {
      const e = entry(impact.service);
      if (!e.roles.includes(impact.role)) e.roles.push(impact.role);
      if (impact.file && !e.files.includes(impact.file)) e.files.push(impact.file);
      if (!e.changes.includes(change)) e.changes.push(change);
    }
  }
  return [...services.values()]
    .map((s) => ({ ...s, roles: s.roles.sort(), files: s.files.sort() }))
    .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}
