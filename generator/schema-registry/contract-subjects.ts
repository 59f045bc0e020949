// Opens a contracts folder and plans its subjects: the shared first step of `evc registry push` and
// `evc check --against-registry`. Unreadable or invalid contracts and bad settings are InputErrors.

import { InputError, loadSide, openDirectory, readConfig } from '../compat/inputs.js';
import type { CompatibilityConfig } from '../compat/config.js';
import type { Registry } from '../model/registry.js';
import { readSchemaRegistrySettings, SchemaRegistrySettingsError, type SchemaRegistrySettings } from './settings.js';
import { planSubjects, SubjectPlanError, type PlannedSubject } from './subject-plan.js';

export interface ContractSubjects {
  readonly label: string;
  readonly registry: Registry;
  readonly config: CompatibilityConfig;
  readonly settings: SchemaRegistrySettings;
  readonly plan: readonly PlannedSubject[];
}

export async function openContractSubjects(contracts: string, cwd: string): Promise<ContractSubjects> {
  const source = await openDirectory(contracts, cwd);
  const config = await readConfig(source);
  const side = await loadSide(source, 'current');
  try {
    const settings = await readSchemaRegistrySettings(source);
    const plan = planSubjects(side.registry, settings, config.compatibility);
    return { label: source.label, registry: side.registry, config, settings, plan };
  } catch (error) {
    if (error instanceof SchemaRegistrySettingsError || error instanceof SubjectPlanError)
      throw new InputError(error.message);
    throw error;
  }
}
