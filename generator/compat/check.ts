// Checks a proposed registry against one or more earlier versions: runs every contract rule (which
// in turn runs the schema rules on payloads and headers) and collects the changes, breaking first.

import type { SourceLocation } from '../model/registry.js';
import { compareChanges, type Change } from './change.js';
import { contractRules } from './contract-rules/index.js';
import type { ChangeInit, ContractRule, ContractRuleContext } from './contract-rules/rule.js';
import type { CompatibilityLevel, CompatibilityMode } from './levels.js';
import { SchemaChecker } from './schema-check.js';
import type { RegistrySnapshot } from './snapshot.js';

export interface CheckInput {
  /** Earlier versions, oldest first; the last one is "the latest". Transitive levels use all. */
  readonly baselines: readonly RegistrySnapshot[];
  readonly current: RegistrySnapshot;
  /** Registry default level; messages may override it with `x-evc-compatibility`. */
  readonly level: CompatibilityLevel;
  readonly mode: CompatibilityMode;
  readonly rules?: readonly ContractRule[];
  /** Reuse one checker across runs (watch mode, benchmarks) to keep its memo warm. */
  readonly schemas?: SchemaChecker;
}

export interface CheckResult {
  readonly compatible: boolean;
  readonly level: CompatibilityLevel;
  readonly changes: readonly Change[];
}

export function checkCompatibility(input: CheckInput): CheckResult {
  const schemas = input.schemas ?? new SchemaChecker();
  const rules = input.rules ?? contractRules;
  const changes: Change[] = [];
  const seen = new Set<string>();
  const latestIndex = input.baselines.length - 1;
  for (let i = latestIndex; i >= 0; i--) {
    const baseline = input.baselines[i];
    if (!baseline) continue;
    for (const rule of rules) {
      const ctx = contextFor(input, baseline, i === latestIndex, schemas, rule);
      for (const change of rule.check(ctx)) {
        const key = [
          change.rule,
          change.topic,
          change.messageName,
          change.path,
          change.direction ?? '',
          change.what,
        ].join('\0');
        if (seen.has(key)) continue;
        seen.add(key);
        changes.push(i === latestIndex ? change : { ...change, against: baseline.label });
      }
    }
  }
  changes.sort(compareChanges);
  return { compatible: !changes.some((c) => c.breaking), level: input.level, changes };
}

function contextFor(
  input: CheckInput,
  baseline: RegistrySnapshot,
  latest: boolean,
  schemas: SchemaChecker,
  rule: ContractRule,
): ContractRuleContext {
  const fallback: SourceLocation = { file: input.current.label, line: 1, column: 1 };
  return {
    baseline,
    current: input.current,
    latest,
    defaultLevel: input.level,
    mode: input.mode,
    schemas,
    levelOf: (message) =>
      input.current.messages.get(message)?.level ?? baseline.messages.get(message)?.level ?? input.level,
    change: (init: ChangeInit): Change => {
      const location = init.location ?? fallback;
      return {
        rule: init.rule,
        breaking: init.breaking,
        topic: init.topic ?? '',
        messageName: init.messageName ?? '',
        path: init.path ?? '',
        part: init.part ?? 'contract',
        what: init.what,
        ...(init.why ? { why: init.why } : {}),
        ...(init.hint ? { hint: init.hint } : {}),
        description: init.description ?? rule.description,
        file: location.file,
        line: location.line,
        column: location.column,
        level: init.level ?? input.level,
        ...(init.direction ? { direction: init.direction } : {}),
        impacted: init.impacted ?? [],
      };
    },
  };
}
