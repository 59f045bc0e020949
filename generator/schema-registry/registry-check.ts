// `evc check --against-registry`: a thin adapter that turns what a schema registry holds into the
// baseline snapshots `checkCompatibility` already compares, so evc's own rules judge the change and
// every `evc check` reporter prints it. Each planned subject becomes one "message" named after the
// subject (its schema as registered vs as the contracts would register it); the latest version is
// the baseline, and every version for the transitive levels. Subjects only the registry knows, and
// subjects of another schema type, are reported as changes of their own.

import { compareChanges, type Change } from '../compat/change.js';
import { checkCompatibility, type CheckResult } from '../compat/check.js';
import { rule as payloadSchemaRule } from '../compat/contract-rules/payload-schema.js';
import { isTransitive, type CompatibilityLevel, type CompatibilityMode } from '../compat/levels.js';
import { resolveLocalRefs } from '../compat/schema/graph.js';
import type { MessageSnapshot, RegistrySnapshot, TopicSnapshot } from '../compat/snapshot.js';
import type { JsonSchema, SourceLocation } from '../model/registry.js';
import type { RegisteredSchema, SchemaRegistryClient } from '../../runtime/index.js';
import type { PlannedSubject } from './subject-plan.js';
import {
  SUBJECT_NOT_IN_CONTRACTS,
  SUBJECT_NOT_REGISTERED,
  SUBJECT_SCHEMA_TYPE,
  subjectRules,
} from './subject-rules.js';

export interface RegistryCheckInput {
  readonly client: SchemaRegistryClient;
  readonly plan: readonly PlannedSubject[];
  /** Shown as the `against` of the report and in findings against older versions. */
  readonly label: string;
  /** Where subject-level changes point (the contracts folder). */
  readonly contractsLabel: string;
  readonly level: CompatibilityLevel;
  readonly mode: CompatibilityMode;
  /** `--level`: overrides every subject's level. */
  readonly levelOverride?: CompatibilityLevel;
}

export async function checkAgainstRegistry(input: RegistryCheckInput): Promise<CheckResult> {
  const levelOf = (planned: PlannedSubject): CompatibilityLevel => input.levelOverride ?? planned.level;
  const history = new Map<string, RegisteredSchema[]>();
  const extra: Change[] = [];
  const at: SourceLocation = { file: input.contractsLabel, line: 1, column: 1 };
  for (const planned of input.plan) {
    const versions = await input.client.versions(planned.subject);
    if (versions.length === 0) {
      extra.push(
        subjectChange(
          SUBJECT_NOT_REGISTERED,
          false,
          planned,
          input,
          planned.location,
          `subject ${planned.subject} is not registered yet (evc registry push registers it)`,
        ),
      );
      continue;
    }
    const wanted = isTransitive(levelOf(planned)) ? versions : versions.slice(-1);
    const schemas = await Promise.all(wanted.map((v) => input.client.version(planned.subject, v)));
    const foreign = schemas.find((s) => s.schemaType !== planned.schemaType);
    if (foreign) {
      extra.push(
        subjectChange(
          SUBJECT_SCHEMA_TYPE,
          true,
          planned,
          input,
          planned.location,
          `subject ${planned.subject} holds ${foreign.schemaType} schemas (version ${foreign.version}); the contracts define ${planned.schemaType === 'AVRO' ? 'an Avro schema' : 'a JSON Schema'}`,
          'another producer owns this subject: rename the topic or choose another subjectNameStrategy',
        ),
      );
      continue;
    }
    history.set(planned.subject, schemas);
  }
  const known = new Set(input.plan.map((p) => p.subject));
  for (const subject of (await input.client.listSubjects()).sort())
    if (!known.has(subject))
      extra.push({
        rule: SUBJECT_NOT_IN_CONTRACTS,
        breaking: false,
        topic: '',
        messageName: subject,
        path: '',
        part: 'contract',
        what: `subject ${subject} is registered but no contract defines it`,
        hint: 'remove it from the registry if nothing produces it any more, or add its contract',
        description: 'Subjects in the registry that no contract defines.',
        file: at.file,
        line: at.line,
        column: at.column,
        level: input.level,
        impacted: [],
        impact: [],
      });

  const depth = Math.max(0, ...[...history.values()].map((list) => list.length));
  const baselines: RegistrySnapshot[] = [];
  for (let k = 0; k < depth; k++) {
    const messages = new Map<string, MessageSnapshot>();
    for (const planned of input.plan) {
      const list = history.get(planned.subject);
      const registered = list?.[list.length - depth + k];
      if (registered === undefined) continue;
      messages.set(planned.subject, {
        name: planned.subject,
        ...(planned.schemaType === 'AVRO'
          ? { payload: true, avro: parsedAvro(registered.schema) }
          : { payload: parsed(registered.schema) }),
        level: levelOf(planned),
        version: registered.version,
      });
    }
    const back = depth - 1 - k;
    baselines.push(
      snapshot(
        back === 0 ? input.label : `${input.label} (${back} version${back === 1 ? '' : 's'} before the latest)`,
        messages,
        input.plan,
      ),
    );
  }
  const current = snapshot(
    input.contractsLabel,
    new Map(
      input.plan.map((planned) => [
        planned.subject,
        {
          name: planned.subject,
          payload: planned.graph,
          ...(planned.schemaType === 'AVRO' ? { avro: planned.avro } : {}),
          level: levelOf(planned),
          location: planned.location,
        },
      ]),
    ),
    input.plan,
  );
  const result = checkCompatibility({
    baselines,
    current,
    level: input.level,
    mode: input.mode,
    rules: [payloadSchemaRule],
  });
  const changes = [...result.changes, ...extra].sort(compareChanges);
  return { ...result, compatible: !changes.some((c) => c.breaking), changes };
}

/** A registered Avro schema; text that is not JSON reads as a name no definition provides ("cannot judge"). */
function parsedAvro(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return `unparseable schema text`;
  }
}

function parsed(text: string): JsonSchema {
  try {
    return resolveLocalRefs(JSON.parse(text));
  } catch {
    return true;
  }
}

function snapshot(
  label: string,
  messages: Map<string, MessageSnapshot>,
  plan: readonly PlannedSubject[],
): RegistrySnapshot {
  const topics = new Map<string, TopicSnapshot>();
  for (const planned of plan) {
    if (!messages.has(planned.subject)) continue;
    const existing = topics.get(planned.topic);
    topics.set(planned.topic, {
      address: planned.topic,
      messages: new Set([...(existing?.messages ?? []), planned.subject]),
    });
  }
  return { label, messages, topics, flows: [] };
}

function subjectChange(
  rule: string,
  breaking: boolean,
  planned: PlannedSubject,
  input: RegistryCheckInput,
  location: SourceLocation,
  what: string,
  hint?: string,
): Change {
  return {
    rule,
    breaking,
    topic: planned.topic,
    messageName: planned.subject,
    path: '',
    part: 'contract',
    what,
    ...(hint ? { hint } : {}),
    description: subjectRules[rule]?.description ?? rule,
    file: location.file,
    line: location.line,
    column: location.column,
    level: input.levelOverride ?? planned.level,
    impacted: [],
    impact: [],
  };
}
