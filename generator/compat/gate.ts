// The PR gate as one function of loaded inputs: check the proposed snapshot against its baselines
// with the rules evc.config.yaml leaves on, then apply its accepted breaking changes. Returns the
// result every reporter prints and the config diagnostics to show beside it (errors mean exit 2).

import type { Diagnostic } from '../model/registry.js';
import { acceptChanges, unknownAcceptedMessages } from './accept.js';
import { checkCompatibility, type CheckResult } from './check.js';
import type { CompatibilityConfig } from './config.js';
import type { CompatibilityLevel, CompatibilityMode } from './levels.js';
import type { SchemaChecker } from './schema-check.js';
import type { RegistrySnapshot } from './snapshot.js';

export interface GateInput {
  readonly config: CompatibilityConfig;
  readonly baselines: readonly RegistrySnapshot[];
  readonly current: RegistrySnapshot;
  readonly level: CompatibilityLevel;
  readonly mode: CompatibilityMode;
  /** YYYY-MM-DD: accept entries apply up to and including their `until` day. */
  readonly today: string;
  readonly schemas?: SchemaChecker;
}

export interface GateOutcome {
  /** Absent when the config is unusable (diagnostics then hold at least one error). */
  readonly result?: CheckResult;
  readonly diagnostics: readonly Diagnostic[];
}

export function runCompatibilityGate(input: GateInput): GateOutcome {
  const unknown = unknownAcceptedMessages(input.config.accept, [input.current, ...input.baselines]);
  if (unknown.length > 0) return { diagnostics: unknown };
  const checked = checkCompatibility({
    baselines: input.baselines,
    current: input.current,
    level: input.level,
    mode: input.mode,
    off: new Set(input.config.off.map((o) => o.name)),
    ...(input.schemas ? { schemas: input.schemas } : {}),
  });
  const { result, warnings } = acceptChanges(checked, input.config.accept, input.today);
  return { result, diagnostics: warnings };
}

/** Today's date in UTC, as `until` dates are written. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
