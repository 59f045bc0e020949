// The shape of a contract-level rule: changes Confluent cannot see because it only knows one
// schema at a time (topics, which messages travel on them, keys, headers, who sends what).

import type { Change } from '../change.js';
import type { CompatibilityLevel, CompatibilityMode } from '../levels.js';
import type { SchemaChecker } from '../schema-check.js';
import type { SourceLocation } from '../../model/registry.js';
import type { RegistrySnapshot } from '../snapshot.js';
import type { RuleCategory, RuleDeclaration } from '../../rules/rule-entry.js';

export interface ContractRuleContext {
  readonly baseline: RegistrySnapshot;
  readonly current: RegistrySnapshot;
  /** False when comparing with an older released version (transitive levels): only schema rules run. */
  readonly latest: boolean;
  readonly defaultLevel: CompatibilityLevel;
  readonly mode: CompatibilityMode;
  readonly schemas: SchemaChecker;
  /** The level in force for a message (its `x-evc-compatibility`, else the registry default). */
  levelOf(message: string): CompatibilityLevel;
  /** Fills in description, level and location defaults. */
  change(init: ChangeInit): Change;
}

export interface ChangeInit {
  readonly rule: string;
  readonly breaking: boolean;
  readonly warning?: boolean;
  readonly topic?: string;
  readonly messageName?: string;
  readonly path?: string;
  readonly part?: Change['part'];
  readonly what: string;
  readonly why?: string;
  readonly hint?: string;
  readonly location?: SourceLocation;
  readonly level?: CompatibilityLevel;
  readonly direction?: Change['direction'];
  readonly impacted?: readonly string[];
  readonly description?: string;
}

export interface ContractRule {
  readonly id: string;
  /** The group `evc.config.yaml` can switch off together with other rules. */
  readonly category: RuleCategory;
  readonly description: string;
  /** Every change id the rule reports (the rule registry lists each; `ctx.change` refuses others). */
  readonly reports: Readonly<Record<string, RuleDeclaration>>;
  /** Rules that run the JSON Schema rules (payload, headers) report every schema change id too. */
  readonly reportsSchemaChanges?: boolean;
  check(ctx: ContractRuleContext): readonly Change[];
}
