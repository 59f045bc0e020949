// The one typed picture of a contracts registry. Everything after the loader (lint rules,
// emitters, compatibility rules, reporters) reads only this model, never raw documents.
import type { AvroPayload } from './avro-payload.js';

export type { AvroPayload } from './avro-payload.js';

/** A 1-based position in a contract file, as editors and `file:line:col` output expect. */
export interface SourceLocation {
  /** Path relative to the current working directory (or absolute when outside it). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * A JSON Schema as the contracts wrote it, with every `$ref` already replaced by the object it
 * points to. Shared targets are the same object, so recursive schemas are cyclic object graphs:
 * walkers must keep a visited set. Use `schemaOrigin()` to learn a node's name and location.
 */
export type JsonSchema = boolean | SchemaObject;
export interface SchemaObject {
  readonly [keyword: string]: unknown;
}

/** Where a schema node came from: the name its `$ref` target gave it and its source location. */
export interface SchemaOrigin {
  /** Name from the `$ref` target (`#/components/schemas/RoutePoint` → `RoutePoint`, `./geo.yaml` → `geo`), if any. */
  readonly refName?: string;
  /** The `$ref` string that led here first, kept for messages. */
  readonly ref?: string;
  readonly location: SourceLocation;
}

const origins = new WeakMap<object, SchemaOrigin>();

export function setSchemaOrigin(node: object, origin: SchemaOrigin): void {
  const existing = origins.get(node);
  // The first name wins so that names stay stable however many documents refer to the node.
  if (existing?.refName && !origin.refName) return;
  if (existing?.refName) return;
  origins.set(node, origin);
}

export function schemaOrigin(node: unknown): SchemaOrigin | undefined {
  return typeof node === 'object' && node !== null ? origins.get(node) : undefined;
}

/** Where a message's name was taken from, in order of preference. */
export type MessageNameSource = 'name' | 'messageId' | 'componentKey' | 'title' | 'derived';

export interface MessageModel {
  /** Name used for generated code and compatibility subjects; unique within the registry. */
  readonly name: string;
  readonly nameSource: MessageNameSource;
  readonly title?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly contentType?: string;
  /**
   * The payload's JSON Schema. For an Avro payload (`avro` below) it is derived from the Avro schema
   * and describes the values of its JSON encoding (generator/avro/README.md): types and validators
   * are made from it.
   */
  readonly payload?: JsonSchema;
  /** Present when the payload is an Avro schema (`schemaFormat: application/vnd.apache.avro…`). */
  readonly avro?: AvroPayload;
  /** `bindings.kafka.key`: the record key's schema. */
  readonly key?: JsonSchema;
  readonly headers?: JsonSchema;
  /** Where the message object itself is written (after following `$ref`s): its one definition. */
  readonly definition: SourceLocation;
  /** JSON pointer of the definition inside its file, e.g. `/components/messages/RouteCalculated`. */
  readonly definitionPointer: string;
  /** `x-*` extensions on the message object (e.g. `x-evc-compatibility`). */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** The raw message object (resolved), for rules that need keywords the model does not lift. */
  readonly raw: SchemaObject;
}

export type OperationAction = 'send' | 'receive';

export interface OperationModel {
  readonly id: string;
  readonly service: string;
  /** Intent from the application's point of view (2.x `publish` is already inverted to `receive`). */
  readonly action: OperationAction;
  readonly topic: string;
  readonly channelId: string;
  readonly messages: readonly MessageModel[];
  readonly location: SourceLocation;
  readonly extensions: Readonly<Record<string, unknown>>;
  /** AsyncAPI 3: the messages the operation's channel declares (an operation may only use those). */
  readonly channelMessages?: readonly MessageModel[];
  /** AsyncAPI 3: how each of `messages` was written (its `$ref`, if any) and where, in the same order. */
  readonly messageRefs?: readonly { readonly ref?: string; readonly location: SourceLocation }[];
  /** AsyncAPI 3: the `$ref` the operation's `channel` was written with. */
  readonly channelRef?: string;
}

export interface TopicModel {
  /** Kafka topic name: the channel address (2.x: the channel key). */
  readonly address: string;
  readonly description?: string;
  /** Every message any document declares on this topic, by name. */
  readonly messages: ReadonlyMap<string, MessageModel>;
  readonly location: SourceLocation;
  /**
   * The channel's Kafka binding (`bindings.kafka`: partitions, replicas, topicConfiguration), as
   * written by the owning (sending) service's document, else by the first document that has one.
   */
  readonly kafka?: Readonly<Record<string, unknown>>;
}

export interface ServiceModel {
  /** From `info.title`, or `x-service` on `info` when a document wants a shorter id. */
  readonly name: string;
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  /** `info.x-owner` or the first `info.contact.name`. */
  readonly owner?: string;
  readonly asyncapiVersion: string;
  readonly file: string;
  readonly location: SourceLocation;
  readonly operations: readonly OperationModel[];
}

export interface Registry {
  readonly root: string;
  readonly services: readonly ServiceModel[];
  /** Topics sorted by address; a topic appears once however many documents mention it. */
  readonly topics: readonly TopicModel[];
  /** Every message once, sorted by name. */
  readonly messages: readonly MessageModel[];
  readonly diagnostics: readonly Diagnostic[];
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
  /** What to do about it, when the message alone does not say. */
  readonly hint?: string;
}

/**
 * A `$ref` the loader could not resolve stays in the model as written, and the loader has already
 * reported it: rules skip such nodes instead of adding knock-on findings that point elsewhere.
 */
export function isUnresolvedRef(node: unknown): boolean {
  return (
    typeof node === 'object' &&
    node !== null &&
    !Array.isArray(node) &&
    typeof (node as { $ref?: unknown }).$ref === 'string'
  );
}

/** Where a node was written and where its keys or items were; `members` may be worked out on first use. */
export interface NodePlacement {
  readonly location: SourceLocation;
  readonly members?: ReadonlyMap<string, SourceLocation>;
}

const placements = new WeakMap<object, NodePlacement>();

/**
 * Records where a node of the resolved contracts was written, and where each of its keys (or array
 * items, by index) was (the loader does this for every object, so it is one table entry, and the
 * members are only read when a diagnostic asks for one).
 */
export function setNodeLocation(
  node: object,
  location: SourceLocation,
  members?: ReadonlyMap<string, SourceLocation>,
): void {
  // As before placements were one table: members given empty or not at all keep those recorded earlier.
  const kept = members !== undefined && members.size > 0 ? members : placements.get(node)?.members;
  placements.set(node, kept === undefined ? { location } : { location, members: kept });
}

/** The same for a node whose placement is at hand already (a parsed node's NodeInfo): no new object per node. */
export function setNodePlacement(node: object, placement: NodePlacement): void {
  placements.set(node, placement);
}

/** What setNodeLocation or setNodePlacement recorded for `node`. */
export function nodePlacement(node: object): NodePlacement | undefined {
  return placements.get(node);
}

/** Where `key` is written under `node` (an object's key, an array's index), falling back to the node itself: the line to point at for a scalar. */
export function memberLocationOf(node: unknown, key: string): SourceLocation | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  return placements.get(node)?.members?.get(key) ?? locationOf(node);
}

/** Where any object of the resolved contracts (schema, message, operation) was written. */
export function locationOf(node: unknown): SourceLocation | undefined {
  return typeof node === 'object' && node !== null
    ? (placements.get(node)?.location ?? origins.get(node)?.location)
    : undefined;
}
