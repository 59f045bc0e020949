// The one-line count every format starts or ends with, and what every reporter is told.

import type { CheckResult } from '../check.js';
import type { CompatibilityMode } from '../levels.js';

export interface ReportContext {
  /** What the contracts were compared with, e.g. `HEAD~1:contracts` or `evc.lock.yaml`. */
  readonly against: string;
  readonly mode: CompatibilityMode;
}

export function countSummary(result: CheckResult): string {
  const breaking = result.changes.filter((c) => c.breaking).length;
  const other = result.changes.length - breaking;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(breaking, 'breaking change')}, ${plural(other, 'compatible change')}`;
}
