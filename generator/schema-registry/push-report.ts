// Prints a push report for people (text) or machines (json). A refused schema shows the registry's
// message and evc's own findings for the same change; a stopped push says what was done before.

import { schemaChangeType } from '../compat/contract-rules/schema-changes.js';
import type { SchemaFinding } from '../compat/schema-check.js';
import { printable } from '../report/printable.js';
import type { PushReport, SubjectOutcome } from './push.js';

export const PUSH_FORMATS = ['text', 'json'] as const;
export type PushFormat = (typeof PUSH_FORMATS)[number];

export function formatPushReport(report: PushReport, format: PushFormat): string {
  return format === 'json' ? `${JSON.stringify(pushReportJson(report), null, 2)}\n` : pushReportText(report);
}

function verb(outcome: SubjectOutcome, dryRun: boolean): string {
  if (outcome.action === 'unchanged') return 'unchanged';
  if (outcome.action === 'refused') return 'REFUSED';
  return dryRun ? 'would register' : 'registered';
}

function levelNote(outcome: SubjectOutcome, dryRun: boolean): string {
  if (outcome.levelBefore === outcome.level) return `level ${outcome.level}`;
  const from = outcome.levelBefore === undefined ? '' : ` (was ${outcome.levelBefore})`;
  return `${dryRun ? 'would set' : 'set'} level ${outcome.level}${from}`;
}

export function findingLine(finding: SchemaFinding): string {
  const type = schemaChangeType(finding.id);
  const backward = finding.direction === 'backward';
  const what = type
    ? type.type.what({
        old: backward ? finding.writer : finding.reader,
        new: backward ? finding.reader : finding.writer,
        ...(finding.subject !== undefined ? { subject: finding.subject } : {}),
      })
    : finding.id;
  const path = `/${finding.path.join('/')}`;
  return `${finding.breaking ? 'BREAKING' : 'ok'} ${finding.id} ${path} (${finding.direction}): ${what}`;
}

function pushReportText(report: PushReport): string {
  const lines: string[] = [`evc registry push${report.dryRun ? ' --dry-run' : ''} to ${report.url}`];
  for (const outcome of report.outcomes) {
    const id =
      outcome.id === undefined ? '' : ` id ${outcome.id}${outcome.version === undefined ? '' : ` v${outcome.version}`}`;
    lines.push(
      `  ${verb(outcome, report.dryRun).padEnd(14)} ${printable(outcome.subject)}${id}  ${levelNote(outcome, report.dryRun)}  [${outcome.messages.map((m) => printable(m)).join(', ')}]`,
    );
    if (outcome.action === 'refused') lines.push(`      registry: ${printable(outcome.registryMessage ?? '')}`);
    const shown = outcome.action === 'refused' ? outcome.findings : outcome.findings.filter((f) => f.breaking);
    if (outcome.action === 'refused' && shown.length === 0)
      lines.push(
        '      evc:      no breaking change found by evc’s rules (see README: where evc and the registry differ)',
      );
    for (const finding of shown) lines.push(`      evc:      ${printable(findingLine(finding))}`);
  }
  const count = (action: SubjectOutcome['action']): number => report.outcomes.filter((o) => o.action === action).length;
  const summary = `${count('registered')} ${report.dryRun ? 'to register' : 'registered'}, ${count('unchanged')} unchanged, ${count('refused')} refused`;
  if (report.failure) {
    lines.push(
      '',
      `STOPPED at ${printable(report.failure.subject)}: ${printable(report.failure.error.message)}`,
      `Done before the failure: ${summary}. Subjects after ${printable(report.failure.subject)} were not pushed; run the push again once the cause is fixed.`,
    );
  } else lines.push('', summary);
  return `${lines.join('\n')}\n`;
}

function pushReportJson(report: PushReport): unknown {
  return {
    url: report.url,
    dryRun: report.dryRun,
    subjects: report.outcomes.map((o) => ({
      subject: o.subject,
      topic: o.topic,
      part: o.part,
      messages: o.messages,
      schemaType: o.schemaType,
      action: report.dryRun && o.action === 'registered' ? 'would-register' : o.action,
      ...(o.id !== undefined ? { id: o.id } : {}),
      ...(o.version !== undefined ? { version: o.version } : {}),
      level: o.level,
      ...(o.levelBefore !== undefined ? { levelBefore: o.levelBefore } : {}),
      ...(o.registryMessage !== undefined ? { registryMessage: o.registryMessage } : {}),
      findings: o.findings.map((f) => ({
        id: f.id,
        breaking: f.breaking,
        direction: f.direction,
        path: `/${f.path.join('/')}`,
        message: findingLine(f),
      })),
    })),
    ...(report.failure
      ? {
          failure: {
            subject: report.failure.subject,
            kind: report.failure.error.kind,
            message: report.failure.error.message,
          },
        }
      : {}),
  };
}
