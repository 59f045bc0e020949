// Recognises a message renamed on a topic: one name gone, one new name whose payload, key and
// headers are structurally the same. Reported once, as a rename, instead of a removal plus an addition.

import { fingerprint } from '../schema/graph.js';
import type { MessageSnapshot, RegistrySnapshot } from '../snapshot.js';

function shape(m: MessageSnapshot | undefined): string | undefined {
  if (!m) return undefined;
  return [m.payload, m.key, m.headers].map((s) => (s === undefined ? '-' : fingerprint(s))).join('|');
}

/** Old name → new name for the messages renamed on `address`. */
export function renamedOnTopic(
  baseline: RegistrySnapshot,
  current: RegistrySnapshot,
  address: string,
): Map<string, string> {
  const renames = new Map<string, string>();
  const before = baseline.topics.get(address);
  const after = current.topics.get(address);
  if (!before || !after) return renames;
  const gone = [...before.messages].filter((n) => !after.messages.has(n) && !current.messages.has(n)).sort();
  const added = [...after.messages].filter((n) => !before.messages.has(n) && !baseline.messages.has(n)).sort();
  const taken = new Set<string>();
  for (const oldName of gone) {
    const oldShape = shape(baseline.messages.get(oldName));
    const match = added.find((n) => !taken.has(n) && shape(current.messages.get(n)) === oldShape);
    if (match) {
      renames.set(oldName, match);
      taken.add(match);
    }
  }
  return renames;
}
