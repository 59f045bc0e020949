// The registry history: `evc.lock.yaml` next to the contracts, written by `evc release`. One entry
// per message, sorted by name, each with its versions (sequential, like Confluent subject
// versions): normalized schemas plus a content hash. No timestamps, so releasing the same
// contracts twice writes the same bytes, and two branches releasing different messages merge cleanly.

import { createHash } from 'node:crypto';
import { parse, stringify } from 'yaml';
import type { JsonSchema } from '../../model/registry.js';
import { bundleSchema } from '../../model/bundle.js';
import { avroFingerprint } from '../avro/fingerprint.js';
import { canonicalJson, fingerprint, isSchemaObject, resolveLocalRefs } from '../schema/graph.js';
import type { MessageSnapshot, RegistrySnapshot, Flow } from '../snapshot.js';

export const LOCKFILE = 'evc.lock.yaml';
export const LOCKFILE_VERSION = 1;

export interface LockedVersion {
  readonly version: number;
  readonly hash: string;
  readonly contentType?: string;
  readonly payload?: unknown;
  /** The payload's Avro schema, for Avro messages (what their compatibility is judged on). */
  readonly avro?: unknown;
  readonly key?: unknown;
  readonly headers?: unknown;
}

export interface LockedMessage {
  /** Topics the message travels on in the latest release ([] once it was removed). */
  readonly topics: readonly string[];
  readonly senders: readonly string[];
  readonly receivers: readonly string[];
  readonly versions: readonly LockedVersion[];
}

export interface Lockfile {
  readonly lockfileVersion: number;
  readonly messages: Readonly<Record<string, LockedMessage>>;
}

export class LockfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockfileError';
  }
}

const HEADER =
  '# Registry history written by `evc release`: one entry per message, one version per released schema.\n# Do not edit by hand; resolve merge conflicts by re-running `evc release` on the merged contracts.\n';

export function emptyLockfile(): Lockfile {
  return { lockfileVersion: LOCKFILE_VERSION, messages: {} };
}

export function parseLockfile(text: string, file: string): Lockfile {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new LockfileError(
      `${file}: not valid YAML (${error instanceof Error ? error.message : String(error)}); resolve merge conflicts and re-run evc release`,
    );
  }
  if (!isSchemaObject(value) || typeof value['lockfileVersion'] !== 'number' || !isSchemaObject(value['messages'])) {
    throw new LockfileError(`${file}: not an evc lockfile (expected lockfileVersion and messages)`);
  }
  if (value['lockfileVersion'] > LOCKFILE_VERSION)
    throw new LockfileError(
      `${file}: lockfileVersion ${String(value['lockfileVersion'])} is newer than this evc understands`,
    );
  const messages: Record<string, LockedMessage> = {};
  for (const [name, raw] of Object.entries(value['messages'])) {
    if (!isSchemaObject(raw) || !Array.isArray(raw['versions']))
      throw new LockfileError(`${file}: message ${name} has no versions list`);
    const strings = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    const versions = raw['versions'].map((v, i): LockedVersion => {
      if (!isSchemaObject(v) || typeof v['version'] !== 'number' || typeof v['hash'] !== 'string')
        throw new LockfileError(`${file}: message ${name} version #${i + 1} needs a version number and a hash`);
      return {
        version: v['version'],
        hash: v['hash'],
        ...(typeof v['contentType'] === 'string' ? { contentType: v['contentType'] } : {}),
        ...(v['payload'] !== undefined ? { payload: v['payload'] } : {}),
        ...(v['avro'] !== undefined ? { avro: v['avro'] } : {}),
        ...(v['key'] !== undefined ? { key: v['key'] } : {}),
        ...(v['headers'] !== undefined ? { headers: v['headers'] } : {}),
      };
    });
    messages[name] = {
      topics: strings(raw['topics']),
      senders: strings(raw['senders']),
      receivers: strings(raw['receivers']),
      versions,
    };
  }
  return { lockfileVersion: value['lockfileVersion'], messages };
}

export function serializeLockfile(lock: Lockfile): string {
  const names = Object.keys(lock.messages).sort();
  const messages: Record<string, unknown> = {};
  for (const name of names) {
    const m = lock.messages[name];
    if (!m) continue;
    messages[name] = {
      topics: [...m.topics].sort(),
      senders: [...m.senders].sort(),
      receivers: [...m.receivers].sort(),
      versions: m.versions,
    };
  }
  return (
    HEADER +
    stringify(
      { lockfileVersion: lock.lockfileVersion, messages },
      { sortMapEntries: false, lineWidth: 0, aliasDuplicateObjects: false },
    )
  );
}

/** The recorded form of a message: schemas bundled without annotations, with sorted keys. */
export function normalizedVersion(message: MessageSnapshot): Omit<LockedVersion, 'version'> {
  const bundle = (schema: JsonSchema | undefined): unknown =>
    schema === undefined ? undefined : bundleSchema(schema, { stripAnnotations: true, sortKeys: true });
  return {
    hash: contentHash(message),
    ...(message.contentType !== undefined ? { contentType: message.contentType } : {}),
    ...(message.payload !== undefined ? { payload: bundle(message.payload) } : {}),
    ...(message.avro !== undefined ? { avro: JSON.parse(JSON.stringify(message.avro)) as unknown } : {}),
    ...(message.key !== undefined ? { key: bundle(message.key) } : {}),
    ...(message.headers !== undefined ? { headers: bundle(message.headers) } : {}),
  };
}

/** Structural hash: unchanged by descriptions, titles, key order or renamed definitions. */
export function contentHash(message: MessageSnapshot): string {
  const text = canonicalJson({
    contentType: message.contentType ?? null,
    payload: message.payload === undefined ? null : fingerprint(message.payload),
    key: message.key === undefined ? null : fingerprint(message.key),
    headers: message.headers === undefined ? null : fingerprint(message.headers),
    // Only Avro messages carry this member, so the hashes of JSON Schema messages stay as they were.
    ...(message.avro !== undefined ? { avro: avroFingerprint(message.avro) } : {}),
  });
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** One released version of a message, as the compatibility rules compare it. */
export function snapshotOfLockedVersion(name: string, v: LockedVersion): MessageSnapshot {
  return {
    name,
    version: v.version,
    ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
    ...(v.payload !== undefined ? { payload: resolveLocalRefs(v.payload) } : {}),
    ...(v.avro !== undefined ? { avro: v.avro } : {}),
    ...(v.key !== undefined ? { key: resolveLocalRefs(v.key) } : {}),
    ...(v.headers !== undefined ? { headers: resolveLocalRefs(v.headers) } : {}),
  };
}

/**
 * The history as snapshots to check against, oldest first. The last one is the latest release of
 * every message (with its topics and services); earlier ones hold older versions of the messages
 * that have them, for the transitive levels.
 */
export function snapshotsOfLockfile(lock: Lockfile, label: string): RegistrySnapshot[] {
  const entries = Object.entries(lock.messages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const maxVersions = Math.max(0, ...entries.map(([, m]) => m.versions.length));
  const toMessage = snapshotOfLockedVersion;
  const topics = new Map<string, { address: string; messages: Set<string> }>();
  const flows: Flow[] = [];
  for (const [name, m] of entries) {
    for (const address of m.topics) {
      let topic = topics.get(address);
      if (!topic) topics.set(address, (topic = { address, messages: new Set() }));
      topic.messages.add(name);
      for (const service of m.senders) flows.push({ service, action: 'send', topic: address, message: name });
      for (const service of m.receivers) flows.push({ service, action: 'receive', topic: address, message: name });
    }
  }
  const latest: RegistrySnapshot = {
    label,
    messages: new Map(
      entries.flatMap(([name, m]) => {
        const last = m.versions[m.versions.length - 1];
        return last ? [[name, toMessage(name, last)] as const] : [];
      }),
    ),
    topics: topics,
    flows,
  };
  const older: RegistrySnapshot[] = [];
  for (let k = 0; k < maxVersions - 1; k++) {
    const messages = new Map<string, MessageSnapshot>();
    for (const [name, m] of entries) {
      const v = m.versions[k];
      if (v && k < m.versions.length - 1) messages.set(name, toMessage(name, v));
    }
    if (messages.size > 0) older.push({ label: `${label} v${k + 1}`, messages, topics: new Map(), flows: [] });
  }
  return [...older, latest];
}
