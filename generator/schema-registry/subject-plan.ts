// Which subjects the contracts define, with the schema and compatibility level each one gets: for
// every Kafka topic, its value subject (and key subject when a message declares a key) under the
// configured subject name strategy. Pure: `evc registry push` and `evc check --against-registry`
// both start from this plan.

import { messageLevel } from '../compat/message-level.js';
import { directionsOf, isTransitive, type CompatibilityLevel } from '../compat/levels.js';
import type {
  AvroPayload,
  JsonSchema,
  MessageModel,
  Registry,
  SchemaObject,
  SourceLocation,
} from '../model/registry.js';
import { avroSubjectSchema } from './avro-subject.js';
import { resolveLocalRefs } from '../compat/schema/graph.js';
import type { SchemaRegistrySettings } from './settings.js';
import { canonicalJson, subjectDocument } from './subject-schema.js';
import { subjectName, type SubjectPart } from './subject-name.js';

export interface PlannedSubject {
  readonly subject: string;
  readonly topic: string;
  readonly part: SubjectPart;
  /** Messages whose schema the subject holds, sorted. */
  readonly messages: readonly string[];
  /** JSON for JSON Schema subjects; AVRO for the value subject of messages with Avro payloads. */
  readonly schemaType: 'JSON' | 'AVRO';
  /** The JSON Schema document (JSON subjects; `{}` for AVRO ones). */
  readonly schema: SchemaObject;
  /** What is registered: `canonicalJson(schema)`, or the Avro schema's text. */
  readonly text: string;
  /** `schema` with its `#/$defs/…` references resolved: what evc's compatibility rules compare (JSON subjects). */
  readonly graph: JsonSchema;
  /** AVRO subjects: the Avro schema as JSON, what the Avro rules compare. */
  readonly avro?: unknown;
  readonly level: CompatibilityLevel;
  /** Where the (first) message is defined, for reports. */
  readonly location: SourceLocation;
}

export class SubjectPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubjectPlanError';
  }
}

export function planSubjects(
  registry: Registry,
  settings: SchemaRegistrySettings,
  defaultLevel: CompatibilityLevel,
): PlannedSubject[] {
  const planned = new Map<string, PlannedSubject>();
  const add = (subject: PlannedSubject): void => {
    const existing = planned.get(subject.subject);
    if (existing === undefined) return void planned.set(subject.subject, subject);
    if (existing.text !== subject.text)
      throw new SubjectPlanError(
        `subject ${subject.subject} would get two different schemas (topics ${existing.topic} and ${subject.topic}): ` +
          `with the ${settings.subjectNameStrategy} strategy a message must have one definition wherever it travels; ` +
          'use subjectNameStrategy: topic-record in evc.config.yaml',
      );
  };
  for (const topic of registry.topics) {
    const messages = [...topic.messages.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (messages.length === 0) continue;
    const groups: { record: string; members: MessageModel[] }[] =
      settings.subjectNameStrategy === 'topic'
        ? [{ record: recordNameOfTopic(topic.address, messages), members: messages }]
        : messages.map((m) => ({ record: m.name, members: [m] }));
    for (const { record, members } of groups) {
      const level = combinedLevel(members.map((m) => messageLevel(m) ?? defaultLevel));
      const location = members[0]?.definition ?? topic.location;
      const names = members.map((m) => m.name);
      const valueSubject = subjectName(settings.subjectNameStrategy, topic.address, record, 'value');
      const avro = members.flatMap((m) => (m.avro ? [m.avro] : []));
      if (avro.length > 0 && avro.length < members.length)
        throw new SubjectPlanError(
          `subject ${valueSubject} would mix Avro and JSON Schema payloads (topic ${topic.address}: ` +
            `${members.map((m) => `${m.name} ${m.avro ? 'Avro' : 'JSON Schema'}`).join(', ')}); a subject holds one schema type: ` +
            'use one payload format per topic, or subjectNameStrategy: topic-record in evc.config.yaml',
        );
      add(
        avro.length > 0
          ? avroPlannedSubject(valueSubject, topic.address, names, avro, level, location)
          : plannedSubject(
              valueSubject,
              topic.address,
              'value',
              names,
              distinct(members.map((m) => m.payload ?? true)),
              record,
              level,
              location,
            ),
      );
      const keyed = members.filter((m) => m.key !== undefined);
      if (keyed.length > 0) {
        const keys = distinct(keyed.map((m) => m.key ?? true));
        add(
          plannedSubject(
            subjectName(settings.subjectNameStrategy, topic.address, record, 'key'),
            topic.address,
            'key',
            keyed.map((m) => m.name),
            keys,
            `${record}Key`,
            level,
            location,
          ),
        );
      }
    }
  }
  return [...planned.values()].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}

/** One planned subject holding `schemas` (several: their union) as a document named `title`. */
export function plannedSubject(
  subject: string,
  topic: string,
  part: SubjectPart,
  messages: readonly string[],
  schemas: readonly JsonSchema[],
  title: string,
  level: CompatibilityLevel,
  location: SourceLocation,
): PlannedSubject {
  const schema = subjectDocument(schemas, title);
  const graph = resolveLocalRefs(schema);
  return {
    subject,
    topic,
    part,
    messages,
    schemaType: 'JSON',
    schema,
    text: canonicalJson(schema),
    graph,
    level,
    location,
  };
}

/** The value subject of messages with Avro payloads: registered as `schemaType: AVRO`. */
export function avroPlannedSubject(
  subject: string,
  topic: string,
  messages: readonly string[],
  payloads: readonly AvroPayload[],
  level: CompatibilityLevel,
  location: SourceLocation,
): PlannedSubject {
  const { schema, text } = avroSubjectSchema(payloads);
  return {
    subject,
    topic,
    part: 'value',
    messages,
    schemaType: 'AVRO',
    schema: {},
    text,
    graph: true,
    avro: schema,
    level,
    location,
  };
}

/** The record name of a topic's union: its only message, else the topic itself. */
function recordNameOfTopic(topic: string, messages: readonly MessageModel[]): string {
  return messages.length === 1 && messages[0] ? messages[0].name : topic;
}

/** Schemas with the same serialized form once (several messages sharing one key schema). */
function distinct(schemas: readonly JsonSchema[]): JsonSchema[] {
  const seen = new Set<string>();
  return schemas.filter((schema) => {
    const text = canonicalJson(subjectDocument([schema], ''));
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/**
 * One level for a subject shared by messages of different levels: every reading direction any of
 * them asks for, transitive when any of them is (BACKWARD + FORWARD → FULL). NONE only when all are.
 */
export function combinedLevel(levels: readonly CompatibilityLevel[]): CompatibilityLevel {
  const directions = new Set(levels.flatMap((level) => directionsOf(level)));
  if (directions.size === 0) return 'NONE';
  const base = directions.size === 2 ? 'FULL' : directions.has('backward') ? 'BACKWARD' : 'FORWARD';
  return levels.some(isTransitive) ? `${base}_TRANSITIVE` : base;
}
