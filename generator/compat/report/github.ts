// GitHub Actions workflow commands: an error annotation on the changed line of the new file for
// each breaking change (naming the services it hurts), a warning for a compatible change readers
// may misread, a notice for each other compatible or accepted one.

import { changeMessage } from '../change.js';
import type { CheckResult } from '../check.js';
import { countSummary, describeAcceptance, describeImpact, type ReportContext } from './summary.js';

export function formatGithub(result: CheckResult, context: ReportContext): string {
  const out = result.changes.map((c) => {
    const kind = c.breaking && !c.accepted ? 'error' : c.warning ? 'warning' : 'notice';
    const title = `${c.rule}${c.messageName ? ` (${c.messageName}${c.path ? ` ${c.path}` : ''})` : ''}${c.accepted ? ' accepted' : ''}`;
    let text = changeMessage(c);
    if (c.impact.length > 0) text += `. Impact: ${describeImpact(c.impact)}`;
    if (c.accepted) text += `. ${describeAcceptance(c)}`;
    return `::${kind} file=${property(c.file)},line=${c.line},col=${c.column},title=${property(title)}::${data(text)}\n`;
  });
  out.push(`evc check against ${context.against} (level ${result.level}): ${countSummary(result)}\n`);
  return out.join('');
}

function data(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(value: string): string {
  return data(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
