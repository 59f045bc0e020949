// Opens the contracts (the shared pipeline step: load → lint → stop on errors) and plans their
// subjects: the first step of `evc registry push` and `evc check --against-registry`. Unreadable or
// invalid contracts and bad settings are InputErrors (exit 2).

import { ConfigError } from '../compat/config-error.js';
import type { CompatibilityConfig } from '../compat/config.js';
import { readConfig } from '../compat/inputs.js';
import type { Registry } from '../model/registry.js';
import { InputError, openContracts, type ContractsOptions } from '../pipeline/open-contracts.js';
import { readSchemaRegistrySettings, SchemaRegistrySettingsError, type SchemaRegistrySettings } from './settings.js';
import { planSubjects, SubjectPlanError, type PlannedSubject } from './subject-plan.js';

export interface ContractSubjects {
  readonly label: string;
  readonly registry: Registry;
  readonly config: CompatibilityConfig;
  readonly settings: SchemaRegistrySettings;
  readonly plan: readonly PlannedSubject[];
}

export async function openContractSubjects(
  options: ContractsOptions & { readonly cwd: string },
): Promise<ContractSubjects> {
  const { source, registry } = await openContracts(options, { role: 'current' });
  const config = await readConfig(source);
  try {
    const settings = await readSchemaRegistrySettings(source);
    const plan = planSubjects(registry, settings, config.compatibility);
    return { label: source.label, registry, config, settings, plan };
  } catch (error) {
    if (
      error instanceof SchemaRegistrySettingsError ||
      error instanceof SubjectPlanError ||
      error instanceof ConfigError
    )
      throw new InputError(error.message);
    throw error;
  }
}
