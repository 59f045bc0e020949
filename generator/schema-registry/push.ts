// `evc registry push`: registers every planned subject's schema and sets its compatibility level,
// or (dry run) says what would change. Re-pushing unchanged contracts registers nothing: each
// schema is looked up first. A schema the registry refuses (409) is reported with the registry's
// message beside evc's own findings for the same change, and the push goes on with the other
// subjects. Anything else (registry down, slow, credentials, HTML, wrong schema type) stops the
// push: the report then lists what was done before the failure.

import { SchemaChecker, type SchemaFinding } from '../compat/schema-check.js';
import type { CompatibilityLevel, CompatibilityMode } from '../compat/levels.js';
import type { JsonSchema } from '../model/registry.js';
import { resolveLocalRefs } from '../compat/schema/graph.js';
import { SchemaRegistryError, type SchemaRegistryClient, type SchemaSubmission } from '../../runtime/index.js';
import type { PlannedSubject } from './subject-plan.js';

export type SubjectAction =
  /** The registry holds this exact schema under the subject already. */
  | 'unchanged'
  /** A new version was registered (dry run: would be). */
  | 'registered'
  /** The registry refused the schema as incompatible (409). */
  | 'refused';

export interface SubjectOutcome {
  readonly subject: string;
  readonly topic: string;
  readonly part: PlannedSubject['part'];
  readonly messages: readonly string[];
  /** What the subject holds: JSON Schema, or Avro. */
  readonly schemaType: PlannedSubject['schemaType'];
  readonly action: SubjectAction;
  /** Schema id and version in the registry (absent on a dry run or refusal). */
  readonly id?: number;
  readonly version?: number;
  /** The subject's level before and after (equal when it was right already). */
  readonly levelBefore?: string;
  readonly level: CompatibilityLevel;
  /** The registry's own words, for a refusal. */
  readonly registryMessage?: string;
  /** evc's own rule findings between the latest registered schema and this one. */
  readonly findings: readonly SchemaFinding[];
}

export interface PushReport {
  readonly url: string;
  readonly dryRun: boolean;
  readonly outcomes: readonly SubjectOutcome[];
  /** Set when the push stopped: the subject it stopped at and why. Outcomes before it were done. */
  readonly failure?: { readonly subject: string; readonly error: SchemaRegistryError };
}

export interface PushOptions {
  readonly dryRun?: boolean;
  readonly mode: CompatibilityMode;
}

export async function pushSubjects(
  client: SchemaRegistryClient,
  plan: readonly PlannedSubject[],
  options: PushOptions,
): Promise<PushReport> {
  const outcomes: SubjectOutcome[] = [];
  const checker = new SchemaChecker();
  const dryRun = options.dryRun ?? false;
  for (const planned of plan) {
    try {
      outcomes.push(await pushOne(client, planned, checker, options.mode, dryRun));
    } catch (error) {
      if (error instanceof SchemaRegistryError)
        return { url: client.connection.url, dryRun, outcomes, failure: { subject: planned.subject, error } };
      throw error;
    }
  }
  return { url: client.connection.url, dryRun, outcomes };
}

async function pushOne(
  client: SchemaRegistryClient,
  planned: PlannedSubject,
  checker: SchemaChecker,
  mode: CompatibilityMode,
  dryRun: boolean,
): Promise<SubjectOutcome> {
  const submission: SchemaSubmission = { schemaType: planned.schemaType, schema: planned.text };
  const versions = await client.versions(planned.subject);
  const latest = versions.length > 0 ? await client.version(planned.subject, 'latest') : undefined;
  if (latest !== undefined && latest.schemaType !== planned.schemaType)
    throw new SchemaRegistryError(
      'schema-type',
      `subject ${planned.subject} holds ${latest.schemaType} schemas (version ${latest.version}, id ${latest.id}); the contracts define ${planned.schemaType === 'AVRO' ? 'an Avro schema' : 'a JSON Schema'}`,
      {
        hint: `another producer owns this subject: rename the topic, choose another subjectNameStrategy in evc.config.yaml, or migrate the subject's readers first`,
      },
    );
  const levelBefore = versions.length > 0 || dryRun ? await client.subjectLevel(planned.subject) : undefined;
  const base = {
    subject: planned.subject,
    topic: planned.topic,
    part: planned.part,
    messages: planned.messages,
    schemaType: planned.schemaType,
    level: planned.level,
    ...(levelBefore !== undefined ? { levelBefore } : {}),
  };
  // The level first: the registration below must be judged at the contract's level.
  if (!dryRun && levelBefore !== planned.level) await client.setSubjectLevel(planned.subject, planned.level);
  const found = latest === undefined ? undefined : await client.lookup(planned.subject, submission);
  if (found !== undefined) return { ...base, action: 'unchanged', id: found.id, version: found.version, findings: [] };
  const findings =
    latest === undefined
      ? []
      : planned.schemaType === 'AVRO'
        ? avroFindingsAgainst(checker, latest.schema, planned.avro, planned.level)
        : findingsAgainst(checker, latest.schema, planned.graph, planned.level, mode);
  if (dryRun) return { ...base, action: 'registered', findings };
  try {
    const id = await client.register(planned.subject, submission);
    const registered = await client.lookup(planned.subject, submission);
    return { ...base, action: 'registered', id, ...(registered ? { version: registered.version } : {}), findings };
  } catch (error) {
    if (error instanceof SchemaRegistryError && error.kind === 'incompatible')
      return { ...base, action: 'refused', registryMessage: error.details.registryMessage ?? error.message, findings };
    throw error;
  }
}

/** evc's rules on the change latest registered → proposed, at the subject's level. */
export function findingsAgainst(
  checker: SchemaChecker,
  registeredText: string,
  proposed: JsonSchema,
  level: CompatibilityLevel,
  mode: CompatibilityMode,
): SchemaFinding[] {
  let registered: JsonSchema;
  try {
    // Registered documents reach shared parts through `#/$defs/…`: the rules compare resolved graphs.
    registered = resolveLocalRefs(JSON.parse(registeredText));
  } catch {
    return [];
  }
  return [...checker.check(registered, proposed, { level, mode }).findings];
}

/** evc's Avro rules on the change latest registered → proposed, at the subject's level. */
export function avroFindingsAgainst(
  checker: SchemaChecker,
  registeredText: string,
  proposed: unknown,
  level: CompatibilityLevel,
): SchemaFinding[] {
  let registered: unknown;
  try {
    registered = JSON.parse(registeredText);
  } catch {
    return [];
  }
  return [...checker.checkAvro(registered, proposed, { level }).findings];
}
