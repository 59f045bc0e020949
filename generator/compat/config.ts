// Registry-wide compatibility settings: `evc.config.yaml` at the root of the contracts directory,
// `{ compatibility: LEVEL, mode: strict|lenient }`. A message may override the level with
// `x-evc-compatibility` on the message object.

import { parse } from 'yaml';
import type { MessageModel } from '../model/registry.js';
import { ContractReadError, type ContractSource } from '../load/source.js';
import {
  DEFAULT_LEVEL,
  DEFAULT_MODE,
  parseLevel,
  parseMode,
  type CompatibilityLevel,
  type CompatibilityMode,
} from './levels.js';

export const CONFIG_FILE = 'evc.config.yaml';
export const LEVEL_EXTENSION = 'x-evc-compatibility';

export interface CompatibilityConfig {
  readonly compatibility: CompatibilityLevel;
  readonly mode: CompatibilityMode;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_CONFIG: CompatibilityConfig = { compatibility: DEFAULT_LEVEL, mode: DEFAULT_MODE };

/** Reads the config through a contract source; defaults when the file does not exist. */
export async function readCompatibilityConfig(source: ContractSource): Promise<CompatibilityConfig> {
  const files = await source.list();
  if (!files.includes(CONFIG_FILE)) return DEFAULT_CONFIG;
  let text: string;
  try {
    text = await source.read(CONFIG_FILE);
  } catch (error) {
    if (error instanceof ContractReadError) return DEFAULT_CONFIG;
    throw error;
  }
  return parseCompatibilityConfig(text, source.displayPath(CONFIG_FILE));
}

export function parseCompatibilityConfig(text: string, file: string): CompatibilityConfig {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value === null || value === undefined) return DEFAULT_CONFIG;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ConfigError(`${file}: expected a mapping with 'compatibility' and 'mode'`);
  const raw = value as Record<string, unknown>;
  const compatibility = raw['compatibility'] === undefined ? DEFAULT_LEVEL : parseLevel(raw['compatibility']);
  if (!compatibility)
    throw new ConfigError(
      `${file}: compatibility must be one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE (got ${JSON.stringify(raw['compatibility'])})`,
    );
  const mode = raw['mode'] === undefined ? DEFAULT_MODE : parseMode(raw['mode']);
  if (!mode) throw new ConfigError(`${file}: mode must be strict or lenient (got ${JSON.stringify(raw['mode'])})`);
  return { compatibility, mode };
}

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
