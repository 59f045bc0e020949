// A message's release history as the site shows it: each version recorded in `evc.lock.yaml` with
// what changed from the version before, and what the contracts changed since the last release —
// found by the same compatibility rules as `evc check` and worded by them (`changeMessage`).
import { changeMessage } from '../compat/change.js';
import { checkCompatibility } from '../compat/check.js';
import { snapshotOfLockedVersion, type LockedMessage } from '../compat/history/lockfile.js';
import type { CompatibilityLevel, CompatibilityMode } from '../compat/levels.js';
import type { MessageSnapshot, RegistrySnapshot } from '../compat/snapshot.js';
import type { SchemaChecker } from '../compat/schema-check.js';

export interface HistoryChange {
  readonly breaking: boolean;
  readonly rule: string;
  readonly path: string;
  /** `evc check`'s words: what changed; why it breaks whom; what to do instead. */
  readonly text: string;
}

export interface ReleasedVersion {
  readonly version: number;
  /** Changes from the version before (none for the first release). */
  readonly changes: readonly HistoryChange[];
}

export interface ReleaseHistory {
  readonly versions: readonly ReleasedVersion[];
  /** Changes in the contracts since the last release; undefined when there are none or nothing was released. */
  readonly unreleased?: readonly HistoryChange[];
}

export interface HistoryContext {
  readonly level: CompatibilityLevel;
  readonly mode: CompatibilityMode;
  readonly schemas?: SchemaChecker;
}

export function releaseHistory(
  name: string,
  locked: LockedMessage | undefined,
  current: MessageSnapshot | undefined,
  context: HistoryContext,
): ReleaseHistory {
  const snapshots = (locked?.versions ?? []).map((version) => snapshotOfLockedVersion(name, version));
  const versions = snapshots.map((snapshot, index) => ({
    version: snapshot.version ?? index + 1,
    changes: index === 0 ? [] : changesBetween(snapshots[index - 1]!, snapshot, locked, context),
  }));
  const last = snapshots[snapshots.length - 1];
  const unreleased = last !== undefined && current !== undefined ? changesBetween(last, current, locked, context) : [];
  return { versions, ...(unreleased.length > 0 ? { unreleased } : {}) };
}

function changesBetween(
  before: MessageSnapshot,
  after: MessageSnapshot,
  locked: LockedMessage | undefined,
  context: HistoryContext,
): HistoryChange[] {
  // At NONE nothing is checked; the history still says what changed (at FULL, none of it breaking).
  const countsAsBreaking = (after.level ?? context.level) !== 'NONE';
  const compared: MessageSnapshot = countsAsBreaking ? after : { ...after, level: 'FULL' };
  const result = checkCompatibility({
    baselines: [alone(before, locked, 'before')],
    current: alone(compared, locked, 'after'),
    level: context.level,
    mode: context.mode,
    ...(context.schemas ? { schemas: context.schemas } : {}),
  });
  return result.changes.map((change) => ({
    breaking: change.breaking && countsAsBreaking,
    rule: change.rule,
    path: change.path,
    text: changeMessage(change),
  }));
}

/**
 * A registry holding one message on its topics, sent and received by the services of its latest
 * release: only changes to the message itself are found, and they name whom they affect.
 */
function alone(message: MessageSnapshot, locked: LockedMessage | undefined, label: string): RegistrySnapshot {
  const topics = locked?.topics ?? [];
  const flows = topics.flatMap((topic) => [
    ...(locked?.senders ?? []).map((service) => ({ service, action: 'send' as const, topic, message: message.name })),
    ...(locked?.receivers ?? []).map((service) => ({
      service,
      action: 'receive' as const,
      topic,
      message: message.name,
    })),
  ]);
  return {
    label,
    messages: new Map([[message.name, message]]),
    topics: new Map(topics.map((address) => [address, { address, messages: new Set([message.name]) }])),
    flows,
  };
}
