// Checks a proposed registry against one or more earlier versions: runs every contract rule (which
// in turn runs the schema rules on payloads and headers) and collects the changes, breaking first,
// each with the services it hurts. Rules and categories switched off in evc.config.yaml are skipped.

import type { SourceLocation } from '../model/registry.js';
import { canonicalRuleName, isSwitchedOff } from '../rules/registry.js';
import { compareChanges, failsCheck, type Change, type Impact } from './change.js';
import { contractRules } from './contract-rules/index.js';
import type { ChangeInit, ContractRule, ContractRuleContext } from './contract-rules/rule.js';
import { directionsOf, type CompatibilityLevel, type CompatibilityMode } from './levels.js';
import { SchemaChecker } from './schema-check.js';
import { avroRules } from './avro-rules/index.js';
import { schemaRules } from './schema-rules/index.js';
import { topicsOf, type RegistrySnapshot } from './snapshot.js';

export interface CheckInput {
  /** Earlier versions, oldest first; the last one is "the latest". Transitive levels use all. */
  readonly baselines: readonly RegistrySnapshot[];
  readonly current: RegistrySnapshot;
  /** Registry default level; messages may override it with `x-evc-compatibility`. */
  readonly level: CompatibilityLevel;
  readonly mode: CompatibilityMode;
  readonly rules?: readonly ContractRule[];
  /** Rule ids, families and categories switched off (evc.config.yaml `rules.off`), canonical names. */
  readonly off?: ReadonlySet<string>;
  /** Reuse one checker across runs (watch mode, benchmarks) to keep its memo warm. */
  readonly schemas?: SchemaChecker;
}

/** One message the check looked at, on the topic it is reported under. */
export interface CheckedMessage {
  readonly message: string;
  readonly topic: string;
}

export interface CheckResult {
  /** No change fails the check (breaking changes accepted in evc.config.yaml do not). */
  readonly compatible: boolean;
  readonly level: CompatibilityLevel;
  readonly changes: readonly Change[];
  /** Every message of the proposed and the latest compared contracts, sorted by name. */
  readonly checked: readonly CheckedMessage[];
}

const schemaChangeIds = new Set([...schemaRules, ...avroRules].flatMap((rule) => Object.keys(rule.changes)));

export function checkCompatibility(input: CheckInput): CheckResult {
  const schemas = input.schemas ?? new SchemaChecker();
  const off = input.off ?? new Set<string>();
  const rules = (input.rules ?? contractRules).filter(
    (rule) => !off.has(canonicalRuleName(rule.id)) && !off.has(rule.category),
  );
  const changes: Change[] = [];
  const seen = new Set<string>();
  const latestIndex = input.baselines.length - 1;
  for (let i = latestIndex; i >= 0; i--) {
    const baseline = input.baselines[i];
    if (!baseline) continue;
    for (const rule of rules) {
      const ctx = contextFor(input, baseline, i === latestIndex, schemas, rule);
      for (const change of rule.check(ctx)) {
        if (isSwitchedOff(change.rule, off)) continue;
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
  return {
    compatible: !changes.some(failsCheck),
    level: input.level,
    changes,
    checked: checkedMessages(input.current, input.baselines[latestIndex]),
  };
}

function checkedMessages(current: RegistrySnapshot, latest: RegistrySnapshot | undefined): CheckedMessage[] {
  const names = new Set([...current.messages.keys(), ...(latest?.messages.keys() ?? [])]);
  return [...names].sort().map((message) => ({
    message,
    topic: topicsOf(current, message)[0] ?? (latest ? topicsOf(latest, message)[0] : undefined) ?? '',
  }));
}

/**
 * Who a breaking change hurts at `level`: receivers for the backward direction, senders for the
 * forward one, of the message (or of every message of the topic, for topic-level changes), as
 * declared on either side. The proposed contracts' file wins where a service is on both.
 */
export function impactOf(
  change: Pick<Change, 'topic' | 'messageName'>,
  level: CompatibilityLevel,
  sides: readonly RegistrySnapshot[],
): Impact[] {
  const actions = new Set(directionsOf(level).map((d) => (d === 'backward' ? 'receive' : 'send')));
  const messages = new Set(
    change.messageName
      ? [change.messageName]
      : sides.flatMap((side) => [...(side.topics.get(change.topic)?.messages ?? [])]),
  );
  const found = new Map<string, Impact>();
  for (const side of sides)
    for (const flow of side.flows) {
      if (!actions.has(flow.action) || !messages.has(flow.message)) continue;
      if (change.topic && flow.topic !== change.topic) continue;
      const role = flow.action === 'receive' ? 'receiver' : 'sender';
      const key = `${flow.service}\0${role}`;
      if (!found.has(key)) found.set(key, { service: flow.service, role, file: flow.location?.file ?? '' });
    }
  return [...found.values()].sort(
    (a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0) || (a.role < b.role ? -1 : 1),
  );
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
      // Every id that reaches a report is declared by its rule, so the rule registry lists it.
      if (!(init.rule in rule.reports) && !(rule.reportsSchemaChanges && schemaChangeIds.has(init.rule)))
        throw new Error(`${rule.id} reported ${init.rule}, which it does not declare in its \`reports\``);
      const location = init.location ?? fallback;
      const level = init.level ?? input.level;
      const where = { topic: init.topic ?? '', messageName: init.messageName ?? '' };
      return {
        rule: init.rule,
        breaking: init.breaking,
        ...(init.warning && !init.breaking ? { warning: true } : {}),
        ...where,
        path: init.path ?? '',
        part: init.part ?? 'contract',
        what: init.what,
        ...(init.why ? { why: init.why } : {}),
        ...(init.hint ? { hint: init.hint } : {}),
        description: init.description ?? rule.description,
        file: location.file,
        line: location.line,
        column: location.column,
        level,
        ...(init.direction ? { direction: init.direction } : {}),
        impacted: init.impacted ?? [],
        impact: init.breaking ? impactOf(where, level, [input.current, baseline]) : [],
      };
    },
  };
}
