// The rule registry: every id evc can print (lint rules, findings of the loader and the generator,
// compatibility change ids, config and lockfile findings), each defined once, in the module that
// reports it, and collected here into one plain array. `evc rules`, the SARIF rule metadata,
// `evc.config.yaml` (rules.off, check.accept) and the docs all read this list.

import { configFindings, historyFindings, type FindingDeclaration } from '../compat/config-findings.js';
import { contractRules } from '../compat/contract-rules/index.js';
import type { ContractRule } from '../compat/contract-rules/rule.js';
import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from '../compat/levels.js';
import { avroRules } from '../compat/avro-rules/index.js';
import type { AvroRule } from '../compat/avro/rule.js';
import { schemaRules } from '../compat/schema-rules/index.js';
import type { Breaks, ChangeType, SchemaRule } from '../compat/schema/rule.js';
import { generatorRules } from '../emit/generator-rules.js';
import { lintRules } from '../lint/index.js';
import { subjectRules } from '../schema-registry/subject-rules.js';
import type { LintRule } from '../lint/rule.js';
import {
  RULE_CATEGORIES,
  type RuleBreaks,
  type RuleCategory,
  type RuleDeclaration,
  type RuleEntry,
} from './rule-entry.js';

export function buildRuleRegistry(
  sources: {
    readonly lint?: readonly LintRule[];
    readonly contract?: readonly ContractRule[];
    readonly schema?: readonly SchemaRule[];
    readonly avro?: readonly AvroRule[];
    readonly findings?: readonly FindingDeclaration[];
    /** Ids `evc check --against-registry` reports about subjects. */
    readonly subjects?: Readonly<Record<string, RuleDeclaration>>;
  } = {},
): readonly RuleEntry[] {
  const lint = sources.lint ?? [...lintRules, ...generatorRules];
  const contract = sources.contract ?? contractRules;
  const schema = sources.schema ?? schemaRules;
  const avro = sources.avro ?? avroRules;
  const findings = sources.findings ?? [...Object.values(configFindings), ...Object.values(historyFindings)];
  const entries = new Map<string, RuleEntry>();
  const add = (entry: RuleEntry): void => {
    const key = canonicalRuleName(entry.id);
    const existing = entries.get(key);
    // One definition per id: a second one (or two ids evc.config.yaml cannot tell apart) is a bug.
    if (existing)
      throw new Error(
        existing.id === entry.id
          ? `rule id ${entry.id} is defined twice`
          : `rule ids ${existing.id} and ${entry.id} are the same name to evc.config.yaml`,
      );
    entries.set(key, entry);
  };
  for (const rule of lint)
    add({
      id: rule.id,
      kind: 'lint',
      category: rule.category,
      levels: [],
      description: rule.description,
      severity: rule.severity,
    });
  for (const finding of findings)
    add({
      id: finding.id,
      kind: finding.kind,
      category: finding.category,
      levels: [],
      description: finding.description,
      severity: finding.severity,
    });
  const schemaChangeIds: string[] = [];
  // Schema rules (JSON Schema keyword families, Avro resolution rules): each change id under its family.
  const families: readonly (readonly [
    RuleCategory,
    { readonly id: string; readonly description: string; readonly changes: Readonly<Record<string, ChangeType>> },
  ])[] = [...schema.map((rule) => ['SCHEMA', rule] as const), ...avro.map((rule) => ['AVRO', rule] as const)];
  for (const [category, rule] of families) {
    const ids = Object.keys(rule.changes);
    if (ids.length === 0) continue; // recursion only: it reports through the other rules
    for (const [id, type] of Object.entries(rule.changes)) {
      schemaChangeIds.push(id);
      add({
        id,
        kind: 'compat',
        category,
        levels: levelsFor(type.breaks),
        description: schemaChangeDoc(id, type, rule.description),
        breaks: type.breaks,
        family: rule.id,
      });
    }
    if (!ids.includes(rule.id))
      add({
        id: rule.id,
        kind: 'compat',
        category,
        levels: levelsFor(strongest(ids.map((id) => rule.changes[id]?.breaks ?? 'never'))),
        description: rule.description,
        reports: ids,
      });
  }
  const reported = [...contract.map((rule) => rule.reports), sources.subjects ?? subjectRules];
  for (const reports of reported)
    for (const [id, declared] of Object.entries(reports))
      add({
        id,
        kind: 'compat',
        category: declared.category,
        levels: levelsFor(declared.breaks),
        description: declared.description,
        breaks: declared.breaks,
      });
  for (const rule of contract) {
    const reports = [...Object.keys(rule.reports), ...(rule.reportsSchemaChanges ? schemaChangeIds : [])];
    if (!(rule.id in rule.reports))
      add({
        id: rule.id,
        kind: 'compat',
        category: rule.category,
        levels: levelsFor(strongest(reports.map((id) => entries.get(canonicalRuleName(id))?.breaks ?? 'never'))),
        description: rule.description,
        reports,
      });
  }
  return [...entries.values()];
}

/**
 * How evc.config.yaml names are compared: case, `-` and `_` do not matter, so `property-removed`
 * names PROPERTY_REMOVED and `ENUM_SIZE` names enum-size.
 */
export function canonicalRuleName(name: string): string {
  return name.trim().toUpperCase().replace(/[-\s]/g, '_');
}

export function findRule(name: string): RuleEntry | undefined {
  return entriesByName().get(canonicalRuleName(name));
}

export function findCategory(name: string): RuleCategory | undefined {
  const canonical = canonicalRuleName(name);
  return RULE_CATEGORIES.find((c) => c === canonical);
}

/** The names a reported id answers to in evc.config.yaml: itself, its family, its category. */
export function namesOfRule(id: string): readonly string[] {
  const entry = findRule(id);
  const names = [canonicalRuleName(id)];
  if (entry?.family) names.push(canonicalRuleName(entry.family));
  if (entry) names.push(entry.category);
  return names;
}

const BACKWARD_LEVELS = COMPATIBILITY_LEVELS.filter((l) => l.startsWith('BACKWARD') || l.startsWith('FULL'));
const FORWARD_LEVELS = COMPATIBILITY_LEVELS.filter((l) => l.startsWith('FORWARD') || l.startsWith('FULL'));
const CHECKING_LEVELS = COMPATIBILITY_LEVELS.filter((l) => l !== 'NONE');

/** The levels at which an id fails the check (none for ids reported only for information). */
function levelsFor(breaks: RuleBreaks): readonly CompatibilityLevel[] {
  switch (breaks) {
    case 'always':
    case 'strict':
      return CHECKING_LEVELS;
    case 'backward':
      return BACKWARD_LEVELS;
    case 'forward':
      return FORWARD_LEVELS;
    case 'never':
      return [];
  }
}

const STRENGTH: readonly RuleBreaks[] = ['never', 'forward', 'backward', 'strict', 'always'];

function strongest(breaks: readonly RuleBreaks[]): RuleBreaks {
  const both = breaks.includes('forward') && breaks.includes('backward');
  const top = breaks.reduce<RuleBreaks>((a, b) => (STRENGTH.indexOf(b) > STRENGTH.indexOf(a) ? b : a), 'never');
  return both && STRENGTH.indexOf(top) < STRENGTH.indexOf('strict') ? 'always' : top;
}

const BREAKS_TEXT: Record<Breaks, string> = {
  always: 'breaking',
  strict: 'breaking under the strict rule set',
  never: 'compatible',
};

/** `MAX_LENGTH_DECREASED` → "Max length decreased (breaking). <what the family checks>" */
function schemaChangeDoc(id: string, type: ChangeType, familyDescription: string): string {
  const words = id.toLowerCase().replace(/_/g, ' ');
  const verdict = type.warns ? 'compatible, reported as a warning' : BREAKS_TEXT[type.breaks];
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${verdict}). ${familyDescription}`;
}

let registry: readonly RuleEntry[] | undefined;
let byName: ReadonlyMap<string, RuleEntry> | undefined;

/** The registry of everything evc ships, built on first use (commands that name no rule never build it). */
export function ruleRegistry(): readonly RuleEntry[] {
  return (registry ??= buildRuleRegistry());
}

function entriesByName(): ReadonlyMap<string, RuleEntry> {
  return (byName ??= new Map(ruleRegistry().map((entry) => [canonicalRuleName(entry.id), entry])));
}

/**
 * Whether evc.config.yaml's `rules.off` (canonical names) silences an id: by its own name, its
 * family or its category. Findings about evc.config.yaml itself are never silenced by it.
 */
export function isSwitchedOff(id: string, off: ReadonlySet<string>): boolean {
  if (off.size === 0) return false;
  const names = namesOfRule(id);
  return !names.includes('CONFIG') && names.some((name) => off.has(name));
}
