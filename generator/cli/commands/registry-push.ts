// `evc registry push`: registers the contracts' schemas in a Confluent-compatible schema registry.
// Exit 0 pushed (or nothing to push), 1 a schema was refused as incompatible, 2 could not push
// (contracts unreadable, registry unreachable/slow/HTML, credentials, a subject of another type).

import type { Command } from 'commander';
import { Option } from 'commander';
import { InputError, type ContractsOptions } from '../../pipeline/open-contracts.js';
import { reportInputError, withContractsOptions } from '../contracts-options.js';
import { openContractSubjects } from '../../schema-registry/contract-subjects.js';
import { pushSubjects } from '../../schema-registry/push.js';
import { formatPushReport, PUSH_FORMATS, type PushFormat } from '../../schema-registry/push-report.js';
import { SchemaRegistryClient } from '../../../runtime/schema-registry/client.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { registryConnectionOf } from '../registry-connection.js';

export interface RegistryPushOptions extends ContractsOptions {
  readonly registryUrl?: string;
  readonly dryRun?: boolean;
  readonly format?: string;
}

export async function runRegistryPush(options: RegistryPushOptions, io: CliIO): Promise<number> {
  const format = (options.format ?? 'text') as PushFormat;
  try {
    if (!PUSH_FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${PUSH_FORMATS.join(', ')} (got ${options.format})`);
    const connection = registryConnectionOf(options.registryUrl);
    const contracts = await openContractSubjects({ ...options, cwd: io.cwd });
    const report = await pushSubjects(new SchemaRegistryClient(connection), contracts.plan, {
      dryRun: options.dryRun ?? false,
      mode: contracts.config.mode,
    });
    io.stdout(formatPushReport(report, format));
    if (report.failure) {
      if (format === 'json') io.stderr(`evc registry push: ${report.failure.error.message}\n`);
      return EXIT.usage;
    }
    return report.outcomes.some((o) => o.action === 'refused') ? EXIT.findings : EXIT.ok;
  } catch (error) {
    if (error instanceof InputError) return reportInputError(io, 'registry push', error);
    if (error instanceof UsageError) {
      io.stderr(`evc registry push: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

export function registerRegistryPushCommand(registry: Command, io: CliIO, done: (code: number) => void): void {
  withContractsOptions(
    registry
      .command('push')
      .description('register every message schema in a Confluent-compatible schema registry and set subject levels'),
  )
    .option('--registry-url <url>', 'registry API root (default: EVC_REGISTRY_URL)')
    .option('--dry-run', 'print what would change; change nothing')
    .addOption(new Option('-f, --format <format>', 'output format').choices(PUSH_FORMATS).default('text'))
    .action(async (opts: RegistryPushOptions) => done(await runRegistryPush(opts, io)));
}
