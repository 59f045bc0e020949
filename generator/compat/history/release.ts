// `evc release`: records the current version of every message in the lockfile after checking it
// against the recorded history at the configured level. Pure: the command does the file I/O.

import { checkCompatibility, type CheckResult } from '../check.js';
import type { CompatibilityLevel, CompatibilityMode } from '../levels.js';
import { servicesDoing, topicsOf, type RegistrySnapshot } from '../snapshot.js';
import {
  emptyLockfile,
  normalizedVersion,
  snapshotsOfLockfile,
  LOCKFILE,
  type LockedMessage,
  type Lockfile,
} from './lockfile.js';

export interface ReleasePlan {
  /** The compatibility check against the history; nothing is recorded when it fails. */
  readonly check: CheckResult;
  readonly lockfile: Lockfile;
  /** Messages that get a new version, with its number. */
  readonly released: readonly { readonly message: string; readonly version: number }[];
  /** Whether the lockfile content changes at all (false: releasing is a no-op). */
  readonly changed: boolean;
}

export function planRelease(
  current: RegistrySnapshot,
  previous: Lockfile | undefined,
  level: CompatibilityLevel,
  mode: CompatibilityMode,
): ReleasePlan {
  const history = previous ?? emptyLockfile();
  const baselines = previous ? snapshotsOfLockfile(previous, LOCKFILE) : [];
  const check = checkCompatibility({ baselines, current, level, mode });
  const messages: Record<string, LockedMessage> = { ...history.messages };
  const released: { message: string; version: number }[] = [];
  for (const [name, message] of [...current.messages.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const entry = messages[name];
    const versions = entry?.versions ?? [];
    const next = normalizedVersion(message);
    const last = versions[versions.length - 1];
    const topics = topicsOf(current, name);
    const newVersions =
      last?.hash === next.hash ? versions : [...versions, { version: (last?.version ?? 0) + 1, ...next }];
    if (newVersions !== versions) released.push({ message: name, version: (last?.version ?? 0) + 1 });
    messages[name] = {
      topics,
      senders: [...new Set(topics.flatMap((t) => servicesDoing(current, 'send', name, t)))].sort(),
      receivers: [...new Set(topics.flatMap((t) => servicesDoing(current, 'receive', name, t)))].sort(),
      versions: newVersions,
    };
  }
  // Messages gone from the contracts keep their history but no longer travel anywhere.
  for (const [name, entry] of Object.entries(history.messages)) {
    if (!current.messages.has(name)) messages[name] = { ...entry, topics: [], senders: [], receivers: [] };
  }
  const lockfile: Lockfile = { lockfileVersion: history.lockfileVersion, messages };
  const changed = !previous || JSON.stringify(sortedLock(previous)) !== JSON.stringify(sortedLock(lockfile));
  return { check, lockfile, released, changed };
}

function sortedLock(lock: Lockfile): unknown {
  return Object.keys(lock.messages)
    .sort()
    .map((name) => {
      const m = lock.messages[name];
      return [
        name,
        m
          ? [[...m.topics].sort(), [...m.senders].sort(), [...m.receivers].sort(), m.versions.map((v) => v.hash)]
          : null,
      ];
    });
}
