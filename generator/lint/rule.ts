// What a lint rule is: an id, a one-line doc, a severity and a pure check over the registry model.
// Rules detected while loading (syntax, schema validity, references) are listed with `detectedBy:
// 'loader'` so `evc rules` and the docs cover them too.
import type { Diagnostic, Registry, Severity, SourceLocation } from '../model/registry.js';

export interface LintRule {
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
  readonly detectedBy: 'loader' | 'registry';
  readonly check?: (registry: Registry) => Diagnostic[];
}

export function finding(
  rule: Pick<LintRule, 'id' | 'severity'>,
  at: SourceLocation,
  message: string,
  hint?: string,
): Diagnostic {
  return {
    file: at.file,
    line: at.line,
    column: at.column,
    severity: rule.severity,
    rule: rule.id,
    message,
    ...(hint ? { hint } : {}),
  };
}
