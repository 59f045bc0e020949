// What the compatibility check compares: a registry reduced to what consumers depend on (messages
// with their payload, key and header schemas, the topics they travel on, who sends and receives
// them). Built from a loaded registry or from the lockfile's recorded history.

import type { JsonSchema, MessageModel, Registry, SourceLocation } from '../model/registry.js';
import type { CompatibilityLevel } from './levels.js';
import { messageLevel } from './message-level.js';

export interface MessageSnapshot {
  readonly name: string;
  readonly payload?: JsonSchema;
  /**
   * The payload's Avro schema (self-contained JSON), when the payload is Avro: the compatibility
   * rules then judge it by Avro schema resolution instead of comparing the derived `payload`.
   */
  readonly avro?: unknown;
  readonly key?: JsonSchema;
  readonly headers?: JsonSchema;
  readonly contentType?: string;
  /** `x-evc-compatibility` of the message, when set. */
  readonly level?: CompatibilityLevel;
  /** Where the message is defined (absent for history entries). */
  readonly location?: SourceLocation;
  /** Version number in the lockfile, for history entries. */
  readonly version?: number;
}

export interface TopicSnapshot {
  readonly address: string;
  readonly messages: ReadonlySet<string>;
  readonly location?: SourceLocation;
}

/** One "service sends/receives message on topic" fact. */
export interface Flow {
  readonly service: string;
  readonly action: 'send' | 'receive';
  readonly topic: string;
  readonly message: string;
  readonly location?: SourceLocation;
}

export interface RegistrySnapshot {
  /** Shown in messages: `HEAD~1:contracts`, `contracts`, `evc.lock.yaml v3`. */
  readonly label: string;
  readonly messages: ReadonlyMap<string, MessageSnapshot>;
  readonly topics: ReadonlyMap<string, TopicSnapshot>;
  readonly flows: readonly Flow[];
}

export function snapshotOfRegistry(registry: Registry, label: string = registry.root): RegistrySnapshot {
  const messages = new Map<string, MessageSnapshot>();
  for (const m of registry.messages) if (!messages.has(m.name)) messages.set(m.name, messageSnapshot(m));
  const topics = new Map<string, TopicSnapshot>();
  for (const t of registry.topics)
    topics.set(t.address, { address: t.address, messages: new Set(t.messages.keys()), location: t.location });
  const flows: Flow[] = [];
  for (const service of registry.services) {
    for (const op of service.operations) {
      for (const m of op.messages)
        flows.push({
          service: service.name,
          action: op.action,
          topic: op.topic,
          message: m.name,
          location: op.location,
        });
      // Operations without listed messages carry every message of their channel.
      if (op.messages.length === 0) {
        const topic = topics.get(op.topic);
        for (const name of topic?.messages ?? [])
          flows.push({
            service: service.name,
            action: op.action,
            topic: op.topic,
            message: name,
            location: op.location,
          });
      }
    }
  }
  return { label, messages, topics, flows };
}

function messageSnapshot(m: MessageModel): MessageSnapshot {
  const level = messageLevel(m);
  return {
    name: m.name,
    ...(m.payload !== undefined ? { payload: m.payload } : {}),
    ...(m.avro !== undefined ? { avro: m.avro.schema } : {}),
    ...(m.key !== undefined ? { key: m.key } : {}),
    ...(m.headers !== undefined ? { headers: m.headers } : {}),
    ...(m.contentType !== undefined ? { contentType: m.contentType } : {}),
    ...(level ? { level } : {}),
    location: m.definition,
  };
}

/** Services that do `action` with `message` on `topic` (any topic when omitted), sorted. */
export function servicesDoing(
  snapshot: RegistrySnapshot,
  action: 'send' | 'receive',
  message: string,
  topic?: string,
): string[] {
  const names = new Set<string>();
  for (const f of snapshot.flows)
    if (f.action === action && f.message === message && (topic === undefined || f.topic === topic))
      names.add(f.service);
  return [...names].sort();
}

/** Topics a message travels on, sorted. */
export function topicsOf(snapshot: RegistrySnapshot, message: string): string[] {
  return [...snapshot.topics.values()]
    .filter((t) => t.messages.has(message))
    .map((t) => t.address)
    .sort();
}
