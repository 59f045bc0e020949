// `evc check --against-registry URL`: the contracts' subjects compared with what the schema registry
// holds, by evc's rules, printed by the same reporters as every other `evc check`. Exit 0
// compatible, 1 breaking, 2 could not check (contracts unreadable, registry unreachable, …).

import { InputError, type ContractsOptions } from '../../pipeline/open-contracts.js';
import { reportInputError } from '../contracts-options.js';
import type { CompatibilityLevel, CompatibilityMode } from '../../compat/levels.js';
import { formatCheckResult, type CheckFormat } from '../../compat/report/index.js';
import { openContractSubjects } from '../../schema-registry/contract-subjects.js';
import { checkAgainstRegistry } from '../../schema-registry/registry-check.js';
import { SchemaRegistryClient } from '../../../runtime/schema-registry/client.js';
import { SchemaRegistryError } from '../../../runtime/schema-registry/errors.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { registryConnectionOf } from '../registry-connection.js';

export interface RegistryCheckOptions extends ContractsOptions {
  readonly url: string;
  readonly format: CheckFormat;
  readonly level?: CompatibilityLevel;
  readonly mode?: CompatibilityMode;
}

export async function runCheckAgainstRegistry(options: RegistryCheckOptions, io: CliIO): Promise<number> {
  try {
    const connection = registryConnectionOf(options.url);
    const contracts = await openContractSubjects({ ...options, cwd: io.cwd });
    const mode = options.mode ?? contracts.config.mode;
    const against = `registry ${connection.url}`;
    const result = await checkAgainstRegistry({
      client: new SchemaRegistryClient(connection),
      plan: contracts.plan,
      label: against,
      contractsLabel: contracts.label,
      level: options.level ?? contracts.config.compatibility,
      mode,
      ...(options.level !== undefined ? { levelOverride: options.level } : {}),
    });
    io.stdout(formatCheckResult(result, options.format, { against, mode }));
    return result.compatible ? EXIT.ok : EXIT.findings;
  } catch (error) {
    if (error instanceof InputError) return reportInputError(io, 'check', error);
    if (error instanceof UsageError || error instanceof SchemaRegistryError) {
      io.stderr(`evc check: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
