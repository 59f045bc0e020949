// What a lint rule is: an id, a category, a one-line doc, a severity and a pure check over the
// registry model. Rules detected while loading (syntax, schema validity, references) or generating
// (a schema ajv cannot compile) are listed with `detectedBy: 'loader' | 'generator'` so `evc rules`,
// the rule registry and the docs cover them too.
import type { Diagnostic, Registry, Severity, SourceLocation } from '../model/registry.js';
import type { RuleCategory } from '../rules/rule-entry.js';

export interface LintRule {
  readonly id: string;
  readonly severity: Severity;
  /** The group `evc.config.yaml` can switch off together (see generator/rules/rule-entry.ts). */
  readonly category: RuleCategory;
  readonly description: string;
  readonly detectedBy: 'loader' | 'generator' | 'registry';
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
