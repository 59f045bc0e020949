// GitHub Actions workflow commands: an error annotation on the changed line of the new file for
// each breaking change, a notice for each compatible one.

import { changeMessage } from '../change.js';
import type { CheckResult } from '../check.js';
import { countSummary, type ReportContext } from './summary.js';

export function formatGithub(result: CheckResult, context: ReportContext): string {
  const out = result.changes.map((c) => {
    const kind = c.breaking ? 'error' : 'notice';
    const title = `${c.rule}${c.messageName ? ` (${c.messageName}${c.path ? ` ${c.path}` : ''})` : ''}`;
    return `::${kind} file=${property(c.file)},line=${c.line},col=${c.column},title=${property(title)}::${data(changeMessage(c))}\n`;
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
