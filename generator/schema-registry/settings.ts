// The `schemaRegistry:` section of evc.config.yaml: which subject name strategy `evc registry push`
// and `evc check --against-registry` use, and the wire format generated producers write.
//
//   schemaRegistry:
//     subjectNameStrategy: topic        # topic (default) | record | topic-record
//     wireFormat: plain                 # plain (default) | confluent; a message may override it
//                                       # with `x-evc-wire-format`

import { parse } from 'yaml';
import { CONFIG_FILE } from '../compat/config.js';
import { ContractReadError, type ContractSource } from '../load/source.js';
import type { MessageModel } from '../model/registry.js';

export const SUBJECT_NAME_STRATEGIES = ['topic', 'record', 'topic-record'] as const;
export type SubjectNameStrategy = (typeof SUBJECT_NAME_STRATEGIES)[number];

export const WIRE_FORMATS = ['plain', 'confluent'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

/** Per-message override of the registry's wire format. */
export const WIRE_FORMAT_EXTENSION = 'x-evc-wire-format';

export interface SchemaRegistrySettings {
  readonly subjectNameStrategy: SubjectNameStrategy;
  readonly wireFormat: WireFormat;
}

export const DEFAULT_SCHEMA_REGISTRY_SETTINGS: SchemaRegistrySettings = {
  subjectNameStrategy: 'topic',
  wireFormat: 'plain',
};

export class SchemaRegistrySettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaRegistrySettingsError';
  }
}

export async function readSchemaRegistrySettings(source: ContractSource): Promise<SchemaRegistrySettings> {
  let text: string;
  try {
    text = await source.read(CONFIG_FILE);
  } catch (error) {
    if (error instanceof ContractReadError) return DEFAULT_SCHEMA_REGISTRY_SETTINGS;
    throw error;
  }
  return parseSchemaRegistrySettings(text, source.displayPath(CONFIG_FILE));
}

export function parseSchemaRegistrySettings(text: string, file: string): SchemaRegistrySettings {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new SchemaRegistrySettingsError(
      `${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const section =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['schemaRegistry'] : undefined;
  if (section === undefined || section === null) return DEFAULT_SCHEMA_REGISTRY_SETTINGS;
  if (typeof section !== 'object' || Array.isArray(section))
    throw new SchemaRegistrySettingsError(
      `${file}: schemaRegistry must be a mapping (subjectNameStrategy, wireFormat)`,
    );
  const raw = section as Record<string, unknown>;
  for (const key of Object.keys(raw))
    if (key !== 'subjectNameStrategy' && key !== 'wireFormat')
      throw new SchemaRegistrySettingsError(
        `${file}: schemaRegistry.${key} is not a setting (known: subjectNameStrategy, wireFormat)`,
      );
  const strategy = raw['subjectNameStrategy'] ?? DEFAULT_SCHEMA_REGISTRY_SETTINGS.subjectNameStrategy;
  if (!(SUBJECT_NAME_STRATEGIES as readonly unknown[]).includes(strategy))
    throw new SchemaRegistrySettingsError(
      `${file}: schemaRegistry.subjectNameStrategy must be one of ${SUBJECT_NAME_STRATEGIES.join(', ')} (got ${JSON.stringify(strategy)})`,
    );
  const wireFormat = raw['wireFormat'] ?? DEFAULT_SCHEMA_REGISTRY_SETTINGS.wireFormat;
  if (!(WIRE_FORMATS as readonly unknown[]).includes(wireFormat))
    throw new SchemaRegistrySettingsError(
      `${file}: schemaRegistry.wireFormat must be one of ${WIRE_FORMATS.join(', ')} (got ${JSON.stringify(wireFormat)})`,
    );
  return { subjectNameStrategy: strategy as SubjectNameStrategy, wireFormat: wireFormat as WireFormat };
}

/** The wire format of one message: its `x-evc-wire-format`, else the registry's. */
export function wireFormatOf(
  message: Pick<MessageModel, 'name' | 'extensions'>,
  settings: SchemaRegistrySettings,
): WireFormat {
  const raw = message.extensions[WIRE_FORMAT_EXTENSION];
  if (raw === undefined) return settings.wireFormat;
  if (!(WIRE_FORMATS as readonly unknown[]).includes(raw))
    throw new SchemaRegistrySettingsError(
      `message ${message.name}: ${WIRE_FORMAT_EXTENSION} must be one of ${WIRE_FORMATS.join(', ')} (got ${JSON.stringify(raw)})`,
    );
  return raw as WireFormat;
}
