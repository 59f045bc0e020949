// A Markdown table a bot can post as a pull-request comment.

import type { CheckResult } from '../check.js';
import { countSummary, type ReportContext } from './summary.js';
import { markdownCell as cell, markdownCode as code } from '../../report/markdown-cells.js';

export function formatMarkdown(result: CheckResult, context: ReportContext): string {
  const lines: string[] = [];
  lines.push(`### evc check: ${result.compatible ? '✅ compatible' : '❌ breaking changes'}`);
  lines.push('');
  lines.push(
    `Compared with \`${context.against}\` at level **${result.level}** (${context.mode}): ${countSummary(result)}.`,
  );
  if (result.changes.length > 0) {
    lines.push('');
    lines.push('| | Topic | Message | Path | Rule | What changed | Why it breaks | Instead | Where |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const c of result.changes) {
      lines.push(
        `| ${c.breaking ? '❌' : '✅'} | ${code(c.topic)} | ${code(c.messageName)} | ${code(c.path)} | ${code(c.rule)} | ${cell(c.what)} | ${cell(c.why ?? '')} | ${cell(c.hint ?? '')} | ${code(`${c.file}:${c.line}`)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
