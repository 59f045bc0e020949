// The compatibility level one message asks for with `x-evc-compatibility`. Kept apart from the config reader:
// snapshots and subject plans read it, and the config reader depends on the rule registry, whose contract
// rules read snapshots.

import type { MessageModel } from '../model/registry.js';
import { ConfigError } from './config-error.js';
import { parseLevel, type CompatibilityLevel } from './levels.js';

export const LEVEL_EXTENSION = 'x-evc-compatibility';

/** The level a message asks for with `x-evc-compatibility`, if any (invalid values are a ConfigError). */
export function messageLevel(message: Pick<MessageModel, 'name' | 'extensions'>): CompatibilityLevel | undefined {
  const raw = message.extensions[LEVEL_EXTENSION];
  if (raw === undefined) return undefined;
  const level = parseLevel(raw);
  if (!level)
    throw new ConfigError(
      `message ${message.name}: ${LEVEL_EXTENSION} must be a compatibility level such as BACKWARD or FULL_TRANSITIVE (got ${JSON.stringify(raw)})`,
    );
  return level;
}
