// Prints a compatibility check result in one of the formats `evc check --format` offers. Each
// reporter is a pure function of the check result (and what it was compared with).

import type { CheckResult } from '../check.js';
import type { ReportContext } from './summary.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export type CheckFormat = 'text' | 'json' | 'github' | 'markdown' | 'junit' | 'sarif';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'github', 'markdown', 'junit', 'sarif'];

export type { ReportContext } from './summary.js';

export function formatCheckResult(result: CheckResult, format: CheckFormat, context: ReportContext): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'github':
      return formatGithub(result, context);
    case 'markdown':
      return formatMarkdown(result, context);
    case 'junit':
      return formatJunit(result, context);
    case 'sarif':
      return formatSarif(result, context);
    case 'text':
      return formatText(result, context);
  }
}
