// Runs one lint rule over in-memory contract files, for the rule tables.
import { loadRegistry } from '../../generator/load/index.js';
import { memorySource } from '../../generator/load/memory-source.js';
import type { LintRule } from '../../generator/lint/rule.js';
import type { Diagnostic } from '../../generator/model/registry.js';

export interface RuleCase {
  readonly name: string;
  readonly files: Record<string, string>;
  /** Expected findings as `file:line message-fragment`, empty for a valid case. */
  readonly expected: readonly string[];
  /** Loader errors the case is about (e.g. an unresolved $ref), by rule id; any other loader error fails it. */
  readonly loaderErrors?: readonly string[];
}

export async function runRule(
  rule: LintRule,
  files: Record<string, string>,
  loaderErrors: readonly string[] = [],
): Promise<Diagnostic[]> {
  const registry = await loadRegistry(memorySource(files));
  const found = registry.diagnostics.filter((d) => d.severity === 'error');
  if (JSON.stringify(found.map((d) => d.rule).sort()) !== JSON.stringify([...loaderErrors].sort()))
    throw new Error(`fixture loads with other errors than ${JSON.stringify(loaderErrors)}: ${JSON.stringify(found)}`);
  return rule.check!(registry);
}

export function summarise(findings: readonly Diagnostic[]): string[] {
  return findings.map((d) => `${d.file}:${d.line} ${d.severity} ${d.rule}: ${d.message}`);
}

/** A minimal AsyncAPI 3.0 service document. */
export function service(title: string, body: string): string {
  return `asyncapi: 3.0.0\ninfo:\n  title: ${title}\n  version: '1.0.0'\n${body}`;
}
