// Prints lint diagnostics for people (`file:line:col: severity: message [rule]`, as tsc and
// editors expect), for machines (JSON) and for GitHub Actions (workflow annotations).
import type { Diagnostic } from '../model/registry.js';

export type DiagnosticFormat = 'text' | 'json' | 'github';
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ['text', 'json', 'github'];

export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(
        diagnostics.map(({ file, line, column, severity, rule, message, hint }) => ({
          file,
          line,
          column,
          severity,
          rule,
          message,
          ...(hint ? { hint } : {}),
        })),
        null,
        2,
      )}\n`;
    case 'github':
      return diagnostics.map(githubAnnotation).join('');
    case 'text':
      return diagnostics
        .map(
          (d) =>
            `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.rule}]\n${d.hint ? `    hint: ${d.hint}\n` : ''}`,
        )
        .join('');
  }
}

export function summary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** `::error file=…,line=…,col=…,title=…::message` with the escaping GitHub's runner expects. */
export function githubAnnotation(
  d: Pick<Diagnostic, 'file' | 'line' | 'column' | 'severity' | 'rule' | 'message' | 'hint'>,
): string {
  const property = (value: string): string => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const text = d.hint ? `${d.message} (${d.hint})` : d.message;
  return `::${d.severity} file=${property(d.file)},line=${d.line},col=${d.column},title=${property(d.rule)}::${escapeData(text)}\n`;
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
