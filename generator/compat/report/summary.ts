// The one-line count every format starts or ends with, what every reporter is told, and how a
// change's impact and acceptance read in one line.

import type { Change, Impact } from '../change.js';
import type { CheckResult } from '../check.js';
import type { CompatibilityMode } from '../levels.js';

export interface ReportContext {
  /** What the contracts were compared with, e.g. `HEAD~1:contracts` or `evc.lock.yaml`. */
  readonly against: string;
  readonly mode: CompatibilityMode;
}

export function countSummary(result: CheckResult): string {
  const breaking = result.changes.filter((c) => c.breaking);
  const accepted = breaking.filter((c) => c.accepted).length;
  const other = result.changes.length - breaking.length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(breaking.length, 'breaking change')}${accepted > 0 ? ` (${accepted} accepted)` : ''}, ${plural(other, 'compatible change')}`;
}

/** `invoicing (receiver), routing (sender)`; with files when `withFiles`. */
export function describeImpact(impact: readonly Impact[], withFiles = false): string {
  return impact.map((i) => `${i.service} (${i.role}${withFiles && i.file ? `, ${i.file}` : ''})`).join(', ');
}

/** `accepted in evc.config.yaml:12: <reason> (until 2027-03-01)` */
export function describeAcceptance(change: Change): string {
  const a = change.accepted;
  if (!a) return '';
  return `accepted in ${a.file}:${a.line}: ${a.reason}${a.until ? ` (until ${a.until})` : ''}`;
}
