// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one result per change, located in
// the proposed contracts; the rule metadata (description, category, levels) comes from the rule
// registry; an accepted breaking change carries an external, accepted suppression with its reason.

import { ruleRegistry } from '../../rules/registry.js';
import type { RuleEntry } from '../../rules/rule-entry.js';
import { changeMessage, type Change } from '../change.js';
import type { CheckResult } from '../check.js';
import { countSummary, describeImpact, type ReportContext } from './summary.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function formatSarif(result: CheckResult, context: ReportContext): string {
  const registry = new Map(ruleRegistry().map((entry) => [entry.id, entry]));
  const ruleIds = [...new Set(result.changes.map((c) => c.rule))].sort();
  const rules = ruleIds.map((id) => ruleMetadata(id, registry.get(id), result.changes));
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'evc',
            fullName: 'eventcontracts compatibility check (evc check)',
            rules,
          },
        },
        automationDetails: { id: `evc-check/${result.level}/` },
        results: result.changes.map((c) => sarifResult(c, index.get(c.rule) ?? 0)),
        properties: {
          against: context.against,
          level: result.level,
          mode: context.mode,
          compatible: result.compatible,
          summary: countSummary(result),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleMetadata(id: string, entry: RuleEntry | undefined, changes: readonly Change[]): object {
  const description = entry?.description ?? changes.find((c) => c.rule === id)?.description ?? id;
  return {
    id,
    shortDescription: { text: description },
    defaultConfiguration: { level: entry?.breaks === 'never' ? 'note' : 'error' },
    properties: {
      ...(entry
        ? { kind: entry.kind, category: entry.category, levels: entry.levels, tags: [entry.kind, entry.category] }
        : {}),
      ...(entry?.breaks ? { breaks: entry.breaks } : {}),
      ...(entry?.family ? { family: entry.family } : {}),
    },
  };
}

function sarifResult(c: Change, ruleIndex: number): object {
  let text = changeMessage(c);
  if (c.impact.length > 0) text += `. Impact: ${describeImpact(c.impact)}`;
  return {
    ruleId: c.rule,
    ruleIndex,
    level: c.breaking ? 'error' : c.warning ? 'warning' : 'note',
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(c.file) },
          region: { startLine: Math.max(1, c.line), startColumn: Math.max(1, c.column) },
        },
      },
    ],
    ...(c.accepted
      ? { suppressions: [{ kind: 'external', status: 'accepted', justification: c.accepted.reason }] }
      : {}),
    properties: {
      topic: c.topic,
      messageName: c.messageName,
      path: c.path,
      breaking: c.breaking,
      impact: c.impact.map(({ service, role, file }) => ({ service, role, file })),
    },
  };
}

/**
 * A relative URI reference for a displayed path. Paths from a git ref (`HEAD~1:contracts/x.yaml`)
 * would read as a URI scheme: every character outside the unreserved/path set is percent-encoded.
 */
export function fileUri(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
