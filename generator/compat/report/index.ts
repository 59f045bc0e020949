// Prints a compatibility check result in one of the four formats `evc check --format` offers.

import type { CheckResult } from '../check.js';
import type { ReportContext } from './summary.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatText } from './text.js';

export type CheckFormat = 'text' | 'json' | 'github' | 'markdown';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'github', 'markdown'];

export type { ReportContext } from './summary.js';

export function formatCheckResult(result: CheckResult, format: CheckFormat, context: ReportContext): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'github':
      return formatGithub(result, context);
    case 'markdown':
      return formatMarkdown(result, context);
    case 'text':
      return formatText(result, context);
  }
}
